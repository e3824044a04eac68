/**
 * Barcode scanners are keyboard wedges: they "type" the code much faster than a person can, then press Enter.
 * This detector tells the two apart by the time between keys alone. It is a pure fold over key presses, so it
 * can be tested without a DOM and fed from any keyboard source.
 */

export interface ScanOptions {
  /** Longest gap between two characters of one scan. People rarely type 4 keys in a row this fast. */
  maxGapMs: number;
  /** Shortest code that counts as a scan; shorter bursts are key rollover, not a scanner. */
  minLength: number;
  /** Longest gap between the last character and the Enter suffix (some scanners pause before the suffix). */
  suffixGapMs: number;
}

export const DEFAULT_SCAN_OPTIONS: ScanOptions = { maxGapMs: 35, minLength: 4, suffixGapMs: 60 };

export interface ScanState {
  buffer: string;
  /** Time of the last character in the buffer; null when the buffer is empty. */
  lastAt: number | null;
}

export const EMPTY_SCAN_STATE: ScanState = { buffer: '', lastAt: null };

export interface KeyPress {
  /** KeyboardEvent.key */
  key: string;
  /** A monotonic time in milliseconds (KeyboardEvent.timeStamp). */
  at: number;
  /** Ctrl, Alt or Meta held: a shortcut, never part of a scan. */
  withModifier?: boolean;
}

export interface ScanStep {
  state: ScanState;
  /** The scanned code, on the Enter that completes a scan. */
  scan: string | null;
  /** Whether this key press completed a scan and should not reach the rest of the app. */
  consumed: boolean;
}

/** Keys a scanner may send between characters without breaking the burst (Shift for upper case). */
const TRANSPARENT_KEYS = new Set(['Shift', 'CapsLock']);

function isCharacter(key: string): boolean {
  // Named keys ("ArrowUp", "Tab") are longer than one code point; characters are exactly one.
  return [...key].length === 1;
}

export function feedKey(state: ScanState, press: KeyPress, options: ScanOptions = DEFAULT_SCAN_OPTIONS): ScanStep {
  if (TRANSPARENT_KEYS.has(press.key)) return { state, scan: null, consumed: false };
  if (press.withModifier) return { state: EMPTY_SCAN_STATE, scan: null, consumed: false };

  if (press.key === 'Enter') {
    const quick = state.lastAt !== null && press.at - state.lastAt <= options.suffixGapMs;
    if (quick && state.buffer.length >= options.minLength) {
      return { state: EMPTY_SCAN_STATE, scan: state.buffer, consumed: true };
    }
    return { state: EMPTY_SCAN_STATE, scan: null, consumed: false };
  }

  if (!isCharacter(press.key)) return { state: EMPTY_SCAN_STATE, scan: null, consumed: false };

  const continues = state.lastAt !== null && press.at - state.lastAt <= options.maxGapMs;
  // A slow key starts a new candidate burst: the person may have typed a letter just before a scan.
  const buffer = continues ? state.buffer + press.key : press.key;
  return { state: { buffer, lastAt: press.at }, scan: null, consumed: false };
}

/** Runs a whole sequence of key presses; returns every scan found. Handy for tests and replays. */
export function detectScans(presses: readonly KeyPress[], options: ScanOptions = DEFAULT_SCAN_OPTIONS): string[] {
  const scans: string[] = [];
  let state = EMPTY_SCAN_STATE;
  for (const press of presses) {
    const step = feedKey(state, press, options);
    state = step.state;
    if (step.scan !== null) scans.push(step.scan);
  }
  return scans;
}
