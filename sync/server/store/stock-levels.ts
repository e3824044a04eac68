import { extendsLevel, levelAfter, levelWithLateMove, type StockLevel } from '../../model/stock-level.js';
import { compareMoves, type StockMove } from '../../model/stock.js';
import type { Queryable } from '../db/index.js';
import type { StoreTx } from './store-tx.js';

/**
 * Folds a push's new moves into each SKU's stock_levels document (design §3 rule 3), inside the store transaction
 * that stores them, after they are written: the store's lock serializes pushes, so two terminals' moves are folded
 * together and in (at, id) order. A move that sorts after the snapshot extends it by one step (levelAfter); a late
 * one (older than the snapshot's point: a terminal that pushes after another, or comes back online) is folded in at
 * its place from the moves after it alone (levelWithLateMove), read through an index. Neither costs the SKU's
 * history. The document takes a store position like any other write, so terminals pull the new snapshot.
 */
export async function foldMovesIntoLevels(st: StoreTx, moves: readonly StockMove[]): Promise<void> {
  if (moves.length === 0) return;
  const bySku = new Map<string, StockMove[]>();
  for (const m of moves) {
    const own = bySku.get(m.sku);
    if (own) own.push(m);
    else bySku.set(m.sku, [m]);
  }
  const current = await st.getMany('stock_levels', [...bySku.keys()]);
  const stored = new Map<string, StockLevel>();
  for (const [sku, doc] of current) if (!doc.deleted) stored.set(sku, doc.data as unknown as StockLevel);
  for (const own of bySku.values()) own.sort(compareMoves);
  // The moves are sorted, so the late ones (before the stored snapshot's point) come first: the moves stored after
  // the first of them hold everything any of them needs, read for every such SKU in one query.
  const firstLate = [...bySku.values()].flatMap((own) => {
    const level = stored.get(own[0]!.sku);
    return level && !extendsLevel(level, own[0]!) ? [own[0]!] : [];
  });
  const after = await movesAfter(st, firstLate);
  const now = new Date().toISOString();
  const levels: StockLevel[] = [];
  for (const [sku, own] of [...bySku].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    let level = stored.get(sku) ?? null;
    // This push's moves are stored already; those after m are folded after it, those before it were folded.
    const ownIds = new Set(own.map((m) => m.id));
    for (const m of own) {
      if (!level || extendsLevel(level, m)) {
        level = levelAfter(level, m, now);
        continue;
      }
      const later = (after.get(sku) ?? []).filter((r) => compareMoves(r, m) > 0 && !ownIds.has(r.id));
      level = levelWithLateMove(level, m, later, now);
    }
    if (level) levels.push(level);
  }
  await st.putMany('stock_levels', levels.map((l) => ({ id: l.sku, data: l })));
}

type MoveKey = Pick<StockMove, 'id' | 'at' | 'kind' | 'qty'>;

/** For each given move, the stored moves of its SKU that sort after it (this push's among them), by SKU. */
async function movesAfter(st: StoreTx, firsts: readonly StockMove[]): Promise<Map<string, MoveKey[]>> {
  const out = new Map<string, MoveKey[]>();
  if (firsts.length === 0) return out;
  // Through docs_stock_moves_sku_at (migration 4), one index range per SKU; "C" compares the times bytewise, as
  // the model does.
  const rows = await st.q.query<MoveKey & { sku: string }>(
    `SELECT d.id, d.data->>'sku' AS sku, d.data->>'at' AS at, d.data->>'kind' AS kind, (d.data->>'qty')::int AS qty
     FROM jsonb_to_recordset($2::jsonb) AS f(sku text, at text, id text)
     JOIN docs d ON d.store_id = $1 AND d.collection = 'stock_moves' AND NOT d.deleted AND d.data->>'sku' = f.sku
       AND ((d.data->>'at') COLLATE "C", d.id) > (f.at COLLATE "C", f.id)`,
    [st.storeId, JSON.stringify(firsts.map((m) => ({ sku: m.sku, at: m.at, id: m.id })))],
  );
  for (const { sku, ...move } of rows) {
    const list = out.get(sku);
    if (list) list.push(move);
    else out.set(sku, [move]);
  }
  return out;
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
