import { appendFile, mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { PrintLogEntry, PrintLogQuery } from './types.js';

export const PRINT_LOG_FILE = 'print-log.jsonl';

/**
 * The audit trail of every label sent to a printer: one JSON object per line, only ever appended. Reprints are
 * allowed, and this is where they show up, with who, where, when and why.
 */
export class PrintLog {
  readonly file: string;
  private entries: PrintLogEntry[] | null = null;
  /** The file ends in a torn line (a crash mid-append): the next append starts a fresh line. */
  private torn = false;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(readonly dataDir: string) {
    this.file = join(dataDir, PRINT_LOG_FILE);
  }

  private async load(): Promise<PrintLogEntry[]> {
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
        return JSON.parse(l) as PrintLogEntry;
      } catch (err) {
        throw new Error(`${this.file} line ${i + 1} is not JSON: ${String(err)}`, { cause: err });
      }
    });
    return this.entries;
  }

  append(entry: PrintLogEntry): Promise<void> {
    const run = async () => {
      const entries = await this.load();
      await mkdir(this.dataDir, { recursive: true });
      await appendFile(this.file, `${this.torn ? '\n' : ''}${JSON.stringify(entry)}\n`, 'utf8');
      this.torn = false;
      entries.push(entry);
    };
    const result = this.queue.then(run, run);
    this.queue = result.catch(() => undefined);
    return result;
  }

  /** The last successfully printed entry for a package, the source of a reprint. */
  async lastSent(packageId: string): Promise<PrintLogEntry | undefined> {
    const entries = await this.load();
    for (let i = entries.length - 1; i >= 0; i--) {
      const e = entries[i];
      if (e && e.packageId === packageId && e.outcome === 'sent') return e;
    }
    return undefined;
  }

  async query(q: PrintLogQuery = {}): Promise<PrintLogEntry[]> {
    const entries = await this.load();
    const limit = Math.max(1, Math.min(q.limit ?? 200, 5000));
    return entries
      .filter((e) => (q.packageId === undefined || e.packageId === q.packageId) && (q.orderId === undefined || e.orderId === q.orderId))
      .slice(-limit)
      .reverse();
  }
}
