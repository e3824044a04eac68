import { randomBytes } from 'node:crypto';
import { mkdir, open, readdir, readFile, rename, rm } from 'node:fs/promises';
import path from 'node:path';

/**
 * One small file of the terminal's data directory that holds a secret or a count that must survive a crash:
 * settings (the device credential), the PIN verifiers, the PIN lock-outs. Writes go to a temporary file that is
 * fsynced and renamed over the old one, and the directory is fsynced, so a crash or power cut leaves either the
 * old or the new file, never half of one. Files are 0600 and the directory 0700: they are this user's alone.
 */
export class AtomicFile {
  readonly file: string;
  private orphansRemoved = false;

  constructor(
    readonly dir: string,
    readonly name: string,
  ) {
    this.file = path.join(dir, name);
  }

  /** The file's text, or null when it does not exist. Other read errors are thrown. */
  async read(): Promise<string | null> {
    try {
      return await readFile(this.file, 'utf8');
    } catch (err) {
      if (isErrno(err, 'ENOENT')) return null;
      throw err;
    }
  }

  async write(text: string): Promise<void> {
    await mkdir(this.dir, { recursive: true, mode: 0o700 });
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
      throw err;
    }
    await syncDir(this.dir);
  }

  async remove(): Promise<void> {
    await rm(this.file, { force: true });
    await syncDir(this.dir).catch((err: unknown) => {
      if (!isErrno(err, 'ENOENT')) throw err;
    });
  }

  /** A writer killed between write and rename leaves its temporary file (perhaps with a secret in it) behind. */
  private async removeOrphans(): Promise<void> {
    if (this.orphansRemoved) return;
    const prefix = `${this.name}.`;
    const own = `${prefix}${process.pid}.`;
    for (const entry of await readdir(this.dir)) {
      if (entry.startsWith(prefix) && entry.endsWith('.tmp') && !entry.startsWith(own)) await rm(path.join(this.dir, entry), { force: true });
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

export function isErrno(err: unknown, code: string): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === code;
}
