import type { ConsoleUser } from '../../../protocol/console.js';
import { ProtocolError } from '../../../protocol/errors.js';
import type { CounterSkusResponse, SetCounterSkusResponse, SkuClash } from '../../../protocol/settlement-master.js';
import { audit } from '../../console-auth/audit.js';
import type { Db, Queryable } from '../../db/index.js';
import { counterRef } from './common.js';

/** At most this many clashes are named in a refusal; the count says how many there were. */
const MAX_CLASHES_NAMED = 200;

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
