import type { ConsoleUser } from '../../../protocol/console.js';
import { ProtocolError } from '../../../protocol/errors.js';
import type { CounterSkusResponse, SetCounterSkusResponse, SkuClash } from '../../../protocol/settlement-master.js';
import { audit } from '../../console-auth/audit.js';
import type { Db, Queryable } from '../../db/index.js';
import { ISSUED_STATUSES } from '../../../model/settlement/lifecycle.js';
import { storeSpan } from '../../reports/chunks.js';
import { counterRef, DAY } from './common.js';

/** At most this many clashes are named in a refusal; the count says how many there were. */
const MAX_CLASHES_NAMED = 200;

/**
 * Of SKUs $4, those the store $1 sold (an order handed over with it, as a line or a substitute) or took back (a
 * return move) on business days $2..$3: settlement/sales.ts's rules, read loosely (a line picked 0 counts too),
 * since all this decides is whether a SKU may leave a counter.
 */
const SKUS_WITH_SALES_SQL = `
WITH st AS (SELECT st.id, st.timezone, ${storeSpan('$2', '$3')} FROM stores st WHERE st.id = $1)
SELECT x.sku FROM st
JOIN order_folds f ON f.store_id = st.id
JOIN docs o ON o.store_id = st.id AND o.collection = 'orders' AND o.id = f.order_id
CROSS JOIN LATERAL (
  SELECT ol->>'sku' AS sku FROM jsonb_array_elements(o.data->'lines') ol
  UNION ALL
  SELECT pl->'substitute'->>'sku'
  FROM jsonb_array_elements(CASE WHEN jsonb_typeof(f.fold->'picked'->'lines') = 'array' THEN f.fold->'picked'->'lines' ELSE '[]'::jsonb END) pl
  WHERE jsonb_typeof(pl->'substitute') = 'object'
) x
WHERE f.fold->>'status' IN ('delivered', 'picked_up') AND x.sku = ANY($4::text[])
  AND (f.fold->>'changedAt') COLLATE "C" >= st.lo_text AND (f.fold->>'changedAt') COLLATE "C" < st.hi_text
  AND (f.fold->>'changedAt')::timestamptz >= st.lo AND (f.fold->>'changedAt')::timestamptz < st.hi
UNION
SELECT m.data->>'sku' FROM st
JOIN docs m ON m.store_id = st.id AND m.collection = 'stock_moves' AND NOT m.deleted
WHERE m.data->>'kind' = 'return' AND m.data->>'sku' = ANY($4::text[])
  AND (m.data->>'at') COLLATE "C" >= st.lo_text AND (m.data->>'at') COLLATE "C" < st.hi_text
  AND (m.data->>'at')::timestamptz >= st.lo AND (m.data->>'at')::timestamptz < st.hi`;

/**
 * counter_skus keeps no history: a line belongs to whichever counter has its SKU now, for any day. So a SKU that
 * left a counter after selling there in a period the counter has an issued (non-draft) statement for would move
 * those sales onto the next counter's sales screens, and off the statement when it is corrected. Until the
 * assignment has a history (out of scope here), such a SKU stays: 409 SKU_HAS_SALES, naming the SKUs and periods.
 */
async function assertRemovable(q: Queryable, counterId: string, storeId: string, removing: readonly string[]): Promise<void> {
  if (removing.length === 0) return;
  const periods = await q.query<{ period_from: string; period_to: string }>(
    `SELECT DISTINCT ${DAY('period_from')} AS period_from, ${DAY('period_to')} AS period_to FROM statements
     WHERE counter_id = $1 AND status = ANY($2::text[]) ORDER BY period_from`,
    [counterId, [...ISSUED_STATUSES]],
  );
  const found: { sku: string; periodFrom: string }[] = [];
  for (const p of periods) {
    const rows = await q.query<{ sku: string }>(SKUS_WITH_SALES_SQL, [storeId, p.period_from, p.period_to, [...removing]]);
    for (const r of rows) found.push({ sku: r.sku, periodFrom: p.period_from });
  }
  if (found.length === 0) return;
  const skus = [...new Set(found.map((f) => f.sku))].sort();
  throw new ProtocolError(
    'SKU_HAS_SALES',
    `${skus.length} of the SKUs to remove sold or were returned at counter "${counterId}" in a period it has an issued statement for (e.g. ${found[0]!.sku} in the period from ${found[0]!.periodFrom}); removing them would move those sales onto another counter's screens`,
    409,
    { counterId, count: skus.length, skus: skus.slice(0, MAX_CLASHES_NAMED), periods: [...new Set(found.map((f) => f.periodFrom))].sort() },
  );
}

export async function counterSkus(q: Queryable, counterId: string): Promise<CounterSkusResponse> {
  const counter = await counterRef(q, counterId);
  const rows = await q.query<{ sku: string }>('SELECT sku FROM counter_skus WHERE counter_id = $1 ORDER BY sku', [counterId]);
  return { counterId, storeId: counter.storeId, skus: rows.map((r) => r.sku) };
}

/**
 * Sets the counter's SKUs to exactly `skus` (duplicates in the list count once). Each SKU sold in a store belongs to
 * one counter there, so a SKU that another counter of the store already has refuses the whole set (409
 * SKU_CLAIMED, naming each clash) rather than moving it silently: which counter sells it decides whose statement
 * its sales land on. Serialized per store, so two pastes cannot both claim one SKU.
 */
export async function setCounterSkus(db: Db, who: ConsoleUser, counterId: string, skus: readonly string[]): Promise<SetCounterSkusResponse> {
  const wanted = [...new Set(skus.map((s) => s.trim()))].sort();
  return db.tx(async (q) => {
    const counter = await counterRef(q, counterId);
    await q.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`counter-skus:${counter.storeId}`]);
    const clashes = await q.query<{ sku: string; counter_id: string }>(
      `SELECT sku, counter_id FROM counter_skus
       WHERE store_id = $1 AND counter_id <> $2 AND sku IN (SELECT jsonb_array_elements_text($3::jsonb)) ORDER BY sku`,
      [counter.storeId, counterId, JSON.stringify(wanted)],
    );
    if (clashes.length > 0) {
      throw new ProtocolError('SKU_CLAIMED', `${clashes.length} of these SKUs already belong to another counter of store "${counter.storeId}"`, 409, {
        storeId: counter.storeId,
        count: clashes.length,
        clashes: clashes.slice(0, MAX_CLASHES_NAMED).map((c): SkuClash => ({ sku: c.sku, counterId: c.counter_id })),
      });
    }
    const current = await q.query<{ sku: string }>('SELECT sku FROM counter_skus WHERE counter_id = $1', [counterId]);
    const keep = new Set(wanted);
    await assertRemovable(q, counterId, counter.storeId, current.map((r) => r.sku).filter((sku) => !keep.has(sku)));
    const removed = await q.query(
      `DELETE FROM counter_skus WHERE counter_id = $1 AND sku NOT IN (SELECT jsonb_array_elements_text($2::jsonb)) RETURNING sku`,
      [counterId, JSON.stringify(wanted)],
    );
    const added = await q.query(
      `INSERT INTO counter_skus (store_id, sku, counter_id) SELECT $1, x, $2 FROM jsonb_array_elements_text($3::jsonb) AS x
       ON CONFLICT (store_id, sku) DO NOTHING RETURNING sku`,
      [counter.storeId, counterId, JSON.stringify(wanted)],
    );
    await audit(q, who, 'settlement.counter.skus', counterId, { storeId: counter.storeId, skus: wanted.length, added: added.length, removed: removed.length });
    return { counterId, storeId: counter.storeId, skus: wanted, added: added.length, removed: removed.length };
  });
}
