import { SHORT_REASONS, type ShortReason } from '../../../sync/model/index.js';
import type { ScanOptions } from '../../ui/scanner.js';
import { currentScanOptions } from '../../ui/scanner-settings.js';

/**
 * Single keys on the pick screen are commands (S short, P print, B build, K keyed entry, digits a quantity or a
 * tote), but a scanner "types" its codes through the same keyboard, and "LOC:A1-S2-B3" contains an S and digits.
 * So keys are held back for a moment: a scan that completes takes them (drop), a human key is delivered once no
 * further key follows quickly, or at once when a non-scan Enter needs them first (flush). How long depends on
 * the key: a digit only goes into the typed number (a scan clears it), so it waits for the scanner's gap; a
 * letter is a command, and a busy page can read a scan's letters late, so it waits for the scanner's settle
 * time; a burst (a scanner typing) waits for its suffix.
 */
export interface Scheduler {
  set(fn: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

export const browserScheduler: Scheduler = {
  set: (fn, ms) => setTimeout(fn, ms),
  clear: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

type Timing = Pick<ScanOptions, 'maxGapMs' | 'settleMs' | 'suffixGapMs'>;

/** How long a key is held before it counts as typed by a person. */
export function holdFor(key: string, inBurst: boolean, timing: Timing): number {
  if (inBurst) return timing.suffixGapMs + 20;
  return /^\p{L}$/u.test(key) ? timing.settleMs + 15 : timing.maxGapMs + 25;
}

export class KeyBuffer {
  private pending: string[] = [];
  private timer: unknown = null;
  private lastAt = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly deliver: (keys: string[]) => void,
    private readonly scheduler: Scheduler = browserScheduler,
    private readonly timing: () => Timing = currentScanOptions,
  ) {}

  /** A character key with its KeyboardEvent.timeStamp. */
  push(key: string, at: number): void {
    const timing = this.timing();
    const inBurst = this.pending.length > 0 && at - this.lastAt <= timing.maxGapMs;
    this.lastAt = at;
    this.pending.push(key);
    if (this.timer !== null) this.scheduler.clear(this.timer);
    // The held keys go together, so they wait as long as the most careful of them needs.
    const hold = Math.max(...this.pending.map((k, i) => holdFor(k, inBurst && i === this.pending.length - 1, timing)));
    this.timer = this.scheduler.set(() => this.flush(), hold);
  }

  /** Delivers what is held now (a typed Enter follows and must see the digits before it). */
  flush(): void {
    this.stop();
    const keys = this.pending;
    this.pending = [];
    if (keys.length > 0) this.deliver(keys);
  }

  /** A scan completed (or was read incomplete): the held keys were its characters. */
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
  | { type: 'keyed' }
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
    case 'k':
      return { type: 'keyed' };
    default:
      return { type: 'none' };
  }
}
