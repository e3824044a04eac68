import { indexedDB } from 'fake-indexeddb';

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('IndexedDB request failed'));
  });
}

/**
 * Everything stored in fake-indexeddb, every database and object store, as one JSON text: what a copied disk
 * would show. Tests search it for secrets that must never be stored.
 */
export async function dumpAllIndexedDb(): Promise<string> {
  const out: Record<string, Record<string, unknown[]>> = {};
  for (const info of await indexedDB.databases()) {
    if (!info.name) continue;
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open(info.name!);
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error ?? new Error(`cannot open ${info.name}`));
    });
    const stores: Record<string, unknown[]> = {};
    for (const name of Array.from(db.objectStoreNames)) {
      stores[name] = await request(db.transaction(name, 'readonly').objectStore(name).getAll());
    }
    db.close();
    out[info.name] = stores;
  }
  return JSON.stringify(out);
}
