import type { Order } from '../../model/order.js';
import type { Db, Queryable } from '../db/index.js';
import { routeByLocation } from '../routing.js';
import { loadOrderState, recordStatusChange, storeOfOrder } from './orders.js';
import { writeStore } from './store-tx.js';

/**
 * A store that cannot fulfil an order rejects it; the centre then hands it to the nearest other store that serves
 * the address and has not rejected it yet. The order document moves: the new store gets it as a fresh order (its
 * status starts at new, and the platform's feed says so with the new storeId), the rejecting store's copy becomes a
 * tombstone so its terminals drop it. The rejecting store's events stay where they were recorded, as facts.
 *
 * Runs after the push that brought the rejection has committed, in transactions of its own: one store transaction
 * never takes a second store's lock, so two stores rejecting towards each other cannot deadlock. If the process
 * dies in between, the start-up sweep (rerouteSweep) finishes the job.
 */
export type RerouteOutcome =
  | { kind: 'rerouted'; from: string; to: string }
  | { kind: 'stays'; reason: 'not_rejected' | 'no_location' | 'no_other_store' | 'unknown_order' };

/** Stores that have a `rejected` event for the order: they are never offered it again. */
async function rejectingStores(q: Queryable, orderId: string): Promise<Set<string>> {
  const rows = await q.query<{ store_id: string }>(
    `SELECT DISTINCT store_id FROM docs
     WHERE collection = 'order_events' AND data->>'orderId' = $1 AND data->>'type' = 'rejected' AND NOT deleted`,
    [orderId],
  );
  return new Set(rows.map((r) => r.store_id));
}

export async function rerouteRejected(db: Db, orderId: string): Promise<RerouteOutcome> {
  const from = await storeOfOrder(db, orderId);
  if (!from) return { kind: 'stays', reason: 'unknown_order' };
  const state = await loadOrderState(db, from, orderId);
  if (!state) return { kind: 'stays', reason: 'unknown_order' };
  if (state.derived.status !== 'rejected') return { kind: 'stays', reason: 'not_rejected' };
  const addr = state.order.fulfilment.address;
  if (addr?.lat === undefined || addr.lon === undefined) return { kind: 'stays', reason: 'no_location' };
  const to = await routeByLocation(db, { lat: addr.lat, lon: addr.lon }, await rejectingStores(db, orderId));
  if (!to) return { kind: 'stays', reason: 'no_other_store' };

  const now = new Date().toISOString();
  const moved: Order = { ...state.order, storeId: to, receivedAt: now, updatedAt: now };
  const { value: took } = await writeStore(db, to, async (st) => {
    // Guarded by the index row: only one reroute of this rejection wins, however many run.
    const claimed = await st.q.query('UPDATE order_index SET store_id = $1 WHERE id = $2 AND store_id = $3 RETURNING id', [to, orderId, from]);
    if (claimed.length === 0) return false;
    await st.put('orders', orderId, moved);
    const after = await loadOrderState(st.q, to, orderId);
    if (after) await recordStatusChange(st.q, to, undefined, after);
    return true;
  });
  if (!took) return { kind: 'stays', reason: 'not_rejected' };
  await writeStore(db, from, async (st) => {
    await st.put('orders', orderId, { ...state.order, updatedAt: now }, true);
  });
  return { kind: 'rerouted', from, to };
}

/** How far back the start-up sweep looks: a crash leaves a rejection unrouted for moments, not days. */
const SWEEP_WINDOW_MS = 24 * 3_600_000;

/**
 * Orders still held by a store that rejected them, e.g. after a crash between a push and its reroute. Reads the
 * recent rejected events through their partial index (migration 3), so an order that stays rejected for good (no
 * other store serves it) is not judged again at every start for ever.
 */
export async function rerouteSweep(db: Db, nowMs = Date.now()): Promise<RerouteOutcome[]> {
  const rows = await db.query<{ order_id: string }>(
    `SELECT DISTINCT i.id AS order_id
     FROM docs d JOIN order_index i ON i.id = d.data->>'orderId' AND i.store_id = d.store_id
     WHERE d.collection = 'order_events' AND d.data->>'type' = 'rejected' AND d.data->>'at' > $1`,
    [new Date(nowMs - SWEEP_WINDOW_MS).toISOString()],
  );
  const outcomes: RerouteOutcome[] = [];
  for (const r of rows) outcomes.push(await rerouteRejected(db, r.order_id));
  return outcomes;
}
