/**
 * Barcode scanners are keyboard wedges: they "type" the code, then send a suffix key (Enter, or Tab). This detector
 * tells a scan from a person's typing in one of two ways, chosen per terminal in Settings:
 *
 * - **By timing** (any scanner, the default): the code's keys come much faster than a person types. A page that is
 *   busy can read some keys late (a wedge typing at 5 ms a key once arrived as "691021" slowly and "1000017" fast),
 *   so a fast burst that other keys came just before, or that a pause broke, is reported *incomplete*: never as a
 *   shorter code that happens to look like a scan.
 * - **By prefix** (a scanner set up to send a character before every code): everything from the prefix to the
 *   suffix is the scan, however slowly it arrives, and none of its keys reach the screen.
 *
 * It is a pure fold over key presses, so it is tested without a DOM and fed from any keyboard source.
 */

export const SCAN_SUFFIXES = ['Enter', 'Tab'] as const;
export type ScanSuffix = (typeof SCAN_SUFFIXES)[number];

export interface ScanOptions {
  /** Longest gap between two characters of one scan (timing mode). People rarely type 4 keys in a row this fast. */
  maxGapMs: number;
  /** Shortest code that counts as a scan (timing mode); shorter bursts are key rollover, not a scanner. */
  minLength: number;
  /** Longest gap between the last character and the suffix (some scanners, and busy pages, pause before it). */
  suffixGapMs: number;
  /**
   * Keys this close to a fast burst belong with it (timing mode): a pause longer than this separates a person's
   * typing from a scan; anything shorter makes the burst suspect.
   */
  settleMs: number;
  /** The key the scanner sends after each code. */
  suffix: ScanSuffix;
  /** A character the scanner sends before each code; '' reads scans by timing. */
  prefix: string;
  /** Prefix mode: a scan whose next key has not come this long after the last one is abandoned as incomplete. */
  prefixTimeoutMs: number;
}

export const DEFAULT_SCAN_OPTIONS: ScanOptions = {
  maxGapMs: 35,
  minLength: 4,
  suffixGapMs: 200,
  settleMs: 250,
  suffix: 'Enter',
  prefix: '',
  prefixTimeoutMs: 1000,
};

export interface ScanState {
  /** Characters since the last break (a long pause, a named key, the suffix, a shortcut). */
  run: string;
  /** The fast burst at the end of the run. */
  burst: string;
  /** Some burst of this run reached the minimum length: a scanner was typing. */
  machine: boolean;
  /** Prefix mode: the prefix came and the code is being read. */
  capturing: boolean;
  /** Time of the last character; null when nothing is pending. */
  lastAt: number | null;
}

export const EMPTY_SCAN_STATE: ScanState = { run: '', burst: '', machine: false, capturing: false, lastAt: null };

export interface KeyPress {
  /** KeyboardEvent.key */
  key: string;
  /** A monotonic time in milliseconds (KeyboardEvent.timeStamp). */
  at: number;
  /** Ctrl, Alt or Meta held: a shortcut, never part of a scan. */
  withModifier?: boolean;
}

/** A whole code, or a scan the page did not read in full (its keys so far, to be taken back out of a field). */
export type ScanResult = { kind: 'scan'; code: string } | { kind: 'incomplete'; text: string };

export interface ScanStep {
  state: ScanState;
  result: ScanResult | null;
  /** The key belongs to a scan and must not reach the rest of the app (the suffix; in prefix mode, every key). */
  consumed: boolean;
}

/** Keys a scanner may send between characters without breaking the burst (Shift for upper case). */
const TRANSPARENT_KEYS = new Set(['Shift', 'CapsLock']);

function isCharacter(key: string): boolean {
  // Named keys ("ArrowUp", "Tab") are longer than one code point; characters are exactly one.
  return [...key].length === 1;
}

const idle = (result: ScanResult | null = null, consumed = false): ScanStep => ({ state: EMPTY_SCAN_STATE, result, consumed });

export function feedKey(state: ScanState, press: KeyPress, options: ScanOptions = DEFAULT_SCAN_OPTIONS): ScanStep {
  if (TRANSPARENT_KEYS.has(press.key)) return { state, result: null, consumed: state.capturing };
  return options.prefix === '' ? feedTimed(state, press, options) : feedPrefixed(state, press, options);
}

function feedTimed(state: ScanState, press: KeyPress, o: ScanOptions): ScanStep {
  if (press.withModifier) return idle();
  const gap = state.lastAt === null ? Number.POSITIVE_INFINITY : press.at - state.lastAt;
  if (press.key === o.suffix) {
    if (gap > o.suffixGapMs) return idle();
    // A clean scan: one fast burst, long enough, with nothing typed just before it.
    if (state.burst.length >= o.minLength && state.burst === state.run) return idle({ kind: 'scan', code: state.burst }, true);
    // A scanner was typing, but keys came late: whatever the burst holds is not the code that was scanned.
    if (state.machine) return idle({ kind: 'incomplete', text: state.run }, true);
    return idle();
  }
  if (!isCharacter(press.key)) return idle();
  const key = press.key;
  if (gap > o.settleMs) return { state: { ...EMPTY_SCAN_STATE, run: key, burst: key, lastAt: press.at }, result: null, consumed: false };
  const burst = gap <= o.maxGapMs ? state.burst + key : key;
  return {
    state: { run: state.run + key, burst, machine: state.machine || burst.length >= o.minLength, capturing: false, lastAt: press.at },
    result: null,
    consumed: false,
  };
}

function feedPrefixed(state: ScanState, press: KeyPress, o: ScanOptions): ScanStep {
  if (state.capturing) {
    const gap = state.lastAt === null ? 0 : press.at - state.lastAt;
    if (gap > o.prefixTimeoutMs) {
      // The suffix never came: the scan so far is reported, and this key starts afresh.
      const next = feedPrefixed(EMPTY_SCAN_STATE, press, o);
      return { ...next, result: { kind: 'incomplete', text: state.run } };
    }
    if (press.key === o.suffix) return idle(state.run === '' ? { kind: 'incomplete', text: '' } : { kind: 'scan', code: state.run }, true);
    // Another named key inside a scan: the scanner's suffix differs from the setting, or a key was lost.
    if (press.withModifier || !isCharacter(press.key)) return idle({ kind: 'incomplete', text: state.run }, true);
    return { state: { ...state, run: state.run + press.key, lastAt: press.at }, result: null, consumed: true };
  }
  if (!press.withModifier && press.key === o.prefix) {
    return { state: { ...EMPTY_SCAN_STATE, capturing: true, lastAt: press.at }, result: null, consumed: true };
  }
  return idle();
}

/** Runs a whole sequence of key presses; returns every result. Handy for tests and replays. */
export function detectResults(presses: readonly KeyPress[], options: ScanOptions = DEFAULT_SCAN_OPTIONS): ScanResult[] {
  const results: ScanResult[] = [];
  let state = EMPTY_SCAN_STATE;
  for (const press of presses) {
    const step = feedKey(state, press, options);
    state = step.state;
    if (step.result) results.push(step.result);
  }
  return results;
}

/** The complete scans only. */
export function detectScans(presses: readonly KeyPress[], options: ScanOptions = DEFAULT_SCAN_OPTIONS): string[] {
  return detectResults(presses, options).flatMap((r) => (r.kind === 'scan' ? [r.code] : []));
}
