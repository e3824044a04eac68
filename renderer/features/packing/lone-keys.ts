import { DEFAULT_SCAN_OPTIONS } from '../../ui/scanner.js';

export interface Timers {
  set(fn: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

const realTimers: Timers = {
  set: (fn, ms) => setTimeout(fn, ms),
  clear: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/**
 * Single-key shortcuts on a scanning screen. A wedge scanner "types" its code as key presses, so the U and 1 of
 * "SKU-1" would unpack and switch packages before the Enter told anyone it was a scan. A character key acts only
 * when it stands alone: no character came just before it and none follows within the scanner's gap.
 */
export class LoneKeys {
  private lastAt = Number.NEGATIVE_INFINITY;
  private timer: unknown = null;

  constructor(
    private readonly fire: (key: string) => void,
    private readonly gapMs: number = DEFAULT_SCAN_OPTIONS.maxGapMs,
    private readonly timers: Timers = realTimers,
  ) {}

  /** Feed every character key press (KeyboardEvent.key of length 1) with its KeyboardEvent.timeStamp. */
  press(key: string, at: number): void {
    const inBurst = at - this.lastAt <= this.gapMs;
    this.lastAt = at;
    this.cancel();
    if (inBurst) return;
    // Slightly longer than the gap, so the next character of a burst always arrives first.
    this.timer = this.timers.set(() => {
      this.timer = null;
      this.fire(key);
    }, this.gapMs + 15);
  }

  cancel(): void {
    if (this.timer !== null) this.timers.clear(this.timer);
    this.timer = null;
  }
}
