import type { DailySalesRow, PeriodSalesRow, SalesTrendPoint } from '../../protocol/reports.js';
import { periodsBetween, type PeriodRule } from '../../model/money/periods.js';
import type { Queryable } from '../db/index.js';
import { checkedDays, compareKeys, storeChunks, storeSpan, type ReportRange } from './chunks.js';

/**
 * Sales as the stores handed them over: an order counts on the business day (in its store's time zone) it was
 * delivered or picked up, with the quantities actually picked (the status fold's picked lines, order_folds), each
 * at its order line's unit price; a substitute counts under its own SKU at the line's price (as amountDue charges
 * it). An order marked picked by hand, without lines, counts as ordered. Orders never handed over (rejected,
 * cancelled, returned to stock, still out) are not sales.
 *
 * The SQL groups by `GROUP_KEYS`; $1 the stores, $2 and $3 the first and last business day.
 */
const SOLD_CTE = `
WITH st AS (
  SELECT st.id, st.timezone, ${storeSpan('$2', '$3')}
  FROM stores st WHERE st.id = ANY($1::text[])
), handed AS (
  SELECT st.id AS store_id, st.timezone, f.order_id, f.fold
  FROM st JOIN order_folds f ON f.store_id = st.id
  WHERE f.fold->>'status' IN ('delivered', 'picked_up')
    AND (f.fold->>'changedAt') COLLATE "C" >= st.lo_text AND (f.fold->>'changedAt') COLLATE "C" < st.hi_text
    AND (f.fold->>'changedAt')::timestamptz >= st.lo AND (f.fold->>'changedAt')::timestamptz < st.hi
), sold AS (
  SELECT h.store_id, h.order_id,
         to_char(((h.fold->>'changedAt')::timestamptz AT TIME ZONE h.timezone)::date, 'YYYY-MM-DD') AS day,
         l.sku, l.qty, l.qty * (o.data->'lines'->l.line_index->>'unitPrice')::bigint AS amount,
         CASE WHEN l.own THEN o.data->'lines'->l.line_index->>'name' END AS line_name
  FROM handed h
  JOIN docs o ON o.store_id = h.store_id AND o.collection = 'orders' AND o.id = h.order_id
  CROSS JOIN LATERAL (
    SELECT pl->>'sku' AS sku, (pl->>'picked')::bigint AS qty, (pl->>'lineIndex')::int AS line_index, true AS own
    FROM jsonb_array_elements(CASE WHEN jsonb_typeof(h.fold->'picked'->'lines') = 'array' THEN h.fold->'picked'->'lines' ELSE '[]'::jsonb END) pl
    UNION ALL
    SELECT pl->'substitute'->>'sku', (pl->'substitute'->>'qty')::bigint, (pl->>'lineIndex')::int, false
    FROM jsonb_array_elements(CASE WHEN jsonb_typeof(h.fold->'picked'->'lines') = 'array' THEN h.fold->'picked'->'lines' ELSE '[]'::jsonb END) pl
    WHERE jsonb_typeof(pl->'substitute') = 'object'
    UNION ALL
    SELECT ol.value->>'sku', (ol.value->>'qty')::bigint, (ol.ordinality - 1)::int, true
    FROM jsonb_array_elements(o.data->'lines') WITH ORDINALITY ol
    WHERE jsonb_typeof(h.fold->'picked'->'lines') IS DISTINCT FROM 'array'
  ) l
  WHERE l.qty > 0
)`;

const SALES_SQL = `${SOLD_CTE}
SELECT SELECT_KEYS, s.sku COLLATE "C" AS sku,
       coalesce(min(p.data->>'name'), min(s.line_name), s.sku) AS name,
       sum(s.qty)::bigint AS qty, sum(s.amount)::bigint AS amount, count(DISTINCT s.order_id)::bigint AS orders
FROM sold s
LEFT JOIN docs p ON p.store_id = s.store_id AND p.collection = 'products' AND p.id = s.sku
GROUP BY GROUP_KEYS, s.sku
ORDER BY GROUP_KEYS, s.sku COLLATE "C"`;

const DAILY_SQL = SALES_SQL.replaceAll('SELECT_KEYS', 's.day, s.store_id').replaceAll('GROUP_KEYS', 's.day, s.store_id');
const PERIOD_SQL = SALES_SQL.replaceAll('SELECT_KEYS', 's.store_id').replaceAll('GROUP_KEYS', 's.store_id');

const TREND_SQL = `${SOLD_CTE}
SELECT s.day, sum(s.qty)::bigint AS qty, sum(s.amount)::bigint AS amount, count(DISTINCT s.order_id)::bigint AS orders
FROM sold s GROUP BY s.day ORDER BY s.day`;

interface SalesDbRow {
  day?: string;
  store_id: string;
  sku: string;
  name: string;
  qty: string | number;
  amount: string | number;
  orders: string | number;
}

const n = (v: string | number): number => Number(v);

/** Sales by business day × store × SKU, in that order, streamed one day and a few stores at a time (chunks.ts). */
export async function* dailySales(db: Queryable, range: ReportRange, after: readonly string[] | null = null): AsyncGenerator<DailySalesRow> {
  const days = checkedDays(range);
  const chunks = await storeChunks(db, range);
  for (const day of days) {
    if (after && day < after[0]!) continue;
    for (const stores of chunks) {
      if (after && day === after[0] && compareKeys([stores.at(-1)!], [after[1]!]) < 0) continue;
      const rows = await db.query<SalesDbRow>(DAILY_SQL, [stores, day, day]);
      for (const r of rows) {
        const row: DailySalesRow = { day: r.day!, storeId: r.store_id, sku: r.sku, name: r.name, qty: n(r.qty), amount: n(r.amount), orders: n(r.orders) };
        if (after && compareKeys([row.day, row.storeId, row.sku], after) <= 0) continue;
        yield row;
      }
    }
  }
}

/** The key a daily sales page resumes after. */
export const dailySalesKey = (r: DailySalesRow): string[] => [r.day, r.storeId, r.sku];

/**
 * Sales by accounting period × store × SKU over the periods overlapping [from, to], each period whole (a period's
 * figures never depend on where the asked range cut it). One period and a few stores per query.
 */
export async function* periodSales(db: Queryable, range: ReportRange, rules: readonly PeriodRule[], after: readonly string[] | null = null): AsyncGenerator<PeriodSalesRow> {
  checkedDays(range);
  const chunks = await storeChunks(db, range);
  for (const period of periodsBetween(range.from, range.to, rules)) {
    if (after && period.from < after[0]!) continue;
    for (const stores of chunks) {
      if (after && period.from === after[0] && compareKeys([stores.at(-1)!], [after[1]!]) < 0) continue;
      const rows = await db.query<SalesDbRow>(PERIOD_SQL, [stores, period.from, period.to]);
      for (const r of rows) {
        const row: PeriodSalesRow = {
          period: period.label, from: period.from, to: period.to, storeId: r.store_id, sku: r.sku, name: r.name,
          qty: n(r.qty), amount: n(r.amount), orders: n(r.orders),
        };
        if (after && compareKeys([row.from, row.storeId, row.sku], after) <= 0) continue;
        yield row;
      }
    }
  }
}

export const periodSalesKey = (r: PeriodSalesRow): string[] => [r.from, r.storeId, r.sku];

/**
 * The trend chart's points: each business day's sales over the stores in range, one query per chunk of stores, summed
 * here (at most MAX_REPORT_DAYS points). Orders count once however many SKUs they held.
 */
export async function salesTrend(db: Queryable, range: ReportRange): Promise<SalesTrendPoint[]> {
  const days = checkedDays(range);
  const byDay = new Map<string, SalesTrendPoint>(days.map((day) => [day, { day, amount: 0, qty: 0, orders: 0 }]));
  for (const stores of await storeChunks(db, range)) {
    const rows = await db.query<{ day: string; qty: string; amount: string; orders: string }>(TREND_SQL, [stores, range.from, range.to]);
    for (const r of rows) {
      const point = byDay.get(r.day);
      if (!point) continue;
      point.amount += n(r.amount);
      point.qty += n(r.qty);
      point.orders += n(r.orders);
    }
  }
  return [...byDay.values()];
}
