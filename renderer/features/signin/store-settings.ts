import { map, type Observable } from 'rxjs';
import type { TerminalDb } from '../../db/index.js';
import { DEFAULT_STORE_SETTINGS, type StoreSettings } from '../../../sync/model/index.js';

/** The store's settings for its terminals, live; the defaults until the store document has synced. */
export function storeSettings$(db: TerminalDb, storeId: string): Observable<StoreSettings> {
  return db.stores.findOne(storeId).$.pipe(map((doc) => ({ ...DEFAULT_STORE_SETTINGS, ...doc?.toJSON().settings })));
}
