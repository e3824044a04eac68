import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { commissionOf, computeStatement, type GroupInput } from './statement.js';
import type { StatementDeductionLine } from './types.js';

const yuan = (y: number): number => Math.round(y * 100);
const fee = (amount: number, code = 'F1'): StatementDeductionLine => ({ kind: 'fee_bill', ref: 'FB1', code, name: code, amount });

describe('statement arithmetic', () => {
  it('reproduces the issue\'s worked example exactly', () => {
    const figures = computeStatement({
      baseRateBp: 2500,
      minimumSales: null,
      groups: [
        { promotionId: null, promotionName: null, rateBp: 2500, sales: yuan(100_000), returns: yuan(2_000) },
        { promotionId: 'P2026-11-01', promotionName: '满减', rateBp: 2000, sales: yuan(40_000), returns: 0 },
      ],
      deductions: [fee(yuan(2_000), 'RENT'), fee(yuan(660), 'POS')],
    });
    expect(figures.groups.map((g) => [g.kind, g.net, g.commission])).toEqual([
      ['regular', yuan(98_000), yuan(24_500)],
      ['promotion', yuan(40_000), yuan(8_000)],
    ]);
    expect(figures.totals).toEqual({
      grossSales: yuan(140_000),
      returns: yuan(2_000),
      netSales: yuan(138_000),
      groupCommission: yuan(32_500),
      minimumSales: null,
      minimumShortfall: 0,
      commission: yuan(32_500),
      invoiceAmount: yuan(105_500),
      deductions: yuan(2_660),
      payable: yuan(102_840),
    });
  });

  it('charges the commission on the guaranteed minimum when net sales fall short, as a shortfall line', () => {
    const figures = computeStatement({
      baseRateBp: 2500,
      minimumSales: yuan(200_000),
      groups: [
        { promotionId: null, promotionName: null, rateBp: 2500, sales: yuan(100_000), returns: yuan(2_000) },
        { promotionId: 'P1', promotionName: 'P1', rateBp: 2000, sales: yuan(40_000), returns: 0 },
      ],
      deductions: [],
    });
    // 200,000.00 × 25 % = 50,000.00 against 32,500.00 charged by the groups.
    expect(figures.totals.groupCommission).toBe(yuan(32_500));
    expect(figures.totals.minimumShortfall).toBe(yuan(17_500));
    expect(figures.totals.commission).toBe(yuan(50_000));
    expect(figures.totals.invoiceAmount).toBe(yuan(88_000));
    expect(figures.totals.payable).toBe(yuan(88_000));
  });

  it('leaves the commission alone when net sales reach the minimum', () => {
    const figures = computeStatement({
      baseRateBp: 2500,
      minimumSales: yuan(138_000),
      groups: [{ promotionId: null, promotionName: null, rateBp: 2500, sales: yuan(138_000), returns: 0 }],
      deductions: [],
    });
    expect(figures.totals.minimumShortfall).toBe(0);
    expect(figures.totals.commission).toBe(yuan(34_500));
  });

  it('never lowers the commission through the minimum (promotion rates may charge more than the minimum would)', () => {
    const figures = computeStatement({
      baseRateBp: 1000,
      minimumSales: yuan(1_000),
      groups: [{ promotionId: 'P', promotionName: 'P', rateBp: 5000, sales: yuan(900), returns: 0 }],
      deductions: [],
    });
    expect(figures.totals.minimumShortfall).toBe(0);
    expect(figures.totals.commission).toBe(yuan(450));
  });

  it('rounds once per group, half up (half away from zero for a negative net)', () => {
    expect(commissionOf(2, 2500)).toBe(1); // 0.5 fen → 1
    expect(commissionOf(1, 2500)).toBe(0); // 0.25 fen → 0
    expect(commissionOf(-2, 2500)).toBe(-1);
    expect(commissionOf(3, 5000)).toBe(2); // 1.5 → 2
    expect(commissionOf(9_000_000_000_000_001, 9999)).toBe(Number((9_000_000_000_000_001n * 9999n + 5000n) / 10000n));
    // Two groups of 0.5 fen each: 1 + 1 = 2, not round(1.0) — each group rounds once, the total adds.
    const figures = computeStatement({
      baseRateBp: 2500,
      minimumSales: null,
      groups: [
        { promotionId: null, promotionName: null, rateBp: 2500, sales: 2, returns: 0 },
        { promotionId: 'P', promotionName: 'P', rateBp: 2500, sales: 2, returns: 0 },
      ],
      deductions: [],
    });
    expect(figures.totals.commission).toBe(2);
  });

  it('always shows a regular line, and merges inputs of the same group', () => {
    const figures = computeStatement({
      baseRateBp: 2500,
      minimumSales: null,
      groups: [
        { promotionId: 'B', promotionName: 'B', rateBp: 2000, sales: 100, returns: 0 },
        { promotionId: 'A', promotionName: 'A', rateBp: 1500, sales: 50, returns: 0 },
        { promotionId: 'B', promotionName: 'B', rateBp: 2000, sales: 100, returns: 10 },
      ],
      deductions: [],
    });
    expect(figures.groups.map((g) => [g.promotionId, g.sales, g.returns])).toEqual([[null, 0, 0], ['A', 50, 0], ['B', 200, 10]]);
  });
});

const money = fc.integer({ min: -1_000_000_000, max: 1_000_000_000 });
const group: fc.Arbitrary<GroupInput> = fc.record({
  promotionId: fc.option(fc.constantFrom('P1', 'P2', 'P3'), { nil: null }),
  promotionName: fc.constant(null),
  rateBp: fc.integer({ min: 0, max: 10_000 }),
  sales: fc.integer({ min: 0, max: 1_000_000_000 }),
  returns: fc.integer({ min: 0, max: 100_000_000 }),
});
const input = fc.record({
  baseRateBp: fc.integer({ min: 0, max: 10_000 }),
  minimumSales: fc.option(fc.integer({ min: 0, max: 2_000_000_000 }), { nil: null }),
  groups: fc.array(group, { maxLength: 8 }),
  deductions: fc.array(money.map((amount) => fee(amount)), { maxLength: 5 }),
});

describe('statement arithmetic, properties', () => {
  it('payable = net − commission − deductions, and commission = group commissions + shortfall', () => {
    fc.assert(fc.property(input, (i) => {
      const { totals } = computeStatement(i);
      expect(totals.payable).toBe(totals.netSales - totals.commission - totals.deductions);
      expect(totals.invoiceAmount).toBe(totals.netSales - totals.commission);
      expect(totals.commission).toBe(totals.groupCommission + totals.minimumShortfall);
      expect(totals.minimumShortfall).toBeGreaterThanOrEqual(0);
    }));
  });

  it('sums per group equal the totals, and the groups hold every input amount', () => {
    fc.assert(fc.property(input, (i) => {
      const { groups, totals } = computeStatement(i);
      const sum = (f: (g: (typeof groups)[number]) => number) => groups.reduce((s, g) => s + f(g), 0);
      expect(sum((g) => g.sales)).toBe(totals.grossSales);
      expect(sum((g) => g.returns)).toBe(totals.returns);
      expect(sum((g) => g.net)).toBe(totals.netSales);
      expect(sum((g) => g.commission)).toBe(totals.groupCommission);
      expect(totals.grossSales).toBe(i.groups.reduce((s, g) => s + g.sales, 0));
      expect(totals.deductions).toBe(i.deductions.reduce((s, d) => s + d.amount, 0));
      for (const g of groups) expect(Math.abs(g.commission * 10_000 - g.net * g.rateBp)).toBeLessThanOrEqual(5_000);
    }));
  });
});
