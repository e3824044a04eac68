import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import type { Order } from '../../model/order.js';
import type { OrderEvent } from '../../model/order-event.js';
import type { Payment } from '../../model/payment.js';
import type { PlatformEventsResponse } from '../../protocol/platform.js';
import type { CollectionName } from '../../model/collections.js';
import { COD_PAYMENT, makeOrderEvent, makeOrderInput, startTestServer, testOperatorId, type TestServer } from '../testing.js';

type Device = { deviceId: string; storeId: string; token: string };

let s: TestServer;
let d1: Device;
let t0: number;
const at = (seconds: number) => new Date(t0 + seconds * 1000).toISOString();

beforeEach(async () => {
  s = await startTestServer();
  await s.admin.seedStore('S001');
  await s.admin.putOperators('S001', [
    { id: 'courier-1', name: 'Zhao Courier', roles: ['courier'], pin: '1357', badge: 'BADGE-C1', active: true },
    { id: 'counter-1', name: 'Qian Counter', roles: ['counter'], pin: '8642', active: true },
  ]);
  d1 = await s.admin.enroll('S001', 'T1');
  t0 = Date.now();
});
afterEach(async () => {
  await s.close();
});

async function push<C extends CollectionName>(collection: C, docs: object[], schemaVersion?: number) {
  const res = await s.sync.push(d1.token, collection, docs.map((d) => ({ newDocumentState: { _deleted: false, ...d } as never })), schemaVersion === undefined ? {} : { schemaVersion });
  expect(res.status).toBe(200);
  return res.body;
}
const ok = { conflicts: [], rejected: [] };

async function feed() {
  return (await s.request<PlatformEventsResponse>('GET', '/api/v1/events?limit=1000', { token: s.platformApiKey })).body.events;
}

/** The facts that take an order to packed (a pickup to ready on the counter shelf). */
function upTo(order: Order, last: 'packed' | 'ready'): OrderEvent[] {
  const line = order.lines[0]!;
  const events = [
    makeOrderEvent(d1, order.id, 'accepted', { at: at(1) }),
    makeOrderEvent(d1, order.id, 'picking_started', { at: at(2) }),
    makeOrderEvent(d1, order.id, 'picked', { at: at(3), lines: [{ lineIndex: 0, sku: line.sku, ordered: line.qty, picked: line.qty, substitute: null, shortReason: null }] }),
    makeOrderEvent(d1, order.id, 'packed', { at: at(4), packages: [{ id: `${order.id}-P1`, n: 1, of: 1, items: [{ sku: line.sku, qty: line.qty }] }] }),
  ];
  if (last === 'ready') events.push(makeOrderEvent(d1, order.id, 'ready', { at: at(5) }));
  return events;
}

function cashPayment(order: Order, eventId: string, overrides: Partial<Payment> = {}): Payment {
  return {
    id: uuidv7(), storeId: 'S001', orderId: order.id, eventId, method: 'cash', amount: 7980, currency: 'CNY', due: 7980, difference: 0,
    tendered: 10000, change: 2020, operatorId: 'counter-1', deviceId: d1.deviceId, at: at(10), ...overrides,
  };
}

describe('handover: payments and the platform feed', () => {
  it('holds back a counter pickup until its payment arrives, then feeds it once with the payment; the payment is immutable', async () => {
    const order = await s.admin.postOrder(makeOrderInput({ payment: COD_PAYMENT, fulfilment: { type: 'pickup', slot: { kind: '2h', dueAt: new Date(Date.now() + 7_200_000).toISOString() } } }));
    expect(await push('order_events', upTo(order, 'ready'))).toEqual(ok);
    const paymentId = uuidv7();
    const pickup = makeOrderEvent(d1, order.id, 'picked_up', { at: at(10), via: 'counter', proof: 'staff', paymentId, operatorId: 'counter-1' });
    expect(await push('order_events', [pickup])).toEqual(ok);
    // One entry per push that moved the status: the order came in, then was made ready in one push (with its new
    // pickup pass); not handed over yet.
    expect((await feed()).filter((e) => e.orderId === order.id).map((e) => (e.fact ? `${e.status}:${e.fact}` : e.status))).toEqual(['new', 'ready', 'ready:pickup_pass_issued']);

    const payment = cashPayment(order, pickup.id, { id: paymentId });
    expect(await push('payments', [payment])).toEqual(ok);
    const handed = (await feed()).filter((e) => e.orderId === order.id && e.status === 'picked_up');
    expect(handed).toHaveLength(1);
    expect(handed[0]).toMatchObject({ fact: 'picked_up', payment: { method: 'cash', amount: 7980, currency: 'CNY', due: 7980, difference: 0 } });

    // A retry changes nothing; a different payment under the same id is a conflict, never a rewrite.
    expect(await push('payments', [payment])).toEqual(ok);
    const rewritten = await push('payments', [{ ...payment, amount: 1, tendered: 1, change: 0, difference: -7979 }]);
    expect(rewritten.conflicts).toEqual([{ ...payment, _deleted: false }]);
    expect(await push('payments', [{ ...payment, _deleted: true }])).toMatchObject({ rejected: [{ documentId: payment.id, code: 'VALIDATION_FAILED' }] });
    expect((await feed()).filter((e) => e.orderId === order.id && e.status === 'picked_up')).toHaveLength(1);
    const pulled = await s.sync.pull(d1.token, 'payments', null, 10);
    expect(pulled.body.documents).toEqual([{ ...payment, _deleted: false }]);
  });

  it('feeds a delivery with its card payment at once when the payment came first, and a failed one with its reason', async () => {
    const delivered = await s.admin.postOrder(makeOrderInput({ payment: COD_PAYMENT }));
    const failed = await s.admin.postOrder(makeOrderInput({ payment: COD_PAYMENT }));
    for (const o of [delivered, failed]) expect(await push('order_events', [...upTo(o, 'packed'), makeOrderEvent(d1, o.id, 'dispatched', { at: at(6), courierId: 'courier-1' })])).toEqual(ok);
    const paymentId = uuidv7();
    const deliveredEvent = makeOrderEvent(d1, delivered.id, 'delivered', { at: at(20), paymentId });
    const card: Payment = {
      id: paymentId, storeId: 'S001', orderId: delivered.id, eventId: deliveredEvent.id, method: 'card', amount: 7980, currency: 'CNY', due: 7980, difference: 0,
      batch: '000042', reference: 'RRN884512', collectedBy: 'courier-1', operatorId: testOperatorId('S001'), deviceId: d1.deviceId, at: at(20),
    };
    expect(await push('payments', [card])).toEqual(ok);
    const failedEvent = makeOrderEvent(d1, failed.id, 'delivery_failed', { at: at(21), failReason: 'not_home' });
    expect(await push('order_events', [deliveredEvent, failedEvent])).toEqual(ok);
    const entries = await feed();
    expect(entries.find((e) => e.orderId === delivered.id && e.status === 'delivered')).toMatchObject({ fact: 'delivered', payment: { method: 'card', amount: 7980, reference: 'RRN884512' } });
    expect(entries.filter((e) => e.orderId === failed.id).at(-1)).toMatchObject({ status: 'packed', fact: 'delivery_failed', failReason: 'not_home' });
    expect(entries.find((e) => e.orderId === failed.id && e.status === 'dispatched')).not.toHaveProperty('fact');
  });

  it('refuses a payment whose arithmetic, due or approval is wrong, and a dispatch to someone who is not a courier', async () => {
    const order = await s.admin.postOrder(makeOrderInput({ payment: COD_PAYMENT, fulfilment: { type: 'pickup', slot: { kind: '2h', dueAt: new Date(Date.now() + 7_200_000).toISOString() } } }));
    expect(await push('order_events', upTo(order, 'ready'))).toEqual(ok);
    const eventId = uuidv7();
    const wrongChange = cashPayment(order, eventId, { change: 2000 });
    const wrongDue = cashPayment(order, eventId, { due: 7000, difference: 980, reason: 'x' });
    const unapproved = cashPayment(order, eventId, { amount: 7900, change: 2100, difference: -80, reason: 'no small change' });
    const approved = cashPayment(order, eventId, { amount: 7900, change: 2100, difference: -80, reason: 'no small change', approvedBy: testOperatorId('S001') });
    const res = await push('payments', [wrongChange, wrongDue, unapproved, approved]);
    expect(res.rejected.map((r) => [r.documentId, r.code])).toEqual([
      [wrongChange.id, 'VALIDATION_FAILED'],
      [wrongDue.id, 'VALIDATION_FAILED'],
      [unapproved.id, 'APPROVAL_REQUIRED'],
    ]);
    expect(res.rejected[0]?.message).toMatch(/CHANGE_WRONG/);

    const delivery = await s.admin.postOrder(makeOrderInput({ payment: COD_PAYMENT }));
    const toCounter = makeOrderEvent(d1, delivery.id, 'dispatched', { at: at(6), courierId: 'counter-1' });
    expect((await push('order_events', [...upTo(delivery, 'packed'), toCounter])).rejected).toEqual([{ documentId: toCounter.id, code: 'FORBIDDEN', message: expect.stringMatching(/not a courier/) }]);
  });

  it('refuses a cash-on-delivery handover that names no payment, and takes a paid order handed over without one', async () => {
    const slot = { kind: '2h' as const, dueAt: new Date(Date.now() + 7_200_000).toISOString() };
    const cod = await s.admin.postOrder(makeOrderInput({ payment: COD_PAYMENT, fulfilment: { type: 'pickup', slot } }));
    const paid = await s.admin.postOrder(makeOrderInput({ fulfilment: { type: 'pickup', slot }, payment: { ...COD_PAYMENT, method: 'online', paid: true } }));
    const delivery = await s.admin.postOrder(makeOrderInput({ payment: COD_PAYMENT }));
    expect(await push('order_events', [...upTo(cod, 'ready'), ...upTo(paid, 'ready'), ...upTo(delivery, 'packed'), makeOrderEvent(d1, delivery.id, 'dispatched', { at: at(6), courierId: 'courier-1' })])).toEqual(ok);
    const unpaidPickup = makeOrderEvent(d1, cod.id, 'picked_up', { at: at(10), via: 'counter', proof: 'staff', operatorId: 'counter-1' });
    const unpaidDelivery = makeOrderEvent(d1, delivery.id, 'delivered', { at: at(11) });
    const paidPickup = makeOrderEvent(d1, paid.id, 'picked_up', { at: at(12), via: 'counter', proof: 'staff', operatorId: 'counter-1' });
    const res = await push('order_events', [unpaidPickup, unpaidDelivery, paidPickup]);
    expect(res.rejected.map((r) => [r.documentId, r.code, r.message])).toEqual([
      [unpaidPickup.id, 'VALIDATION_FAILED', expect.stringMatching(/cash on delivery \(7980 fen due\).*paymentId/)],
      [unpaidDelivery.id, 'VALIDATION_FAILED', expect.stringMatching(/paymentId/)],
    ]);
    expect((await feed()).filter((e) => e.status === 'picked_up').map((e) => e.orderId)).toEqual([paid.id]);
  });

  it('takes a payment that arrives before the pick it was computed over, and feeds the handover once both are in', async () => {
    const order = await s.admin.postOrder(makeOrderInput({
      payment: COD_PAYMENT,
      fulfilment: { type: 'pickup', slot: { kind: '2h', dueAt: new Date(Date.now() + 7_200_000).toISOString() } },
      lines: [{ sku: '6901234567890', name: 'Green tea 500ml', qty: 2, unitPrice: 3990 }],
    }));
    const line = order.lines[0]!;
    // Picked one short: 3990 is due, not the platform's 7980.
    const facts = [
      makeOrderEvent(d1, order.id, 'accepted', { at: at(1) }),
      makeOrderEvent(d1, order.id, 'picking_started', { at: at(2) }),
      makeOrderEvent(d1, order.id, 'picked', { at: at(3), lines: [{ lineIndex: 0, sku: line.sku, ordered: 2, picked: 1, substitute: null, shortReason: 'out_of_stock' }] }),
      makeOrderEvent(d1, order.id, 'packed', { at: at(4), packages: [{ id: `${order.id}-P1`, n: 1, of: 1, items: [{ sku: line.sku, qty: 1 }] }] }),
      makeOrderEvent(d1, order.id, 'ready', { at: at(5) }),
    ];
    const paymentId = uuidv7();
    const pickup = makeOrderEvent(d1, order.id, 'picked_up', { at: at(10), via: 'counter', proof: 'staff', paymentId });
    const payment = cashPayment(order, pickup.id, { id: paymentId, amount: 3990, due: 3990, tendered: 5000, change: 1010 });
    expect(await push('payments', [payment])).toEqual(ok);
    expect(await push('payments', [cashPayment(order, pickup.id, { due: 9000, amount: 9000, tendered: 9000, change: 0 })])).toMatchObject({ rejected: [{ code: 'VALIDATION_FAILED' }] });
    expect(await push('order_events', [...facts, pickup])).toEqual(ok);
    expect((await feed()).filter((e) => e.orderId === order.id && e.status === 'picked_up')).toMatchObject([{ payment: { amount: 3990, due: 3990 } }]);
  });

  it('tells a v1 terminal the handover without its detail and leaves out what v1 cannot hold', async () => {
    const order = await s.admin.postOrder(makeOrderInput({ payment: COD_PAYMENT }));
    const out = makeOrderEvent(d1, order.id, 'dispatched', { at: at(6), courierId: 'courier-1' });
    const back = makeOrderEvent(d1, order.id, 'delivery_failed', { at: at(7), failReason: 'refused' });
    expect(await push('order_events', [...upTo(order, 'packed'), out, back])).toEqual(ok);
    const v1 = (await s.sync.pull(d1.token, 'order_events', null, 100, { schemaVersion: 1 })).body.documents;
    expect(v1.map((d) => d.type).sort()).toEqual(['accepted', 'dispatched', 'packed', 'picked', 'picking_started']);
    expect(v1.find((d) => d.type === 'dispatched')).not.toHaveProperty('courierId');
    // A v1 push may not carry v2 content.
    const again = makeOrderEvent(d1, order.id, 'dispatched', { at: at(8), courierId: 'courier-1' });
    expect((await push('order_events', [again], 1)).rejected).toMatchObject([{ documentId: again.id, code: 'VALIDATION_FAILED' }]);
    // A courier-only operator is left out for a v1 terminal, which has no such role.
    const ops = (await s.sync.pull(d1.token, 'operators', null, 100, { schemaVersion: 1 })).body.documents;
    expect(ops.map((o) => o.id)).not.toContain('courier-1');
    expect(ops.map((o) => o.id)).toContain('counter-1');
  });
});
