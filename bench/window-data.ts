// Years of one store's trading written straight into PostgreSQL by a few INSERT ... SELECT statements (no API), for
// bench/window.ts. Everything is derived from the order's number n, so the statements need no lookups: an order's
// lines, its facts (an ordinary lifecycle), its fold, its picks and its place in the window follow from n and time.
import type pg from 'pg';
import { LOOSE_MOVE_DAYS } from '../sync/model/window.js';

export interface YearsSpec {
  storeId: string;
  /** 360-day years. */
  years: number;
  ordersPerDay: number;
  /** Products already in the store, SKU000000.. as makeProductInput names them. */
  products: number;
  /** Stock moves in all (order picks + loose receipts, adjustments and counts). */
  movesPerYear: number;
  historyDays: number;
  /** The generated history ends here (ms); the last day's orders are still open. */
  now: number;
  leadId: string;
  pickerId: string;
}

export interface Generated {
  orders: number;
  events: number;
  moves: number;
  orderMoves: number;
  folds: number;
  inWindow: { orders: number; events: number; moves: number };
  /** Per statement, seconds. */
  timings: Array<[string, number]>;
  seq: number;
}

const DAY = 86_400_000;
const MIN = 60_000;

/** ISO-8601 UTC with milliseconds, as the models write times. */
const iso = (ms: string) => `to_char(to_timestamp((${ms})::double precision / 1000) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
/** A UUIDv7 whose time is `ms`; `k` and `n` make it unique (k: the fact's kind, n: the order or move number). */
const uuid7 = (ms: string, k: string, n: string) =>
  `(substr(lpad(to_hex((${ms})::bigint), 12, '0'), 1, 8) || '-' || substr(lpad(to_hex((${ms})::bigint), 12, '0'), 9, 4) || '-7' ||` +
  ` lpad(to_hex(${k}), 3, '0') || '-8000-' || lpad(to_hex((${n})::bigint), 12, '0'))`;

/**
 * The lifecycle of an order: each step's fact type, its delay after the order was placed, and the status it leads
 * to (null: a batch claim, which moves no status). Packed/dispatched/delivered are for delivery, ready/picked_up
 * for pickup; `rejected` is the whole life of a rejected order.
 */
const STEPS = `(VALUES
  (0, 'accepted', ${2 * MIN}, 'accepted'),
  (1, 'batch_claimed', ${4 * MIN}, NULL),
  (2, 'picking_started', ${5 * MIN}, 'picking'),
  (3, 'picked', ${15 * MIN}, 'picked'),
  (4, 'packed', ${18 * MIN}, 'packed'),
  (5, 'ready', ${18 * MIN}, 'ready'),
  (6, 'dispatched', ${25 * MIN}, 'dispatched'),
  (7, 'delivered', ${55 * MIN}, 'delivered'),
  (8, 'picked_up', ${90 * MIN}, 'picked_up'),
  (9, 'rejected', ${3 * MIN}, 'rejected')) AS s(k, type, off, status)`;

/** Whether step s happened to order p by now. */
const APPLIES = (now: number) => `(
  (p.stage = 'rejected' AND s.k = 9)
  OR (p.stage IN ('done', 'accepted', 'picking') AND s.k <> 9
      AND (s.k <> 1 OR p.batch)
      AND (s.k NOT IN (4, 6, 7) OR p.delivery) AND (s.k NOT IN (5, 8) OR NOT p.delivery)
      AND (p.stage = 'done' OR (p.stage = 'accepted' AND s.k = 0) OR (p.stage = 'picking' AND s.k IN (0, 1, 2)))
      AND p.t + s.off <= ${now}))`;

/** Line j of order n: a catalogue product, 1-3 units at the catalogue's price (makeProductInput). */
const lineSku = (products: number) => (n: string, j: string) => `((${n}) * 7 + (${j})) % ${products}`;

export async function generateYears(c: pg.Client, spec: YearsSpec): Promise<Generated> {
  const { storeId, now, products: P, historyDays } = spec;
  const days = 360 * spec.years;
  const N = days * spec.ordersPerDay;
  const step = DAY / spec.ordersPerDay;
  const start = now - days * DAY;
  const H = historyDays * DAY;
  // Moves not booked against an order stay a day at most (LOOSE_MOVE_DAYS in sync/model/window.ts).
  const L = Math.min(historyDays, LOOSE_MOVE_DAYS) * DAY;
  const timings: Array<[string, number]> = [];
  const timed = async <T>(label: string, sql: string, params: unknown[] = []): Promise<pg.QueryResult & { rows: T[] }> => {
    const t0 = performance.now();
    const r = await c.query(sql, params);
    timings.push([label, (performance.now() - t0) / 1000]);
    return r as pg.QueryResult & { rows: T[] };
  };

  // One session, settings for a bulk load: nothing here needs to survive a crash of the bench.
  await c.query(`SET synchronous_commit = off`);
  await c.query(`SET work_mem = '64MB'`);
  const [base] = (await c.query<{ seq: string }>('SELECT seq FROM stores WHERE id = $1', [storeId])).rows;
  if (!base) throw new Error(`no store ${storeId}`);
  // Positions follow time (1 per ms from the first day on), after what the API wrote; a document's position is the
  // commit that last wrote it: its own for what is in the window, the sweep that evicted it for the rest.
  const P0 = Number(base.seq) + 1;
  const pos = (ms: string) => `(${P0}::bigint + (${ms})::bigint - ${start}::bigint)`;
  const sku = lineSku(P);
  const skuText = (n: string, j: string) => `'SKU' || lpad((${sku(n, j)})::text, 6, '0')`;
  const qty = (n: string, j: string) => `(1 + ((${n}) + (${j})) % 3)`;
  const price = (n: string, j: string) => `(100 + ((${sku(n, j)}) % 50) * 10)`;
  const pickedLines = `(SELECT jsonb_agg(jsonb_build_object('lineIndex', j, 'sku', ${skuText('p.n', 'j')}, 'ordered', ${qty('p.n', 'j')},
      'picked', ${qty('p.n', 'j')}, 'substitute', NULL, 'shortReason', NULL) ORDER BY j) FROM generate_series(0, p.nlines - 1) j)`;

  // The plan: one row per order. The last day's orders are open (new / accepted / picking), the rest finished:
  // delivered or picked up, 1% rejected, 0.5% cancelled by the platform before anyone accepted them.
  await timed(
    'plan (temp table, one row per order)',
    `CREATE TEMP TABLE plan AS
     WITH o AS (
       SELECT n, (${now}::bigint - (${N}::bigint - n) * ${step})::bigint AS t FROM generate_series(0, ${N - 1}) n
     ), staged AS (
       SELECT n, t, n % 2 = 0 AS delivery, 1 + n % 5 AS nlines, n % 10 = 0 AS batch,
         CASE WHEN n % 200 = 99 THEN 'cancelled' WHEN n % 100 = 37 THEN 'rejected'
              WHEN t > ${now - DAY} THEN (ARRAY['new', 'accepted', 'picking'])[n % 3 + 1] ELSE 'done' END AS stage
       FROM o
     ), finished AS (
       SELECT *, CASE stage WHEN 'cancelled' THEN t + ${MIN} WHEN 'rejected' THEN t + ${3 * MIN}
                  WHEN 'done' THEN t + CASE WHEN delivery THEN ${55 * MIN} ELSE ${90 * MIN} END END AS f
       FROM staged
     )
     SELECT *, 'EO-' || to_char(to_timestamp(t::double precision / 1000) AT TIME ZONE 'UTC', 'YYYYMMDD') || '-' || lpad(n::text, 7, '0') AS oid,
            (f IS NULL OR f >= ${now - H}) AS inw
     FROM finished`,
  );
  await c.query('ANALYZE plan');

  // Orders: the document as the platform sent it (a cancellation rewrote it, so its updatedAt is the cancel's).
  const orderUpdated = `CASE WHEN p.stage = 'cancelled' THEN p.t + ${MIN} ELSE p.t + 1000 END`;
  await timed(
    'orders',
    `INSERT INTO docs (store_id, collection, id, position, data, deleted, updated_at, in_window)
     SELECT $1, 'orders', p.oid, CASE WHEN p.inw THEN ${pos(orderUpdated)} ELSE ${pos(`p.f + ${H}`)} END,
       jsonb_build_object(
         'id', p.oid, 'storeId', $1::text, 'placedAt', ${iso('p.t')}, 'dueAt', ${iso('p.t + d.due')},
         'fulfilment', jsonb_build_object('type', CASE WHEN p.delivery THEN 'delivery' ELSE 'pickup' END,
           'slot', jsonb_build_object('kind', d.kind, 'dueAt', ${iso('p.t + d.due')}))
           || CASE WHEN p.delivery THEN jsonb_build_object('address', jsonb_build_object('line1', (1 + p.n % 400) || '号 深南大道', 'city', '深圳',
                'lat', 22.5 + (p.n % 100) / 1000.0, 'lon', 114.0 + (p.n % 97) / 1000.0)) ELSE '{}'::jsonb END,
         'customer', jsonb_build_object('name', (ARRAY['王小明', '李伟', '张敏', '刘洋', '陈静'])[p.n % 5 + 1], 'phone', '139' || lpad((p.n % 100000000)::text, 8, '0')),
         'payment', jsonb_build_object('method', CASE WHEN p.n % 3 = 0 THEN 'cod' ELSE 'online' END, 'amount', l.amount, 'currency', 'CNY', 'paid', p.n % 3 <> 0),
         'lines', l.lines, 'receivedAt', ${iso('p.t + 1000')}, 'updatedAt', ${iso(orderUpdated)})
         || CASE WHEN p.stage = 'cancelled' THEN jsonb_build_object('cancel', jsonb_build_object('requestedAt', ${iso(`p.t + ${MIN}`)}, 'reason', '顾客取消')) ELSE '{}'::jsonb END,
       false, to_timestamp((${orderUpdated})::double precision / 1000), p.inw
     FROM plan p
     CROSS JOIN LATERAL (SELECT (ARRAY['1h', '2h', '3h', 'scheduled'])[p.n % 4 + 1] AS kind,
                                (ARRAY[3600000, 7200000, 10800000, 86400000])[p.n % 4 + 1]::bigint AS due) d
     CROSS JOIN LATERAL (
       SELECT jsonb_agg(jsonb_build_object('sku', ${skuText('p.n', 'j')}, 'name', 'Product ' || ${sku('p.n', 'j')}, 'qty', ${qty('p.n', 'j')},
                'unitPrice', ${price('p.n', 'j')}) ORDER BY j) AS lines,
              sum(${qty('p.n', 'j')} * ${price('p.n', 'j')}) AS amount
       FROM generate_series(0, p.nlines - 1) j) l
     ORDER BY p.n`,
    [storeId],
  );
  await timed('order_index', `INSERT INTO order_index (id, store_id) SELECT oid, $1 FROM plan ORDER BY n`, [storeId]);

  // Facts: the lifecycle steps each order went through by now, stamped by the store's staff on its terminals.
  const at = 'p.t + s.off';
  await timed(
    'order_events',
    `INSERT INTO docs (store_id, collection, id, position, data, deleted, updated_at, in_window)
     SELECT $1, 'order_events', ${uuid7(at, 's.k', 'p.n')}, CASE WHEN p.inw THEN ${pos(at)} ELSE ${pos(`p.f + ${H}`)} END,
       jsonb_build_object('id', ${uuid7(at, 's.k', 'p.n')}, 'storeId', $1::text, 'orderId', p.oid, 'type', s.type, 'at', ${iso(at)},
         'operatorId', CASE WHEN s.k IN (0, 9) THEN $2::text ELSE $3::text END, 'deviceId', 'T-' || (1 + p.n % 3))
         || CASE WHEN s.k = 3 THEN jsonb_build_object('lines', ${pickedLines}) ELSE '{}'::jsonb END
         || CASE WHEN p.batch AND s.k IN (1, 3) THEN jsonb_build_object('batchId', 'B-' || (p.n / 10)) ELSE '{}'::jsonb END
         || CASE WHEN s.k = 9 THEN jsonb_build_object('note', '缺货') ELSE '{}'::jsonb END,
       false, to_timestamp((${at})::double precision / 1000), p.inw
     FROM plan p JOIN ${STEPS} ON ${APPLIES(now)}
     ORDER BY p.n, s.k`,
    [storeId, spec.leadId, spec.pickerId],
  );

  // Each order's fold as pushes leave it (sync/model/status.ts StatusFold): the last fact, the last status change,
  // the applied pick with its lines. Orders without facts have no row, as at the centre.
  await timed(
    'order_folds',
    `INSERT INTO order_folds (store_id, order_id, fold)
     SELECT $1, p.oid, jsonb_build_object(
         'status', COALESCE(st.status, 'new'),
         'changedAt', CASE WHEN st.k IS NULL THEN ${iso('p.t + 1000')} ELSE ${iso('p.t + st.off')} END,
         'last', jsonb_build_object('at', ${iso('p.t + la.off')}, 'id', ${uuid7('p.t + la.off', 'la.k', 'p.n')}),
         'picked', CASE WHEN a.picked THEN jsonb_build_object('at', ${iso(`p.t + ${15 * MIN}`)}, 'lines', ${pickedLines}) ELSE NULL END)
     FROM plan p
     CROSS JOIN LATERAL (SELECT max(s.k) AS lastk, max(s.k) FILTER (WHERE s.status IS NOT NULL) AS statk, bool_or(s.k = 3) AS picked
                         FROM ${STEPS} WHERE ${APPLIES(now)}) a
     JOIN ${STEPS.replace(' AS s(', ' AS la(')} ON la.k = a.lastk
     LEFT JOIN ${STEPS.replace(' AS s(', ' AS st(')} ON st.k = a.statk
     ORDER BY p.n`,
    [storeId],
  );

  // Stock moves: a pick of the first two lines of every order that was picked, booked against the order, and loose
  // moves (receipts, adjustments, counts) spread over the days so that the total is movesPerYear a year.
  const pickAt = `p.t + ${15 * MIN}`;
  await timed(
    'stock_moves (order picks)',
    `INSERT INTO docs (store_id, collection, id, position, data, deleted, updated_at, in_window)
     SELECT $1, 'stock_moves', ${uuid7(pickAt, '256 + j', 'p.n')}, CASE WHEN p.inw THEN ${pos(pickAt)} ELSE ${pos(`p.f + ${H}`)} END,
       jsonb_build_object('id', ${uuid7(pickAt, '256 + j', 'p.n')}, 'storeId', $1::text, 'sku', ${skuText('p.n', 'j')}, 'kind', 'pick',
         'qty', -${qty('p.n', 'j')}, 'at', ${iso(pickAt)}, 'operatorId', $2::text, 'deviceId', 'T-' || (1 + p.n % 3), 'orderId', p.oid),
       false, to_timestamp((${pickAt})::double precision / 1000), p.inw
     FROM plan p CROSS JOIN LATERAL generate_series(0, least(p.nlines, 2) - 1) j
     WHERE p.stage = 'done'
     ORDER BY p.n, j`,
    [storeId, spec.pickerId],
  );
  const [{ picks }] = (await c.query<{ picks: string }>(`SELECT count(*) AS picks FROM docs WHERE store_id = $1 AND collection = 'stock_moves'`, [storeId])).rows as [{ picks: string }];
  const loose = Math.max(0, spec.movesPerYear * spec.years - Number(picks));
  const looseAt = `(${start}::bigint + m * ${Math.floor((days * DAY) / Math.max(1, loose))}::bigint + 777)`;
  await timed(
    'stock_moves (loose)',
    `INSERT INTO docs (store_id, collection, id, position, data, deleted, updated_at, in_window)
     SELECT $1, 'stock_moves', ${uuid7(looseAt, '512', 'm')}, CASE WHEN ${looseAt} >= ${now - L} THEN ${pos(looseAt)} ELSE ${pos(`${looseAt} + ${L}`)} END,
       jsonb_build_object('id', ${uuid7(looseAt, '512', 'm')}, 'storeId', $1::text, 'sku', 'SKU' || lpad(((m * 13) % ${P})::text, 6, '0'),
         'at', ${iso(looseAt)}, 'operatorId', $2::text, 'deviceId', 'T-1')
         || CASE WHEN m % 20 = 0 THEN jsonb_build_object('kind', 'count', 'qty', 100)
                 WHEN m % 20 < 6 THEN jsonb_build_object('kind', 'adjust', 'qty', -1, 'reason', '破损')
                 ELSE jsonb_build_object('kind', 'receive', 'qty', 24) END,
       false, to_timestamp((${looseAt})::double precision / 1000), ${looseAt} >= ${now - L}
     FROM generate_series(0, ${loose - 1}) m
     ORDER BY m`,
    [storeId, spec.leadId],
  );

  // The store's position is now's; the stock snapshot is written at it, folded as migration 3 folds moves.
  const seq = Number(await c.query(`UPDATE stores SET seq = ${pos(String(now))} WHERE id = $1 RETURNING seq`, [storeId]).then((r) => (r.rows[0] as { seq: string }).seq));
  await timed(
    'stock_levels (fold of every move)',
    `INSERT INTO docs (store_id, collection, id, position, data, deleted, updated_at)
     WITH mv AS (
       SELECT (data->>'sku') COLLATE "C" AS sku, data->>'kind' AS kind, (data->>'qty')::bigint AS qty, (data->>'at') COLLATE "C" AS at, id
       FROM docs WHERE store_id = $1 AND collection = 'stock_moves' AND NOT deleted
     ), last_count AS (
       SELECT DISTINCT ON (sku) sku, at, id FROM mv WHERE kind = 'count' ORDER BY sku, at DESC, id DESC
     ), last_move AS (
       SELECT DISTINCT ON (sku) sku, at, id FROM mv ORDER BY sku, at DESC, id DESC
     ), folded AS (
       SELECT mv.sku, count(*) AS moves, coalesce(sum(mv.qty) FILTER (WHERE c.id IS NULL OR (mv.at, mv.id) >= (c.at, c.id)), 0) AS qty
       FROM mv LEFT JOIN last_count c ON c.sku = mv.sku GROUP BY mv.sku
     )
     SELECT $1, 'stock_levels', f.sku, $2::bigint, jsonb_build_object(
       'storeId', $1::text, 'sku', f.sku, 'qty', f.qty, 'asOfAt', l.at, 'asOfId', l.id, 'moves', f.moves, 'updatedAt', ${iso(String(now))}), false, now()
     FROM folded f JOIN last_move l ON l.sku = f.sku
     ON CONFLICT (store_id, collection, id) DO NOTHING`,
    [storeId, seq],
  );
  // The staff were on the books before the first order (the push judges a fact by who was active at its time).
  await c.query(`UPDATE operator_history SET changed_at = to_timestamp(${start - DAY}::double precision / 1000) WHERE store_id = $1`, [storeId]);
  await timed('ANALYZE', 'ANALYZE');

  const count = async (sql: string) => Number(((await c.query<{ n: string }>(sql, [storeId])).rows[0] as { n: string }).n);
  const inWin = (coll: string) => count(`SELECT count(*) AS n FROM docs WHERE store_id = $1 AND collection = '${coll}' AND in_window AND NOT deleted`);
  const all = (coll: string) => count(`SELECT count(*) AS n FROM docs WHERE store_id = $1 AND collection = '${coll}'`);
  const out: Generated = {
    orders: await all('orders'),
    events: await all('order_events'),
    moves: await all('stock_moves'),
    orderMoves: Number(picks),
    folds: await count('SELECT count(*) AS n FROM order_folds WHERE store_id = $1'),
    inWindow: { orders: await inWin('orders'), events: await inWin('order_events'), moves: await inWin('stock_moves') },
    timings,
    seq,
  };
  await c.query('DROP TABLE plan');
  return out;
}
