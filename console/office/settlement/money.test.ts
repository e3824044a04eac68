import { describe, expect, it } from 'vitest';
import { bpToPercent, percentToBp, yuanInput } from './money.js';

describe('master data form figures', () => {
  it('turn percent text into basis points exactly, and back', () => {
    expect(percentToBp('25')).toBe(2500);
    expect(percentToBp('25.5%')).toBe(2550);
    expect(percentToBp('0.01')).toBe(1);
    expect(percentToBp('100')).toBe(10_000);
    for (const bad of ['100.01', '-1', '25.555', '', 'abc']) expect(percentToBp(bad), bad).toBeNull();
    expect([2500, 2550, 1, 0, 10_000].map(bpToPercent)).toEqual(['25%', '25.5%', '0.01%', '0%', '100%']);
    for (let bp = 0; bp <= 10_000; bp += 7) expect(percentToBp(bpToPercent(bp))).toBe(bp);
  });

  it('read yuan with the exact converter and refuse negatives', () => {
    expect(yuanInput('2,660.00')).toBe(266_000);
    expect(yuanInput('0.1')).toBe(10);
    expect(yuanInput('-1')).toBeNull();
    expect(yuanInput('1.001')).toBeNull();
  });
});
