import { periodsBetween, type AccountingPeriod, type PeriodRule } from '../../model/money/periods.js';
import { contractOn, promotionFor, type PromotionTerms } from '../../model/settlement/promotions.js';
import type { Queryable } from '../db/index.js';
import { storeSpan } from '../reports/chunks.js';
import { loadContracts, loadCounters, loadPromotions, type CounterInfo } from './load.js';

/**
 * Concession sales (docs/ARCHITECTURE.md, "Concessions and settlement"): what each counter sold, by business day ×
 * counter × SKU × rate group, for the statements and for the supplier portal's sales screens. The portal calls these
 * with the supplier's own counter ids only; nothing here widens a list it is given.
 *
 * - Sales are the reports' (reports/sales.ts): orders handed over (delivered, picked up) on the business day, in the
 *   store's time zone, with the quantities picked, each at its order line's unit price; a line belongs to the
 *   counter that sells its SKU in the store (counter_skus).
 * - Returns are `return` stock moves booked against an order that was handed over, valued at that order line's unit
 *   price × qty; they count on the move's business day, in the rate group of the original sale (the promotion its
 *   handover day was under).
 * - Till (POS) rows add to the group of their counter and day.
 */

export interface CounterSalesQuery {
  /** The counters asked for (the caller's scope: all, one supplier's, one). */
  counterIds: readonly string[];
  /** Business days, inclusive. */
  from: string;
  to: string;
}

export interface CounterSalesRow {
  /** The business day the figures count on (a sale's handover day, a return's move day, a till day). */
  day: string;
  counterId: string;
  storeId: string;
  sku: string;
  name: string;
  /** null: the regular group at the base rate; else the promotion the sales (or the returned sales) were under. */
  promotionId: string | null;
  rateBp: number;
  qty: number;
  /** fen */
  sales: number;
  returnQty: number;
  /** fen, positive: deducted from sales */
  returns: number;
  /** Orders handed over that day with the SKU (till rows count none). */
  orders: number;
}

export interface CounterPeriodSalesRow extends Omit<CounterSalesRow, 'day' | 'orders'> {
  periodFrom: string;
  periodTo: string;
  periodLabel: string;
}

/** How many counters one query covers: a chunk's answer stays small however large the chain. */
export const COUNTERS_PER_CHUNK = 200;

/**
 * Rows (day, sale_day, counter, store, sku, figures) of the counters $1 over business days $2..$3, in that order;
 * `sale_day` is the handover day whose promotion a return counts under (the day itself for sales and till rows).
 * SKU_EXPR is the SKU column or '' when only per-counter totals are wanted (and then ORDERS_EXPR 0: a statement
 * counts no orders, and counting them distinct is most of the query's sorting).
 */
const ROWS_SQL = `
WITH st AS (
  SELECT st.id, st.timezone, ${storeSpan('$2', '$3')}
  FROM stores st WHERE st.id IN (SELECT c.store_id FROM concession_counters c WHERE c.id = ANY($1::text[]))
), handed AS (
  SELECT st.id AS store_id, f.order_id, f.fold,
         to_char(((f.fold->>'changedAt')::timestamptz AT TIME ZONE st.timezone)::date, 'YYYY-MM-DD') AS day
  FROM st JOIN order_folds f ON f.store_id = st.id
  WHERE f.fold->>'status' IN ('delivered', 'picked_up')
    AND (f.fold->>'changedAt') COLLATE "C" >= st.lo_text AND (f.fold->>'changedAt') COLLATE "C" < st.hi_text
    AND (f.fold->>'changedAt')::timestamptz >= st.lo AND (f.fold->>'changedAt')::timestamptz < st.hi
), sold AS (
  SELECT h.store_id, h.order_id, h.day, l.sku, l.qty, l.qty * (o.data->'lines'->l.line_index->>'unitPrice')::bigint AS amount
  FROM handed h
  JOIN docs o ON o.store_id = h.store_id AND o.collection = 'orders' AND o.id = h.order_id
  CROSS JOIN LATERAL (
    SELECT pl->>'sku' AS sku, (pl->>'picked')::bigint AS qty, (pl->>'lineIndex')::int AS line_index
    FROM jsonb_array_elements(CASE WHEN jsonb_typeof(h.fold->'picked'->'lines') = 'array' THEN h.fold->'picked'->'lines' ELSE '[]'::jsonb END) pl
    UNION ALL
    SELECT pl->'substitute'->>'sku', (pl->'substitute'->>'qty')::bigint, (pl->>'lineIndex')::int
    FROM jsonb_array_elements(CASE WHEN jsonb_typeof(h.fold->'picked'->'lines') = 'array' THEN h.fold->'picked'->'lines' ELSE '[]'::jsonb END) pl
    WHERE jsonb_typeof(pl->'substitute') = 'object'
    UNION ALL
    SELECT ol.value->>'sku', (ol.value->>'qty')::bigint, (ol.ordinality - 1)::int
    FROM jsonb_array_elements(o.data->'lines') WITH ORDINALITY ol
    WHERE jsonb_typeof(h.fold->'picked'->'lines') IS DISTINCT FROM 'array'
  ) l
  WHERE l.qty > 0
), sold_by_sku AS MATERIALIZED (
  -- Summed by day and SKU before meeting the counters: a month of a store is a few thousand rows here, however many
  -- lines, and the planner then joins counter_skus once by hash instead of once per order.
  SELECT s.day, s.store_id, s.sku, sum(s.qty)::bigint AS qty, sum(s.amount)::bigint AS amount, ORDERS_EXPR AS orders
  FROM sold s GROUP BY 1, 2, 3
), returned AS (
  SELECT st.id AS store_id, m.data->>'sku' AS sku, (m.data->>'qty')::bigint AS qty,
         to_char(((m.data->>'at')::timestamptz AT TIME ZONE st.timezone)::date, 'YYYY-MM-DD') AS day,
         to_char(((f.fold->>'changedAt')::timestamptz AT TIME ZONE st.timezone)::date, 'YYYY-MM-DD') AS sale_day,
         coalesce(
           (SELECT (ol->>'unitPrice')::bigint FROM jsonb_array_elements(o.data->'lines') ol WHERE ol->>'sku' = m.data->>'sku' LIMIT 1),
           (SELECT (o.data->'lines'->((pl->>'lineIndex')::int)->>'unitPrice')::bigint
            FROM jsonb_array_elements(CASE WHEN jsonb_typeof(f.fold->'picked'->'lines') = 'array' THEN f.fold->'picked'->'lines' ELSE '[]'::jsonb END) pl
            WHERE pl->'substitute'->>'sku' = m.data->>'sku' LIMIT 1),
           0) AS unit_price
  FROM st
  JOIN docs m ON m.store_id = st.id AND m.collection = 'stock_moves' AND NOT m.deleted
  JOIN order_folds f ON f.store_id = st.id AND f.order_id = m.data->>'orderId'
  JOIN docs o ON o.store_id = st.id AND o.collection = 'orders' AND o.id = f.order_id
  WHERE m.data->>'kind' = 'return'
    AND (m.data->>'at') COLLATE "C" >= st.lo_text AND (m.data->>'at') COLLATE "C" < st.hi_text
    AND (m.data->>'at')::timestamptz >= st.lo AND (m.data->>'at')::timestamptz < st.hi
    AND f.fold->>'status' IN ('delivered', 'picked_up')
), all_rows AS (
  SELECT s.day, s.day AS sale_day, cs.counter_id, s.store_id, SKU_EXPR(s.sku) AS sku,
         sum(s.qty)::bigint AS qty, sum(s.amount)::bigint AS sales, 0::bigint AS return_qty, 0::bigint AS returns,
         sum(s.orders)::bigint AS orders
  FROM sold_by_sku s JOIN counter_skus cs ON cs.store_id = s.store_id AND cs.sku = s.sku AND cs.counter_id = ANY($1::text[])
  GROUP BY 1, 2, 3, 4, 5
  UNION ALL
  SELECT r.day, r.sale_day, cs.counter_id, r.store_id, SKU_EXPR(r.sku), 0, 0, sum(r.qty)::bigint, sum(r.qty * r.unit_price)::bigint, 0
  FROM returned r JOIN counter_skus cs ON cs.store_id = r.store_id AND cs.sku = r.sku AND cs.counter_id = ANY($1::text[])
  GROUP BY 1, 2, 3, 4, 5
  UNION ALL
  SELECT to_char(p.day, 'YYYY-MM-DD'), to_char(p.day, 'YYYY-MM-DD'), p.counter_id, c.store_id, SKU_EXPR(p.sku),
         sum(p.qty)::bigint, sum(p.amount)::bigint, 0, sum(p.returns)::bigint, 0
  FROM pos_sales p JOIN concession_counters c ON c.id = p.counter_id
  WHERE p.counter_id = ANY($1::text[]) AND p.day BETWEEN $2::date AND $3::date
  GROUP BY 1, 2, 3, 4, 5
)
SELECT a.day, a.sale_day, a.counter_id, a.store_id, a.sku COLLATE "C" AS sku, NAME_EXPR AS name,
       sum(a.qty)::bigint AS qty, sum(a.sales)::bigint AS sales, sum(a.return_qty)::bigint AS return_qty,
       sum(a.returns)::bigint AS returns, sum(a.orders)::bigint AS orders
FROM all_rows a NAME_JOIN
GROUP BY a.day, a.sale_day, a.counter_id, a.store_id, a.sku
ORDER BY a.day, a.counter_id COLLATE "C", a.sku COLLATE "C", a.sale_day`;

const BY_SKU_SQL = ROWS_SQL.replaceAll('SKU_EXPR', '').replace('ORDERS_EXPR', 'count(DISTINCT s.order_id)::bigint')
  .replace('NAME_EXPR', `coalesce(min(p.data->>'name'), a.sku)`)
  .replace('NAME_JOIN', `LEFT JOIN docs p ON p.store_id = a.store_id AND p.collection = 'products' AND p.id = a.sku`);
const BY_COUNTER_SQL = ROWS_SQL.replaceAll('SKU_EXPR(s.sku)', "''").replaceAll('SKU_EXPR(r.sku)', "''").replaceAll('SKU_EXPR(p.sku)', "''")
  .replace('NAME_EXPR', "''").replace('NAME_JOIN', '').replace('ORDERS_EXPR', '0::bigint');

interface RowsDbRow {
  day: string;
  sale_day: string;
  counter_id: string;
  store_id: string;
  sku: string;
  name: string;
  qty: string | number;
  sales: string | number;
  return_qty: string | number;
  returns: string | number;
  orders: string | number;
}

const n = (v: string | number): number => Number(v);

/** What settles a counter's sales: its area, its contracts and the promotions that may cover it. */
export interface RateContext {
  counters: Map<string, CounterInfo>;
  contracts: Awaited<ReturnType<typeof loadContracts>>;
  promotions: PromotionTerms[];
}

/**
 * The earliest handover day of the sales returned in [$2, $3] at the stores of counters $1 (null: no returns), by
 * the same rules as `returned` in ROWS_SQL. Any SKU counts: an earlier bound only loads a promotion more.
 */
const EARLIEST_RETURNED_SALE_SQL = `
WITH st AS (
  SELECT st.id, st.timezone, ${storeSpan('$2', '$3')}
  FROM stores st WHERE st.id IN (SELECT c.store_id FROM concession_counters c WHERE c.id = ANY($1::text[]))
)
SELECT to_char(min(((f.fold->>'changedAt')::timestamptz AT TIME ZONE st.timezone)::date), 'YYYY-MM-DD') AS day
FROM st
JOIN docs m ON m.store_id = st.id AND m.collection = 'stock_moves' AND NOT m.deleted
JOIN order_folds f ON f.store_id = st.id AND f.order_id = m.data->>'orderId'
WHERE m.data->>'kind' = 'return'
  AND (m.data->>'at') COLLATE "C" >= st.lo_text AND (m.data->>'at') COLLATE "C" < st.hi_text
  AND (m.data->>'at')::timestamptz >= st.lo AND (m.data->>'at')::timestamptz < st.hi
  AND f.fold->>'status' IN ('delivered', 'picked_up')`;

export async function loadRateContext(db: Queryable, counterIds: readonly string[], from: string, to: string): Promise<RateContext> {
  // A return in [from, to] counts under the promotion of the sale it returns, which may be any time before `from`:
  // the promotions are loaded back to the earliest such sale, however far back.
  const [earliestSale] = await db.query<{ day: string | null }>(EARLIEST_RETURNED_SALE_SQL, [[...counterIds], from, to]);
  const earliest = earliestSale?.day && earliestSale.day < from ? earliestSale.day : from;
  const [counters, contracts, promotions] = await Promise.all([
    loadCounters(db, counterIds),
    loadContracts(db, counterIds),
    loadPromotions(db, earliest, to),
  ]);
  return { counters: new Map(counters.map((c) => [c.id, c])), contracts, promotions };
}

/** The rate group of a counter's sale on a day: its promotion, else the base rate of the contract then in force. */
export function rateGroupOf(ctx: RateContext, counterId: string, saleDay: string): { promotionId: string | null; rateBp: number } {
  const counter = ctx.counters.get(counterId);
  const promo = counter ? promotionFor(saleDay, counter, ctx.promotions) : null;
  if (promo) return { promotionId: promo.id, rateBp: promo.rateBp };
  return { promotionId: null, rateBp: contractOn(saleDay, ctx.contracts.get(counterId) ?? [])?.baseRateBp ?? 0 };
}

function chunksOf(ids: readonly string[]): string[][] {
  const sorted = [...new Set(ids)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const out: string[][] = [];
  for (let i = 0; i < sorted.length; i += COUNTERS_PER_CHUNK) out.push(sorted.slice(i, i + COUNTERS_PER_CHUNK));
  return out;
}

/**
 * Rows of a chunk of counters over [from, to], each given its rate group and merged where sales and returns of the
 * same day, counter, SKU and group meet; in order of day, counter, SKU, group (regular first).
 */
async function* groupedRows(db: Queryable, sql: string, ctx: RateContext, counters: string[], from: string, to: string): AsyncGenerator<CounterSalesRow> {
  const rows = await db.query<RowsDbRow>(sql, [counters, from, to]);
  let pending: CounterSalesRow[] = [];
  let key = '';
  const flush = function* (): Generator<CounterSalesRow> {
    pending.sort((a, b) => (a.promotionId ?? '') < (b.promotionId ?? '') ? -1 : (a.promotionId ?? '') > (b.promotionId ?? '') ? 1 : 0);
    yield* pending;
    pending = [];
  };
  for (const r of rows) {
    const k = `${r.day}\u0000${r.counter_id}\u0000${r.sku}`;
    if (k !== key) {
      yield* flush();
      key = k;
    }
    const group = rateGroupOf(ctx, r.counter_id, r.sale_day);
    const same = pending.find((p) => p.promotionId === group.promotionId && p.rateBp === group.rateBp);
    if (same) {
      same.qty += n(r.qty);
      same.sales += n(r.sales);
      same.returnQty += n(r.return_qty);
      same.returns += n(r.returns);
      same.orders += n(r.orders);
      continue;
    }
    pending.push({
      day: r.day, counterId: r.counter_id, storeId: r.store_id, sku: r.sku, name: r.name, ...group,
      qty: n(r.qty), sales: n(r.sales), returnQty: n(r.return_qty), returns: n(r.returns), orders: n(r.orders),
    });
  }
  yield* flush();
}

/**
 * Counter sales by business day × counter × SKU × rate group over [from, to] (days in order; within a day counters
 * and SKUs bytewise, the regular group before promotions). One query per day and chunk of counters.
 */
export async function* counterDailySales(db: Queryable, q: CounterSalesQuery): AsyncGenerator<CounterSalesRow> {
  if (q.counterIds.length === 0 || q.from > q.to) return;
  const ctx = await loadRateContext(db, q.counterIds, q.from, q.to);
  const chunks = chunksOf(q.counterIds);
  for (let day = q.from; day <= q.to; day = nextDay(day)) {
    for (const counters of chunks) yield* groupedRows(db, BY_SKU_SQL, ctx, counters, day, day);
  }
}

/**
 * Counter sales by accounting period × counter × SKU × rate group, over the periods overlapping [from, to] (each
 * period whole, as the reports do). One query per period and chunk of counters; summed here.
 */
export async function* counterPeriodSales(db: Queryable, q: CounterSalesQuery, rules: readonly PeriodRule[]): AsyncGenerator<CounterPeriodSalesRow> {
  if (q.counterIds.length === 0 || q.from > q.to) return;
  const periods = periodsBetween(q.from, q.to, rules);
  const ctx = await loadRateContext(db, q.counterIds, periods[0]!.from, periods.at(-1)!.to);
  for (const period of periods) {
    for (const counters of chunksOf(q.counterIds)) {
      const sums = new Map<string, CounterPeriodSalesRow>();
      for await (const r of groupedRows(db, BY_SKU_SQL, ctx, counters, period.from, period.to)) {
        const k = `${r.counterId}\u0000${r.sku}\u0000${r.promotionId ?? ''}\u0000${r.rateBp}`;
        const s = sums.get(k);
        if (s) {
          s.qty += r.qty;
          s.sales += r.sales;
          s.returnQty += r.returnQty;
          s.returns += r.returns;
        } else {
          const { day: _day, orders: _orders, ...rest } = r;
          sums.set(k, { ...rest, periodFrom: period.from, periodTo: period.to, periodLabel: period.label });
        }
      }
      yield* [...sums.values()].sort(periodRowOrder);
    }
  }
}

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
const periodRowOrder = (a: CounterPeriodSalesRow, b: CounterPeriodSalesRow): number =>
  cmp(a.counterId, b.counterId) || cmp(a.sku, b.sku) || cmp(a.promotionId ?? '', b.promotionId ?? '') || a.rateBp - b.rateBp;

/** A counter's sales in a period by rate group: what a statement's group lines are computed from. */
export interface CounterGroupSales {
  counterId: string;
  promotionId: string | null;
  rateBp: number;
  sales: number;
  returns: number;
}

/**
 * Per counter and rate group, the period's sales and returns (no SKUs: one row per counter, day and group from the
 * database). For drafting statements of many counters at once; the caller passes the rate context it loaded.
 */
export async function counterGroupSales(db: Queryable, ctx: RateContext, counterIds: readonly string[], period: Pick<AccountingPeriod, 'from' | 'to'>): Promise<Map<string, CounterGroupSales[]>> {
  const out = new Map<string, CounterGroupSales[]>();
  for (const counters of chunksOf(counterIds)) {
    for await (const r of groupedRows(db, BY_COUNTER_SQL, ctx, counters, period.from, period.to)) {
      const list = out.get(r.counterId) ?? [];
      const g = list.find((x) => x.promotionId === r.promotionId && x.rateBp === r.rateBp);
      if (g) {
        g.sales += r.sales;
        g.returns += r.returns;
      } else list.push({ counterId: r.counterId, promotionId: r.promotionId, rateBp: r.rateBp, sales: r.sales, returns: r.returns });
      out.set(r.counterId, list);
    }
  }
  return out;
}

function nextDay(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}
