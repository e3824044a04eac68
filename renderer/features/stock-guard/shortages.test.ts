import { afterEach, describe, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import type { TerminalDb } from '../../db/index.js';
import { deriveStatus, type Order, type OrderEvent, type OrderEventType } from '../../../sync/model/index.js';
import { closeTestDbs, openTestDb, operator, product } from '../../testing/db.js';
import type { Actor } from '../approval/authorize.js';
import { recordReceipt } from '../inventory/record-stock.js';
import { recordOrderEvent } from '../orders/record-event.js';
import { startBatch } from '../picking/record.js';
import { findShortages, overrideNote, overrideNotes } from './shortages.js';

afterEach(closeTestDbs);

const picker: Actor = { operatorId: 'pick-1', roles: ['picker'], deviceId: 'dev-1', storeId: 'S001' };

function order(id: string, lines: { sku: string; qty: number }[]): Order {
  const dueAt = '2026-11-27T12:00:00.000Z';
  return {
    id, storeId: 'S001', placedAt: '2026-11-27T09:00:00.000Z', dueAt,
    fulfilment: { type: 'pickup', slot: { kind: '2h', dueAt } },
    customer: { name: 'Wang', phone: '13911112222' }, payment: { method: 'cod', amount: 500, currency: 'CNY', paid: false },
    lines: lines.map((l) => ({ ...l, name: l.sku, unitPrice: 100 })),
    receivedAt: '2026-11-27T09:00:01.000Z', updatedAt: '2026-11-27T09:00:01.000Z',
  };
}

async function store(): Promise<TerminalDb> {
  const db = await openTestDb();
  await db.operators.bulkInsert([await operator('pick-1', ['picker'], null), await operator('boss-1', ['manager'], null)]);
  await db.products.bulkInsert([product('SKU-1', 'Milk 1L'), product('SKU-2', 'Tea')]);
  // 5 milk and 2 tea on the shelf.
  expect(await recordReceipt(db, [{ sku: 'SKU-1', qty: 5 }, { sku: 'SKU-2', qty: 2 }], picker, uuidv7, () => new Date('2026-11-27T08:00:00.000Z'))).toMatchObject({ ok: true });
  return db;
}

async function events(db: TerminalDb, orderId: string, types: OrderEventType[]): Promise<void> {
  let minute = 10;
  for (const type of types) await db.order_events.insert({ id: uuidv7(), storeId: 'S001', orderId, type, at: `2026-11-27T09:${minute++}:00.000Z`, operatorId: 'pick-1', deviceId: 'dev-1' });
}

async function row(db: TerminalDb, id: string) {
  const o = (await db.orders.findOne(id).exec())?.toJSON() as Order;
  const evs = (await db.order_events.find({ selector: { orderId: id } }).exec()).map((d) => d.toJSON() as OrderEvent);
  return { order: o, derived: deriveStatus(o, evs) };
}

describe('the stock check before accepting or picking', () => {
  it('finds what an order would take below zero available, counting the other open orders and not itself twice', async () => {
    const db = await store();
    await db.orders.bulkInsert([
      order('O-HELD', [{ sku: 'SKU-1', qty: 3 }]),
      order('O-NEXT', [{ sku: 'SKU-1', qty: 2 }, { sku: 'SKU-2', qty: 1 }]),
      order('O-GREEDY', [{ sku: 'SKU-1', qty: 1 }, { sku: 'SKU-2', qty: 3 }]),
    ]);
    await events(db, 'O-HELD', ['accepted']);
    // 5 milk - 3 held - 2 = 0 and 2 tea - 1 = 1 (the greedy order is new: it holds its lines too, so counted).
    // Accepting O-NEXT: milk 5 - 3 - 1 (greedy) - 2 = -1; tea 2 - 3 (greedy) - 1 = -2.
    expect(await findShortages(db, [(await row(db, 'O-NEXT')).order])).toEqual([
      { sku: 'SKU-1', name: 'Milk 1L', needed: 2, onHand: 5, availableAfter: -1, orderIds: ['O-NEXT'] },
      { sku: 'SKU-2', name: 'Tea', needed: 1, onHand: 2, availableAfter: -2, orderIds: ['O-NEXT'] },
    ]);
    // The greedy order is rejected: the next one fits exactly, nothing is short.
    await events(db, 'O-GREEDY', ['rejected']);
    expect(await findShortages(db, [(await row(db, 'O-NEXT')).order])).toEqual([]);
    // A delivery makes a short order whole.
    await db.orders.insert(order('O-BIG', [{ sku: 'SKU-2', qty: 4 }]));
    expect((await findShortages(db, [(await row(db, 'O-BIG')).order])).map((s) => [s.sku, s.availableAfter])).toEqual([['SKU-2', -3]]);
    await recordReceipt(db, [{ sku: 'SKU-2', qty: 12 }], picker, uuidv7);
    expect(await findShortages(db, [(await row(db, 'O-BIG')).order])).toEqual([]);
  });

  it('records the decision to go ahead on the fact: the accepted event, or each short order\'s picking_started', async () => {
    const db = await store();
    await db.orders.bulkInsert([order('O-A', [{ sku: 'SKU-1', qty: 4 }]), order('O-B', [{ sku: 'SKU-1', qty: 4 }, { sku: 'SKU-2', qty: 1 }]), order('O-C', [{ sku: 'SKU-2', qty: 1 }])]);
    const short = await findShortages(db, [(await row(db, 'O-A')).order]);
    expect(short.map((s) => [s.sku, s.availableAfter])).toEqual([['SKU-1', -3]]);
    const note = overrideNote(short, 'boss-1');
    expect(note).toBe('went ahead short of stock, approved by boss-1: SKU-1 available -3');
    const accepted = await recordOrderEvent(db, await row(db, 'O-A'), 'accepted', picker, uuidv7, undefined, { note });
    expect(accepted).toMatchObject({ ok: true, event: { type: 'accepted', note } });
    await events(db, 'O-B', ['accepted']);
    await events(db, 'O-C', ['accepted']);

    // The batch of all three: milk 5 - 8 = -3 (O-A and O-B), tea 2 - 2 = 0. Only the orders taking milk get a note.
    const batch = await findShortages(db, await Promise.all(['O-A', 'O-B', 'O-C'].map(async (id) => (await row(db, id)).order)));
    expect(batch.map((s) => [s.sku, s.needed, s.availableAfter, s.orderIds])).toEqual([['SKU-1', 8, -3, ['O-A', 'O-B']]]);
    const notes = overrideNotes(batch, null);
    expect(notes).toEqual({ 'O-A': 'went ahead short of stock: SKU-1 available -3', 'O-B': 'went ahead short of stock: SKU-1 available -3' });
    const started = await startBatch(db, { ...picker }, 'B-1', ['O-A', 'O-B', 'O-C'], uuidv7, undefined, notes);
    if (!started.ok) throw new Error(started.message);
    const picking = started.events.filter((e) => e.type === 'picking_started').map((e) => [e.orderId, e.note ?? null]);
    expect(picking).toEqual([['O-A', notes['O-A']], ['O-B', notes['O-B']], ['O-C', null]]);
  });
});
