// Initial sync into a fresh Chromium terminal vs the raw floor, and live propagation latency.
import { resolve } from 'node:path';
import { build } from 'vite';
import { launchChromium } from '../e2e/support/chromium.js';
import { makeOrderInput, makeProductInput, startTestServer } from '../sync/server/testing.js';
import type { Order, Product } from '../sync/model/index.js';
import { serveDir } from './static.js';
import { fmt, percentile, pool } from './stats.js';

const ORDERS = Number(process.env.BENCH_ORDERS ?? 5000);
const PRODUCTS = Number(process.env.BENCH_PRODUCTS ?? 2000);
const LIVE = Number(process.env.BENCH_LIVE ?? 200);

export async function benchSync(): Promise<void> {
  const root = resolve(import.meta.dirname, '..');
  await build({ configFile: resolve(root, 'bench/vite.config.ts'), root: resolve(root, 'bench/page'), logLevel: 'warn' });
  const floorFiles = new Map<string, string>();
  const page$ = await serveDir(resolve(root, 'dist/bench'), floorFiles);
  const server = await startTestServer();
  const browser = await launchChromium();
  try {
    await server.admin.createStore({ id: 'S001' });
    const products = Array.from({ length: PRODUCTS }, (_, i) => makeProductInput(i));
    for (let i = 0; i < products.length; i += 1000) await server.admin.putProducts('S001', products.slice(i, i + 1000));
    const t0 = Date.now();
    await pool(Array.from({ length: ORDERS }, (_, i) => i), 8, async (i) => {
      await server.admin.postOrder(makeOrderInput({ lines: [{ sku: products[i % PRODUCTS]?.sku ?? 'X', name: 'Item', qty: 1 + (i % 3), unitPrice: 990 }] }));
    });
    console.log(`seeded ${ORDERS} orders in ${fmt((Date.now() - t0) / 1000)} s (${fmt(ORDERS / ((Date.now() - t0) / 1000), 0)} orders/s through POST /orders)`);

    const device = await server.admin.enroll('S001', 'bench');
    const credential = { serverUrl: server.url, token: device.token, deviceId: device.deviceId, storeId: 'S001' };
    const page = await browser.newPage();
    await page.goto(page$.url);
    await page.waitForFunction(() => window.bench !== undefined);

    // Warm up Dexie and the page's code paths so neither measurement pays for the first open.
    await page.evaluate(() => window.bench!.bulkInsert([], [], 'warmup'));
    // Floor: inside the page, one fetch of the same documents from a local HTTP server, then a bulk insert into
    // the same kind of terminal database; no protocol, and nothing handed through the test driver.
    const rows = await server.db.query<{ collection: string; data: Product | Order }>(
      `SELECT collection, data FROM docs WHERE store_id = $1 AND collection IN ('products', 'orders') AND NOT deleted`, ['S001']);
    floorFiles.set('/floor.json', JSON.stringify({
      products: rows.filter((r) => r.collection === 'products').map((r) => r.data as Product),
      orders: rows.filter((r) => r.collection === 'orders').map((r) => r.data as Order),
    }));
    const floor = await page.evaluate(() => window.bench!.fetchAndInsert('/floor.json', 'floor'));

    // Timed inside the page, like the floor.
    const synced = await page.evaluate((c) => window.bench!.initialSync(c, 'synced'), credential);
    console.log(`initial sync: ${synced.docs} docs in ${fmt(synced.ms, 0)} ms = ${fmt(synced.docs / (synced.ms / 1000), 0)} docs/s`);
    console.log(`floor (one fetch + bulk insert in the page): ${floor.docs} docs in ${fmt(floor.ms, 0)} ms = ${fmt(floor.docs / (floor.ms / 1000), 0)} docs/s`);
    console.log(`ratio sync/floor: ${fmt(synced.ms / floor.ms, 2)}x (target <= 2x)`);

    // Live propagation: POST /orders to the document being in the terminal's RxDB.
    const posted = new Map<string, number>();
    for (let i = 0; i < LIVE; i++) {
      const order = makeOrderInput();
      posted.set(order.id, Date.now());
      await server.admin.postOrder(order);
      await new Promise((r) => setTimeout(r, 10));
    }
    const deadline = Date.now() + 30_000;
    let arrivals: Record<string, number> = {};
    while (Date.now() < deadline) {
      arrivals = await page.evaluate(() => window.bench!.arrivals());
      if ([...posted.keys()].every((id) => arrivals[id] !== undefined)) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const latencies = [...posted].filter(([id]) => arrivals[id] !== undefined).map(([id, t]) => (arrivals[id] as number) - t);
    console.log(`live propagation over ${latencies.length}/${LIVE} orders: p50 ${fmt(percentile(latencies, 50), 0)} ms, p99 ${fmt(percentile(latencies, 99), 0)} ms (targets 150 / 500 ms)`);
    await page.evaluate(() => window.bench!.stop());
  } finally {
    await browser.close();
    await server.close();
    await page$.close();
  }
}
