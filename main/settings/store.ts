import { plainBox, type SecretBox } from '../pins/secret-box.js';
import { isSealed, openSealed, seal } from '../secrets/envelope.js';
import { AtomicFile } from './atomic-file.js';
import { DEFAULT_SETTINGS, settingsFileProblem, settingsProblem, upgradeSettings, type SealedCredential, type SettingsFile, type StoredSettings } from './schema.js';

/**
 * Stable codes of a data dir the main side cannot use. Every one but SETTINGS_IO stops the start with a way to
 * re-enroll (main/secrets/recovery.ts); none is ever answered by resetting the file.
 * - SETTINGS_CORRUPT: settings.json is not JSON (truncated, overwritten) or not of the expected shape.
 * - CREDENTIAL_UNDECRYPTABLE: the sealed device credential cannot be opened here (another machine or account,
 *   a lost keyring, or a data dir sealed by Electron opened without safeStorage).
 * - CREDENTIAL_CORRUPT: it opened, but what it holds is not a credential (damaged, or tampered with).
 * - PIN_VERIFIERS_CORRUPT / PIN_VERIFIERS_UNDECRYPTABLE: the same for pin-verifiers.json (main/pins/verifier-cache.ts).
 */
export type SettingsErrorCode =
  | 'SETTINGS_CORRUPT'
  | 'SETTINGS_IO'
  | 'CREDENTIAL_UNDECRYPTABLE'
  | 'CREDENTIAL_CORRUPT'
  | 'PIN_VERIFIERS_CORRUPT'
  | 'PIN_VERIFIERS_UNDECRYPTABLE';

export class SettingsError extends Error {
  constructor(
    readonly code: SettingsErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'SettingsError';
  }
}

export const SETTINGS_FILE = 'settings.json';

/** What the file held, and whether it must be written again (an older version, or secrets a real box must seal). */
interface Loaded {
  settings: StoredSettings;
  stale: boolean;
}

/**
 * Settings of one terminal, kept as JSON in its data directory and written atomically (AtomicFile: a crash leaves
 * either the old or the new file, never half of one). The device token and the main key are sealed by the
 * SecretBox (schema.ts, SettingsFile); the file is 0600 besides.
 */
export class SettingsStore {
  readonly file: string;
  private readonly store: AtomicFile;
  /** Writes of one process are serialized so that read-modify-write updates never lose each other. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    readonly dataDir: string,
    /** safeStorage in Electron when the OS offers it; the plain box in browser mode (see README). */
    readonly box: SecretBox = plainBox,
  ) {
    this.store = new AtomicFile(dataDir, SETTINGS_FILE);
    this.file = this.store.file;
  }

  /** The stored settings; defaults when the file does not exist yet. A corrupt file is an error, never a reset. */
  async load(): Promise<StoredSettings> {
    return (await this.read()).settings;
  }

  /**
   * Rewrites a settings.json of version 1 (token and main key in the clear) or one sealed by the plain box while
   * this terminal has a real one, sealed. Called once at start; any update does the same. True when it wrote.
   */
  migrate(): Promise<boolean> {
    return this.serialized(async () => {
      const { settings, stale } = await this.read();
      if (stale) await this.writeAtomically(settings);
      return stale;
    });
  }

  /** Applies `change` to the current settings and stores the result atomically. */
  update(change: (current: StoredSettings) => StoredSettings): Promise<StoredSettings> {
    return this.serialized(async () => {
      const next = change(await this.load());
      const problem = settingsProblem(next);
      if (problem) throw new SettingsError('SETTINGS_CORRUPT', `Refusing to write invalid settings: ${problem}`);
      await this.writeAtomically(next);
      return next;
    });
  }

  private serialized<T>(run: () => Promise<T>): Promise<T> {
    const result = this.queue.then(run, run);
    this.queue = result.catch(() => undefined);
    return result;
  }

  private async read(): Promise<Loaded> {
    let text: string | null;
    try {
      text = await this.store.read();
    } catch (err) {
      throw new SettingsError('SETTINGS_IO', `Cannot read ${this.file}: ${String(err)}`, { cause: err });
    }
    if (text === null) return { settings: structuredClone(DEFAULT_SETTINGS), stale: false };
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (err) {
      throw new SettingsError('SETTINGS_CORRUPT', `${this.file} is not valid JSON (${String(err)}): truncated or overwritten`, { cause: err });
    }
    const version = typeof parsed === 'object' && parsed !== null ? (parsed as { version?: unknown }).version : undefined;
    if (version === 1) return { settings: this.checked({ ...(upgradeSettings(parsed) as object), version: 2 }), stale: true };
    const fileProblem = settingsFileProblem(parsed);
    if (fileProblem) throw new SettingsError('SETTINGS_CORRUPT', `${this.file} is invalid: ${fileProblem}`);
    const { credential, ...pub } = parsed as SettingsFile;
    if (credential === null) return { settings: this.checked({ ...pub, token: null, mainKey: null }), stale: false };
    const { secrets, resealNeeded } = this.openCredential(credential);
    return { settings: this.checked({ ...pub, ...secrets }), stale: resealNeeded };
  }

  private openCredential(credential: unknown): { secrets: SealedCredential; resealNeeded: boolean } {
    if (!isSealed(credential)) throw new SettingsError('CREDENTIAL_CORRUPT', `${this.file}: the device credential is not a sealed envelope {box, payload}`);
    const opened = openSealed(this.box, credential);
    if (!opened.ok) throw new SettingsError('CREDENTIAL_UNDECRYPTABLE', `${this.file}: the device credential cannot be opened: ${opened.reason}`);
    let inner: unknown;
    try {
      inner = JSON.parse(opened.text);
    } catch {
      throw new SettingsError('CREDENTIAL_CORRUPT', `${this.file}: the device credential opened to something that is not JSON (damaged or tampered with)`);
    }
    const { token, mainKey } = (inner ?? {}) as Record<string, unknown>;
    if (typeof token !== 'string' || token === '' || (mainKey !== null && (typeof mainKey !== 'string' || mainKey === ''))) {
      throw new SettingsError('CREDENTIAL_CORRUPT', `${this.file}: the device credential lacks its token or main key`);
    }
    return { secrets: { token, mainKey }, resealNeeded: opened.resealNeeded };
  }

  private checked(value: unknown): StoredSettings {
    const problem = settingsProblem(value);
    if (problem) throw new SettingsError('SETTINGS_CORRUPT', `${this.file} is invalid: ${problem}`);
    return value as StoredSettings;
  }

  private async writeAtomically(s: StoredSettings): Promise<void> {
    const { token, mainKey, ...pub } = s;
    const credential = token === null ? null : seal(this.box, JSON.stringify({ token, mainKey } satisfies SealedCredential));
    const file: SettingsFile = { ...pub, version: 2, credential };
    try {
      await this.store.write(`${JSON.stringify(file, null, 2)}\n`);
    } catch (err) {
      throw new SettingsError('SETTINGS_IO', `Cannot write ${this.file}: ${String(err)}`, { cause: err });
    }
  }
}
