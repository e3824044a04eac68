import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { detectScans, EMPTY_SCAN_STATE, feedKey, type KeyPress } from './scanner.js';

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
});
