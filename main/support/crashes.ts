import type { RendererCrash } from '../contract.js';

/** A page that crashes this many times within CRASH_WINDOW_MS is not reloaded again: a reload loop helps nobody. */
export const CRASH_LIMIT = 3;
export const CRASH_WINDOW_MS = 60_000;

/** Pure: whether a crash at `now` (after the earlier crash times given) should reload the page. */
export function shouldReload(earlier: readonly number[], now: number): boolean {
  return earlier.filter((t) => now - t < CRASH_WINDOW_MS).length < CRASH_LIMIT;
}

/**
 * The renderer's crashes as main saw them: the Electron shell records each one, reloads the page when
 * shouldReload says so, and the reloaded page asks lastCrash() to tell the operator what happened.
 */
export class CrashNotes {
  private readonly times = new Map<RendererCrash['window'], number[]>();
  private last: RendererCrash | null = null;

  /** Records a crash and decides whether the page is reloaded. */
  record(crash: Omit<RendererCrash, 'reloaded'>, now = Date.parse(crash.at)): RendererCrash {
    const earlier = this.times.get(crash.window) ?? [];
    const reloaded = shouldReload(earlier, now);
    this.times.set(crash.window, [...earlier.filter((t) => now - t < CRASH_WINDOW_MS), now]);
    this.last = { ...crash, reloaded };
    return this.last;
  }

  /** The last crash, once. */
  take(): RendererCrash | null {
    const crash = this.last;
    this.last = null;
    return crash;
  }
}
