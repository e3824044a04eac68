import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import type { Order } from '../../model/order.js';
import type { OrderEvent } from '../../model/order-event.js';
import type { Payment } from '../../model/payment.js';
import { businessDayOf, countTotal, type TillEvent } from '../../model/money/till.js';
import type { CollectionName } from '../../model/collections.js';
import { COD_PAYMENT, makeOrderEvent, makeOrderInput, startTestServer, testOperatorId, type TestServer } from '../testing.js';
import { closedDaySource } from './closed-days.js';
import { seedConsoleUser, signInConsole } from '../console-auth/console-auth.testkit.js';
import { reconRoutes, type ExceptionListResponse } from '../../protocol/reconciliation.js';

type Device = { deviceId: string; storeId: string; token: string };

let s: TestServer;
let d1: Device;
let t0: number;
let day: string;
const TZ = 'Asia/Shanghai';
const at = (seconds: number) => new Date(t0 + seconds * 1000).toISOString();
const manager = () => testOperatorId('S001');

beforeEach(async () => {
  s = await startTestServer();
  await s.admin.seedStore('S001');
  await s.admin.putOperators('S001', [{ id: 'counter-1', name: 'Qian Counter', roles: ['counter'], pin: '8642', active: true }]);
  d1 = await s.admin.enroll('S001', 'T1');
  // After the operators were made (a fact before would find them not yet there), within the clock's allowance ahead,
  // and never astride the store's midnight: every fact of a test lands on one business day.
  t0 = Date.now() + 1000;
  if (businessDayOf(new Date(t0), TZ) !== businessDayOf(new Date(t0 + 100_000), TZ)) t0 += 100_000;
  day = businessDayOf(new Date(t0), TZ);
});
afterEach(async () => {
  await s.close();
});

async function push<C extends CollectionName>(collection: C, docs: object[]) {
  const res = await s.sync.push(d1.token, collection, docs.map((d) => ({ newDocumentState: { _deleted: false, ...d } as never })));
  expect(res.status).toBe(200);
  return res.body;
}
const ok = { conflicts: [], rejected: [] };

function till(type: TillEvent['type'], seconds: number, fields: Partial<TillEvent> = {}): TillEvent {
  return { id: uuidv7(), storeId: 'S001', deviceId: d1.deviceId, businessDay: day, type, operatorId: 'counter-1', at: at(seconds), ...fields };
}

/** A cash-on-delivery pickup order taken to ready, handed over at the counter with its payment (not pushed). */
async function handedOver(pay: Partial<Payment> & Pick<Payment, 'method'>, seconds: number): Promise<{ events: OrderEvent[]; payment: Payment; order: Order }> {
  const order = await s.admin.postOrder(makeOrderInput({ payment: COD_PAYMENT, fulfilment: { type: 'pickup', slot: { kind: '2h', dueAt: new Date(Date.now() + 7_200_000).toISOString() } } }));
  const line = order.lines[0]!;
  const paymentId = uuidv7();
  const events = [
    makeOrderEvent(d1, order.id, 'accepted', { at: at(seconds) }),
    makeOrderEvent(d1, order.id, 'picking_started', { at: at(seconds + 1) }),
    makeOrderEvent(d1, order.id, 'picked', { at: at(seconds + 2), lines: [{ lineIndex: 0, sku: line.sku, ordered: line.qty, picked: line.qty, substitute: null, shortReason: null }] }),
    makeOrderEvent(d1, order.id, 'packed', { at: at(seconds + 3), packages: [{ id: `${order.id}-P1`, n: 1, of: 1, items: [{ sku: line.sku, qty: line.qty }] }] }),
    makeOrderEvent(d1, order.id, 'ready', { at: at(seconds + 4) }),
    makeOrderEvent(d1, order.id, 'picked_up', { at: at(seconds + 5), via: 'counter', proof: 'staff', paymentId, operatorId: 'counter-1' }),
  ];
  const cash = pay.method === 'cash' ? { tendered: 10000, change: 2020 } : { batch: 'B001', reference: `R${seconds}` };
  const payment: Payment = {
    id: paymentId, storeId: 'S001', orderId: order.id, eventId: events.at(-1)!.id, amount: 7980, currency: 'CNY', due: 7980, difference: 0,
    operatorId: 'counter-1', deviceId: d1.deviceId, at: at(seconds + 5), ...cash, ...pay,
  };
  return { events, payment, order };
}

const short = [{ fen: 10000 as const, qty: 2 }, { fen: 5000 as const, qty: 1 }, { fen: 1000 as const, qty: 1 }];

describe('day close at the centre', () => {
  it('stores a drawer day closed short beyond the tolerance with a manager\'s approval, and closedDaySource reads it', async () => {
    const cash = await handedOver({ method: 'cash' }, 10);
    const card = await handedOver({ method: 'card' }, 20);
    for (const h of [cash, card]) expect(await push('order_events', h.events)).toEqual(ok);
    expect(await push('payments', [cash.payment, card.payment])).toEqual(ok);
    const opened = till('opened', 1, { amount: 20000 });
    const paidOut = till('paid_out', 40, { amount: 1000, reason: 'cleaning' });
    const slip = till('card_batch', 41, { batch: 'B001', slipCount: 1, slipTotal: 7980 });
    // Expected: 20000 + 7980 − 1000 = 26980; counted 26000: 980 short, beyond the ¥5 default.
    const counted = till('counted', 50, { denominations: short, counted: countTotal(short) });
    expect(await push('till_events', [opened, paidOut, slip, counted])).toEqual(ok);

    const unapproved = till('closed', 60, { counted: 26000, expected: 26980, variance: -980, tolerance: 500, reason: 'coins short' });
    const noReason = { ...till('closed', 60, { counted: 26000, expected: 26980, variance: -980, tolerance: 500, approvedBy: manager() }) };
    const close = till('closed', 61, { counted: 26000, expected: 26980, variance: -980, tolerance: 500, approvedBy: manager(), reason: 'coins short' });
    const after = till('paid_in', 70, { amount: 100, reason: 'late' });
    const res = await push('till_events', [unapproved, noReason, close, after]);
    expect(res.rejected.map((r) => [r.documentId, r.code, r.message.split(':')[0]])).toEqual([
      [unapproved.id, 'APPROVAL_REQUIRED', 'day.variance by operator "counter-1" needs a manager\'s approval (approvedBy)'],
      [noReason.id, 'VALIDATION_FAILED', 'REASON_MISSING'],
      [after.id, 'VALIDATION_FAILED', 'DAY_CLOSED'],
    ]);
    // A counter cannot reopen; a retry of the close changes nothing; a rewrite is a conflict.
    expect((await push('till_events', [till('reopened', 80, { reason: 'recount' })])).rejected[0]).toMatchObject({ code: 'FORBIDDEN' });
    expect(await push('till_events', [close])).toEqual(ok);
    expect((await push('till_events', [{ ...close, reason: 'other' }])).conflicts).toHaveLength(1);

    const days = await closedDaySource(s.db)({ from: day, to: day });
    expect(days).toEqual([{
      storeId: 'S001', deviceId: d1.deviceId, businessDay: day, closeId: close.id, closedAt: close.at, closedBy: 'counter-1',
      approvedBy: manager(), reason: 'coins short', cashExpected: 26980, cashCounted: 26000, variance: -980, tolerance: 500,
      cardBatches: [{ batch: 'B001', slipCount: 1, slipTotal: 7980, recordedCount: 1, recordedTotal: 7980 }],
      codOrders: [{ orderId: cash.order.id, method: 'cash', amount: 7980 }, { orderId: card.order.id, method: 'card', amount: 7980, batch: 'B001' }],
    }]);
    expect(await closedDaySource(s.db)({ from: '2000-01-01', to: '2000-01-02' })).toEqual([]);

    // A manager reopens it (a new fact with the reason): not closed until it is closed again, and then the new close counts.
    expect(await push('till_events', [till('reopened', 80, { reason: 'found ¥9.80 in the tray', operatorId: manager() })])).toEqual(ok);
    expect(await closedDaySource(s.db)({ from: day, to: day })).toEqual([]);
    const recount = [{ fen: 10000 as const, qty: 2 }, { fen: 5000 as const, qty: 1 }, { fen: 1000 as const, qty: 1 }, { fen: 500 as const, qty: 1 }, { fen: 100 as const, qty: 4 }, { fen: 50 as const, qty: 1 }, { fen: 10 as const, qty: 3 }];
    const second = till('closed', 91, { counted: 26980, expected: 26980, variance: 0, tolerance: 500 });
    expect(await push('till_events', [till('counted', 90, { denominations: recount, counted: countTotal(recount) }), second])).toEqual(ok);
    expect(await closedDaySource(s.db)({ from: day, to: day })).toMatchObject([{ closeId: second.id, variance: 0, cashCounted: 26980 }]);
  });

  it('a terminal offline through its close syncs later: the till facts first, the payments after, nothing lost', async () => {
    const cash = await handedOver({ method: 'cash' }, 10);
    const counted = till('counted', 50, { denominations: short, counted: countTotal(short) });
    const facts = [
      till('opened', 1, { amount: 20000 }),
      counted,
      till('closed', 60, { counted: 26000, expected: 27980, variance: -1980, tolerance: 500, approvedBy: manager(), reason: 'short' }),
    ];
    expect(await push('till_events', facts)).toEqual(ok);
    // Before the payment arrives the centre's fold knows only the float.
    expect(await closedDaySource(s.db)({ from: day, to: day })).toMatchObject([{ cashExpected: 20000, variance: 6000, codOrders: [] }]);
    expect(await push('order_events', cash.events)).toEqual(ok);
    expect(await push('payments', [cash.payment])).toEqual(ok);
    expect(await closedDaySource(s.db)({ from: day, to: day })).toMatchObject([{ cashExpected: 27980, cashCounted: 26000, variance: -1980, codOrders: [{ orderId: cash.order.id, amount: 7980 }] }]);
  });

  it('the server reconciles what the stores closed: a close synced late comes out as CASH_OVER_SHORT in finance\'s run', async () => {
    // No reconciliation option is given to the test server: buildServer itself hands the day close's stored closes to
    // the matching, as the production server does.
    const cash = await handedOver({ method: 'cash' }, 10);
    const counted = till('counted', 50, { denominations: short, counted: countTotal(short) });
    const close = till('closed', 60, { counted: 26000, expected: 27980, variance: -1980, tolerance: 500, approvedBy: manager(), reason: 'short' });
    expect(await push('order_events', cash.events)).toEqual(ok);
    expect(await push('payments', [cash.payment])).toEqual(ok);
    expect(await push('till_events', [till('opened', 1, { amount: 20000 }), counted, close])).toEqual(ok);
    await seedConsoleUser(s, { name: 'finance', role: 'finance' });
    const finance = await signInConsole(s.url, 'finance', 'test-password-finance');
    expect((await finance.request('POST', reconRoutes.run, { from: day, to: day })).status).toBe(200);
    const list = await finance.request<ExceptionListResponse>('GET', `${reconRoutes.exceptions}?type=CASH_OVER_SHORT`);
    expect(list.status).toBe(200);
    expect(list.body.exceptions.map((e) => [e.type, e.storeId, e.amount, e.day])).toEqual([['CASH_OVER_SHORT', 'S001', 1980, day]]);
  });

  it('judges a close by no more than the store\'s own tolerance, whatever tolerance the terminal wrote into it', async () => {
    const counted = till('counted', 50, { denominations: short, counted: countTotal(short) });
    // Expected 20000, counted 26000: 6000 over, closed without a manager by a terminal claiming a ¥100 tolerance.
    const close = till('closed', 60, { counted: 26000, expected: 20000, variance: 6000, tolerance: 10000 });
    expect(await push('till_events', [till('opened', 1, { amount: 20000 }), counted, close])).toEqual(ok);
    expect(await closedDaySource(s.db)({ from: day, to: day })).toMatchObject([{ variance: 6000, tolerance: 500 }]);
  });

  it('gives terminals the store\'s cash tolerance (stores v2); a v1 terminal, which has no day close, is sent none', async () => {
    await s.admin.createStore({ id: 'S001', settings: { cashTolerance: 1000 } });
    const v2 = (await s.sync.pull(d1.token, 'stores', null, 10)).body.documents[0] as unknown as { settings: Record<string, unknown> };
    expect(v2.settings.cashTolerance).toBe(1000);
    const v1 = (await s.sync.pull(d1.token, 'stores', null, 10, { schemaVersion: 1 })).body.documents[0] as unknown as { settings: Record<string, unknown> };
    expect(v1.settings).not.toHaveProperty('cashTolerance');
    expect(v1.settings.idleLockSeconds).toBe(300);
  });

  it('refuses till facts out of the drawer\'s order, of another device, or on the wrong day', async () => {
    const res = await push('till_events', [
      till('paid_in', 1, { amount: 100, reason: 'x' }),
      till('opened', 2, { amount: 100, deviceId: 'someone-else' }),
      till('opened', 3, { amount: 100, businessDay: '2001-01-01' }),
      till('counted', 4, { denominations: short, counted: 1 }),
    ]);
    expect(res.rejected.map((r) => [r.code, r.message.split(':')[0]])).toEqual([
      ['VALIDATION_FAILED', 'NOT_OPEN'],
      ['DEVICE_MISMATCH', 'deviceId "someone-else" is not this device "' + d1.deviceId + '"'],
      ['VALIDATION_FAILED', 'DAY_WRONG'],
      ['VALIDATION_FAILED', 'COUNT_WRONG'],
    ]);
  });
});
