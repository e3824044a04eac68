import { appendFile, mkdir, readFile, readdir, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/**
 * When a log starts a new file: after `entries` entries, the current file is renamed with the time it was closed
 * and a sequence number (locker-log.2026-12-02T15-40-00-000Z-000.jsonl), and the newest `keep` such archives are
 * kept, older ones deleted.
 */
export interface Rotation {
  entries: number;
  keep: number;
}

/**
 * An append-only JSON Lines file: the terminal's audit trails (print-log.jsonl, terminal-changes.jsonl). Appends
 * are queued, so they land in call order; a line torn by a crash mid-append is left as it is and the next entry
 * starts a fresh line. Held in memory once read.
 */
export class AppendLog<T> {
  private entries: T[] | null = null;
  private torn = false;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    readonly file: string,
    private readonly rotation?: Rotation,
  ) {}

  /** Every entry, oldest first. */
  async all(): Promise<readonly T[]> {
    if (this.entries) return this.entries;
    let text = '';
    try {
      text = await readFile(this.file, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
    // The last element is '' after a final newline, or a torn line a crash left mid-append: either way not an entry.
    const complete = text.split('\n').slice(0, -1);
    this.torn = text !== '' && !text.endsWith('\n');
    const entries: T[] = [];
    complete.forEach((line, i) => {
      if (line.trim() === '') return;
      try {
        entries.push(JSON.parse(line) as T);
      } catch (err) {
        // A line torn by a crash, which the next append ended with its own newline: the entry was never written
        // whole. Refusing the whole file for it would lose every entry after it too; it is left in the file and said.
        console.warn(`${this.file} line ${i + 1} is not a whole entry (torn by a crash?), skipped: ${String(err)}`);
      }
    });
    this.entries = entries;
    return this.entries;
  }

  append(entry: T): Promise<void> {
    const run = async () => {
      await this.all();
      await mkdir(dirname(this.file), { recursive: true });
      await appendFile(this.file, `${this.torn ? '\n' : ''}${JSON.stringify(entry)}\n`, 'utf8');
      this.torn = false;
      this.entries?.push(entry);
      if (this.rotation && (this.entries?.length ?? 0) >= this.rotation.entries) await this.rotate(this.rotation.keep);
    };
    const result = this.queue.then(run, run);
    this.queue = result.catch(() => undefined);
    return result;
  }

  /** Only inside the append queue: no append runs between the rename and the fresh start. */
  private async rotate(keep: number): Promise<void> {
    const stem = basename(this.file, '.jsonl');
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    // Two rotations in one millisecond must not share a name: the rename would replace the earlier archive.
    const listed = await readdir(dirname(this.file));
    let n = 0;
    const nameOf = (i: number) => `${stem}.${stamp}-${String(i).padStart(3, '0')}.jsonl`;
    while (listed.includes(nameOf(n))) n++;
    await rename(this.file, join(dirname(this.file), nameOf(n)));
    this.entries = [];
    // ISO stamps, then the sequence number, sort by time as text.
    const archives = [...listed, nameOf(n)].filter((f) => f.startsWith(`${stem}.`) && f.endsWith('.jsonl') && f !== basename(this.file)).sort();
    for (const old of archives.slice(0, Math.max(0, archives.length - keep))) await rm(join(dirname(this.file), old), { force: true });
  }
}
