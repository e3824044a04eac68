import { appendFile, mkdir, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';

/**
 * An append-only JSON Lines file: the terminal's audit trails (print-log.jsonl, terminal-changes.jsonl). Appends
 * are queued, so they land in call order; a line torn by a crash mid-append is left as it is and the next entry
 * starts a fresh line. Held in memory once read.
 */
export class AppendLog<T> {
  private entries: T[] | null = null;
  private torn = false;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(readonly file: string) {}

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
    this.entries = complete.filter((l) => l.trim() !== '').map((l, i) => {
      try {
        return JSON.parse(l) as T;
      } catch (err) {
        throw new Error(`${this.file} line ${i + 1} is not JSON: ${String(err)}`, { cause: err });
      }
    });
    return this.entries;
  }

  append(entry: T): Promise<void> {
    const run = async () => {
      await this.all();
      await mkdir(dirname(this.file), { recursive: true });
      await appendFile(this.file, `${this.torn ? '\n' : ''}${JSON.stringify(entry)}\n`, 'utf8');
      this.torn = false;
      this.entries?.push(entry);
    };
    const result = this.queue.then(run, run);
    this.queue = result.catch(() => undefined);
    return result;
  }
}
