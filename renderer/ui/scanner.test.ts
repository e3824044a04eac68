import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DEFAULT_SCAN_OPTIONS, detectResults, detectScans, EMPTY_SCAN_STATE, feedKey, type KeyPress, type ScanOptions } from './scanner.js';

/** Key presses for `text` followed by Enter, `gap` ms apart, starting at `start`. */
function typed(text: string, gap: number, start = 1000, enterGap = gap): KeyPress[] {
  const presses = [...text].map((key, i) => ({ key, at: start + i * gap }));
  const last = presses.at(-1)?.at ?? start;
  return [...presses, { key: 'Enter', at: last + enterGap }];
}

describe('scanner detector', () => {
  it('detects a fast burst ending in Enter', () => {
    expect(detectScans(typed('EO-20261127-0001', 8))).toEqual(['EO-20261127-0001']);
  });

  it('ignores a person typing the same text', () => {
    expect(detectScans(typed('EO-20261127-0001', 120))).toEqual([]);
  });

  it('needs at least four characters', () => {
    expect(detectScans(typed('123', 5))).toEqual([]);
    expect(detectScans(typed('1234', 5))).toEqual(['1234']);
  });

  it('needs the Enter suffix soon after the last character', () => {
    expect(detectScans(typed('6901234567890', 5, 0, 500))).toEqual([]);
  });

  it('does not count a burst without Enter, and a later slow Enter does not complete it', () => {
    const presses: KeyPress[] = [...'ABCDE'].map((key, i) => ({ key, at: i * 5 }));
    expect(detectScans([...presses, { key: 'Enter', at: 1000 }])).toEqual([]);
  });

  it('drops a slow letter typed just before the scan', () => {
    const presses: KeyPress[] = [{ key: 'x', at: 0 }, ...typed('690123', 6, 400)];
    expect(detectScans(presses)).toEqual(['690123']);
  });

  it('lets Shift through for upper-case characters', () => {
    const presses: KeyPress[] = [
      { key: 'Shift', at: 0 },
      { key: 'E', at: 2 },
      { key: 'Shift', at: 4 },
      { key: 'O', at: 6 },
      { key: '-', at: 10 },
      { key: '1', at: 14 },
      { key: 'Enter', at: 18 },
    ];
    expect(detectScans(presses)).toEqual(['EO-1']);
  });

  it('a named key or a shortcut breaks the burst', () => {
    const withArrow: KeyPress[] = [...typed('AB', 5).slice(0, 2), { key: 'ArrowDown', at: 12 }, ...typed('CD', 5, 15)];
    expect(detectScans(withArrow)).toEqual([]);
    const withCtrl: KeyPress[] = [{ key: 'A', at: 0 }, { key: 'B', at: 5 }, { key: 'c', at: 10, withModifier: true }, { key: 'D', at: 15 }, { key: 'Enter', at: 20 }];
    expect(detectScans(withCtrl)).toEqual([]);
  });

  it('marks only the completing Enter as consumed', () => {
    let state = EMPTY_SCAN_STATE;
    const consumed: boolean[] = [];
    for (const press of typed('ABCD', 5)) {
      const step = feedKey(state, press);
      state = step.state;
      consumed.push(step.consumed);
    }
    expect(consumed).toEqual([false, false, false, false, true]);
    expect(state).toEqual(EMPTY_SCAN_STATE);
  });

  it('finds two scans in a row and nothing between them', () => {
    const first = typed('11112222', 4, 0);
    const second = typed('33334444', 4, 2000);
    expect(detectScans([...first, ...second])).toEqual(['11112222', '33334444']);
  });

  it('property: any fast burst of ≥4 printable characters is returned exactly', () => {
    const code = fc.string({ unit: fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._'), minLength: 4, maxLength: 40 });
    fc.assert(
      fc.property(code, fc.integer({ min: 0, max: 35 }), (text, gap) => {
        expect(detectScans(typed(text, gap))).toEqual([text]);
      }),
    );
  });

  it('property: keys at human speed (> 35 ms apart) never make a scan', () => {
    const code = fc.string({ unit: fc.constantFrom(...'abc123/-'), minLength: 0, maxLength: 30 });
    fc.assert(
      fc.property(code, fc.integer({ min: 36, max: 400 }), (text, gap) => {
        expect(detectScans(typed(text, gap))).toEqual([]);
      }),
    );
  });

  describe('a code typed by a wedge at 5 ms a key, read by a busy page', () => {
    const code = '6910211000017';
    /** The code's keys 5 ms apart, except that the keys at `late` indexes reach the page `delay` ms after the one before. */
    function readLate(late: readonly number[], delay: number, enterGap = 5): KeyPress[] {
      let at = 1000;
      const presses = [...code].map((key, i) => {
        if (i > 0) at += late.includes(i) ? delay : 5;
        return { key, at };
      });
      return [...presses, { key: 'Enter', at: at + enterGap }];
    }

    it('is a scan when every key arrives in time', () => {
      expect(detectScans(readLate([], 0))).toEqual([code]);
    });

    it('is never the shorter code when the first keys came late (it once became 1000017)', () => {
      const presses = readLate([1, 2, 3, 4, 5, 6], 60);
      expect(detectScans(presses)).toEqual([]);
      expect(detectResults(presses)).toEqual([{ kind: 'incomplete', text: code }]);
    });

    it('is never the tail when one key in the middle came late', () => {
      const presses = readLate([7], 80);
      expect(detectScans(presses)).toEqual([]);
      expect(detectResults(presses)).toEqual([{ kind: 'incomplete', text: code }]);
    });

    it('keeps its Enter from the screen when the last key came late, so nothing is confirmed by accident', () => {
      const presses = readLate([12], 50);
      let state = EMPTY_SCAN_STATE;
      let last = null;
      for (const press of presses) {
        last = feedKey(state, press);
        state = last.state;
      }
      expect(last?.result).toEqual({ kind: 'incomplete', text: code });
      expect(last?.consumed).toBe(true);
    });

    it('is a scan when only its Enter came late', () => {
      expect(detectScans(readLate([], 0, 120))).toEqual([code]);
    });
  });

  describe('a person typing', () => {
    it('never makes a scan or an incomplete one, and keeps their Enter', () => {
      const presses = typed('1234', 180);
      expect(detectResults(presses)).toEqual([]);
      let state = EMPTY_SCAN_STATE;
      const consumed = presses.map((press) => {
        const step = feedKey(state, press);
        state = step.state;
        return step.consumed;
      });
      expect(consumed.some(Boolean)).toBe(false);
    });

    it('a key typed shortly before a scan makes it incomplete rather than silently dropped', () => {
      const presses: KeyPress[] = [{ key: '2', at: 0 }, ...typed('690123', 5, 120)];
      expect(detectResults(presses)).toEqual([{ kind: 'incomplete', text: '2690123' }]);
    });
  });

  describe('a scanner set up for this terminal', () => {
    it('with a Tab suffix: Tab ends the scan, Enter does not', () => {
      const tab: ScanOptions = { ...DEFAULT_SCAN_OPTIONS, suffix: 'Tab' };
      const presses = [...typed('6901234567890', 5).slice(0, -1), { key: 'Tab', at: 1065 }];
      expect(detectScans(presses, tab)).toEqual(['6901234567890']);
      expect(detectScans(typed('6901234567890', 5), tab)).toEqual([]);
    });

    it('with a longer gap for a slow (Bluetooth) scanner', () => {
      const slow = typed('TOTE:12', 60);
      expect(detectScans(slow)).toEqual([]);
      expect(detectScans(slow, { ...DEFAULT_SCAN_OPTIONS, maxGapMs: 80 })).toEqual(['TOTE:12']);
    });

    describe('with a prefix', () => {
      const prefixed: ScanOptions = { ...DEFAULT_SCAN_OPTIONS, prefix: '~' };

      it('reads everything from the prefix to the suffix however slowly it arrives, and keeps every key from the screen', () => {
        const presses = typed('~TOTE:3', 120);
        let state = EMPTY_SCAN_STATE;
        const steps = presses.map((press) => {
          const step = feedKey(state, press, prefixed);
          state = step.state;
          return step;
        });
        expect(steps.flatMap((s) => (s.result ? [s.result] : []))).toEqual([{ kind: 'scan', code: 'TOTE:3' }]);
        expect(steps.every((s) => s.consumed)).toBe(true);
      });

      it('reads short codes too, and leaves unprefixed keys (even a fast burst) to the screen', () => {
        expect(detectScans(typed('~7', 5), prefixed)).toEqual(['7']);
        expect(detectResults(typed('6901234567890', 5), prefixed)).toEqual([]);
        expect(feedKey(EMPTY_SCAN_STATE, { key: '6', at: 0 }, prefixed).consumed).toBe(false);
      });

      it('reports a scan whose suffix never came as incomplete on the next key, which counts afresh', () => {
        const presses: KeyPress[] = [...typed('~69012', 5).slice(0, -1), ...typed('~TOTE:1', 5, 5000)];
        expect(detectResults(presses, prefixed)).toEqual([{ kind: 'incomplete', text: '69012' }, { kind: 'scan', code: 'TOTE:1' }]);
      });

      it('reports a named key inside a scan as incomplete', () => {
        const presses: KeyPress[] = [{ key: '~', at: 0 }, { key: '1', at: 5 }, { key: 'Tab', at: 10 }];
        expect(detectResults(presses, prefixed)).toEqual([{ kind: 'incomplete', text: '1' }]);
      });
    });
  });
});
