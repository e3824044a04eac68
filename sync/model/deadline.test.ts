import { describe, expect, it } from 'vitest';
import { deadlineState, formatCountdown } from './deadline.js';
import { locationKey } from './product.js';

const now = Date.parse('2026-11-27T10:00:00.000Z');

describe('deadlines', () => {
  it('marks late, at-risk and on-time orders by slot kind', () => {
    expect(deadlineState('2026-11-27T09:59:59.000Z', '1h', now)).toBe('late');
    expect(deadlineState('2026-11-27T10:15:00.000Z', '1h', now)).toBe('at_risk');
    expect(deadlineState('2026-11-27T10:25:00.000Z', '1h', now)).toBe('on_time');
    expect(deadlineState('2026-11-27T10:25:00.000Z', '2h', now)).toBe('at_risk');
  });

  it('formats countdowns, negative when late', () => {
    expect(formatCountdown('2026-11-27T11:02:03.000Z', now)).toBe('1:02:03');
    expect(formatCountdown('2026-11-27T09:54:48.000Z', now)).toBe('-0:05:12');
  });
});

describe('locationKey', () => {
  it('sorts aisle 2 before aisle 10', () => {
    const keys = [
      { aisle: 'A10', shelf: '1', bin: '1' },
      { aisle: 'A2', shelf: '3', bin: '1' },
      { aisle: 'A2', shelf: '1', bin: '12' },
      { aisle: 'A2', shelf: '1', bin: '2' },
    ].map(locationKey);
    expect([...keys].sort()).toEqual([keys[3], keys[2], keys[1], keys[0]]);
  });
});
