import { describe, expect, it } from 'vitest';
import { LoneKeys, type Timers } from './lone-keys.js';

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
    const keys = new LoneKeys((k) => fired.push(k), 35, timers);
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
    const keys = new LoneKeys((k) => fired.push(k), 35, timers);
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
    const keys = new LoneKeys((k) => fired.push(k), 35, timers);
    keys.press('f', 100);
    keys.cancel();
    elapse();
    expect(fired).toEqual([]);
  });
});
