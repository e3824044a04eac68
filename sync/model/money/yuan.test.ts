import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { EXACT_SCALE, fenToYuan, parseExactYuan, roundExactToFen, yuanToFen } from './yuan.js';

describe('yuan ↔ fen at the edges', () => {
  it('reads yuan text exactly, where a float would not', () => {
    expect(yuanToFen('128.50')).toBe(12850);
    expect(yuanToFen('0.29')).toBe(29); // 0.29 * 100 = 28.999999999999996 in floating point
    expect(yuanToFen('1.1')).toBe(110);
    expect(yuanToFen('-2.5')).toBe(-250);
    expect(yuanToFen('¥100')).toBe(10000);
    expect(yuanToFen(' 1,234.56 ')).toBe(123456);
    expect(yuanToFen('-0.00')).toBe(0);
    expect(Object.is(yuanToFen('-0.00'), -0)).toBe(false);
  });

  it('refuses what is not an amount to the fen', () => {
    for (const bad of ['', '1.234', 'abc', '1.2.3', '--1', '1e3', '.5', '12345678901234']) expect(yuanToFen(bad), bad).toBeNull();
  });

  it('writes fen as plain yuan text', () => {
    expect(fenToYuan(12850)).toBe('128.50');
    expect(fenToYuan(5)).toBe('0.05');
    expect(fenToYuan(-5)).toBe('-0.05');
    expect(fenToYuan(0)).toBe('0.00');
    expect(fenToYuan(-123456)).toBe('-1234.56');
  });

  it('round-trips every fen amount', () => {
    fc.assert(fc.property(fc.integer({ min: -1e13, max: 1e13 }), (fen) => yuanToFen(fenToYuan(fen)) === fen));
  });

  it('round-trips every two-decimal yuan text', () => {
    const text = fc.tuple(fc.boolean(), fc.integer({ min: 0, max: 99_999_999 }), fc.integer({ min: 0, max: 99 }));
    fc.assert(
      fc.property(text, ([neg, y, f]) => {
        const t = `${neg && (y > 0 || f > 0) ? '-' : ''}${y}.${String(f).padStart(2, '0')}`;
        return fenToYuan(yuanToFen(t) ?? Number.NaN) === t;
      }),
    );
  });
});

describe('exact yuan and the one rounding', () => {
  it('keeps fees finer than the fen exactly', () => {
    expect(parseExactYuan('0.0768')).toBe(7_680_000n);
    expect(parseExactYuan('-0.00006')).toBe(-6_000n);
    expect(parseExactYuan('12')).toBe(1_200_000_000n);
    expect(parseExactYuan('0.123456789')).toBeNull();
    expect(parseExactYuan('x')).toBeNull();
  });

  it('rounds half up, half away from zero for negatives', () => {
    const fen = (t: string) => roundExactToFen(parseExactYuan(t) ?? 0n);
    expect(fen('0.0768')).toBe(8);
    expect(fen('0.0749')).toBe(7);
    expect(fen('0.005')).toBe(1);
    expect(fen('0.00499999')).toBe(0);
    expect(fen('-0.005')).toBe(-1);
    expect(fen('-0.0049')).toBe(0);
    expect(Object.is(fen('-0.0049'), -0)).toBe(false);
  });

  it('the sum of exact fees is exact, whatever the order of the rows', () => {
    const fee = fc.integer({ min: -10_000_000, max: 10_000_000 }).map((u) => {
      const s = (Math.abs(u) / 1e5).toFixed(5);
      return u < 0 ? `-${s}` : s;
    });
    fc.assert(
      fc.property(fc.array(fee, { maxLength: 50 }), (fees) => {
        const sum = fees.reduce((a, t) => a + (parseExactYuan(t) ?? 0n), 0n);
        const reversed = [...fees].reverse().reduce((a, t) => a + (parseExactYuan(t) ?? 0n), 0n);
        const units = fees.reduce((a, t) => a + Math.round(Number(t) * 1e5), 0);
        return sum === reversed && sum === BigInt(units) * 10n ** BigInt(EXACT_SCALE - 5);
      }),
    );
  });

  it('rounding to the fen is off by at most half a fen, and agrees with an exact fen', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 15n), max: 10n ** 15n }), (units) => {
        const perFen = 10n ** BigInt(EXACT_SCALE - 2);
        const fen = BigInt(roundExactToFen(units));
        const diff = units - fen * perFen;
        const abs = diff < 0n ? -diff : diff;
        return abs * 2n <= perFen && roundExactToFen(fen * perFen) === Number(fen);
      }),
    );
  });
});
