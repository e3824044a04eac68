import { describe, expect, it } from 'vitest';
import { zonedParts } from './zoned-time.js';

describe('a moment in the store\'s time zone', () => {
  it('gives the calendar fields there, zero-padded and 24-hour, across the date line', () => {
    const at = new Date('2026-11-30T16:05:09.000Z');
    expect(zonedParts(at, 'Asia/Shanghai')).toEqual({ year: '2026', month: '12', day: '01', hour: '00', minute: '05', second: '09' });
    expect(zonedParts(at, 'America/New_York')).toEqual({ year: '2026', month: '11', day: '30', hour: '11', minute: '05', second: '09' });
    expect(zonedParts(new Date('2026-01-01T00:00:00.000Z'), 'UTC').hour).toBe('00');
  });
});
