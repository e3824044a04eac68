import { appendFile, mkdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';

export interface RotatingLogOptions {
  /** The folder the files go in (DATA_DIR/logs). */
  dir: string;
  /** `main` gives main.log, main.1.log … main.(files-1).log, newest first. */
  name: string;
  /** A file is rotated before a write would take it past this size (default 1 MB). */
  maxBytes?: number;
  /** How many files are kept, the current one included (default 5). */
  maxFiles?: number;
}

export const DEFAULT_MAX_BYTES = 1024 * 1024;
export const DEFAULT_MAX_FILES = 5;

/**
 * An append-only text log that never grows past maxBytes × maxFiles on a terminal's disk. Writes are queued one
 * after another, so the size check and the rotation never race a write of the same process; a write that fails
 * (the disk is full) is dropped rather than breaking the caller: a log must never stop the work it records.
 */
export class RotatingLog {
  readonly dir: string;
  readonly name: string;
  private readonly maxBytes: number;
  private readonly maxFiles: number;
  private size: number | null = null;
  private queue: Promise<void> = Promise.resolve();

  constructor(opts: RotatingLogOptions) {
    this.dir = opts.dir;
    this.name = opts.name;
    this.maxBytes = opts.maxBytes ?? DEFAULT_MAX_BYTES;
    this.maxFiles = Math.max(1, opts.maxFiles ?? DEFAULT_MAX_FILES);
  }

  /** The file of generation n: 0 is the one being written. */
  file(n = 0): string {
    return path.join(this.dir, n === 0 ? `${this.name}.log` : `${this.name}.${n}.log`);
  }

  /** Every file this log may have, newest first (some may not exist yet). */
  files(): string[] {
    return Array.from({ length: this.maxFiles }, (_, n) => this.file(n));
  }

  /** Appends whole lines; each gets a newline. Resolves once written (or dropped). */
  write(lines: readonly string[]): Promise<void> {
    if (lines.length === 0) return this.queue;
    const text = lines.map((l) => `${l}\n`).join('');
    const next = this.queue.then(() => this.append(text));
    this.queue = next.catch(() => undefined);
    return this.queue;
  }

  /** Resolves when everything written so far is on disk. */
  flush(): Promise<void> {
    return this.queue;
  }

  private async append(text: string): Promise<void> {
    const bytes = Buffer.byteLength(text);
    if (this.size === null) {
      await mkdir(this.dir, { recursive: true, mode: 0o700 });
      this.size = await stat(this.file()).then((s) => s.size, () => 0);
    }
    // A file that already holds something is rotated before it would overflow; an empty one takes even an
    // oversized batch, so one long line is never lost to rotation.
    if (this.size > 0 && this.size + bytes > this.maxBytes) await this.rotate();
    try {
      await appendFile(this.file(), text, { mode: 0o600 });
      this.size += bytes;
    } catch {
      this.size = null;
    }
  }

  private async rotate(): Promise<void> {
    await rm(this.file(this.maxFiles - 1), { force: true });
    for (let n = this.maxFiles - 2; n >= 0; n--) {
      await rename(this.file(n), this.file(n + 1)).catch(() => undefined);
    }
    this.size = 0;
  }
}
