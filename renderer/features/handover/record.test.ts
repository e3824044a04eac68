import { afterEach, describe, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import type { TerminalDb } from '../../db/index.js';
import { deriveStatus, type Order, type OrderEvent, type Payment } from '../../../sync/model/index.js';
import { closeTestDbs, openTestDb, operator } from '../../testing/db.js';
import type { Actor } from '../approval/authorize.js';
import type { QueueRow } from '../orders/queue.js';
import { chooseForCounter, chooseForRun } from './find.js';
import { recordCounterPickup, recordDelivered, recordDeliveryFailed, recordDispatch, recordRestock } from './record.js';

afterEach(closeTestDbs);

const counter: Actor = { operatorId: 'ct-1', roles: ['counter'], deviceId: 'dev-1', storeId: 'S001' };
const manager: Actor = { operatorId: 'mg-1', roles: ['manager'], deviceId: 'dev-1', storeId: 'S001' };
const at = (m: number) => new Date(Date.parse('2026-11-27T09:00:00.000Z') + m * 60_000).toISOString();

function order(id: string, type: 'pickup' | 'delivery', method: 'cod' | 'online'): Order {
  return {
    id, storeId: 'S001', placedAt: at(0), dueAt: at(120), fulfilment: { type, slot: { kind: '2h', dueAt: at(120) } },
    customer: { name: 'Li', phone: '13911112222' }, payment: { method, amount: 12850, currency: 'CNY', paid: method === 'online' },
    lines: [{ sku: 'TEA', name: 'Tea', qty: 2, unitPrice: 3990 }, { sku: 'MILK', name: 'Milk', qty: 1, unitPrice: 4870 }], receivedAt: at(0), updatedAt: at(0),
  };
}

const fact = (orderId: string, type: OrderEvent['type'], m: number, extra: Partial<OrderEvent> = {}): OrderEvent => ({
  id: uuidv7(), storeId: 'S001', orderId, type, at: at(m), operatorId: 'ct-1', deviceId: 'dev-0', ...extra,
});
const upTo = (o: Order, last: 'packed' | 'ready') => [fact(o.id, 'accepted', 1), fact(o.id, 'picking_started', 2), fact(o.id, 'picked', 3), fact(o.id, 'packed', 4), ...(last === 'ready' ? [fact(o.id, 'ready', 5)] : [])];

async function terminal(orders: Order[], events: OrderEvent[]): Promise<TerminalDb> {
  const db = await openTestDb();
  await db.operators.bulkInsert([await operator('ct-1', ['counter'], null), await operator('mg-1', ['manager'], null), await operator('cr-1', ['courier'], null, { badge: 'BADGE-CR1' })]);
  await db.orders.bulkInsert(orders);
  await db.order_events.bulkInsert(events);
  return db;
}

async function rowOf(db: TerminalDb, id: string): Promise<QueueRow> {
  const order = (await db.orders.findOne(id).exec())!.toJSON() as Order;
  const events = (await db.order_events.find({ selector: { orderId: id } }).exec()).map((d) => d.toJSON() as OrderEvent);
  return { order, derived: deriveStatus(order, events) };
}
const ids = { newId: uuidv7, now: () => new Date(at(30)) };

describe('the counter handover', () => {
  it('records the cash payment and then the pickup that names it, and the same handover again writes nothing', async () => {
    const o = order('EO-1', 'pickup', 'cod');
    const db = await terminal([o], upTo(o, 'ready'));
    expect(chooseForCounter([await rowOf(db, o.id)], 'EO-1-P1')).toMatchObject({ ok: true });
    const fixed = { ...ids, eventId: uuidv7(), paymentId: uuidv7() };
    const r = await recordCounterPickup(db, await rowOf(db, o.id), counter, 'staff', { tender: { method: 'cash', tendered: 20000 } }, fixed);
    expect(r).toMatchObject({ ok: true, event: { type: 'picked_up', via: 'counter', proof: 'staff', paymentId: fixed.paymentId }, payment: { amount: 12850, change: 7150, eventId: fixed.eventId } });
    expect((await rowOf(db, o.id)).derived.status).toBe('picked_up');
    // Done once: the same handover again is refused before anything is written.
    expect(await recordCounterPickup(db, await rowOf(db, o.id), counter, 'staff', { tender: { method: 'cash', tendered: 20000 } }, fixed)).toMatchObject({ ok: false, code: 'ILLEGAL_TRANSITION' });
    expect((await db.payments.find().exec()).length).toBe(1);
  });

  it('refuses a handover of money due without the money, and a different amount without a manager', async () => {
    const o = order('EO-2', 'pickup', 'cod');
    const db = await terminal([o], upTo(o, 'ready'));
    const row = await rowOf(db, o.id);
    expect(await recordCounterPickup(db, row, counter, 'staff', null, ids)).toMatchObject({ ok: false, code: 'PAYMENT_NEEDED' });
    expect(await recordCounterPickup(db, row, counter, 'staff', { tender: { method: 'cash', tendered: 20000 }, amount: 12800, reason: 'coins' }, ids)).toMatchObject({ ok: false, code: 'PAYMENT_INVALID' });
    expect(await recordCounterPickup(db, row, counter, 'staff', { tender: { method: 'cash', tendered: 20000 }, amount: 12800, reason: 'coins', approvedBy: 'ct-1' }, ids)).toMatchObject({ ok: false, code: 'APPROVER_INVALID' });
    const ok = await recordCounterPickup(db, row, counter, 'staff', { tender: { method: 'cash', tendered: 20000 }, amount: 12800, reason: 'coins', approvedBy: 'mg-1' }, ids);
    expect(ok).toMatchObject({ ok: true, payment: { difference: -50, approvedBy: 'mg-1', reason: 'coins' } });
    expect((await db.order_events.find({ selector: { type: 'picked_up' } }).exec()).length).toBe(1);
  });

  it('hands over a prepaid order with no payment, and refuses a delivery at the counter', async () => {
    const paid = order('EO-3', 'pickup', 'online');
    const delivery = order('EO-4', 'delivery', 'cod');
    const db = await terminal([paid, delivery], [...upTo(paid, 'ready'), ...upTo(delivery, 'packed')]);
    expect(await recordCounterPickup(db, await rowOf(db, paid.id), counter, 'staff', null, ids)).toMatchObject({ ok: true, payment: null });
    expect(chooseForCounter([await rowOf(db, delivery.id)], delivery.id)).toMatchObject({ ok: false, code: 'notPickup' });
  });
});

describe('a courier run', () => {
  it('dispatches to a courier, takes a card payment on delivery, and puts a failed one back to packed', async () => {
    const a = order('EO-5', 'delivery', 'cod');
    const b = order('EO-6', 'delivery', 'cod');
    const db = await terminal([a, b], [...upTo(a, 'packed'), ...upTo(b, 'packed')]);
    expect(chooseForRun([await rowOf(db, a.id)], `${a.id}-P1`, [a.id])).toMatchObject({ ok: false, code: 'alreadyOnRun' });
    for (const o of [a, b]) expect(await recordDispatch(db, await rowOf(db, o.id), counter, 'cr-1', ids)).toMatchObject({ ok: true, event: { courierId: 'cr-1' } });
    const card = await recordDelivered(db, await rowOf(db, a.id), counter, 'cr-1', { tender: { method: 'card', batch: '000123', reference: 'RRN1' } }, ids);
    expect(card).toMatchObject({ ok: true, payment: { method: 'card', collectedBy: 'cr-1', amount: 12850 } });
    const failed = await recordDeliveryFailed(db, await rowOf(db, b.id), counter, 'not_home', ids);
    expect(failed).toMatchObject({ ok: true, event: { failReason: 'not_home' } });
    expect((await rowOf(db, b.id)).derived.status).toBe('packed');
    expect(((await db.payments.find().exec()).map((d) => d.toJSON() as Payment)).map((p) => p.orderId)).toEqual([a.id]);
  });
});

describe('giving a delivery up', () => {
  it('puts back on the shelf what the pick took, once, and the order is returned', async () => {
    const o = order('EO-7', 'delivery', 'cod');
    const db = await terminal([o], upTo(o, 'packed'));
    const pick = (sku: string, qty: number, kind: 'pick' | 'unpick' = 'pick') => ({ id: uuidv7(), storeId: 'S001', sku, kind, qty, at: at(3), operatorId: 'ct-1', deviceId: 'dev-0', orderId: o.id });
    await db.stock_moves.bulkInsert([pick('TEA', -2), pick('MILK', -1)]);
    expect(await recordRestock(db, await rowOf(db, o.id), counter, 'delivery_given_up', ids)).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    const r = await recordRestock(db, await rowOf(db, o.id), manager, 'delivery_given_up', ids);
    expect(r).toMatchObject({ ok: true, event: { type: 'returned_to_stock', restockReason: 'delivery_given_up' } });
    expect(r.ok && r.moves.map((m) => [m.sku, m.kind, m.qty]).sort()).toEqual([['MILK', 'unpick', 1], ['TEA', 'unpick', 2]]);
    expect((await rowOf(db, o.id)).derived.status).toBe('returned');
    expect(await recordRestock(db, await rowOf(db, o.id), manager, 'delivery_given_up', ids)).toMatchObject({ ok: false, code: 'ILLEGAL_TRANSITION' });
  });
});
