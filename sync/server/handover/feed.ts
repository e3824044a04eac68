import { isStatusEvent, type OrderEvent } from '../../model/order-event.js';
import { compareEvents } from '../../model/status.js';
import type { Payment } from '../../model/payment.js';
import type { PlatformEvent, PlatformPayment } from '../../protocol/platform.js';
import type { Queryable } from '../db/index.js';
import { loadOrderState, type FeedDetail, type FeedEntry } from '../store/orders.js';

/** Handover facts the platform's feed names (PlatformEvent.fact). */
const FEED_FACTS: ReadonlySet<string> = new Set(['picked_up', 'delivered', 'delivery_failed', 'returned_to_stock']);

export function platformPayment(p: Payment): PlatformPayment {
  return { method: p.method, amount: p.amount, currency: p.currency, due: p.due, difference: p.difference, ...(p.reference !== undefined ? { reference: p.reference } : {}) };
}

async function storedPayments(q: Queryable, storeId: string, ids: readonly string[]): Promise<Map<string, Payment>> {
  if (ids.length === 0) return new Map();
  const rows = await q.query<{ data: Payment }>(
    `SELECT data FROM docs WHERE store_id = $1 AND collection = 'payments' AND id = ANY($2::text[]) AND NOT deleted`,
    [storeId, [...new Set(ids)]],
  );
  return new Map(rows.map((r) => [r.data.id, r.data]));
}

/**
 * The feed's entries for the status changes an order_events push made, with the handover fact that made each and its
 * payment. A handover that names a payment the centre does not hold yet (the payments collection is pushed on its
 * own) is held back: its entry is written when the payment arrives (paymentFeedEntries), so the platform reads the
 * picked_up or delivered once, with the money, and never a handover whose payment it would not hear of.
 */
export async function handoverFeedEntries(q: Queryable, storeId: string, changes: readonly FeedEntry[], accepted: readonly OrderEvent[]): Promise<FeedEntry[]> {
  // The change stands on the last status fact this push brought for the order; only a handover fact is named.
  const causeOf = (c: FeedEntry): OrderEvent | undefined =>
    accepted.filter((e) => e.orderId === c.orderId && isStatusEvent(e)).sort(compareEvents).at(-1);
  const causes = changes.map(causeOf);
  const payments = await storedPayments(q, storeId, causes.flatMap((e) => (e?.paymentId ? [e.paymentId] : [])));
  const out: FeedEntry[] = [];
  changes.forEach((c, i) => {
    const cause = causes[i];
    if (!cause || !FEED_FACTS.has(cause.type)) return void out.push(c);
    const detail: FeedDetail = {
      fact: cause.type as NonNullable<PlatformEvent['fact']>,
      ...(cause.failReason ? { failReason: cause.failReason } : {}),
      ...(cause.restockReason ? { restockReason: cause.restockReason } : {}),
    };
    if (cause.paymentId !== undefined) {
      const payment = payments.get(cause.paymentId);
      if (!payment) return; // held back until the payment arrives
      detail.payment = platformPayment(payment);
    }
    out.push({ ...c, detail });
  });
  return out;
}

/**
 * The held-back entries that payments just stored complete: the payment's handover event is stored, applied, the
 * order still stands on it, and no entry for that status was written yet.
 */
export async function paymentFeedEntries(q: Queryable, storeId: string, payments: readonly Payment[]): Promise<FeedEntry[]> {
  const out: FeedEntry[] = [];
  for (const payment of payments) {
    const state = await loadOrderState(q, storeId, payment.orderId);
    if (!state) continue;
    const applied = state.derived.history.find((h) => h.applied && h.event.id === payment.eventId && h.event.paymentId === payment.id);
    if (!applied || state.derived.status !== applied.event.type) continue;
    const [written] = await q.query<{ n: number }>('SELECT count(*)::int AS n FROM platform_events WHERE order_id = $1 AND status = $2', [payment.orderId, state.derived.status]);
    if ((written?.n ?? 0) > 0) continue;
    out.push({
      orderId: payment.orderId,
      storeId,
      status: state.derived.status,
      returnRequested: state.derived.returnRequested,
      detail: { fact: applied.event.type as NonNullable<PlatformEvent['fact']>, payment: platformPayment(payment) },
    });
  }
  return out;
}
