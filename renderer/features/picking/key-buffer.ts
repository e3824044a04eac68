import { SHORT_REASONS, type ShortReason } from '../../../sync/model/index.js';

/**
 * Single keys on the pick screen are commands (S short, P print, B build, digits a quantity), but a scanner "types"
 * its codes through the same keyboard, and "LOC:A1-S2-B3" contains an S and digits. So keys are held back for a
 * moment: a scan that completes takes them (drop), a human key is delivered once no further key follows quickly,
 * or at once when a non-scan Enter needs them first (flush).
 */
export interface Scheduler {
  set(fn: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

export const browserScheduler: Scheduler = {
  set: (fn, ms) => setTimeout(fn, ms),
  clear: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** Longer than the scanner detector's gap between characters (35 ms), so a burst is never split. */
export const HOLD_MS = 60;

export class KeyBuffer {
  private pending: string[] = [];
  private timer: unknown = null;

  constructor(
    private readonly deliver: (keys: string[]) => void,
    private readonly scheduler: Scheduler = browserScheduler,
    private readonly holdMs = HOLD_MS,
  ) {}

  push(key: string): void {
    this.pending.push(key);
    if (this.timer !== null) this.scheduler.clear(this.timer);
    this.timer = this.scheduler.set(() => this.flush(), this.holdMs);
  }

  /** Delivers what is held now (a typed Enter follows and must see the digits before it). */
  flush(): void {
    this.stop();
    const keys = this.pending;
    this.pending = [];
    if (keys.length > 0) this.deliver(keys);
  }

  /** A scan completed: the held keys were its characters. */
  drop(): void {
    this.stop();
    this.pending = [];
  }

  private stop(): void {
    if (this.timer !== null) this.scheduler.clear(this.timer);
    this.timer = null;
  }
}

export type KeyCommand =
  | { type: 'digit'; digit: string }
  | { type: 'backspace' }
  | { type: 'short' }
  | { type: 'reason'; reason: ShortReason }
  | { type: 'print' }
  | { type: 'build' }
  | { type: 'none' };

/** What a human key means on the pick screen; digits 1–4 choose a short reason while the reason prompt is open. */
export function keyCommand(key: string, reasonPrompt: boolean): KeyCommand {
  if (reasonPrompt && /^[1-9]$/.test(key)) {
    const reason = SHORT_REASONS[Number(key) - 1];
    return reason ? { type: 'reason', reason } : { type: 'none' };
  }
  if (/^[0-9]$/.test(key)) return { type: 'digit', digit: key };
  if (key === 'Backspace') return { type: 'backspace' };
  switch (key.toLowerCase()) {
    case 's':
      return { type: 'short' };
    case 'p':
      return { type: 'print' };
    case 'b':
      return { type: 'build' };
    default:
      return { type: 'none' };
  }
}
