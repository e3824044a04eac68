/** Orders handed over through the real sync push, and stored folds for a chosen instant, for the report tests. */
import { expect } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import type { Order } from '../../model/order.js';
import type { OrderEvent, PickedLine } from '../../model/order-event.js';
import { amountDue, type Payment } from '../../model/payment.js';
import type { StatusFold } from '../../model/status.js';
import type { Db } from '../db/index.js';
import { makeOrderEvent, testOperatorId, type TestServer } from '../testing.js';

export type Device = { deviceId: string; storeId: string; token: string };

export interface HandOverOptions {
  /** Units picked per line (default: as ordered); a substitute per line index. */
  picked?: readonly number[];
  substitutes?: Readonly<Record<number, { sku: string; qty: number }>>;
  /** How a cash-on-delivery order is paid at the handover. */
  payBy?: 'cash' | 'card';
}

async function push(s: TestServer, d: Device, collection: 'order_events' | 'payments', docs: readonly object[]) {
  const res = await s.sync.push(d.token, collection, docs.map((doc) => ({ newDocumentState: { _deleted: false, ...doc } as never })));
  expect(res.status).toBe(200);
  expect(res.body).toEqual({ conflicts: [], rejected: [] });
}

let tick = 0;
/** Distinct, increasing instants of "now" (facts may not be dated before their operator existed, nor ahead of the server). */
const now = () => new Date(Date.now() + (tick++ % 1000)).toISOString();

/** Takes an order through pick, pack and its handover (delivered, or picked up at the counter), with its payment. */
export async function handOver(s: TestServer, d: Device, order: Order, opts: HandOverOptions = {}): Promise<{ handedAt: string; payment?: Payment }> {
  const lines: PickedLine[] = order.lines.map((l, i) => {
    const picked = opts.picked?.[i] ?? l.qty;
    const substitute = opts.substitutes?.[i] ?? null;
    return { lineIndex: i, sku: l.sku, ordered: l.qty, picked, substitute, shortReason: picked < l.qty ? 'out_of_stock' : null };
  });
  const items = lines.flatMap((l) => [...(l.picked > 0 ? [{ sku: l.sku, qty: l.picked }] : []), ...(l.substitute ? [l.substitute] : [])]);
  const ev = (type: OrderEvent['type'], extra: Partial<OrderEvent> = {}) => makeOrderEvent(d, order.id, type, { at: now(), ...extra });
  const events = [
    ev('accepted'), ev('picking_started'), ev('picked', { lines }),
    ev('packed', { packages: [{ id: `${order.id}-P1`, n: 1, of: 1, items }] }),
  ];
  const due = amountDue(order, lines);
  const paymentId = due > 0 ? uuidv7() : undefined;
  const handover = order.fulfilment.type === 'delivery'
    ? [ev('dispatched', { courierId: testOperatorId(d.storeId) }), ev('delivered', paymentId ? { paymentId } : {})]
    : [ev('ready'), ev('picked_up', { via: 'counter', proof: 'staff', ...(paymentId ? { paymentId } : {}) })];
  events.push(...handover);
  await push(s, d, 'order_events', events);
  const last = handover.at(-1)!;
  if (!paymentId) return { handedAt: last.at };
  const method = opts.payBy ?? 'cash';
  const payment: Payment = {
    id: paymentId, storeId: d.storeId, orderId: order.id, eventId: last.id, method, amount: due, currency: 'CNY', due, difference: 0,
    ...(method === 'cash' ? { tendered: due, change: 0 } : { batch: 'B001', reference: `REF-${order.id}` }),
    operatorId: testOperatorId(d.storeId), deviceId: d.deviceId, at: now(),
  };
  await push(s, d, 'payments', [payment]);
  return { handedAt: last.at, payment };
}

/**
 * An order and its status fold stored as a push stores them, handed over at a chosen instant: for the business-day
 * boundaries, which real pushes (dated now) cannot reach.
 */
export async function storeHandedOver(db: Db, order: Pick<Order, 'id' | 'storeId' | 'lines'>, at: string, picked: readonly PickedLine[] | null): Promise<void> {
  const fold: StatusFold = { status: 'delivered', changedAt: at, last: { at, id: uuidv7() }, picked: { at, lines: picked } };
  const doc = { ...order, placedAt: at, dueAt: at, fulfilment: { type: 'delivery', slot: { kind: '1h', dueAt: at } },
    customer: { name: 'Test', phone: '1' }, payment: { method: 'online', amount: 0, currency: 'CNY', paid: true }, receivedAt: at, updatedAt: at };
  await db.tx(async (q) => {
    const [st] = await q.query<{ seq: string }>('UPDATE stores SET seq = seq + 1 WHERE id = $1 RETURNING seq', [order.storeId]);
    await q.query(`INSERT INTO docs (store_id, collection, id, position, data) VALUES ($1, 'orders', $2, $3, $4)`, [order.storeId, order.id, st!.seq, JSON.stringify(doc)]);
    await q.query('INSERT INTO order_index (id, store_id) VALUES ($1, $2)', [order.id, order.storeId]);
    await q.query('INSERT INTO order_folds (store_id, order_id, fold) VALUES ($1, $2, $3)', [order.storeId, order.id, JSON.stringify(fold)]);
  });
}

/** Collects an async iterable (tests only: reports stream in production). */
export async function collect<T>(rows: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const r of rows) out.push(r);
  return out;
}
