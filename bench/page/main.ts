// The bench page: the terminal's real RxDB and replication client, without the UI, so the harness can time
// them inside Chromium.
import { openTerminalDb, type TerminalDb } from '../../renderer/db/index.js';
import { startSync, type SyncHandle } from '../../sync/client/index.js';
import type { SyncCredential } from '../../main/contract.js';
import type { Order, Product } from '../../sync/model/index.js';

const arrivals = new Map<string, number>();
let live: { db: TerminalDb; sync: SyncHandle } | null = null;

async function countDocs(db: TerminalDb): Promise<number> {
  return (await db.products.count().exec()) + (await db.orders.count().exec());
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
  /**
   * The floor of an initial sync: the same documents in one fetch from a local HTTP server, bulk-inserted into a
   * fresh database of the same kind, all timed inside the page.
   */
  async fetchAndInsert(url: string, name: string): Promise<{ docs: number; ms: number }> {
    const t0 = performance.now();
    const { products, orders } = (await (await fetch(url)).json()) as { products: Product[]; orders: Order[] };
    const db = await openTerminalDb({ name });
    await db.products.bulkInsert(products);
    await db.orders.bulkInsert(orders);
    const ms = performance.now() - t0;
    const docs = await countDocs(db);
    await db.close();
    return { docs, ms };
  },
  /** The same documents bulk-inserted into a fresh database, no protocol (used to warm up). */
  async bulkInsert(products: Product[], orders: Order[], name: string): Promise<{ docs: number; ms: number }> {
    const t0 = performance.now();
    const db = await openTerminalDb({ name });
    await db.products.bulkInsert(products);
    await db.orders.bulkInsert(orders);
    const ms = performance.now() - t0;
    const docs = await countDocs(db);
    await db.close();
    return { docs, ms };
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
