import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ClosedDay } from './closed-day.js';
import {
  ageInDays,
  billDayOf,
  expectedFee,
  matchRange,
  type BilledItem,
  type ExpectedOrder,
  type MatchInput,
  type PlatformRefund,
} from './matching.js';

const DAY = '2026-12-01';
const NEXT = '2026-12-02';

function order(n: number, over: Partial<ExpectedOrder> = {}): ExpectedOrder {
  return {
    orderId: `O${n}`, storeId: 'S1', provider: 'wechat', outTradeNo: `T${n}`, transactionId: null, amount: 1000 + n,
    paidAt: '2026-12-01T02:00:00Z', status: 'delivered', shortValue: 0, ...over,
  };
}

function pay(o: ExpectedOrder, over: Partial<BilledItem> = {}): BilledItem {
  return {
    kind: 'payment', at: o.paidAt, transactionId: `W${o.orderId}`, outTradeNo: o.outTradeNo ?? '', amount: o.amount,
    fee: expectedFee(o.amount, 60), feeExact: '0', status: 'SUCCESS', line: 1, provider: o.provider === 'alipay' ? 'alipay' : 'wechat',
    billDate: billDayOf(o.paidAt), ...over,
  };
}

function refundItem(o: ExpectedOrder, r: PlatformRefund, over: Partial<BilledItem> = {}): BilledItem {
  return { ...pay(o), kind: 'refund', at: r.at, outRefundNo: r.refundId, refundId: `WR${r.refundId}`, amount: r.amount, fee: -expectedFee(r.amount, 60), billDate: billDayOf(r.at), ...over };
}

function input(over: Partial<MatchInput>): MatchInput {
  return { from: DAY, to: DAY, orders: [], refunds: [], items: [], closedDays: [], asOf: { wechat: NEXT, alipay: NEXT }, feeRates: { wechat: 60, alipay: 60 }, ...over };
}

function close(over: Partial<ClosedDay> = {}): ClosedDay {
  return {
    storeId: 'S1', deviceId: 'D1', businessDay: DAY, closeId: 'C1', closedAt: '2026-12-01T14:00:00Z', closedBy: 'op', cashExpected: 10000,
    cashCounted: 10000, variance: 0, tolerance: 100, cardBatches: [], codOrders: [], ...over,
  };
}

const types = (r: ReturnType<typeof matchRange>) => r.exceptions.map((e) => e.type).sort();

describe('matching a day', () => {
  it('reconciles orders whose payments the bill shows, by merchant order number, then transaction number', () => {
    const a = order(1);
    const b = order(2, { outTradeNo: null, transactionId: 'WX-2' });
    const r = matchRange(input({ orders: [a, b], items: [pay(a), pay(b, { outTradeNo: 'other', transactionId: 'WX-2' })] }));
    expect(r.exceptions).toEqual([]);
    expect(r.items.map((i) => i.outcome)).toEqual(['MATCHED_BY_ORDER_NUMBER', 'MATCHED_BY_TRANSACTION']);
    expect([...r.orders.values()].map((o) => o.standing)).toEqual(['reconciled', 'reconciled']);
  });

  it('holds a payment missing from its day until the next bill is seen, then calls it FULFILLED_NOT_PAID', () => {
    const late = order(3, { paidAt: '2026-12-01T15:59:00Z' }); // 23:59 Beijing
    const held = matchRange(input({ orders: [late], asOf: { wechat: DAY } }));
    expect(held.exceptions).toEqual([]);
    expect(held.orders.get('O3')?.standing).toBe('held');
    const found = matchRange(input({ orders: [late], items: [pay(late, { at: '2026-12-01T16:00:30Z', billDate: NEXT })], to: NEXT, asOf: { wechat: NEXT } }));
    expect(found.exceptions).toEqual([]);
    expect(found.orders.get('O3')?.standing).toBe('reconciled');
    const missing = matchRange(input({ orders: [late] }));
    expect(types(missing)).toEqual(['FULFILLED_NOT_PAID']);
    expect(missing.exceptions[0]).toMatchObject({ key: 'FULFILLED_NOT_PAID:O3', amount: 1003, orderId: 'O3', storeId: 'S1', day: DAY });
  });

  it('names amount, fee and duplicate mismatches; a fee off by 1 fen is within tolerance', () => {
    const a = order(1);
    const b = order(2);
    const c = order(3);
    const r = matchRange(input({
      orders: [a, b, c],
      items: [pay(a, { amount: 999 }), pay(b, { fee: expectedFee(b.amount, 60) + 1 }), pay(c, { fee: expectedFee(c.amount, 60) + 2 }), pay(c, { transactionId: 'again', at: '2026-12-01T03:00:00Z' })],
    }));
    expect(types(r)).toEqual(['AMOUNT_MISMATCH', 'DUPLICATE_PAYMENT', 'FEE_MISMATCH']);
    expect(r.exceptions.find((e) => e.type === 'AMOUNT_MISMATCH')).toMatchObject({ ours: 1001, theirs: 999, amount: 2 });
  });

  it('a cancellation after payment: no refund reported is PAID_NOT_FULFILLED, a reported one missing from the bill is REFUND_MISSING', () => {
    const o = order(4, { status: 'cancelled' });
    expect(types(matchRange(input({ orders: [o], items: [pay(o)] })))).toEqual(['PAID_NOT_FULFILLED']);
    const refund: PlatformRefund = { refundId: 'R4', orderId: 'O4', amount: o.amount, at: '2026-12-01T05:00:00Z' };
    const missing = matchRange(input({ orders: [o], refunds: [refund], items: [pay(o)] }));
    expect(missing.exceptions).toEqual([expect.objectContaining({ type: 'REFUND_MISSING', amount: o.amount, orderId: 'O4' })]);
    const ok = matchRange(input({ orders: [o], refunds: [refund], items: [pay(o), refundItem(o, refund)] }));
    expect(ok.exceptions).toEqual([]);
    expect(ok.orders.get('O4')?.standing).toBe('reconciled');
  });

  it('a short pick on a paid order owes its value back', () => {
    const o = order(5, { shortValue: 300 });
    expect(types(matchRange(input({ orders: [o], items: [pay(o)] })))).toEqual(['REFUND_MISSING']);
    const refund: PlatformRefund = { refundId: 'R5', orderId: 'O5', amount: 300, at: '2026-12-01T06:00:00Z' };
    expect(matchRange(input({ orders: [o], refunds: [refund], items: [pay(o), refundItem(o, refund)] })).exceptions).toEqual([]);
    expect(types(matchRange(input({ orders: [o], refunds: [refund], items: [pay(o), refundItem(o, refund, { amount: 250 })] })))).toEqual(['AMOUNT_MISMATCH', 'REFUND_MISSING']);
  });

  it('an unmatched bill payment is held a day, then PAID_NOT_FULFILLED without an order', () => {
    const stray = pay(order(9));
    expect(matchRange(input({ items: [stray], asOf: { wechat: DAY } })).heldItems).toBe(1);
    expect(matchRange(input({ items: [stray] })).exceptions).toEqual([expect.objectContaining({ type: 'PAID_NOT_FULFILLED', orderId: null, amount: stray.amount })]);
  });

  it('cash on delivery matches through the closes; an unclosed day holds', () => {
    const cod = order(6, { provider: 'cod', outTradeNo: null, codDue: 900, handoverDay: DAY });
    expect(matchRange(input({ orders: [cod] })).orders.get('O6')?.standing).toBe('held');
    const taken = close({ codOrders: [{ orderId: 'O6', method: 'cash', amount: 900 }] });
    expect(matchRange(input({ orders: [cod], closedDays: [taken] })).orders.get('O6')?.standing).toBe('reconciled');
    const short = close({ codOrders: [{ orderId: 'O6', method: 'cash', amount: 800 }] });
    expect(matchRange(input({ orders: [cod], closedDays: [short] })).exceptions).toEqual([expect.objectContaining({ type: 'AMOUNT_MISMATCH', ours: 900, theirs: 800 })]);
  });

  it('closes: cash beyond tolerance and card batches that differ', () => {
    const c = close({
      cashCounted: 9800, variance: -200, tolerance: 100, approvedBy: 'mgr', reason: 'miscount',
      cardBatches: [{ batch: 'B1', slipCount: 2, slipTotal: 500, recordedCount: 2, recordedTotal: 500 }, { batch: 'B2', slipCount: 1, slipTotal: 300, recordedCount: 1, recordedTotal: 310 }],
    });
    const r = matchRange(input({ closedDays: [c, close({ deviceId: 'D2', variance: 100, cashCounted: 10100 })] }));
    expect(r.exceptions.map((e) => e.key).sort()).toEqual(['CARD_BATCH_MISMATCH:S1:2026-12-01:B2', 'CASH_OVER_SHORT:S1:2026-12-01:D1']);
  });

  it('ages in whole days', () => {
    expect(ageInDays('2026-11-28', '2026-12-02')).toBe(4);
    expect(billDayOf('2026-12-01T16:00:00Z')).toBe('2026-12-02');
  });
});

describe('matching properties', () => {
  const orders = fc.uniqueArray(
    fc.record({
      n: fc.integer({ min: 1, max: 10_000 }),
      amount: fc.integer({ min: 1, max: 10_000_000 }),
      provider: fc.constantFrom('wechat' as const, 'alipay' as const),
      minute: fc.integer({ min: 0, max: 24 * 60 - 1 }),
      status: fc.constantFrom('delivered' as const, 'picked_up' as const, 'dispatched' as const),
    }),
    { selector: (o) => o.n, maxLength: 40 },
  ).map((list) => list.map((o) => order(o.n, { amount: o.amount, provider: o.provider, paidAt: new Date(Date.parse('2026-11-30T16:00:00Z') + o.minute * 60_000).toISOString(), status: o.status })));

  it('a bill that pays every order exactly leaves nothing to do, in any order of its rows', () => {
    fc.assert(fc.property(orders, fc.infiniteStream(fc.nat()), (list, seeds) => {
      const items = list.map((o) => pay(o));
      const shuffled = [...items].sort(() => (seeds.next().value % 3) - 1);
      const r = matchRange(input({ orders: list, items: shuffled }));
      expect(r.exceptions).toEqual([]);
      expect([...r.orders.values()].every((o) => o.standing === 'reconciled')).toBe(true);
      expect(r.orders.size).toBe(list.length);
    }));
  });

  it('taking one payment out of a settled bill gives exactly one FULFILLED_NOT_PAID for that order', () => {
    fc.assert(fc.property(orders.filter((l) => l.length > 0), fc.nat(), (list, pick) => {
      const gone = list[pick % list.length]!;
      const r = matchRange(input({ orders: list, items: list.filter((o) => o !== gone).map((o) => pay(o)) }));
      expect(r.exceptions.map((e) => e.key)).toEqual([`FULFILLED_NOT_PAID:${gone.orderId}`]);
    }));
  });

  it('every exception of an order is in its standing, and exception keys are unique', () => {
    fc.assert(fc.property(orders, fc.array(fc.nat(), { maxLength: 10 }), (list, dupes) => {
      const items = list.map((o) => pay(o));
      for (const d of dupes) if (list.length) items.push(pay(list[d % list.length]!, { transactionId: `dup${d}`, at: '2026-12-01T15:00:00Z' }));
      const r = matchRange(input({ orders: list, items }));
      const keys = r.exceptions.map((e) => e.key);
      expect(new Set(keys).size).toBe(keys.length);
      for (const e of r.exceptions) if (e.orderId) expect(r.orders.get(e.orderId)?.exceptionKeys).toContain(e.key);
    }));
  });
});
