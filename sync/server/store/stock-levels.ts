import { levelFromMoves, type StockLevel } from '../../model/stock-level.js';
import type { StockMove } from '../../model/stock.js';
import type { Queryable } from '../db/index.js';
import type { StoreTx } from './store-tx.js';

/**
 * Rewrites the stock_levels document of each SKU from every move the store holds for it (design §3 rule 3), inside
 * the store transaction that stored the new moves: the store's lock serializes pushes, so two terminals' moves
 * are folded together and in (at, id) order, and a late move lands at its place instead of on top. The document
 * takes a store position like any other write, so terminals pull the new snapshot.
 */
export async function refreshStockLevels(st: StoreTx, skus: ReadonlySet<string>): Promise<void> {
  if (skus.size === 0) return;
  const rows = await st.q.query<{ data: StockMove }>(
    `SELECT data FROM docs
     WHERE store_id = $1 AND collection = 'stock_moves' AND NOT deleted
       AND data->>'sku' IN (SELECT jsonb_array_elements_text($2::jsonb))`,
    [st.storeId, JSON.stringify([...skus])],
  );
  const moves = rows.map((r) => r.data);
  const now = new Date().toISOString();
  for (const sku of [...skus].sort()) {
    const level = levelFromMoves(st.storeId, sku, moves, now);
    if (level) await st.put('stock_levels', sku, level);
  }
}

export interface LevelRow {
  storeId: string;
  level: StockLevel;
  /** The product's name from the store's catalogue; null when the SKU is not in it. */
  name: string | null;
}

/** Stock levels with product names, of one store or of all, ordered by store and SKU. */
export async function stockLevelsOf(q: Queryable, storeId: string | null): Promise<LevelRow[]> {
  const rows = await q.query<{ store_id: string; data: StockLevel; name: string | null }>(
    `SELECT l.store_id, l.data, p.data->>'name' AS name
     FROM docs l
     LEFT JOIN docs p ON p.store_id = l.store_id AND p.collection = 'products' AND p.id = l.id AND NOT p.deleted
     WHERE l.collection = 'stock_levels' AND NOT l.deleted AND ($1::text IS NULL OR l.store_id = $1)
     ORDER BY l.store_id, l.id`,
    [storeId],
  );
  return rows.map((r) => ({ storeId: r.store_id, level: r.data, name: r.name }));
}
