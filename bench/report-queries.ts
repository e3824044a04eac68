// `node --expose-gc --import tsx bench/report-queries.ts`: the sales report of a month of a 100-store chain read the
// way an export reads it (dailySales: a day and ten stores per query), on in-memory PGlite, or on PostgreSQL when
// DATABASE_URL names a scratch database (it writes 100 stores and 90,000 orders there). Prints the rows, the time,
// rows/s, the most the heap grew above the start while the rows went by, and the plan of one chunk's index read.
// The export of the rows themselves (CSV, XLSX) is bench/export.ts.
import { openDb } from '../sync/server/db/index.js';
import { dailySales } from '../sync/server/reports/sales.js';

const url = process.env.DATABASE_URL;
const db = await openDb(url ? { databaseUrl: url } : {});
const t0 = Date.now();
await db.query(`INSERT INTO stores (id, name, timezone) SELECT 'M' || lpad(s::text, 3, '0'), 'Store ' || s, 'Asia/Shanghai' FROM generate_series(0, 99) s ON CONFLICT DO NOTHING`);
await db.query(`
  WITH o AS (
    SELECT 'M' || lpad(s::text, 3, '0') AS store_id, 'MO-' || s || '-' || d || '-' || k AS id,
           to_char(timestamp '2026-10-31 16:00:00' + d * interval '1 day' + k * interval '20 minutes', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS at,
           s, d, k
    FROM generate_series(0, 99) s, generate_series(0, 29) d, generate_series(0, 29) k
  ), l AS (
    SELECT o.*, jsonb_agg(jsonb_build_object('sku', 'SKU' || ((s * 7 + d * 13 + k * 31 + i * 101) % 500), 'name', 'P', 'qty', 1 + i, 'unitPrice', 100 + i * 50) ORDER BY i) AS lines,
           jsonb_agg(jsonb_build_object('lineIndex', i - 1, 'sku', 'SKU' || ((s * 7 + d * 13 + k * 31 + i * 101) % 500), 'ordered', 1 + i, 'picked', 1 + i, 'substitute', null, 'shortReason', null) ORDER BY i) AS picked
    FROM o, generate_series(1, 3) i GROUP BY o.store_id, o.id, o.at, o.s, o.d, o.k
  ), ins AS (
    INSERT INTO docs (store_id, collection, id, position, data)
    SELECT store_id, 'orders', id, 0, jsonb_build_object('id', id, 'storeId', store_id, 'lines', lines) FROM l
  )
  INSERT INTO order_folds (store_id, order_id, fold)
  SELECT store_id, id, jsonb_build_object('status', 'delivered', 'changedAt', at, 'last', null, 'picked', jsonb_build_object('at', at, 'lines', picked)) FROM l`);
await db.query('ANALYZE');
console.log(`seeded 90,000 orders of 100 stores over 30 days in ${Date.now() - t0} ms (${db.kind})`);

const range = { from: '2026-11-01', to: '2026-11-30', scope: null };
let rows = 0;
let peak = 0;
const t1 = Date.now();
global.gc?.();
const base = process.memoryUsage().heapUsed;
for await (const _ of dailySales(db, range)) {
  rows += 1;
  if (rows % 5000 === 0) peak = Math.max(peak, process.memoryUsage().heapUsed - base);
}
const ms = Date.now() - t1;
console.log(`dailySales: ${rows} rows in ${ms} ms (${Math.round(rows / (ms / 1000))} rows/s), heap above start at most ${(peak / 1048576).toFixed(1)} MiB`);
const plan = await db.query<{ 'QUERY PLAN': string }>(`EXPLAIN SELECT f.order_id FROM stores st JOIN order_folds f ON f.store_id = st.id WHERE st.id = ANY($1::text[]) AND f.fold->>'status' IN ('delivered', 'picked_up') AND (f.fold->>'changedAt') COLLATE "C" >= '2026-11-01' AND (f.fold->>'changedAt') COLLATE "C" < '2026-11-02'`, [['M001', 'M002']]);
console.log(plan.map((p) => p['QUERY PLAN']).join('\n'));
await db.close();
