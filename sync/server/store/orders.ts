import { deriveStatus, type DerivedStatus } from '../../model/status.js';
import type { Order } from '../../model/order.js';
import type { OrderEvent } from '../../model/order-event.js';
import type { PlatformEvent } from '../../protocol/platform.js';

/** What a feed entry tells beyond the status (the handover fact, its payment): stored as platform_events.detail. */
export type FeedDetail = Pick<PlatformEvent, 'fact' | 'failReason' | 'restockReason' | 'expiresAt' | 'payment'>;
import type { Queryable } from '../db/index.js';
import { queueFromFeedSql } from '../webhooks/outbox.js';

export interface OrderState {
  order: Order;
  events: OrderEvent[];
  derived: DerivedStatus;
}

/** Which store holds an order; order ids are unique across stores. */
export async function storeOfOrder(q: Queryable, orderId: string): Promise<string | undefined> {
  const [row] = await q.query<{ store_id: string }>('SELECT store_id FROM order_index WHERE id = $1', [orderId]);
  return row?.store_id;
}

export async function loadOrderState(q: Queryable, storeId: string, orderId: string): Promise<OrderState | undefined> {
  const [orderRow] = await q.query<{ data: Order }>(
    "SELECT data FROM docs WHERE store_id = $1 AND collection = 'orders' AND id = $2 AND NOT deleted",
    [storeId, orderId],
  );
  if (!orderRow) return undefined;
  const eventRows = await q.query<{ data: OrderEvent }>(
    "SELECT data FROM docs WHERE store_id = $1 AND collection = 'order_events' AND data->>'orderId' = $2 AND NOT deleted",
    [storeId, orderId],
  );
  const events = eventRows.map((r) => r.data);
  return { order: orderRow.data, events, derived: deriveStatus(orderRow.data, events) };
}

export interface FeedEntry {
  orderId: string;
  storeId: string;
  status: string;
  returnRequested: boolean;
  detail?: FeedDetail;
}

/**
 * Appends status changes to the platform's feed, in the given order. The cursors come from a counter row locked
 * until commit, so the feed, like the store positions, never gains an entry behind a cursor already served. The
 * lock is global: callers append as the last step of their transaction, so it is held for as short as possible.
 * The same statement queues the entries' webhook deliveries (webhooks/outbox.ts): they commit with the entries.
 */
export async function appendPlatformEvents(q: Queryable, entries: readonly FeedEntry[]): Promise<void> {
  if (entries.length === 0) return;
  const rows = entries.map((e, i) => ({ n: i + 1, order_id: e.orderId, store_id: e.storeId, status: e.status, return_requested: e.returnRequested, detail: e.detail ?? null }));
  await q.query(
    `WITH c AS (UPDATE counters SET value = value + $1 WHERE name = 'platform_events' RETURNING value),
     entries AS (
       INSERT INTO platform_events (cursor, order_id, store_id, status, return_requested, at, detail)
       SELECT c.value - $1 + x.n, x.order_id, x.store_id, x.status, x.return_requested, now(), x.detail
       FROM c, jsonb_to_recordset($2::jsonb) AS x(n bigint, order_id text, store_id text, status text, return_requested boolean, detail jsonb)
       RETURNING cursor, order_id, detail
     )
     ${queueFromFeedSql('entries')}`,
    [entries.length, JSON.stringify(rows)],
  );
}

/** Whether the platform must hear of the change: the status or the return flag moved. */
export function statusChanged(before: Pick<DerivedStatus, 'status' | 'returnRequested'> | undefined, after: Pick<DerivedStatus, 'status' | 'returnRequested'>): boolean {
  return !before || before.status !== after.status || before.returnRequested !== after.returnRequested;
}

/** Appends a feed entry when the derived status (or the return flag) differs from before. */
export async function recordStatusChange(q: Queryable, storeId: string, before: DerivedStatus | undefined, after: OrderState): Promise<void> {
  if (!statusChanged(before, after.derived)) return;
  await appendPlatformEvents(q, [{ orderId: after.order.id, storeId, status: after.derived.status, returnRequested: after.derived.returnRequested }]);
}

export async function platformEventsAfter(q: Queryable, after: number, limit: number): Promise<PlatformEvent[]> {
  const rows = await q.query<{ cursor: number; order_id: string; store_id: string; status: PlatformEvent['status']; return_requested: boolean; at: Date | string; detail: FeedDetail | null }>(
    'SELECT cursor, order_id, store_id, status, return_requested, at, detail FROM platform_events WHERE cursor > $1 ORDER BY cursor LIMIT $2',
    [after, limit],
  );
  return rows.map((r) => ({
    cursor: String(r.cursor),
    orderId: r.order_id,
    storeId: r.store_id,
    status: r.status,
    returnRequested: r.return_requested,
    at: toIso(r.at),
    ...(r.detail ?? {}),
  }));
}

export function toIso(value: Date | string): string {
  return (value instanceof Date ? value : new Date(value)).toISOString();
}
