import { AtomicFile } from './atomic-file.js';
import { DEFAULT_SETTINGS, settingsProblem, upgradeSettings, type StoredSettings } from './schema.js';

export type SettingsErrorCode = 'SETTINGS_CORRUPT' | 'SETTINGS_IO';

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

/**
 * Settings of one terminal, kept as JSON in its data directory and written atomically (AtomicFile: a crash leaves
 * either the old or the new file, never half of one). The file holds the device credential, so it is 0600.
 */
export class SettingsStore {
  readonly file: string;
  private readonly store: AtomicFile;
  /** Writes of one process are serialized so that read-modify-write updates never lose each other. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(readonly dataDir: string) {
    this.store = new AtomicFile(dataDir, SETTINGS_FILE);
    this.file = this.store.file;
  }

  /** The stored settings; defaults when the file does not exist yet. A corrupt file is an error, never a reset. */
  async load(): Promise<StoredSettings> {
    let text: string | null;
    try {
      text = await this.store.read();
    } catch (err) {
      throw new SettingsError('SETTINGS_IO', `Cannot read ${this.file}: ${String(err)}`, { cause: err });
    }
    if (text === null) return structuredClone(DEFAULT_SETTINGS);
    let parsed: unknown;
    try {
      parsed = upgradeSettings(JSON.parse(text));
    } catch (err) {
      throw new SettingsError('SETTINGS_CORRUPT', `${this.file} is not valid JSON (${String(err)}); fix or remove it`, { cause: err });
    }
    const problem = settingsProblem(parsed);
    if (problem) throw new SettingsError('SETTINGS_CORRUPT', `${this.file} is invalid: ${problem}; fix or remove it`);
    return parsed as StoredSettings;
  }

  /** Applies `change` to the current settings and stores the result atomically. */
  update(change: (current: StoredSettings) => StoredSettings): Promise<StoredSettings> {
    const run = async () => {
      const next = change(await this.load());
      const problem = settingsProblem(next);
      if (problem) throw new SettingsError('SETTINGS_CORRUPT', `Refusing to write invalid settings: ${problem}`);
      await this.writeAtomically(`${JSON.stringify(next, null, 2)}\n`);
      return next;
    };
    const result = this.queue.then(run, run);
    this.queue = result.catch(() => undefined);
    return result;
  }

  private async writeAtomically(text: string): Promise<void> {
    try {
      await this.store.write(text);
    } catch (err) {
      throw new SettingsError('SETTINGS_IO', `Cannot write ${this.file}: ${String(err)}`, { cause: err });
    }
  }
}
