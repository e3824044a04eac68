import type { OrderEvent } from '../../model/order-event.js';
import type { PassRelease, PickupPassDoc } from '../../model/pickup-pass-doc.js';
import { compareEvents, deriveStatus } from '../../model/status.js';
import { DEFAULT_STORE_SETTINGS, pickupHoldHoursOf, type StoreDoc } from '../../model/store.js';
import { storedEvents, type OrderFacts } from '../store/order-folds.js';
import type { StoreTx } from '../store/store-tx.js';
import { codeSecret } from './keys.js';
import { newPassDoc, pickLookup } from './pass.js';

/** The latest of each order's facts of one type among these. */
function latestByOrder(events: readonly OrderEvent[], type: OrderEvent['type']): Map<string, OrderEvent> {
  const out = new Map<string, OrderEvent>();
  for (const e of events) {
    if (e.type !== type) continue;
    const seen = out.get(e.orderId);
    if (!seen || compareEvents(e, seen) > 0) out.set(e.orderId, e);
  }
  return out;
}

/** Whole seconds: the token carries epoch seconds, and the document must say the same time. */
const expiryAfter = (at: string, hours: number): string => new Date(Math.floor((Date.parse(at) + hours * 3_600_000) / 1000) * 1000).toISOString();

async function liveLookups(st: StoreTx): Promise<Map<string, number>> {
  const rows = await st.q.query<{ lookup: string; n: number }>(
    `SELECT data->>'lookup' AS lookup, count(*)::int AS n FROM docs
     WHERE store_id = $1 AND collection = 'pickup_passes' AND NOT deleted AND in_window AND (data->>'expiresAt') COLLATE "C" > $2
     GROUP BY 1`,
    [st.storeId, new Date().toISOString()],
  );
  return new Map(rows.map((r) => [r.lookup, Number(r.n)]));
}

/**
 * Issues the pass of every pickup order this push's `ready` facts concern, for the latest `ready` the status fold
 * applied: a ready fact the fold ignores (a second terminal's, or one behind a pickup or a cancellation) issues
 * nothing, and an order made ready again (loaded elsewhere) gets a new pass, so its old QR is refused as REVOKED.
 */
async function issueForReady(st: StoreTx, orders: ReadonlyMap<string, OrderFacts>, readyOrderIds: readonly string[]): Promise<IssuedPass[]> {
  const pickup = readyOrderIds.filter((id) => orders.get(id)?.order.fulfilment.type === 'pickup');
  if (pickup.length === 0) return [];
  // Only orders whose pass may change load their facts (written by now): a few per push at most.
  const facts = await storedEvents(st.q, st.storeId, pickup);
  const existing = await st.getMany('pickup_passes', pickup);
  const due: OrderEvent[] = [];
  for (const orderId of pickup) {
    const derived = deriveStatus(orders.get(orderId)!.order, facts.get(orderId) ?? []);
    if (derived.status !== 'ready') continue;
    const ready = derived.history.findLast((h) => h.applied && h.event.type === 'ready')?.event;
    const doc = existing.get(orderId);
    if (ready && (!doc || doc.deleted || (doc.data as unknown as PickupPassDoc).readyEventId !== ready.id)) due.push(ready);
  }
  if (due.length === 0) return [];
  const store = await st.get('stores', st.storeId);
  const hold = pickupHoldHoursOf(store ? (store.data as unknown as StoreDoc).settings : DEFAULT_STORE_SETTINGS);
  const [key] = await st.q.query<{ key_id: string }>('SELECT key_id FROM pickup_keys WHERE retired_at IS NULL');
  if (!key) throw new Error('no current pickup pass key: ensurePassKeys runs at start');
  const secret = await codeSecret(st.q);
  const lookups = await liveLookups(st);
  const now = new Date().toISOString();
  const issued: IssuedPass[] = [];
  for (const e of due) {
    const lookup = pickLookup(lookups);
    lookups.set(lookup, (lookups.get(lookup) ?? 0) + 1);
    const compartment = e.compartment;
    const doc = await newPassDoc(secret, {
      orderId: e.orderId, storeId: st.storeId, expiresAt: expiryAfter(e.at, hold), keyId: key.key_id, readyEventId: e.id, lookup,
      ...(compartment ? { compartment } : {}),
    }, now);
    await st.put('pickup_passes', e.orderId, doc);
    issued.push({ orderId: e.orderId, expiresAt: doc.expiresAt });
  }
  return issued;
}

/**
 * Two releases of one order (two terminals gave the goods out while offline, each with the pass): both facts stay;
 * the order's pass document is flagged with every release, for a manager to settle. Detected when the second
 * release reaches the centre, whichever terminal syncs first.
 */
async function flagDoubleReleases(st: StoreTx, orderIds: readonly string[]): Promise<void> {
  if (orderIds.length === 0) return;
  const rows = await st.q.query<{ data: OrderEvent }>(
    `SELECT data FROM docs WHERE store_id = $1 AND collection = 'order_events' AND data->>'type' = 'picked_up'
       AND data->>'orderId' = ANY($2::text[]) AND NOT deleted`,
    [st.storeId, orderIds],
  );
  const byOrder = new Map<string, OrderEvent[]>();
  for (const { data } of rows) byOrder.set(data.orderId, [...(byOrder.get(data.orderId) ?? []), data]);
  const doubled = [...byOrder].filter(([, list]) => list.length > 1);
  if (doubled.length === 0) return;
  const passes = await st.getMany('pickup_passes', doubled.map(([id]) => id));
  const now = new Date().toISOString();
  for (const [orderId, list] of doubled) {
    const stored = passes.get(orderId);
    if (!stored || stored.deleted) continue;
    const doc = stored.data as unknown as PickupPassDoc;
    const releases: PassRelease[] = list.sort(compareEvents).map((e) => ({ eventId: e.id, deviceId: e.deviceId, operatorId: e.operatorId, at: e.at }));
    const detectedAt = doc.doubleRelease?.detectedAt ?? now;
    await st.put('pickup_passes', orderId, { ...doc, doubleRelease: { detectedAt, releases }, updatedAt: now });
  }
}

/** A pass this push issued: the platform hears of it (a feed entry, and the webhook type pickup_pass.issued). */
export interface IssuedPass {
  orderId: string;
  expiresAt: string;
}

/**
 * Called by the push of order facts, inside its transaction, once the facts and folds are written. Answers the
 * passes issued, for the caller to put in the platform's feed with the rest, last (the feed's lock is global).
 */
export async function pickupAfterFacts(st: StoreTx, touched: readonly OrderFacts[], inserted: readonly OrderEvent[]): Promise<IssuedPass[]> {
  const orders = new Map(touched.map((o) => [o.order.id, o]));
  const issued = await issueForReady(st, orders, [...latestByOrder(inserted, 'ready').keys()]);
  await flagDoubleReleases(st, [...latestByOrder(inserted, 'picked_up').keys()]);
  return issued;
}
