import { mkdir, open, readdir, readFile, rename, rm } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { DEFAULT_SETTINGS, settingsProblem, type StoredSettings } from './schema.js';

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
 * Settings of one terminal, kept as JSON in its data directory. Writes go to a temporary file that is fsynced and
 * renamed over the old one, so a crash leaves either the old or the new file, never half of one. The file holds
 * the device token, so it is created with mode 0600 and the directory with 0700.
 */
export class SettingsStore {
  readonly file: string;
  /** Writes of one process are serialized so that read-modify-write updates never lose each other. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(readonly dataDir: string) {
    this.file = path.join(dataDir, SETTINGS_FILE);
  }

  /** The stored settings; defaults when the file does not exist yet. A corrupt file is an error, never a reset. */
  async load(): Promise<StoredSettings> {
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (err) {
      if (isErrno(err, 'ENOENT')) return structuredClone(DEFAULT_SETTINGS);
      throw new SettingsError('SETTINGS_IO', `Cannot read ${this.file}: ${String(err)}`, { cause: err });
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
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
    await mkdir(this.dataDir, { recursive: true, mode: 0o700 });
    await this.removeOrphans();
    const tmp = `${this.file}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
    try {
      const handle = await open(tmp, 'wx', 0o600);
      try {
        await handle.writeFile(text, 'utf8');
        await handle.sync();
      } finally {
        await handle.close();
      }
      await rename(tmp, this.file);
    } catch (err) {
      await rm(tmp, { force: true });
      throw new SettingsError('SETTINGS_IO', `Cannot write ${this.file}: ${String(err)}`, { cause: err });
    }
    await syncDir(this.dataDir);
  }

  private orphansRemoved = false;

  /** A writer killed between write and rename leaves its temporary file (with a token in it) behind. */
  private async removeOrphans(): Promise<void> {
    if (this.orphansRemoved) return;
    const prefix = `${SETTINGS_FILE}.`;
    const own = `${prefix}${process.pid}.`;
    for (const name of await readdir(this.dataDir)) {
      if (name.startsWith(prefix) && name.endsWith('.tmp') && !name.startsWith(own)) await rm(path.join(this.dataDir, name), { force: true });
    }
    this.orphansRemoved = true;
  }
}

/** Makes the rename durable: without it a power cut can forget the directory entry. */
async function syncDir(dir: string): Promise<void> {
  if (process.platform === 'win32') return; // Windows cannot open a directory for fsync.
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

function isErrno(err: unknown, code: string): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === code;
}
