import type { StoreDoc } from '../../model/store.js';
import type { Db } from '../db/index.js';
import { jsonEqual } from '../equal.js';
import { writeStore } from '../store/store-tx.js';
import { publishedPassKeys } from './keys.js';

/**
 * Puts the centre's public pass keys on the stores documents, so terminals verify passes offline: at start, after a
 * rotation, and (routes/stores.ts) when a store is written. A document whose keys are already right is left alone.
 */
export async function publishPassKeys(db: Db, storeIds?: readonly string[]): Promise<number> {
  const keys = await publishedPassKeys(db);
  const ids = storeIds ?? (await db.query<{ id: string }>('SELECT id FROM stores ORDER BY id')).map((r) => r.id);
  let written = 0;
  for (const storeId of ids) {
    const { value } = await writeStore(db, storeId, async (st) => {
      const stored = await st.get('stores', storeId);
      if (!stored || stored.deleted) return false;
      const doc = stored.data as unknown as StoreDoc;
      if (jsonEqual(doc.passKeys ?? [], keys)) return false;
      await st.put('stores', storeId, { ...doc, passKeys: keys, updatedAt: new Date().toISOString() } satisfies StoreDoc);
      return true;
    });
    if (value) written++;
  }
  return written;
}
