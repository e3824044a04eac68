import { describe, expect, it } from 'vitest';
import { CODE_LOCK_MAX_MS, keepAttempts, lockedUntil, lockFor, type CodeAttempt } from './pickup-lockout.js';

const T0 = Date.parse('2026-12-02T10:00:00Z');
const wrong = (at: number, orderIds: string[] = ['EO-1']): CodeAttempt => ({ at, ok: false, orderIds });

describe('the kiosk’s code lock-out', () => {
  it('allows four wrong codes, locks the order and the kiosk for a minute at the fifth, and doubles from there', () => {
    const four = [0, 1, 2, 3].map((i) => wrong(T0 + i * 1000));
    expect(lockedUntil(four, { kind: 'order', orderId: 'EO-1' }, T0 + 4000)).toBeNull();
    const five = [...four, wrong(T0 + 4000)];
    expect(lockedUntil(five, { kind: 'order', orderId: 'EO-1' }, T0 + 4000)).toBe(T0 + 4000 + 60_000);
    expect(lockedUntil(five, { kind: 'kiosk' }, T0 + 4000)).toBe(T0 + 64_000);
    // The lock holds until its time, then lifts; the next wrong code locks for twice as long.
    expect(lockFor(five, ['EO-1'], T0 + 63_999)).toBe(T0 + 64_000);
    expect(lockFor(five, ['EO-1'], T0 + 64_000)).toBeNull();
    const six = [...five, wrong(T0 + 70_000)];
    expect(lockedUntil(six, { kind: 'order', orderId: 'EO-1' }, T0 + 70_000)).toBe(T0 + 70_000 + 120_000);
    const many = Array.from({ length: 30 }, (_, i) => wrong(T0 + i));
    expect(lockedUntil(many, { kind: 'kiosk' }, T0 + 29)).toBe(T0 + 29 + CODE_LOCK_MAX_MS);
  });

  it('locks an order for codes aimed at it from this kiosk, not orders the codes were not aimed at', () => {
    const five = [0, 1, 2, 3, 4].map((i) => wrong(T0 + i, i % 2 ? ['EO-1'] : ['EO-2']));
    expect(lockedUntil(five, { kind: 'order', orderId: 'EO-1' }, T0 + 5)).toBeNull();
    expect(lockedUntil(five, { kind: 'order', orderId: 'EO-3' }, T0 + 5)).toBeNull();
    // The kiosk counts them all.
    expect(lockFor(five, ['EO-3'], T0 + 5)).toBe(T0 + 4 + 60_000);
  });

  it('starts again after a right code, and forgets failures older than a day', () => {
    const attempts = [...[0, 1, 2, 3].map((i) => wrong(T0 + i)), { at: T0 + 10, ok: true, orderIds: ['EO-9'] }, wrong(T0 + 11)];
    expect(lockedUntil(attempts, { kind: 'kiosk' }, T0 + 11)).toBeNull();
    const old = [0, 1, 2, 3, 4].map((i) => wrong(T0 + i));
    const dayLater = T0 + 86_400_000 + 10;
    expect(lockedUntil([...old, wrong(dayLater)], { kind: 'kiosk' }, dayLater)).toBeNull();
    expect(keepAttempts([...old, wrong(dayLater)], dayLater)).toEqual([wrong(dayLater)]);
  });
});
