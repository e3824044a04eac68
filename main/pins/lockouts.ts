import { AtomicFile } from '../settings/atomic-file.js';

export const LOCKOUTS_FILE = 'pin-lockouts.json';

/** Wrong PINs of one operator on this terminal: counts and a time, never the PIN or anything derived from it. */
export interface PinFailures {
  failures: number;
  lastFailureAtMs: number;
}

export const NO_FAILURES: PinFailures = { failures: 0, lastFailureAtMs: 0 };

/**
 * The lock-out counters, in the main side's data directory: neither a page reload nor devtools reaches them. Each
 * change is on disk (atomically, fsynced) before the answer that depends on it is given.
 */
export class LockoutStore {
  private readonly file: AtomicFile;
  private counts: Map<string, PinFailures> | undefined;

  constructor(dataDir: string) {
    this.file = new AtomicFile(dataDir, LOCKOUTS_FILE);
  }

  async read(operatorId: string): Promise<PinFailures> {
    return (await this.all()).get(operatorId) ?? NO_FAILURES;
  }

  async write(operatorId: string, f: PinFailures): Promise<void> {
    const next = new Map(await this.all());
    if (f.failures === 0) next.delete(operatorId);
    else next.set(operatorId, { failures: f.failures, lastFailureAtMs: f.lastFailureAtMs });
    await this.file.write(`${JSON.stringify({ version: 1, operators: Object.fromEntries(next) }, null, 1)}\n`);
    this.counts = next;
  }

  /**
   * A damaged file is an error, never a reset: resetting would hand out fresh attempts. Atomic writes cannot
   * leave one, so it means someone edited it; support removes it knowingly.
   */
  private async all(): Promise<Map<string, PinFailures>> {
    if (this.counts) return this.counts;
    const text = await this.file.read();
    const counts = new Map<string, PinFailures>();
    if (text !== null) {
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
      } catch {
        parsed = null;
      }
      const operators = (parsed as { version?: unknown; operators?: unknown } | null)?.operators;
      if ((parsed as { version?: unknown } | null)?.version !== 1 || typeof operators !== 'object' || operators === null) {
        throw new Error(`${this.file.file} is damaged; PIN sign-in is refused until it is fixed or removed`);
      }
      for (const [id, v] of Object.entries(operators)) {
        const f = v as Partial<PinFailures>;
        if (!Number.isInteger(f.failures) || typeof f.lastFailureAtMs !== 'number' || !Number.isFinite(f.lastFailureAtMs)) {
          throw new Error(`${this.file.file} is damaged at "${id}"; PIN sign-in is refused until it is fixed or removed`);
        }
        counts.set(id, { failures: f.failures as number, lastFailureAtMs: f.lastFailureAtMs });
      }
    }
    this.counts = counts;
    return counts;
  }
}
