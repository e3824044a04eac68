// The bench page: the terminal's real RxDB and replication client, without the UI, so the harness can time
// them inside Chromium.
import { openTerminalDb, type TerminalDb } from '../../renderer/db/index.js';
import { startSync, type SyncHandle } from '../../sync/client/index.js';
import type { SyncCredential } from '../../main/contract.js';
import { COLLECTIONS, type Order, type Product } from '../../sync/model/index.js';

const arrivals = new Map<string, number>();
let live: { db: TerminalDb; sync: SyncHandle } | null = null;

async function countDocs(db: TerminalDb): Promise<number> {
  return (await db.products.count().exec()) + (await db.orders.count().exec());
}

/** Bulk-inserts into a fresh database; the time runs from t0 (before a fetch, for the floor) to the last insert. */
async function insertFresh(products: Product[], orders: Order[], name: string, t0: number): Promise<{ docs: number; ms: number }> {
  const db = await openTerminalDb({ name });
  await db.products.bulkInsert(products);
  await db.orders.bulkInsert(orders);
  const ms = performance.now() - t0;
  const docs = await countDocs(db);
  await db.close();
  return { docs, ms };
}

const bench = {
  /** Opens a fresh database, syncs it to the server and returns the number of documents and milliseconds. */
  async initialSync(credential: SyncCredential, name: string): Promise<{ docs: number; ms: number }> {
    const t0 = performance.now();
    const db = await openTerminalDb({ name });
    const sync = await startSync(db, credential);
    await sync.awaitInSync();
    const ms = performance.now() - t0;
    live = { db, sync };
    db.orders.insert$.subscribe((e) => arrivals.set(e.documentId, Date.now()));
    return { docs: await countDocs(db), ms };
  },
  /** Opens a database synced before and catches it up with the server (e.g. after a sweep); milliseconds. */
  async catchUp(credential: SyncCredential, name: string, timeoutMs: number): Promise<{ ms: number; inSync: boolean }> {
    const t0 = performance.now();
    const db = await openTerminalDb({ name });
    const sync = await startSync(db, credential);
    live = { db, sync };
    const inSync = await Promise.race([sync.awaitInSync().then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), timeoutMs))]);
    return { ms: performance.now() - t0, inSync };
  },
  /**
   * The floor of an initial sync: the same documents in one fetch from a local HTTP server, bulk-inserted into a
   * fresh database of the same kind, all timed inside the page.
   */
  async fetchAndInsert(url: string, name: string): Promise<{ docs: number; ms: number }> {
    const t0 = performance.now();
    const { products, orders } = (await (await fetch(url)).json()) as { products: Product[]; orders: Order[] };
    return insertFresh(products, orders, name, t0);
  },
  /**
   * The floor of a window enrolment: every document of the window in one fetch, bulk-inserted per collection into a
   * fresh database of the same kind (no replication, no checkpoints, no bookkeeping), timed inside the page.
   */
  async insertWindow(url: string, name: string): Promise<{ docs: number; ms: number }> {
    const t0 = performance.now();
    const byCollection = (await (await fetch(url)).json()) as Record<string, Record<string, unknown>[]>;
    const db = await openTerminalDb({ name });
    let docs = 0;
    for (const [collection, rows] of Object.entries(byCollection)) {
      const target = (db.collections as unknown as Record<string, { bulkInsert(d: unknown[]): Promise<unknown> }>)[collection];
      if (!target) throw new Error(`no collection ${collection}`);
      // What the wire adds (`_deleted`) is not part of a document.
      const plain = rows.map(({ _deleted: _d, ...doc }) => doc);
      for (let i = 0; i < plain.length; i += 1000) await target.bulkInsert(plain.slice(i, i + 1000));
      docs += plain.length;
    }
    const ms = performance.now() - t0;
    await db.close();
    return { docs, ms };
  },
  /** The same documents bulk-inserted into a fresh database, no protocol (used to warm up). */
  async bulkInsert(products: Product[], orders: Order[], name: string): Promise<{ docs: number; ms: number }> {
    return insertFresh(products, orders, name, performance.now());
  },
  /** Documents per collection in the synced database (quarantine: pulled documents the local schema refused). */
  async counts(): Promise<Record<string, number>> {
    if (!live) throw new Error('no synced database');
    const db = live.db;
    const out: Record<string, number> = {};
    for (const name of [...Object.keys(COLLECTIONS), 'quarantine'] as const) {
      out[name] = await (db.collections as unknown as Record<string, { count(): { exec(): Promise<number> } }>)[name]!.count().exec();
    }
    return out;
  },
  /** What the origin stores, as Chromium estimates it (bytes): all of it, and IndexedDB's share where it says. */
  async storage(): Promise<{ usage: number; indexedDB: number | null }> {
    const e = (await navigator.storage.estimate()) as StorageEstimate & { usageDetails?: { indexedDB?: number } };
    return { usage: e.usage ?? 0, indexedDB: e.usageDetails?.indexedDB ?? null };
  },
  arrivals(): Record<string, number> {
    return Object.fromEntries(arrivals);
  },
  async stop(): Promise<void> {
    await live?.sync.stop();
    await live?.db.close();
  },
};

declare global {
  interface Window {
    bench?: typeof bench;
  }
}
window.bench = bench;
