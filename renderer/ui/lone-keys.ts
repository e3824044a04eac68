import type { ScanOptions } from './scanner.js';
import { currentScanOptions } from './scanner-settings.js';

export interface Timers {
  set(fn: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

const realTimers: Timers = {
  set: (fn, ms) => setTimeout(fn, ms),
  clear: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** Letters are commands (N new package, K keyed entry…) and codes are full of them: they wait for the scan to settle. */
const isLetter = (key: string) => /^\p{L}$/u.test(key);

/**
 * Single-key shortcuts on a scanning screen. A wedge scanner "types" its code as key presses, so the U and 1 of
 * "SKU-1" would unpack and switch packages before the Enter told anyone it was a scan. A character key acts only
 * when it stands alone: no character came just before it and none follows within the scanner's gap. A letter
 * needs a longer quiet around it (the scanner's settle time), because a busy page can read a scan's keys late, and
 * a late letter of a code must not act as a command.
 */
export class LoneKeys {
  private lastAt = Number.NEGATIVE_INFINITY;
  private timer: unknown = null;

  constructor(
    private readonly fire: (key: string) => void,
    /** This terminal's scanner timing, read at each key (Settings can change it). */
    private readonly timing: () => Pick<ScanOptions, 'maxGapMs' | 'settleMs'> = currentScanOptions,
    private readonly timers: Timers = realTimers,
  ) {}

  /** Feed every character key press (KeyboardEvent.key of length 1) with its KeyboardEvent.timeStamp. */
  press(key: string, at: number): void {
    const { maxGapMs, settleMs } = this.timing();
    const quiet = isLetter(key) ? settleMs : maxGapMs;
    const inBurst = at - this.lastAt <= quiet;
    this.lastAt = at;
    this.cancel();
    if (inBurst) return;
    // Slightly longer than the quiet time, so the next character of a burst always arrives first.
    this.timer = this.timers.set(() => {
      this.timer = null;
      this.fire(key);
    }, quiet + 15);
  }

  cancel(): void {
    if (this.timer !== null) this.timers.clear(this.timer);
    this.timer = null;
  }
}
