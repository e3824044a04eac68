import type { CollectionName } from '../../model/collections.js';
import { AFTER_EVERY_ID, readingWindow, type Checkpoint, type PullResponse } from '../../protocol/sync.js';
import type { Queryable } from '../db/index.js';
import { downgradeDoc } from './schema-versions.js';
import { currentPosition } from './store-tx.js';

interface FeedRow {
  id: string;
  position: number;
  data: Record<string, unknown>;
  deleted: boolean;
  in_window: boolean;
}

/**
 * One page of the SQL feed after `from`, store scoping and the window decided before LIMIT. In window mode (a fresh
 * terminal) only the window's live documents up to `until` are read, through the docs_window index; the full feed
 * serves a document outside the window as `_deleted`, which is how an eviction reaches the terminals.
 */
/** Params: store, collection, after position, after id, until, limit. Exported for the test that reads its plan. */
export const WINDOW_FEED_SQL = `SELECT id, position, data, deleted, in_window FROM docs
  WHERE store_id = $1 AND collection = $2 AND in_window AND NOT deleted
    AND (position, id) > ($3::bigint, $4::text) AND position <= $5::bigint
  ORDER BY position, id LIMIT $6`;

function feedQuery(q: Queryable, storeId: string, collection: CollectionName, from: Checkpoint | null, limit: number): Promise<FeedRow[]> {
  const after = [from?.position ?? -1, from?.id ?? ''];
  if (from && readingWindow(from)) return q.query<FeedRow>(WINDOW_FEED_SQL, [storeId, collection, ...after, from.until, limit]);
  return q.query<FeedRow>(
    `SELECT id, position, data, deleted, in_window FROM docs
     WHERE store_id = $1 AND collection = $2 AND (position, id) > ($3::bigint, $4::text)
     ORDER BY position, id LIMIT $5`,
    [storeId, collection, ...after, limit],
  );
}

/**
 * The first checkpoint of a fresh terminal: window mode, bounded by the store's position now. What changes later
 * gets a later position and is read by the full feed that follows, so the bound loses nothing and an eviction made
 * during the first sync still reaches the terminal.
 */
export async function windowCheckpoint(q: Queryable, storeId: string): Promise<Checkpoint> {
  return { position: -1, id: '', until: (await currentPosition(q, storeId)) ?? 0 };
}

/**
 * One page of the device's store's feed after a checkpoint, as the client's schema version holds it. Documents the
 * version cannot hold are left out while the checkpoint moves past them; the client reads a short page as "caught
 * up", so a page shortened that way is refilled until it is full or the feed is exhausted. When window mode is
 * exhausted, the checkpoint moves to just after `until` and the full feed fills the rest of the page.
 */
export async function pullPage(q: Queryable, storeId: string, collection: CollectionName, version: number, from: Checkpoint, limit: number): Promise<PullResponse> {
  const documents: PullResponse['documents'] = [];
  let checkpoint: Checkpoint = from;
  for (;;) {
    const want = limit - documents.length;
    const rows = await feedQuery(q, storeId, collection, checkpoint, want);
    for (const r of rows) {
      const data = downgradeDoc(collection, version, r.data);
      if (data) documents.push({ ...data, _deleted: r.deleted || !r.in_window } as PullResponse['documents'][number]);
    }
    const last = rows.at(-1);
    // `until` goes on the checkpoints of the window read only; the client may send it back later all the same.
    if (last) checkpoint = { position: Number(last.position), id: last.id, ...(readingWindow(checkpoint) ? { until: checkpoint.until } : {}) };
    if (rows.length < want && readingWindow(checkpoint)) {
      // The window is read: go on with every change after its bound, in this same page, since a short page would
      // tell the client it has caught up.
      checkpoint = { position: checkpoint.until, id: AFTER_EVERY_ID };
      continue;
    }
    if (rows.length < want || documents.length >= limit) return { documents, checkpoint };
  }
}
