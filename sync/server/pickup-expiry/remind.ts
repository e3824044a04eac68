import type { Order } from '../../model/order.js';
import type { PickupPassDoc } from '../../model/pickup-pass-doc.js';
import { pickupClock, reminderDue, type PickupClock } from '../../model/pickup-expiry.js';
import { deriveStatus } from '../../model/status.js';
import { DEFAULT_STORE_SETTINGS, type StoreDoc } from '../../model/store.js';
import type { Db, Queryable } from '../db/index.js';
import { appendPlatformEvents, type FeedEntry } from '../store/orders.js';
import { storedEvents } from '../store/order-folds.js';

/** One reminder the sweep put on the platform's feed. */
export interface Reminder {
  orderId: string;
  readyEventId: string;
  remindAt: string;
  expiresAt: string;
}

/** The ready pickup orders of a store, from their kept folds (a cancellation is merged by deriveStatus after). */
async function readyPickupOrders(q: Queryable, storeId: string): Promise<Order[]> {
  const rows = await q.query<{ data: Order }>(
    `SELECT o.data FROM order_folds f
     JOIN docs o ON o.store_id = f.store_id AND o.collection = 'orders' AND o.id = f.order_id
     WHERE f.store_id = $1 AND f.fold->>'status' = 'ready' AND NOT o.deleted AND o.data->'fulfilment'->>'type' = 'pickup'`,
    [storeId],
  );
  return rows.map((r) => r.data);
}

/** The store's clocks for every ready pickup order: the same pure rule the terminal's return list reads. */
export async function pickupClocks(q: Queryable, storeId: string): Promise<PickupClock[]> {
  const orders = await readyPickupOrders(q, storeId);
  if (orders.length === 0) return [];
  const [storeRow] = await q.query<{ data: StoreDoc }>("SELECT data FROM docs WHERE store_id = $1 AND collection = 'stores' AND id = $1 AND NOT deleted", [storeId]);
  const store = storeRow ? storeRow.data : { settings: DEFAULT_STORE_SETTINGS, timezone: 'UTC' };
  const ids = orders.map((o) => o.id);
  const events = await storedEvents(q, storeId, ids);
  const passes = await q.query<{ data: PickupPassDoc }>(
    "SELECT data FROM docs WHERE store_id = $1 AND collection = 'pickup_passes' AND id = ANY($2::text[]) AND NOT deleted",
    [storeId, ids],
  );
  const passOf = new Map(passes.map((p) => [p.data.orderId, p.data]));
  return orders.flatMap((order) => {
    const clock = pickupClock(order, deriveStatus(order, events.get(order.id) ?? []), store, passOf.get(order.id));
    return clock ? [clock] : [];
  });
}

/**
 * Puts a reminder on the platform's feed for every ready pickup order of the store whose reminder time has come
 * (pickup-expiry.ts), once per ready fact: the row in pickup_reminders is claimed first, and only the rows this
 * transaction claimed get a feed entry, so a second instance sweeping at the same moment writes nothing. The
 * centre writes no order_events (they are the terminals' facts): the reminder is the platform's to send.
 */
export async function remindStore(db: Db, storeId: string, now = Date.now()): Promise<Reminder[]> {
  const due = (await pickupClocks(db, storeId)).filter((c) => reminderDue(c, now));
  if (due.length === 0) return [];
  return db.tx(async (q) => {
    const rows = due.map((c) => ({ order_id: c.orderId, ready_event_id: c.readyEventId, remind_at: c.remindAt }));
    const claimed = await q.query<{ order_id: string; ready_event_id: string }>(
      `INSERT INTO pickup_reminders (order_id, ready_event_id, store_id, remind_at)
       SELECT x.order_id, x.ready_event_id, $1, x.remind_at FROM jsonb_to_recordset($2::jsonb) AS x(order_id text, ready_event_id text, remind_at timestamptz)
       ON CONFLICT DO NOTHING
       RETURNING order_id, ready_event_id`,
      [storeId, JSON.stringify(rows)],
    );
    const mine = new Set(claimed.map((r) => `${r.order_id}\n${r.ready_event_id}`));
    const reminded = due.filter((c) => mine.has(`${c.orderId}\n${c.readyEventId}`));
    const entries: FeedEntry[] = reminded.map((c) => ({
      orderId: c.orderId,
      storeId,
      status: 'ready',
      returnRequested: false,
      detail: { fact: 'pickup_reminded', expiresAt: c.expiresAt },
    }));
    // The feed last: its counter lock is global (store/orders.ts).
    await appendPlatformEvents(q, entries);
    return reminded.map((c) => ({ orderId: c.orderId, readyEventId: c.readyEventId, remindAt: c.remindAt!, expiresAt: c.expiresAt }));
  });
}

/** Every store, one after the other. */
export async function remindAll(db: Db, now = Date.now()): Promise<Reminder[]> {
  const stores = await db.query<{ id: string }>('SELECT id FROM stores ORDER BY id');
  const out: Reminder[] = [];
  for (const { id } of stores) out.push(...(await remindStore(db, id, now)));
  return out;
}
