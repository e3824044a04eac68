// `npm run bench settlement`: draft the month's settlement statements of 2,000 concession counters
// (BENCH_SETTLEMENT_COUNTERS) over a month of 1,000,000 handed-over order lines (BENCH_SETTLEMENT_LINES), on
// PostgreSQL (when DATABASE_URL is set) and on embedded PGlite, with the time and the process's peak memory.
//
// The data is written straight into the tables a real push fills (docs orders, order_folds with picked lines,
// `return` stock moves) by INSERT … SELECT generate_series: pushing a million lines through HTTP would time the
// push, not the settlement. The floor printed beside it is one bare query summing the same month's picked lines by
// store and SKU (no counters, promotions, returns, till rows, fees or statements written): what the database alone
// costs to read the lines once.
import type { Db } from '../sync/server/db/index.js';
import { draftStatements } from '../sync/server/settlement/draft.js';
import { issuePeriod } from '../sync/server/settlement/events.js';
import { startTestServer } from '../sync/server/testing.js';
import { onBothDatabases } from './support/both-databases.js';
import { fmt } from './stats.js';

const COUNTERS = Number(process.env.BENCH_SETTLEMENT_COUNTERS ?? 2_000);
const LINES = Number(process.env.BENCH_SETTLEMENT_LINES ?? 1_000_000);
const STORES = 20;
const LINES_PER_ORDER = 4;
const SKUS_PER_COUNTER = 10;
const PERIOD = '2026-10-01';
const ORDERS_PER_INSERT = 25_000;

const mb = (bytes: number) => `${fmt(bytes / 1024 / 1024, 0)} MB`;
const store = (sql: string) => `('B' || lpad((${sql})::text, 2, '0'))`;
const counter = (sql: string) => `('C' || lpad((${sql})::text, 4, '0'))`;

/** Suppliers, counters and their SKUs, contracts, promotions, fee bills, supplies and till rows. */
async function masterData(db: Db): Promise<void> {
  await db.query(`INSERT INTO suppliers (id, name) SELECT 'SP' || lpad(i::text, 3, '0'), '供应商' || i FROM generate_series(0, 499) i`);
  await db.query(`INSERT INTO concession_counters (id, store_id, supplier_id, name, area_code, category)
    SELECT ${counter('i')}, ${store(`i % ${STORES}`)}, 'SP' || lpad((i % 500)::text, 3, '0'), '专柜' || i, 'F' || (i % 8), '服饰'
    FROM generate_series(0, ${COUNTERS - 1}) i`);
  await db.query(`INSERT INTO counter_skus (store_id, sku, counter_id)
    SELECT ${store(`i % ${STORES}`)}, 'K' || lpad(i::text, 4, '0') || '-' || j, ${counter('i')}
    FROM generate_series(0, ${COUNTERS - 1}) i, generate_series(0, ${SKUS_PER_COUNTER - 1}) j`);
  await db.query(`INSERT INTO counter_contracts (counter_id, period_from, base_rate_bp, minimum_sales, fee_items, set_by, reason)
    SELECT ${counter('i')}, '2026-01-01', 2000 + (i % 10) * 100, CASE WHEN i % 7 = 0 THEN 50000000 END,
           '[{"code":"MGMT","name":"管理费","amount":20000}]'::jsonb, 'bench', 'bench'
    FROM generate_series(0, ${COUNTERS - 1}) i`);
  await db.query(`INSERT INTO promotions (id, name, from_day, to_day, rate_bp, counter_ids, area_codes, created_by)
    SELECT 'P' || i, '买送' || i, ('2026-10-01'::date + i * 5), ('2026-10-01'::date + i * 5 + 3), 1500 + i * 100, ARRAY[${counter('i * 7')}], ARRAY['F' || i], 'bench'
    FROM generate_series(0, 4) i`);
  await db.query(`INSERT INTO fee_bills (id, counter_id, period_from, items, total, created_by)
    SELECT 'FB' || i, ${counter('i')}, '${PERIOD}', '[{"code":"AD","name":"广告费","amount":150000}]'::jsonb, 150000, 'bench'
    FROM generate_series(0, ${COUNTERS - 1}) i`);
  await db.query(`INSERT INTO supplies_usage (counter_id, store_id, period_from, day, item, qty, unit_price, amount, created_by)
    SELECT ${counter('i')}, ${store(`i % ${STORES}`)}, '${PERIOD}', '2026-10-08', '购物袋', 100, 50, 5000, 'bench'
    FROM generate_series(0, ${COUNTERS - 1}) i`);
  await db.query(`INSERT INTO pos_imports (id, file_hash, file_name, rows, total, imported_by) VALUES (1, 'bench', 'bench.csv', 0, 0, 'bench')`);
  await db.query(`INSERT INTO pos_sales (import_id, counter_id, day, sku, qty, amount, returns)
    SELECT 1, ${counter('i')}, '2026-10-01'::date + d, '', 3, 30000, CASE WHEN d = 3 THEN 1000 ELSE 0 END
    FROM generate_series(0, ${COUNTERS - 1}) i, generate_series(0, 29, 3) d`);
}

/**
 * Orders n in [lo, hi): store n % STORES, handed over on day n % 31 of October, each of LINES_PER_ORDER lines a SKU
 * of a counter of that store (and one in fifty a line of the store's own goods, on no statement); 1 % of orders has
 * a `return` stock move two days later.
 */
async function orders(db: Db, lo: number, hi: number): Promise<void> {
  const perStore = COUNTERS / STORES;
  const lines = `(SELECT jsonb_agg(jsonb_build_object('sku', CASE WHEN (n + j) % 50 = 0 THEN 'OWN' ELSE 'K' || lpad(((n % ${STORES}) + ${STORES} * ((n * 7 + j * 13) % ${perStore}))::text, 4, '0') || '-' || ((n + j) % ${SKUS_PER_COUNTER}) END,
      'name', 'Goods', 'qty', 1 + (n + j) % 3, 'unitPrice', 1000 + ((n * 31 + j * 17) % 500) * 37) ORDER BY j) FROM generate_series(0, ${LINES_PER_ORDER - 1}) j)`;
  await db.query(`CREATE TEMP TABLE bench_orders AS
    SELECT n, ${store(`n % ${STORES}`)} AS store_id, 'BO' || n AS id, ${lines} AS lines,
           ('2026-10-01T02:00:00Z'::timestamptz + ((n % 31) || ' days')::interval + ((n % 600) || ' minutes')::interval) AS at
    FROM generate_series(${lo}, ${hi - 1}) n`);
  await db.query(`INSERT INTO docs (store_id, collection, id, position, data)
    SELECT store_id, 'orders', id, n, jsonb_build_object('id', id, 'storeId', store_id, 'lines', lines) FROM bench_orders`);
  await db.query(`INSERT INTO order_folds (store_id, order_id, fold)
    SELECT store_id, id, jsonb_build_object('status', 'delivered', 'changedAt', to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
      'picked', jsonb_build_object('lines', (SELECT jsonb_agg(jsonb_build_object('lineIndex', l.i - 1, 'sku', l.v->>'sku', 'ordered', (l.v->>'qty')::int,
        'picked', (l.v->>'qty')::int, 'substitute', null)) FROM jsonb_array_elements(lines) WITH ORDINALITY l(v, i))))
    FROM bench_orders`);
  await db.query(`INSERT INTO docs (store_id, collection, id, position, data)
    SELECT store_id, 'stock_moves', 'BM' || n, n, jsonb_build_object('id', 'BM' || n, 'storeId', store_id, 'sku', lines->0->>'sku', 'kind', 'return', 'qty', 1,
      'orderId', id, 'at', to_char((at + interval '2 days') AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), 'operatorId', 'bench', 'deviceId', 'bench')
    FROM bench_orders WHERE n % 100 = 0`);
  await db.query('DROP TABLE bench_orders');
}

/** One bare query over the same month: the picked lines summed by store and SKU. */
async function floor(db: Db): Promise<number> {
  const t0 = performance.now();
  await db.query(`SELECT f.store_id, pl->>'sku' AS sku, sum((pl->>'picked')::bigint * (o.data->'lines'->((pl->>'lineIndex')::int)->>'unitPrice')::bigint)
    FROM order_folds f JOIN docs o ON o.store_id = f.store_id AND o.collection = 'orders' AND o.id = f.order_id
    CROSS JOIN LATERAL jsonb_array_elements(f.fold->'picked'->'lines') pl
    WHERE (f.fold->>'changedAt') COLLATE "C" >= '2026-09-30T16:00:00' AND (f.fold->>'changedAt') COLLATE "C" < '2026-10-31T16:00:00'
    GROUP BY 1, 2`);
  return performance.now() - t0;
}

async function benchOn(label: string, db: Db): Promise<void> {
  const orderCount = Math.ceil(LINES / LINES_PER_ORDER);
  console.log(`\n== settlement on ${label}: ${COUNTERS} counters in ${STORES} stores, ${orderCount} orders × ${LINES_PER_ORDER} lines`);
  const s = await startTestServer({ db });
  try {
    for (let i = 0; i < STORES; i++) await s.admin.seedStore(`B${String(i).padStart(2, '0')}`);
    const t0 = performance.now();
    await masterData(db);
    for (let lo = 0; lo < orderCount; lo += ORDERS_PER_INSERT) await orders(db, lo, Math.min(orderCount, lo + ORDERS_PER_INSERT));
    await db.query('ANALYZE');
    console.log(`  setup: ${fmt((performance.now() - t0) / 1000, 1)} s`);

    const rss0 = process.memoryUsage().rss;
    let peak = rss0;
    const sample = setInterval(() => { peak = Math.max(peak, process.memoryUsage().rss); }, 50);
    const t1 = performance.now();
    const drafted = await draftStatements(db, PERIOD, 'bench');
    const t2 = performance.now();
    const issued = await issuePeriod(db, PERIOD, 'bench');
    const t3 = performance.now();
    clearInterval(sample);
    peak = Math.max(peak, process.memoryUsage().rss);
    const [sums] = await db.query<{ gross: string; payable: string }>(`SELECT sum((body->'totals'->>'grossSales')::bigint)::text AS gross, sum(payable)::text AS payable FROM statements`);
    console.log(`  draft: ${drafted.drafted} statements in ${fmt((t2 - t1) / 1000, 2)} s (${fmt(LINES / ((t2 - t1) / 1000), 0)} lines/s, ${fmt(drafted.drafted / ((t2 - t1) / 1000), 0)} statements/s)`);
    console.log(`  issue: ${issued.issued} statements in ${fmt((t3 - t2) / 1000, 2)} s`);
    console.log(`  memory: rss ${mb(rss0)} before, peak ${mb(peak)} (+${mb(peak - rss0)}); gross sales ${sums?.gross ?? 0} fen, payable ${sums?.payable ?? 0} fen`);
    const floorMs = await floor(db);
    console.log(`  floor: the month's lines summed by store and SKU in one bare query: ${fmt(floorMs / 1000, 2)} s; draft ÷ floor = ${fmt((t2 - t1) / floorMs, 2)}`);
  } finally {
    await s.close();
  }
}

export async function benchSettlement(): Promise<void> {
  await onBothDatabases('settlement', benchOn);
}
