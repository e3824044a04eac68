import { join } from 'node:path';
import { AppendLog } from '../../settings/append-log.js';
import type { PrintLogEntry, PrintLogQuery } from './types.js';

export const PRINT_LOG_FILE = 'print-log.jsonl';

/**
 * The audit trail of every label sent to a printer: one JSON object per line, only ever appended. Reprints are
 * allowed, and this is where they show up, with who, where, when and why.
 */
export class PrintLog {
  readonly file: string;
  private readonly log: AppendLog<PrintLogEntry>;

  constructor(readonly dataDir: string) {
    this.file = join(dataDir, PRINT_LOG_FILE);
    this.log = new AppendLog(this.file);
  }

  append(entry: PrintLogEntry): Promise<void> {
    return this.log.append(entry);
  }

  /** The last successfully printed entry for a package, the source of a reprint. */
  async lastSent(packageId: string): Promise<PrintLogEntry | undefined> {
    const entries = await this.log.all();
    for (let i = entries.length - 1; i >= 0; i--) {
      const e = entries[i];
      if (e && e.packageId === packageId && e.outcome === 'sent') return e;
    }
    return undefined;
  }

  async query(q: PrintLogQuery = {}): Promise<PrintLogEntry[]> {
    const entries = await this.log.all();
    const limit = Math.max(1, Math.min(q.limit ?? 200, 5000));
    return entries
      .filter((e) => (q.packageId === undefined || e.packageId === q.packageId) && (q.orderId === undefined || e.orderId === q.orderId))
      .slice(-limit)
      .reverse();
  }
}
