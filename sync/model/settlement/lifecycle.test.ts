import { describe, expect, it } from 'vitest';
import { issuingOverdue, statementDueDate, statementMove, statementNumber } from './lifecycle.js';
import { contractOn, promotionFor, type PromotionTerms } from './promotions.js';

describe('statement lifecycle', () => {
  it('moves draft → issued → confirmed → paid, and issued → disputed → resolved → paid', () => {
    expect(statementMove('draft', 'issue')).toEqual({ ok: true, to: 'issued' });
    expect(statementMove('issued', 'confirm')).toEqual({ ok: true, to: 'confirmed' });
    expect(statementMove('confirmed', 'pay')).toEqual({ ok: true, to: 'paid' });
    expect(statementMove('issued', 'dispute')).toEqual({ ok: true, to: 'disputed' });
    expect(statementMove('disputed', 'resolve')).toEqual({ ok: true, to: 'resolved' });
    expect(statementMove('resolved', 'pay')).toEqual({ ok: true, to: 'paid' });
    expect(statementMove('disputed', 'correct')).toEqual({ ok: true, to: 'superseded' });
  });

  it('refuses every other move, and anything on a superseded version', () => {
    expect(statementMove('draft', 'confirm')).toMatchObject({ ok: false, reason: 'STATEMENT_WRONG_STATUS', message: 'a draft statement cannot be confirmed' });
    expect(statementMove('disputed', 'pay')).toMatchObject({ ok: false, reason: 'STATEMENT_WRONG_STATUS' });
    expect(statementMove('confirmed', 'dispute')).toMatchObject({ ok: false, reason: 'STATEMENT_WRONG_STATUS' });
    expect(statementMove('paid', 'correct')).toMatchObject({ ok: false, reason: 'STATEMENT_WRONG_STATUS' });
    expect(statementMove('issued', 'issue')).toMatchObject({ ok: false, reason: 'STATEMENT_WRONG_STATUS' });
    expect(statementMove('superseded', 'confirm')).toMatchObject({ ok: false, reason: 'STATEMENT_SUPERSEDED' });
  });

  it('numbers a statement JS + YYYYMM + counter, due on the 5th of the next month', () => {
    expect(statementNumber('2026-11', 'C001')).toBe('JS202611-C001');
    expect(statementDueDate('2026-11')).toBe('2026-12-05');
    expect(statementDueDate('2026-12')).toBe('2027-01-05');
    expect(issuingOverdue('2026-11', '2026-12-05', 3)).toBe(false);
    expect(issuingOverdue('2026-11', '2026-12-06', 3)).toBe(true);
    expect(issuingOverdue('2026-11', '2026-12-06', 0)).toBe(false);
  });
});

describe('promotion choice', () => {
  const p = (id: string, rateBp: number, over: Partial<PromotionTerms> = {}): PromotionTerms => ({
    id, name: id, fromDay: '2026-11-10', toDay: '2026-11-20', rateBp, counterIds: ['C001'], areaCodes: [], ...over,
  });
  const counter = { id: 'C001', areaCode: 'A1' };

  it('applies on its days to the counters and areas it names', () => {
    expect(promotionFor('2026-11-09', counter, [p('P1', 2000)])).toBeNull();
    expect(promotionFor('2026-11-10', counter, [p('P1', 2000)])?.id).toBe('P1');
    expect(promotionFor('2026-11-20', counter, [p('P1', 2000)])?.id).toBe('P1');
    expect(promotionFor('2026-11-21', counter, [p('P1', 2000)])).toBeNull();
    expect(promotionFor('2026-11-15', counter, [p('P1', 2000, { counterIds: [], areaCodes: ['A1'] })])?.id).toBe('P1');
    expect(promotionFor('2026-11-15', counter, [p('P1', 2000, { counterIds: ['C002'], areaCodes: ['A2'] })])).toBeNull();
  });

  it('takes the lowest rate, then the smallest id', () => {
    expect(promotionFor('2026-11-15', counter, [p('P1', 2000), p('P2', 1500), p('P0', 1800)])?.id).toBe('P2');
    expect(promotionFor('2026-11-15', counter, [p('P9', 1500), p('P2', 1500)])?.id).toBe('P2');
  });

  it('finds the contract in force on a day: the latest start on or before it, its latest row', () => {
    const c = (seq: number, periodFrom: string, baseRateBp: number) => ({ seq, periodFrom, baseRateBp, minimumSales: null, feeItems: [] });
    const contracts = [c(1, '2026-01-01', 2500), c(3, '2026-11-01', 2200), c(2, '2026-11-01', 2300)];
    expect(contractOn('2025-12-31', contracts)).toBeNull();
    expect(contractOn('2026-10-31', contracts)?.baseRateBp).toBe(2500);
    expect(contractOn('2026-11-01', contracts)?.baseRateBp).toBe(2200);
  });
});
