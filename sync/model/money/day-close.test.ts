import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Payment } from '../payment.js';
import type { OrderEvent } from '../order-event.js';
import { dayLists } from './day-lists.js';
import { batchAgrees, closedDayOf, checkTillFact, emptyDay, foldDay, type DrawerKey } from './day-close.js';
import { businessDayOf, cashToleranceOf, checkTillShape, countTotal, DEFAULT_CASH_TOLERANCE, tillAction, type DenominationCount, type TillEvent } from './till.js';

const key: DrawerKey = { storeId: 'S1', deviceId: 'dev-1', businessDay: '2026-12-02', timeZone: 'Asia/Shanghai' };
let seq = 0;
const id = (n: number) => `0190f000-0000-7000-8000-${String(n).padStart(12, '0')}`;
/** 2026-12-02 in Shanghai runs from 2026-12-01T16:00Z to 2026-12-02T16:00Z. */
const at = (minute: number) => new Date(Date.parse('2026-12-02T01:00:00.000Z') + minute * 60_000).toISOString();

function fact(type: TillEvent['type'], minute: number, fields: Partial<TillEvent> = {}): TillEvent {
  seq += 1;
  return { id: id(seq), storeId: 'S1', deviceId: 'dev-1', businessDay: '2026-12-02', type, operatorId: 'counter-1', at: at(minute), ...fields };
}
function cash(amount: number, minute: number, fields: Partial<Payment> = {}): Payment {
  seq += 1;
  return {
    id: id(seq), storeId: 'S1', orderId: `O${seq}`, eventId: id(seq + 100_000), method: 'cash', amount, currency: 'CNY', due: amount, difference: 0,
    tendered: amount, change: 0, operatorId: 'counter-1', deviceId: 'dev-1', at: at(minute), ...fields,
  };
}
function card(amount: number, minute: number, batch: string): Payment {
  const { tendered: _t, change: _c, ...p } = cash(amount, minute);
  return { ...p, method: 'card', batch, reference: `R${seq}` };
}
const count = (d: DenominationCount[]) => ({ denominations: d, counted: countTotal(d) });

describe('till facts', () => {
  it('carry the fields of their type and no other', () => {
    expect(checkTillShape(fact('opened', 0, { amount: 20000 }))).toEqual({ ok: true });
    expect(checkTillShape(fact('opened', 0))).toMatchObject({ ok: false, code: 'FIELD_MISSING' });
    expect(checkTillShape(fact('paid_out', 0, { amount: 500 }))).toMatchObject({ ok: false, code: 'FIELD_MISSING' });
    expect(checkTillShape(fact('paid_in', 0, { amount: 500, reason: 'change', orderId: 'O1' }))).toMatchObject({ ok: false, code: 'FIELD_FORBIDDEN' });
    expect(checkTillShape(fact('counted', 0, { denominations: [{ fen: 10000, qty: 2 }], counted: 20001 }))).toMatchObject({ ok: false, code: 'COUNT_WRONG' });
    expect(checkTillShape(fact('closed', 0, { counted: 100, expected: 200, variance: -100, tolerance: 500 }))).toEqual({ ok: true });
    expect(checkTillShape(fact('closed', 0, { counted: 100, expected: 200, variance: 100, tolerance: 500 }))).toMatchObject({ ok: false, code: 'VARIANCE_WRONG' });
    expect(checkTillShape(fact('closed', 0, { counted: 100, expected: 2000, variance: -1900, tolerance: 500 }))).toMatchObject({ ok: false, code: 'REASON_MISSING' });
  });
  it('are judged as till.operate, day.close, day.variance beyond the tolerance, day.reopen', () => {
    expect(tillAction({ type: 'paid_out' })).toBe('till.operate');
    expect(tillAction({ type: 'closed', variance: -500, tolerance: 500 })).toBe('day.close');
    expect(tillAction({ type: 'closed', variance: -501, tolerance: 500 })).toBe('day.variance');
    expect(tillAction({ type: 'reopened' })).toBe('day.reopen');
  });
  it('fall on the business day of the store\'s time zone', () => {
    expect(businessDayOf('2026-12-01T16:00:00.000Z', 'Asia/Shanghai')).toBe('2026-12-02');
    expect(businessDayOf('2026-12-01T15:59:59.999Z', 'Asia/Shanghai')).toBe('2026-12-01');
    expect(checkTillShape(fact('paid_in', 0, { amount: 1, reason: 'x', at: '2026-12-01T15:00:00.000Z' }), 'Asia/Shanghai')).toMatchObject({ ok: false, code: 'DAY_WRONG' });
  });
  it('take the store\'s tolerance, ¥5 where it has none', () => {
    expect(cashToleranceOf(undefined)).toBe(DEFAULT_CASH_TOLERANCE);
    expect(cashToleranceOf({})).toBe(500);
    expect(cashToleranceOf({ cashTolerance: 0 })).toBe(0);
  });
});

describe('foldDay', () => {
  it('follows open → counted → closed → reopened → closed, the latest close counting', () => {
    const facts = [
      fact('opened', 0, { amount: 20000 }),
      fact('paid_in', 10, { amount: 5000, reason: 'change from the bank' }),
      fact('paid_out', 20, { amount: 1200, reason: 'window cleaner' }),
      fact('refund', 30, { amount: 800, reason: 'short pick', orderId: 'O9' }),
      fact('card_batch', 40, { batch: 'B7', slipCount: 1, slipTotal: 4500 }),
    ];
    const pays = [cash(12850, 5), card(4500, 6, 'B7'), cash(1000, 7, { deviceId: 'dev-2' })];
    let s = foldDay(key, facts, pays);
    expect(s.state).toBe('open');
    expect(s.expected).toBe(20000 + 12850 + 5000 - 1200 - 800);
    const c = fact('counted', 50, count([{ fen: 10000, qty: 3 }, { fen: 5000, qty: 1 }, { fen: 10, qty: 3 }]));
    facts.push(c);
    s = foldDay(key, facts, pays);
    expect(s.count).toMatchObject({ counted: 35030, expected: 35850, variance: -820 });
    facts.push(fact('closed', 51, { counted: 35030, expected: 35850, variance: -820, tolerance: 500, approvedBy: 'mgr-1', reason: 'coins short' }));
    s = foldDay(key, facts, pays);
    const first = closedDayOf(s)!;
    expect(first).toMatchObject({ cashExpected: 35850, cashCounted: 35030, variance: -820, tolerance: 500, approvedBy: 'mgr-1', reason: 'coins short', closedBy: 'counter-1' });
    expect(first.cardBatches).toEqual([{ batch: 'B7', slipCount: 1, slipTotal: 4500, recordedCount: 1, recordedTotal: 4500 }]);
    expect(batchAgrees(first.cardBatches[0]!)).toBe(true);
    expect(first.codOrders.map((o) => o.method)).toEqual(['cash', 'card']);
    // Closed: immutable until a manager reopens it.
    expect(checkTillFact(s, fact('paid_in', 60, { amount: 1, reason: 'x' }), key.timeZone)).toMatchObject({ ok: false, code: 'DAY_CLOSED' });
    facts.push(fact('reopened', 60, { reason: 'found a note', operatorId: 'mgr-1' }));
    facts.push(fact('counted', 61, count([{ fen: 10000, qty: 3 }, { fen: 5000, qty: 1 }, { fen: 500, qty: 1 }, { fen: 100, qty: 3 }, { fen: 50, qty: 1 }])));
    facts.push(fact('closed', 62, { counted: 35850, expected: 35850, variance: 0, tolerance: 500 }));
    s = foldDay(key, facts, pays);
    const second = closedDayOf(s)!;
    expect(second.closeId).not.toBe(first.closeId);
    expect(second).toMatchObject({ variance: 0, cashCounted: 35850 });
    expect(s.closes).toHaveLength(2);
    expect(s.reopens).toEqual([{ at: at(60), by: 'mgr-1', reason: 'found a note' }]);
  });
  it('sets aside what the state does not allow, with a named refusal', () => {
    const s = foldDay(key, [fact('paid_in', 0, { amount: 1, reason: 'x' }), fact('closed', 1, { counted: 0, expected: 0, variance: 0, tolerance: 500 }), fact('reopened', 2, { reason: 'x' })], []);
    expect(s.refused.map((r) => r.code)).toEqual(['NOT_OPEN', 'NOT_COUNTED', 'NOT_CLOSED']);
    expect(checkTillFact(emptyDay(key), fact('opened', 0, { amount: 1, deviceId: 'dev-2' }), key.timeZone)).toMatchObject({ ok: false, code: 'WRONG_DRAWER' });
  });
  it('lists a card batch the payments name without a slip, so it cannot agree', () => {
    const s = foldDay(key, [fact('opened', 0, { amount: 0 })], [card(100, 1, 'B9')]);
    expect(closedDayOf(s)).toBeNull();
    expect(foldDay(key, [], [card(100, 1, 'B9')]).payments).toHaveLength(1);
  });

  const money = fc.integer({ min: 0, max: 1_000_000 });
  const cashFact = fc.oneof(
    money.map((amount) => ({ type: 'paid_in' as const, amount, reason: 'in' })),
    money.map((amount) => ({ type: 'paid_out' as const, amount, reason: 'out' })),
    money.map((amount) => ({ type: 'refund' as const, amount, reason: 'refund' })),
    money.map((amount) => ({ type: 'payment' as const, amount })),
  );
  it('property: expected = float + cash taken + paid in − paid out − refunds, whatever the order of arrival', () => {
    fc.assert(
      fc.property(money, fc.array(cashFact, { maxLength: 30 }), fc.integer({ min: 0, max: 1000 }), (float, moves, shuffleSeed) => {
        seq = 0;
        const till: TillEvent[] = [fact('opened', 0, { amount: float })];
        const pays: Payment[] = [];
        let want = float;
        moves.forEach((m, i) => {
          if (m.type === 'payment') pays.push(cash(m.amount, i + 1));
          else till.push(fact(m.type, i + 1, { amount: m.amount, reason: m.reason }));
          want += m.type === 'paid_out' || m.type === 'refund' ? -m.amount : m.amount;
        });
        const shuffled = [...till].sort((a, b) => ((a.id.charCodeAt(35) * 31 + shuffleSeed) % 7) - ((b.id.charCodeAt(35) * 31 + shuffleSeed) % 7));
        const s = foldDay(key, shuffled, [...pays].reverse());
        expect(s.expected).toBe(want);
        expect(s.refused).toEqual([]);
        // Every fact twice (a retried push) changes nothing.
        expect(foldDay(key, [...shuffled, ...till], [...pays, ...pays]).expected).toBe(want);
      }),
    );
  });
  it('property: a close is judged on the blind count: variance = counted − expected at the count, approval beyond the tolerance', () => {
    const qty = fc.integer({ min: 0, max: 50 });
    fc.assert(
      fc.property(money, fc.array(money, { maxLength: 10 }), fc.tuple(qty, qty, qty, qty, qty, qty, qty, qty), fc.integer({ min: 0, max: 2000 }), (float, takes, q, tolerance) => {
        seq = 0;
        const denominations = ([10000, 5000, 2000, 1000, 500, 100, 50, 10] as const).map((fen, i) => ({ fen, qty: q[i]! }));
        const till = [fact('opened', 0, { amount: float }), fact('counted', 100, count(denominations))];
        const pays = takes.map((t, i) => cash(t, i + 1));
        // Cash taken after the count does not move the count's figures.
        pays.push(cash(777, 150));
        const s = foldDay(key, till, pays);
        const expected = float + takes.reduce((a, b) => a + b, 0);
        expect(s.count!.variance).toBe(countTotal(denominations) - expected);
        const variance = s.count!.variance;
        const close = fact('closed', 200, { counted: s.count!.counted, expected, variance, tolerance });
        const check = checkTillFact(s, close, key.timeZone);
        expect(check.ok).toBe(Math.abs(variance) <= tolerance);
        expect(tillAction(close)).toBe(Math.abs(variance) > tolerance ? 'day.variance' : 'day.close');
        const approved = { ...close, approvedBy: 'mgr-1', ...(Math.abs(variance) > tolerance ? { reason: 'short' } : {}) };
        const day = closedDayOf(foldDay(key, [...till, approved], pays))!;
        expect(day.cashExpected + day.variance).toBe(day.cashCounted);
        expect(day.codOrders).toHaveLength(takes.length);
      }),
    );
  });
});

describe('dayLists', () => {
  const base = { fulfilment: { type: 'pickup' as const, slot: { kind: '2h' as const, dueAt: at(0) } }, lines: [{ sku: 'TEA', name: 'Tea', qty: 2, unitPrice: 3990 }] };
  const ev = (type: OrderEvent['type'], minute: number, extra: Partial<OrderEvent> = {}): OrderEvent => ({ id: id(++seq), storeId: 'S1', orderId: 'x', type, at: at(minute), operatorId: 'o', deviceId: 'dev-1', ...extra });
  it('lists prepaid handovers, locker pickups, orders out with couriers and the refunds owed per order', () => {
    const paid = { method: 'online' as const, amount: 7980, currency: 'CNY', paid: true };
    const cod = { ...paid, method: 'cod' as const, paid: false };
    const l = dayLists([
      { order: { id: 'A', payment: paid, ...base }, status: 'picked_up', events: [ev('picked_up', 5, { via: 'locker' })] },
      { order: { id: 'B', payment: cod, ...base }, status: 'dispatched', events: [ev('dispatched', 6, { courierId: 'c1' })] },
      { order: { id: 'C', payment: paid, ...base }, status: 'packed', events: [ev('picked', 7, { lines: [{ lineIndex: 0, sku: 'TEA', ordered: 2, picked: 1, substitute: null, shortReason: 'out_of_stock' }] })] },
      { order: { id: 'D', payment: paid, ...base, cancel: { requestedAt: at(8) } }, status: 'cancelled', events: [] },
      { order: { id: 'E', payment: cod, ...base, cancel: { requestedAt: at(8) } }, status: 'cancelled', events: [] },
      { order: { id: 'F', payment: paid, ...base }, status: 'picked_up', events: [ev('picked_up', -24 * 60, { via: 'counter' })] },
    ], key.businessDay, key.timeZone);
    expect(l.prepaidHandedOver.map((o) => o.orderId)).toEqual(['A']);
    expect(l.lockerPickups.map((o) => o.orderId)).toEqual(['A']);
    expect(l.outWithCouriers).toEqual([{ orderId: 'B', courierId: 'c1', since: at(6) }]);
    expect(l.refundsOwed).toEqual([{ orderId: 'C', amount: 3990, why: 'short_pick' }, { orderId: 'D', amount: 7980, why: 'cancelled' }]);
  });
});
