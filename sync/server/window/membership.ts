import type { Order } from '../../model/order.js';
import { foldEvents, type StatusFold } from '../../model/status.js';
import { DEFAULT_WINDOW, finishedAt, orderInWindow, windowStart } from '../../model/window.js';
import type { Queryable } from '../db/index.js';
import { storedEvents } from '../store/order-folds.js';
import type { StoreTx } from '../store/store-tx.js';

/**
 * Moving documents into or out of the window. A document whose membership changes is stamped with the
 * transaction's position, so every terminal hears of it through the ordinary feed: as an eviction (served
 * `_deleted`, purged locally) when it leaves, as the document again when it comes back. Nothing is deleted here.
 */
export async function setDocsWindow(st: StoreTx, collection: string, ids: readonly string[], inWindow: boolean): Promise<number> {
  if (ids.length === 0) return 0;
  const position = await st.takePosition();
  const rows = await st.q.query<{ id: string }>(
    `UPDATE docs SET in_window = $4, position = $5, updated_at = now()
     WHERE store_id = $1 AND collection = $2 AND id = ANY($3::text[]) AND in_window <> $4
     RETURNING id`,
    [st.storeId, collection, [...ids], inWindow, position],
  );
  if (rows.length > 0) st.written.add(collection);
  return rows.length;
}

export interface OrdersMoved {
  orders: number;
  events: number;
  moves: number;
}

/** An order travels with its facts, the stock moves booked against it (a return needs its pick) and its pickup pass. */
export async function setOrdersWindow(st: StoreTx, orderIds: readonly string[], inWindow: boolean): Promise<OrdersMoved> {
  const moved: OrdersMoved = { orders: 0, events: 0, moves: 0 };
  if (orderIds.length === 0) return moved;
  const position = await st.takePosition();
  const ids = [...new Set(orderIds)];
  // Three statements, each through its own index (primary key, docs_order_events, docs_stock_moves_order).
  const update = async (collection: string, match: string): Promise<number> => {
    const rows = await st.q.query<{ id: string }>(
      `UPDATE docs SET in_window = $3, position = $4, updated_at = now()
       WHERE store_id = $1 AND collection = '${collection}' AND ${match} = ANY($2::text[]) AND in_window <> $3
       RETURNING id`,
      [st.storeId, ids, inWindow, position],
    );
    if (rows.length > 0) st.written.add(collection);
    return rows.length;
  };
  moved.orders = await update('orders', 'id');
  moved.events = await update('order_events', `(data->>'orderId')`);
  moved.moves = await update('stock_moves', `(data->>'orderId')`);
  // Payments travel with their order (docs_payments_order); the day close will keep an unclosed day's too.
  moved.moves += await update('payments', `(data->>'orderId')`);
  // The order's pickup pass (keyed by the order's id) goes where the order goes.
  await update('pickup_passes', 'id');
  return moved;
}

/** Of these orders, the ones the window has let go (an order never stored is not among them). */
export async function ordersOutOfWindow(q: Queryable, storeId: string, orderIds: readonly string[]): Promise<Set<string>> {
  if (orderIds.length === 0) return new Set();
  const rows = await q.query<{ id: string }>(
    `SELECT id FROM docs WHERE store_id = $1 AND collection = 'orders' AND id = ANY($2::text[]) AND NOT in_window`,
    [storeId, [...new Set(orderIds)]],
  );
  return new Set(rows.map((r) => r.id));
}

export interface StoreWindow {
  historyDays: number;
  maxOfflineDays: number;
}

export async function storeWindow(q: Queryable, storeId: string): Promise<StoreWindow> {
  const [row] = await q.query<{ history_days: number; max_offline_days: number }>('SELECT history_days, max_offline_days FROM stores WHERE id = $1', [storeId]);
  return { historyDays: row?.history_days ?? DEFAULT_WINDOW.historyDays, maxOfflineDays: row?.max_offline_days ?? DEFAULT_WINDOW.maxOfflineDays };
}

interface Candidate {
  data: Order;
  fold: StatusFold | null;
}

/**
 * Orders with their folds: by id, or (with `changedBefore`) the in-window orders whose last change is older than the
 * window, the only ones that may have finished before it.
 */
async function ordersWithFolds(q: Queryable, storeId: string, opts: { ids?: readonly string[]; changedBefore?: string }): Promise<Candidate[]> {
  const params: unknown[] = [storeId];
  const where: string[] = [];
  if (opts.changedBefore !== undefined) {
    params.push(opts.changedBefore);
    where.push(`o.in_window AND (f.fold IS NULL OR (f.fold->>'changedAt') < $${params.length})`);
  }
  if (opts.ids) {
    params.push([...new Set(opts.ids)]);
    where.push(`o.id = ANY($${params.length}::text[])`);
  }
  return q.query<Candidate>(
    `SELECT o.data, f.fold FROM docs o
     LEFT JOIN order_folds f ON f.store_id = o.store_id AND f.order_id = o.id
     WHERE o.store_id = $1 AND o.collection = 'orders' AND NOT o.deleted ${where.map((w) => `AND ${w}`).join(' ')}`,
    params,
  );
}

/** The in-window orders of the store that may have finished before `start`. */
export function candidates(q: Queryable, storeId: string, start: string, ids?: readonly string[]): Promise<Candidate[]> {
  return ordersWithFolds(q, storeId, { changedBefore: start, ...(ids ? { ids } : {}) });
}

/** Of the candidates, the orders that finished before the window's start. */
export async function finishedBefore(q: Queryable, storeId: string, rows: readonly Candidate[], start: string): Promise<string[]> {
  const unfolded = rows.filter((r) => r.fold === null).map((r) => r.data.id);
  const events = unfolded.length > 0 ? await storedEvents(q, storeId, unfolded) : new Map();
  const withReturn = rows.filter((r) => r.data.cancel !== undefined).map((r) => r.data.id);
  const returns = new Map<string, string>();
  if (withReturn.length > 0) {
    const booked = await q.query<{ order_id: string; at: string }>(
      `SELECT data->>'orderId' AS order_id, max(data->>'at' COLLATE "C") AS at FROM docs
       WHERE store_id = $1 AND collection = 'stock_moves' AND data->>'orderId' = ANY($2::text[]) AND data->>'kind' = 'return'
       GROUP BY 1`,
      [storeId, withReturn],
    );
    for (const b of booked) returns.set(b.order_id, b.at);
  }
  return rows
    .filter((r) => {
      const fold = r.fold ?? foldEvents(r.data, events.get(r.data.id) ?? []);
      return !orderInWindow(finishedAt(r.data, fold, returns.get(r.data.id) ?? null), start);
    })
    .map((r) => r.data.id);
}


/**
 * Puts orders that were outside the window where they now belong, after facts arrived for them: back in with all
 * their documents when the facts reopened them (a return), else kept out with the new facts too, which the
 * terminal that pushed them then evicts. Called inside the store transaction that stored the facts.
 */
export async function placeOrders(st: StoreTx, orderIds: readonly string[], now = Date.now()): Promise<void> {
  if (orderIds.length === 0) return;
  const { historyDays } = await storeWindow(st.q, st.storeId);
  const start = windowStart(now, historyDays);
  const rows = await ordersWithFolds(st.q, st.storeId, { ids: orderIds });
  const out = new Set(await finishedBefore(st.q, st.storeId, rows, start));
  await setOrdersWindow(st, rows.map((r) => r.data.id).filter((id) => out.has(id)), false);
  await setOrdersWindow(st, rows.map((r) => r.data.id).filter((id) => !out.has(id)), true);
}
