import { ProtocolError } from '../../protocol/errors.js';
import type { Db, Queryable } from '../db/index.js';

export const STORE_CHANGES_CHANNEL = 'store_changes';

export interface StoredDoc {
  data: Record<string, unknown>;
  deleted: boolean;
  position: number;
}

/**
 * A transaction that writes one store's documents. It locks the store's row first; the position is taken (seq + 1)
 * on the first real write and the lock is held until commit, so positions become visible strictly in commit order:
 * a transaction that commits late cannot land behind a checkpoint a client has already been served. Taking the
 * position lazily keeps a retried no-op push from consuming one.
 */
export class StoreTx {
  private position: number | undefined;
  /** Collections written so far, announced with the position so terminals pull only those. */
  readonly written = new Set<string>();

  private constructor(
    readonly q: Queryable,
    readonly storeId: string,
  ) {}

  static async open(q: Queryable, storeId: string): Promise<StoreTx> {
    const rows = await q.query('SELECT seq FROM stores WHERE id = $1 FOR UPDATE', [storeId]);
    if (rows.length === 0) throw new ProtocolError('UNKNOWN_STORE', `store "${storeId}" does not exist`, 404, { storeId });
    return new StoreTx(q, storeId);
  }

  /** The position of this transaction's writes, once one has been made. */
  get writtenPosition(): number | undefined {
    return this.position;
  }

  async takePosition(): Promise<number> {
    if (this.position === undefined) {
      const [row] = await this.q.query<{ seq: number }>('UPDATE stores SET seq = seq + 1 WHERE id = $1 RETURNING seq', [this.storeId]);
      if (!row) throw new ProtocolError('UNKNOWN_STORE', `store "${this.storeId}" does not exist`, 404);
      this.position = Number(row.seq);
    }
    return this.position;
  }

  /**
   * Runs fn under a savepoint: if it throws, its writes are undone and the rest of the transaction goes on. A
   * position taken inside and rolled back is forgotten, so the next write takes it again rather than skipping
   * past a seq the store row never kept.
   */
  async savepoint<T>(fn: () => Promise<T>, name: 'store_tx_row' | 'store_tx_batch' = 'store_tx_row'): Promise<T> {
    const positionBefore = this.position;
    const writtenBefore = new Set(this.written);
    await this.q.query(`SAVEPOINT ${name}`);
    try {
      const value = await fn();
      await this.q.query(`RELEASE SAVEPOINT ${name}`);
      return value;
    } catch (err) {
      await this.q.query(`ROLLBACK TO SAVEPOINT ${name}`);
      this.position = positionBefore;
      this.written.clear();
      for (const c of writtenBefore) this.written.add(c);
      throw err;
    }
  }

  /**
   * Runs fn under a savepoint and always rolls it back: a dry run, to find out whether writes would succeed.
   * Returns the error fn threw, if any.
   */
  async tryThenUndo(fn: () => Promise<void>): Promise<unknown> {
    const marker = new Error('undo');
    try {
      await this.savepoint(async () => {
        await fn();
        throw marker;
      }, 'store_tx_batch');
    } catch (err) {
      return err === marker ? undefined : err;
    }
    return undefined;
  }

  async get(collection: string, id: string): Promise<StoredDoc | undefined> {
    const [row] = await this.q.query<StoredDoc>(
      'SELECT data, deleted, position FROM docs WHERE store_id = $1 AND collection = $2 AND id = $3',
      [this.storeId, collection, id],
    );
    return row;
  }

  /** Current states of many documents at once, by id. */
  async getMany(collection: string, ids: readonly string[]): Promise<Map<string, StoredDoc>> {
    const rows = await this.q.query<StoredDoc & { id: string }>(
      `SELECT id, data, deleted, position FROM docs
       WHERE store_id = $1 AND collection = $2 AND id = ANY($3::text[])`,
      [this.storeId, collection, [...ids]],
    );
    return new Map(rows.map((r) => [r.id, r]));
  }

  /** Upserts many documents in one statement (a catalogue can hold thousands). */
  async putMany(collection: string, docs: ReadonlyArray<{ id: string; data: object }>): Promise<number | undefined> {
    if (docs.length === 0) return undefined;
    const position = await this.takePosition();
    this.written.add(collection);
    await this.q.query(
      `INSERT INTO docs (store_id, collection, id, position, data, deleted, updated_at)
       SELECT $1, $2, x.id, $3, x.data, false, now() FROM jsonb_to_recordset($4::jsonb) AS x(id text, data jsonb)
       ON CONFLICT (store_id, collection, id)
       DO UPDATE SET position = EXCLUDED.position, data = EXCLUDED.data, deleted = false, updated_at = now()`,
      [this.storeId, collection, position, JSON.stringify(docs)],
    );
    return position;
  }

  async put(collection: string, id: string, data: object, deleted = false): Promise<number> {
    const position = await this.takePosition();
    this.written.add(collection);
    await this.q.query(
      `INSERT INTO docs (store_id, collection, id, position, data, deleted, updated_at)
       VALUES ($1, $2, $3, $4, $5::jsonb, $6, now())
       ON CONFLICT (store_id, collection, id)
       DO UPDATE SET position = EXCLUDED.position, data = EXCLUDED.data, deleted = EXCLUDED.deleted, updated_at = now()`,
      [this.storeId, collection, id, position, JSON.stringify(data), deleted],
    );
    return position;
  }
}

/** Runs fn in a store transaction and announces the new position to every instance after commit. */
export async function writeStore<T>(db: Db, storeId: string, fn: (st: StoreTx) => Promise<T>): Promise<{ value: T; position: number | undefined }> {
  let position: number | undefined;
  let written: string[] = [];
  const value = await db.tx(async (q) => {
    const st = await StoreTx.open(q, storeId);
    const result = await fn(st);
    position = st.writtenPosition;
    written = [...st.written];
    return result;
  });
  if (position !== undefined) await announce(db, storeId, position, written);
  return { value, position };
}

/** Payload `storeId:position[:collection,collection]`; store ids and collection names hold no ':' or ','. */
export async function announce(db: Db, storeId: string, position: number, collections?: readonly string[]): Promise<void> {
  const what = collections && collections.length > 0 ? `:${collections.join(',')}` : '';
  await db.notify(STORE_CHANGES_CHANNEL, `${storeId}:${position}${what}`);
}

export async function currentPosition(q: Queryable, storeId: string): Promise<number | undefined> {
  const [row] = await q.query<{ seq: number }>('SELECT seq FROM stores WHERE id = $1', [storeId]);
  return row ? Number(row.seq) : undefined;
}
