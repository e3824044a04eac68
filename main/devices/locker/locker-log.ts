import { join } from 'node:path';
import { AppendLog, type Rotation } from '../../settings/append-log.js';
import type { LockerLogEntry, LockerLogQuery } from './types.js';

export const LOCKER_LOG_FILE = 'locker-log.jsonl';
/**
 * The health view polls every board's status while it is open, and every frame is logged: without a new file now and
 * then the log, which is held in memory to be queried, would grow for as long as the terminal runs. 20,000 entries
 * are a few MB; fifty archives keep weeks of a busy bank's frames on disk for an audit.
 */
export const LOCKER_LOG_ROTATION = { entries: 20_000, keep: 50 } as const;

/**
 * The audit trail of the locker buses: every frame sent and received as hex, every dropped frame and timeout, and
 * the outcome of every open with who asked and why. Append-only, one JSON object per line (AppendLog), in a new file
 * every LOCKER_LOG_ROTATION entries; `query` reads the current file. Frames are
 * recorded without waiting for the disk, so logging never delays a door; `flush` waits for them and reports a
 * failed append, and an open does not answer before its frames are on disk.
 */
export class LockerLog {
  private readonly log: AppendLog<LockerLogEntry>;
  private last: Promise<void> = Promise.resolve();
  private failure: unknown = null;

  constructor(dataDir: string, rotation: Rotation = LOCKER_LOG_ROTATION) {
    this.log = new AppendLog(join(dataDir, LOCKER_LOG_FILE), rotation);
  }

  get file(): string {
    return this.log.file;
  }

  record(entry: LockerLogEntry): void {
    this.last = this.log.append(entry).catch((err: unknown) => {
      this.failure ??= err;
    });
  }

  /** Resolves when everything recorded so far is on disk; throws the first append that failed since last time. */
  async flush(): Promise<void> {
    await this.last;
    const failure = this.failure;
    this.failure = null;
    if (failure) throw failure instanceof Error ? failure : new Error(String(failure));
  }

  async query(q: LockerLogQuery = {}): Promise<LockerLogEntry[]> {
    await this.flush();
    const limit = Math.max(1, Math.min(q.limit ?? 200, 5000));
    const entries = await this.log.all();
    const out: LockerLogEntry[] = [];
    for (let i = entries.length - 1; i >= 0 && out.length < limit; i--) {
      const e = entries[i];
      if (e && (q.bankId === undefined || e.bankId === q.bankId)) out.push(e);
    }
    return out;
  }
}
