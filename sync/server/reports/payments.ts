import type { PaymentsByDayRow } from '../../protocol/reports.js';
import type { Queryable } from '../db/index.js';
import { checkedDays, compareKeys, storeChunks, storeSpan, type ReportRange } from './chunks.js';

/**
 * Payments by business day × store × method: the money the terminals took at the handover (the payments
 * collection: cash, card, online reference), each on the business day it was taken in its store's time zone.
 * The providers' own payments (WeChat Pay, Alipay) join this once the reconciliation stores them
 * (providerPaymentsSql, wired by the lead when migration 13 is in).
 */
const TERMINAL_PAYMENTS_SQL = `
WITH st AS (
  SELECT st.id, st.timezone, ${storeSpan('$2', '$3')}
  FROM stores st WHERE st.id = ANY($1::text[])
)
SELECT to_char(((p.data->>'at')::timestamptz AT TIME ZONE st.timezone)::date, 'YYYY-MM-DD') AS day,
       st.id AS store_id, (p.data->>'method') COLLATE "C" AS method,
       count(*)::bigint AS payments, sum((p.data->>'amount')::bigint)::bigint AS amount,
       sum((p.data->>'difference')::bigint)::bigint AS difference
FROM st JOIN docs p ON p.store_id = st.id AND p.collection = 'payments'
WHERE NOT p.deleted
  AND (p.data->>'at') COLLATE "C" >= st.lo_text AND (p.data->>'at') COLLATE "C" < st.hi_text
  AND (p.data->>'at')::timestamptz >= st.lo AND (p.data->>'at')::timestamptz < st.hi
GROUP BY 1, 2, 3
ORDER BY 1, 2, 3`;

interface PaymentsDbRow {
  day: string;
  store_id: string;
  method: string;
  payments: string | number;
  amount: string | number;
  difference: string | number;
}

/** Rows of a day and a chunk of stores from another source of payments (the providers'), in (day, store, method) order. */
export type PaymentsChunkSource = (db: Queryable, stores: readonly string[], day: string) => Promise<PaymentsByDayRow[]>;

async function terminalPayments(db: Queryable, stores: readonly string[], day: string): Promise<PaymentsByDayRow[]> {
  const rows = await db.query<PaymentsDbRow>(TERMINAL_PAYMENTS_SQL, [stores, day, day]);
  return rows.map((r) => ({
    day: r.day, storeId: r.store_id, method: r.method, payments: Number(r.payments), amount: Number(r.amount), difference: Number(r.difference),
  }));
}

/** Payments by day and method, streamed a day and a few stores at a time; `extra` sources merge in key order. */
export async function* paymentsByDay(
  db: Queryable,
  range: ReportRange,
  after: readonly string[] | null = null,
  extra: readonly PaymentsChunkSource[] = [],
): AsyncGenerator<PaymentsByDayRow> {
  const days = checkedDays(range);
  const chunks = await storeChunks(db, range);
  for (const day of days) {
    if (after && day < after[0]!) continue;
    for (const stores of chunks) {
      const lists = await Promise.all([terminalPayments, ...extra].map((source) => source(db, stores, day)));
      const rows = lists.flat().sort((a, b) => compareKeys(paymentsKey(a), paymentsKey(b)));
      for (const row of rows) {
        if (after && compareKeys(paymentsKey(row), after) <= 0) continue;
        yield row;
      }
    }
  }
}

export const paymentsKey = (r: PaymentsByDayRow): string[] => [r.day, r.storeId, r.method];

/**
 * Online payments by provider (WeChat Pay, Alipay): what the orders paid online, as the reconciliation keeps them
 * (recon_order_payments, migration 13), on the business day they were paid in their store's time zone. Cash on
 * delivery is the terminals' (above), so it is left out here.
 */
const PROVIDER_PAYMENTS_SQL = `
WITH st AS (
  SELECT st.id, st.timezone, ${storeSpan('$2', '$3')}
  FROM stores st WHERE st.id = ANY($1::text[])
)
SELECT to_char((p.paid_at AT TIME ZONE st.timezone)::date, 'YYYY-MM-DD') AS day, st.id AS store_id,
       p.provider COLLATE "C" AS method, count(*)::bigint AS payments, sum(p.amount)::bigint AS amount, 0::bigint AS difference
FROM st JOIN recon_order_payments p ON p.store_id = st.id
WHERE p.provider <> 'cod' AND p.paid_at >= st.lo AND p.paid_at < st.hi
GROUP BY 1, 2, 3
ORDER BY 1, 2, 3`;

export const providerPayments: PaymentsChunkSource = async (db, stores, day) => {
  const rows = await db.query<PaymentsDbRow>(PROVIDER_PAYMENTS_SQL, [stores, day, day]);
  return rows.map((r) => ({
    day: r.day, storeId: r.store_id, method: r.method, payments: Number(r.payments), amount: Number(r.amount), difference: Number(r.difference),
  }));
};
