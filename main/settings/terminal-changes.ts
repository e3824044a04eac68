import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { TerminalChange, TerminalChangeQuery } from '../contract.js';
import { AppendLog } from './append-log.js';

export const TERMINAL_CHANGES_FILE = 'terminal-changes.jsonl';

/**
 * The audit trail of changes to this terminal's own set-up (its printers; the lockers to come): who, when, what it
 * was before and after. One JSON object per line in the data dir, only ever appended, like the print log. The
 * renderer checks the operator may (terminal.configure, a manager) before it asks; this file says who did.
 */
export class TerminalChangeLog {
  private readonly log: AppendLog<TerminalChange>;

  constructor(
    dataDir: string,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.log = new AppendLog(join(dataDir, TERMINAL_CHANGES_FILE));
  }

  async record(change: Omit<TerminalChange, 'id' | 'at'>): Promise<TerminalChange> {
    const entry: TerminalChange = { id: randomUUID(), at: this.now().toISOString(), ...change };
    await this.log.append(entry);
    return entry;
  }

  /** Newest first. */
  async list(q: TerminalChangeQuery = {}): Promise<TerminalChange[]> {
    const limit = Math.max(1, Math.min(q.limit ?? 50, 1000));
    return (await this.log.all()).slice(-limit).reverse();
  }
}
