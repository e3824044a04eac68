import { describe, expect, it } from 'vitest';
import { LoneKeys, type Timers } from './lone-keys.js';
import { DEFAULT_SCAN_OPTIONS } from './scanner.js';

const timing = () => DEFAULT_SCAN_OPTIONS;

/** Timers run by hand: the test says when time has passed, so nothing depends on the machine's speed. */
function manualTimers() {
  const pending = new Map<number, () => void>();
  let next = 0;
  const timers: Timers = {
    set: (fn) => {
      pending.set(++next, fn);
      return next;
    },
    clear: (handle) => {
      pending.delete(handle as number);
    },
  };
  const elapse = () => {
    const due = [...pending.values()];
    pending.clear();
    for (const fn of due) fn();
  };
  return { timers, elapse, pending };
}

describe('single-key shortcuts on a scanning screen', () => {
  it('fire for a key pressed on its own', () => {
    const { timers, elapse } = manualTimers();
    const fired: string[] = [];
    const keys = new LoneKeys((k) => fired.push(k), timing, timers);
    keys.press('n', 1000);
    expect(fired).toEqual([]);
    elapse();
    keys.press('2', 2000);
    elapse();
    expect(fired).toEqual(['n', '2']);
  });

  it('never fire for the characters of a scan, even a code full of shortcut letters', () => {
    const { timers, elapse, pending } = manualTimers();
    const fired: string[] = [];
    const keys = new LoneKeys((k) => fired.push(k), timing, timers);
    [...'SKU-1NF'].forEach((k, i) => keys.press(k, 5000 + i * 4));
    expect(pending.size).toBe(0);
    elapse();
    expect(fired).toEqual([]);
    // A person's key after the burst is a shortcut again.
    keys.press('u', 6000);
    elapse();
    expect(fired).toEqual(['u']);
  });

  it('drops a pending key when the screen cancels it (it is leaving)', () => {
    const { timers, elapse } = manualTimers();
    const fired: string[] = [];
    const keys = new LoneKeys((k) => fired.push(k), timing, timers);
    keys.press('f', 100);
    keys.cancel();
    elapse();
    expect(fired).toEqual([]);
  });

  it('never fire for a letter of a scan the page read late (a letter needs a longer quiet than a digit)', () => {
    // A clock of our own: each timer fires once the test's time passes its due time.
    let now = 0;
    const due = new Map<number, { at: number; fn: () => void }>();
    let next = 0;
    const timers: Timers = {
      set: (fn, ms) => (due.set(++next, { at: now + ms, fn }), next),
      clear: (handle) => void due.delete(handle as number),
    };
    const advance = (to: number) => {
      now = to;
      for (const [id, t] of [...due].sort((a, b) => a[1].at - b[1].at)) {
        if (t.at > now) continue;
        due.delete(id);
        t.fn();
      }
    };
    const fired: string[] = [];
    const keys = new LoneKeys((k) => fired.push(k), timing, timers);
    // "EO-1-P1" whose keys reached the page 60 ms apart: longer than the scanner's gap, shorter than its settle time.
    [...'EO-1-P1'].forEach((k, i) => {
      advance(10_000 + i * 60);
      keys.press(k, now);
    });
    advance(20_000);
    expect(fired.filter((k) => /\p{L}/u.test(k))).toEqual([]);
    fired.length = 0;
    keys.press('k', now);
    advance(now + 1000);
    expect(fired).toEqual(['k']);
  });
});
