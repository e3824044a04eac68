// The floor a write path is compared with: PostgreSQL (or PGlite) doing the same commit-ordered, store-scoped write
// with nothing else, measured in the same run on the same database. Each transaction takes the store's row lock
// and its next position, as every real write does (sync/server/store/store-tx.ts), and stores the same documents
// in the real `docs` table under the same collection (so the same indexes are kept), in a store of its own whose
// documents are removed afterwards.
import type { Db } from '../sync/server/db/index.js';
import { pool } from './stats.js';

export interface FloorDoc {
  id: string;
  data: object;
}

const FLOOR_STORE = 'FLOOR';

async function prepare(db: Db): Promise<void> {
  await db.query(`INSERT INTO stores (id, name, timezone) VALUES ($1, 'Floor', 'UTC') ON CONFLICT (id) DO NOTHING`, [FLOOR_STORE]);
}

async function cleanUp(db: Db): Promise<void> {
  await db.query('DELETE FROM docs WHERE store_id = $1', [FLOOR_STORE]);
}

async function writeBatch(db: Db, collection: string, docs: readonly FloorDoc[]): Promise<void> {
  await db.tx(async (q) => {
    const [row] = await q.query<{ seq: number }>('UPDATE stores SET seq = seq + 1 WHERE id = $1 RETURNING seq', [FLOOR_STORE]);
    await q.query(
      `INSERT INTO docs (store_id, collection, id, position, data, deleted, updated_at)
       SELECT $1, $2, x.id, $3, x.data, false, now() FROM jsonb_to_recordset($4::jsonb) AS x(id text, data jsonb)`,
      [FLOOR_STORE, collection, row?.seq, JSON.stringify(docs)],
    );
  });
}

/** Documents per second, written `batch` per transaction by `clients` writers at once. */
export async function floorRate(db: Db, collection: string, docs: readonly FloorDoc[], opts: { batch: number; clients: number }): Promise<number> {
  await prepare(db);
  const batches: FloorDoc[][] = [];
  for (let i = 0; i < docs.length; i += opts.batch) batches.push(docs.slice(i, i + opts.batch));
  const t0 = performance.now();
  await pool(batches, opts.clients, (b) => writeBatch(db, collection, b));
  const rate = docs.length / ((performance.now() - t0) / 1000);
  await cleanUp(db);
  return rate;
}
