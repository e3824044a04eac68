import type { Order } from '../../model/order.js';
import { emptyFold } from '../../model/status.js';
import { ProtocolError } from '../../protocol/errors.js';
import type { OrderInput } from '../../protocol/platform.js';
import type { Db, Queryable } from '../db/index.js';
import { jsonEqual } from '../equal.js';
import { nearestStore, serviceAreas, type ServiceArea } from '../routing.js';
import { describeError, docValidator } from '../validation.js';
import { announce } from './store-tx.js';
import { queueFromFeedSql } from '../webhooks/outbox.js';

/**
 * Takes new orders into one store in one statement, which is its own transaction: claim each id in order_index
 * (unique across stores; an id already claimed is left out), take the store's next position, store the documents
 * at it with the fold of no facts (order-folds.ts), and append a `new` entry per order to the platform's feed, with
 * its webhook deliveries (webhooks/outbox.ts).
 *
 * Why one statement: the store's row lock (which makes positions commit-ordered, see store-tx.ts) and the feed's
 * counter lock are held until commit, and every round trip made while holding them is a round trip no other
 * writer of the store can use. Here they are taken by the statement itself and held for its execution and the
 * commit only. Locks are taken in the order order_index (new ids only), stores, counters: the same order as
 * every other writer (a push takes stores then counters; a reroute takes stores then an existing order's index
 * row), so they cannot deadlock.
 *
 * Returns the ids it claimed (the others already existed) and the position they were stored at.
 */
export async function insertNewOrders(q: Queryable, storeId: string, orders: readonly Order[]): Promise<{ claimed: Set<string>; position: number | undefined }> {
  if (orders.length === 0) return { claimed: new Set(), position: undefined };
  // Each order starts with the fold of no facts, so the push that brings its first fact need not look for any.
  const rows = orders.map((o, i) => ({ n: i + 1, id: o.id, data: o, fold: emptyFold(o) }));
  const [result] = await q.query<{ position: number | null; claimed: string[] }>(
    `WITH x AS (
       SELECT * FROM jsonb_to_recordset($2::jsonb) AS x(n bigint, id text, data jsonb, fold jsonb)
     ), claimed AS (
       INSERT INTO order_index (id, store_id) SELECT x.id, $1 FROM x ORDER BY x.n ON CONFLICT (id) DO NOTHING RETURNING id
     ), pos AS (
       UPDATE stores SET seq = seq + 1 WHERE id = $1 AND EXISTS (SELECT 1 FROM claimed) RETURNING seq
     ), ins AS (
       INSERT INTO docs (store_id, collection, id, position, data, deleted, updated_at)
       SELECT $1, 'orders', x.id, pos.seq, x.data, false, now() FROM x JOIN claimed c ON c.id = x.id CROSS JOIN pos
       RETURNING id
     ), folds AS (
       INSERT INTO order_folds (store_id, order_id, fold) SELECT $1, x.id, x.fold FROM x JOIN ins ON ins.id = x.id
       ON CONFLICT (store_id, order_id) DO UPDATE SET fold = EXCLUDED.fold
     ), feed AS (
       UPDATE counters SET value = value + (SELECT count(*) FROM claimed)
       WHERE name = 'platform_events' AND EXISTS (SELECT 1 FROM claimed) RETURNING value
     ), entries AS (
       INSERT INTO platform_events (cursor, order_id, store_id, status, return_requested, at)
       SELECT feed.value - (SELECT count(*) FROM claimed) + row_number() OVER (ORDER BY x.n), x.id, $1, 'new', false, now()
       FROM x JOIN ins ON ins.id = x.id CROSS JOIN feed
       RETURNING cursor, order_id, detail
     ), hooks AS (
       ${queueFromFeedSql('entries')}
     )
     SELECT (SELECT seq FROM pos) AS position, COALESCE((SELECT jsonb_agg(id) FROM claimed), '[]'::jsonb) AS claimed`,
    [storeId, JSON.stringify(rows)],
  );
  const position = result?.position === null || result?.position === undefined ? undefined : Number(result.position);
  return { claimed: new Set(result?.claimed ?? []), position };
}

/** insertNewOrders, then the live streams hear of the new position. */
export async function takeNewOrders(db: Db, storeId: string, orders: readonly Order[]): Promise<Set<string>> {
  const { claimed, position } = await insertNewOrders(db, storeId, orders);
  if (position !== undefined) await announce(db, storeId, position, ['orders']);
  return claimed;
}

/** The stored orders among the ids, wherever they are, in one query. */
export async function storedOrders(q: Queryable, ids: readonly string[]): Promise<Map<string, Order>> {
  if (ids.length === 0) return new Map();
  const rows = await q.query<{ data: Order }>(
    `SELECT d.data FROM order_index i
     JOIN docs d ON d.store_id = i.store_id AND d.collection = 'orders' AND d.id = i.id AND NOT d.deleted
     WHERE i.id = ANY($1::text[])`,
    [[...ids]],
  );
  return new Map(rows.map((r) => [r.data.id, r.data]));
}

const utc = (t: string) => new Date(t).toISOString();

/** The platform's body as the `orders` document: times in UTC, dueAt lifted to the top for the queue's index. */
export function normaliseOrder(input: OrderInput, storeId: string, now: string): Order {
  const dueAt = utc(input.fulfilment.slot.dueAt);
  const order: Order = {
    id: input.id,
    storeId,
    placedAt: utc(input.placedAt),
    dueAt,
    fulfilment: { ...input.fulfilment, slot: { ...input.fulfilment.slot, dueAt } },
    customer: input.customer,
    // provider and outTradeNo stay at the centre (reconciliation/expected.ts): the document keeps its schema.
    payment: { method: input.payment.method, amount: input.payment.amount, currency: input.payment.currency, paid: input.payment.paid },
    lines: input.lines,
    receivedAt: now,
    updatedAt: now,
  };
  const validate = docValidator('orders');
  if (!validate(order)) {
    const first = validate.errors?.[0];
    throw new ProtocolError('VALIDATION_FAILED', first ? describeError('body', first) : 'invalid order', 400);
  }
  return order;
}

/**
 * A resubmission is idempotent only if it is the same order: the platform must not believe that a changed body
 * was taken when the stored order is what the store is working on.
 */
export function assertSameSubmission(stored: Order, input: OrderInput): void {
  const again = normaliseOrder(input, stored.storeId, stored.receivedAt);
  const submitted = ({ updatedAt: _u, cancel: _c, ...rest }: Order) => rest;
  const sameStore = input.storeId === undefined || input.storeId === stored.storeId;
  if (!sameStore || !jsonEqual(submitted(again), submitted(stored))) {
    throw new ProtocolError('CONFLICT', `order "${input.id}" was already submitted with different content`, 409, { documentId: input.id });
  }
}

/** The store an order goes to: the one it names, or the nearest that serves its address. */
export function chooseStore(stores: readonly ServiceArea[], input: OrderInput): string {
  if (input.storeId !== undefined) {
    if (!stores.some((s) => s.id === input.storeId)) throw new ProtocolError('UNKNOWN_STORE', `store "${input.storeId}" does not exist`, 422, { path: 'body/storeId' });
    return input.storeId;
  }
  const addr = input.fulfilment.address;
  if (addr?.lat === undefined || addr.lon === undefined) {
    throw new ProtocolError('NO_STORE_FOR_LOCATION', 'without storeId, fulfilment.address needs lat and lon to route the order', 422, { path: 'body/fulfilment/address' });
  }
  const storeId = nearestStore(stores, { lat: addr.lat, lon: addr.lon });
  if (!storeId) throw new ProtocolError('NO_STORE_FOR_LOCATION', `no store serves (${addr.lat}, ${addr.lon})`, 422, { path: 'body/fulfilment/address' });
  return storeId;
}

/** Stores that exist, for an order that names its store: one row, not every store. */
export async function areasFor(q: Queryable, input: OrderInput): Promise<ServiceArea[]> {
  if (input.storeId === undefined) return serviceAreas(q);
  return q.query<ServiceArea>('SELECT id, lat, lon, service_radius_km FROM stores WHERE id = $1', [input.storeId]);
}
