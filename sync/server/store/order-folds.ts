import type { Order } from '../../model/order.js';
import type { OrderEvent } from '../../model/order-event.js';
import { extendsFold, foldEvent, foldEvents, statusOfFold, type DerivedStatus, type StatusFold } from '../../model/status.js';
import type { Queryable } from '../db/index.js';

/**
 * An order as a push judges it: the document and the fold of the facts stored so far. The fold is kept in
 * `order_folds` (migration 4) by every push, so judging a fact does not replay the order's history; only a fact
 * that sorts before the last one folded (a terminal that was offline) makes the order's facts load, once per push.
 */
export interface OrderFacts {
  order: Order;
  /** The fold of the facts so far; behind when `stale` (read it through currentFold). */
  fold: StatusFold;
  /** A late fact arrived: `fold` must be folded again from `events` before it is read. */
  stale: boolean;
  /** Every fact of the order (stored and accepted by this push), once a late fact made them load; kept up to date. */
  events: OrderEvent[] | undefined;
  /** Facts this push accepted for the order, not yet stored. */
  accepted: OrderEvent[];
  /** The status before this push, to feed the platform only real changes. */
  before: Omit<DerivedStatus, 'history'>;
  /** Whether the order is on the terminals (the window); facts for one outside it are placed after the push. */
  inWindow: boolean;
}

/** Distinct ids, as the text[] parameter of `= ANY($n::text[])`: unlike a jsonb list, the planner uses the index for it. */
const ids = (list: Iterable<string>) => [...new Set(list)];

/** The facts stored for each order, in one query through the docs_order_events index. */
export async function storedEvents(q: Queryable, storeId: string, orderIds: Iterable<string>): Promise<Map<string, OrderEvent[]>> {
  const rows = await q.query<{ data: OrderEvent }>(
    `SELECT data FROM docs
     WHERE store_id = $1 AND collection = 'order_events' AND NOT deleted
       AND data->>'orderId' = ANY($2::text[])`,
    [storeId, ids(orderIds)],
  );
  const out = new Map<string, OrderEvent[]>();
  for (const { data } of rows) {
    const list = out.get(data.orderId);
    if (list) list.push(data);
    else out.set(data.orderId, [data]);
  }
  return out;
}

/** The live orders among `orderIds` with their folds; orders whose fold was never kept are folded from their facts. */
export async function loadOrderFacts(q: Queryable, storeId: string, orderIds: Iterable<string>): Promise<Map<string, OrderFacts>> {
  const rows = await q.query<{ data: Order; fold: StatusFold | null; in_window: boolean }>(
    `SELECT o.data, f.fold, o.in_window FROM docs o
     LEFT JOIN order_folds f ON f.store_id = o.store_id AND f.order_id = o.id
     WHERE o.store_id = $1 AND o.collection = 'orders' AND NOT o.deleted
       AND o.id = ANY($2::text[])`,
    [storeId, ids(orderIds)],
  );
  const unfolded = rows.filter((r) => r.fold === null).map((r) => r.data.id);
  const events = unfolded.length > 0 ? await storedEvents(q, storeId, unfolded) : new Map<string, OrderEvent[]>();
  const out = new Map<string, OrderFacts>();
  for (const { data: order, fold, in_window: inWindow } of rows) {
    const own = events.get(order.id);
    const f = fold ?? foldEvents(order, own ?? []);
    out.set(order.id, { order, fold: f, stale: false, events: fold ? undefined : (own ?? []), accepted: [], before: statusOfFold(order, f), inWindow });
  }
  return out;
}

/**
 * Adds a fact this push accepted to the order's fold: by one step when it sorts after the fold's last fact. A late
 * fact marks the fold stale instead (the stored facts load the first time), and currentFold folds them all once,
 * when the fold is next read: a page of late facts on a long order costs one fold, not one per fact.
 */
export async function addFact(q: Queryable, storeId: string, facts: OrderFacts, event: OrderEvent): Promise<void> {
  facts.accepted.push(event);
  if (facts.events) facts.events.push(event);
  if (facts.stale) return;
  if (extendsFold(facts.fold, event)) {
    facts.fold = foldEvent(facts.fold, event, facts.order.fulfilment.type).fold;
    return;
  }
  if (!facts.events) {
    const stored = (await storedEvents(q, storeId, [facts.order.id])).get(facts.order.id) ?? [];
    const storedIds = new Set(stored.map((e) => e.id));
    facts.events = [...stored, ...facts.accepted.filter((e) => !storedIds.has(e.id))];
  }
  facts.stale = true;
}

/** The order's fold with every fact added so far. */
export function currentFold(facts: OrderFacts): StatusFold {
  if (facts.stale) {
    facts.fold = foldEvents(facts.order, facts.events ?? []);
    facts.stale = false;
  }
  return facts.fold;
}

/** Writes the folds of the given orders in one statement. */
export async function saveFolds(q: Queryable, storeId: string, orders: Iterable<OrderFacts>): Promise<void> {
  const rows = [...orders].map((o) => ({ order_id: o.order.id, fold: currentFold(o) }));
  if (rows.length === 0) return;
  await q.query(
    `INSERT INTO order_folds (store_id, order_id, fold)
     SELECT $1, x.order_id, x.fold FROM jsonb_to_recordset($2::jsonb) AS x(order_id text, fold jsonb)
     ON CONFLICT (store_id, order_id) DO UPDATE SET fold = EXCLUDED.fold`,
    [storeId, JSON.stringify(rows)],
  );
}
