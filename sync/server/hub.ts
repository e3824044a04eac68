import type { Db, Unlisten } from './db/index.js';
import { STORE_CHANGES_CHANNEL } from './store/store-tx.js';

import { isCollectionName, type CollectionName } from '../model/collections.js';

/** `collections` undefined: not known what changed (pull everything). */
type Subscriber = (position: number, collections: CollectionName[] | undefined) => void;

/**
 * Fans store changes out to this instance's live streams. Every instance LISTENs on the same channel, so a write
 * made through another instance on the same PostgreSQL reaches this one's terminals too.
 */
export class ChangeHub {
  private readonly subscribers = new Map<string, Set<Subscriber>>();
  private unlisten: Unlisten | undefined;
  private unrestored: (() => void) | undefined;

  constructor(private readonly db: Db) {}

  async start(): Promise<void> {
    this.unlisten = await this.db.listen(STORE_CHANGES_CHANNEL, (payload) => this.dispatch(payload));
    this.unrestored = this.db.onListenRestored(() => {
      this.announceCurrentPositions().catch((err: Error) => console.error('[hub] catch-up after LISTEN loss failed:', err.message));
    });
  }

  /** Changes announced while LISTEN was down are lost: tell every stream the store's position so clients resync. */
  private async announceCurrentPositions(): Promise<void> {
    const storeIds = [...this.subscribers.keys()];
    if (storeIds.length === 0) return;
    const rows = await this.db.query<{ id: string; seq: number }>('SELECT id, seq FROM stores WHERE id = ANY($1)', [storeIds]);
    for (const row of rows) this.dispatch(`${row.id}:${row.seq}`);
  }

  async stop(): Promise<void> {
    const unlisten = this.unlisten;
    this.unlisten = undefined;
    this.unrestored?.();
    this.unrestored = undefined;
    this.subscribers.clear();
    if (unlisten) await unlisten();
  }

  subscribe(storeId: string, cb: Subscriber): () => void {
    let set = this.subscribers.get(storeId);
    if (!set) this.subscribers.set(storeId, (set = new Set()));
    set.add(cb);
    return () => {
      set.delete(cb);
      if (set.size === 0) this.subscribers.delete(storeId);
    };
  }

  private dispatch(payload: string): void {
    const [storeId = '', pos = '', list] = payload.split(':');
    const position = Number(pos);
    if (storeId === '' || pos === '' || !Number.isFinite(position)) {
      console.error('[hub] ignoring malformed notification:', payload);
      return;
    }
    const named = list?.split(',');
    // An unknown name (a newer instance's collection) makes the list unreliable: announce everything then.
    const collections = named && named.every(isCollectionName) ? named : undefined;
    for (const cb of this.subscribers.get(storeId) ?? []) cb(position, collections);
  }
}
