// Write throughput of the central server against the floor of the same database (bench/floor.ts), in one run, on
// PostgreSQL (when DATABASE_URL is set) and on embedded PGlite: terminal pushes, the platform's order intake, how
// one more event costs as an order's history grows, and how long another store's pull waits meanwhile.
import { v7 as uuidv7 } from 'uuid';
import type { OrderEvent, StockMove } from '../sync/model/index.js';
import type { OrderInput } from '../sync/protocol/index.js';
import { platformApi } from '../sync/server/openapi/client.js';
import type { Db } from '../sync/server/db/index.js';
import { onBothDatabases } from './support/both-databases.js';
import { makeOrderEvent, makeOrderInput, makeStockMove, startTestServer, type TestServer } from '../sync/server/testing.js';
import { floorRate, type FloorDoc } from './floor.js';
import { fmt, percentile, pool } from './stats.js';

const DEVICES = 4;
const PAGE = 500;
const MOVE_PAGES = Number(process.env.BENCH_MOVE_PAGES ?? 5);
const ORDERS = Number(process.env.BENCH_WRITE_ORDERS ?? 2000);
const HISTORY = Number(process.env.BENCH_HISTORY ?? 5000);

type Device = { deviceId: string; storeId: string; token: string };

const rate = (n: number, ms: number) => n / (ms / 1000);
const line = (what: string, measured: number, floor: number, floorWhat: string, target: number) =>
  console.log(`  ${what}: ${fmt(measured, 0)}/s; floor ${fmt(floor, 0)}/s (${floorWhat}); ratio ${fmt(measured / floor, 2)}x (target >= ${target}x)`);

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
}

async function push(s: TestServer, d: Device, collection: 'order_events' | 'stock_moves', docs: readonly (OrderEvent | StockMove)[]): Promise<void> {
  const res = await s.sync.push(d.token, collection, docs.map((doc) => ({ newDocumentState: { ...doc, _deleted: false } })));
  const body = res.body as { rejected?: unknown[] };
  if (res.status !== 200 || body.rejected?.length) throw new Error(`push failed: ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`);
}

async function ingest(s: TestServer, orders: readonly OrderInput[]): Promise<void> {
  const { data, error, response } = await platformApi(s.url, s.platformApiKey).POST('/api/v1/orders/batch', { body: { orders: [...orders] } });
  if (!data || data.results.some((r) => r.outcome !== 'created')) throw new Error(`ingest failed: ${response.status} ${JSON.stringify(data ?? error).slice(0, 300)}`);
}

const asFloor = (docs: readonly { id: string }[]): FloorDoc[] => docs.map((d) => ({ id: uuidv7(), data: d }));
// The documents as an order carries them: the platform's input is close enough in size and shape.
const orderDocs = (orders: readonly OrderInput[]): FloorDoc[] => orders.map((o) => ({ id: uuidv7(), data: o }));

async function benchOn(label: string, db: Db): Promise<void> {
  console.log(`\n== write throughput on ${label}`);
  const s = await startTestServer({ db });
  try {
    await s.admin.seedStore('S001');
    await s.admin.seedStore('S002');
    const devices: Device[] = [];
    for (let i = 0; i < DEVICES; i++) devices.push(await s.admin.enroll('S001', `bench-${i}`));
    const other = await s.admin.enroll('S002', 'other');

    // Terminal push: stock moves, DEVICES devices at once, pages of PAGE, over 200 SKUs.
    // Times after the operators were created and within the server's clock tolerance: 1 ms apart.
    const at0 = Date.now();
    const pages = devices.map((d, di) => Array.from({ length: MOVE_PAGES }, (_, p) =>
      Array.from({ length: PAGE }, (_, i) => makeStockMove(d, { sku: `SKU${String((i * 7 + di) % 200).padStart(6, '0')}`, at: new Date(at0 + (p * PAGE + i) * DEVICES + di).toISOString() }))));
    const moves = pages.flat(2);
    const movesMs = await timed(() => Promise.all(devices.map(async (d, di) => {
      for (const page of pages[di]!) await push(s, d, 'stock_moves', page);
    })));
    const movesFloor = await floorRate(db, 'stock_moves', asFloor(moves), { batch: 100, clients: DEVICES });
    line(`push stock_moves (${DEVICES} devices, pages of ${PAGE}, ${moves.length} moves)`, rate(moves.length, movesMs), movesFloor, 'batches of 100', 0.4);

    // Platform: single POST /orders with 16 in flight, then batch ingest of PAGE per request.
    const singles = Array.from({ length: ORDERS }, () => makeOrderInput());
    const singleMs = await timed(() => pool(singles, 16, async (o) => void (await s.admin.postOrder(o))));
    const perDocFloor = await floorRate(db, 'orders', orderDocs(singles), { batch: 1, clients: 16 });
    line(`POST /orders (16 in flight, ${ORDERS} orders)`, rate(ORDERS, singleMs), perDocFloor, 'one transaction per document, 16 in flight', 0.4);
    const batched = Array.from({ length: ORDERS * 2 }, () => makeOrderInput());
    const chunks: OrderInput[][] = [];
    for (let i = 0; i < batched.length; i += PAGE) chunks.push(batched.slice(i, i + PAGE));
    const batchMs = await timed(() => pool(chunks, 2, (c) => ingest(s, c)));
    const batchFloor = await floorRate(db, 'orders', orderDocs(batched), { batch: 100, clients: 2 });
    line(`POST /orders/batch (${PAGE} per request, 2 in flight, ${batched.length} orders)`, rate(batched.length, batchMs), batchFloor, 'batches of 100', 0.4);

    // Terminal push: `accepted` on ORDERS orders, each device its share in pages of PAGE.
    const accepted = singles.map((o, i) => makeOrderEvent(devices[i % DEVICES]!, o.id, 'accepted'));
    const acceptMs = await timed(() => Promise.all(devices.map(async (d) => {
      const own = accepted.filter((e) => e.deviceId === d.deviceId);
      for (let i = 0; i < own.length; i += PAGE) await push(s, d, 'order_events', own.slice(i, i + PAGE));
    })));
    const eventsFloor = await floorRate(db, 'order_events', asFloor(accepted), { batch: 100, clients: DEVICES });
    line(`push order_events (accepted on ${ORDERS} orders)`, rate(accepted.length, acceptMs), eventsFloor, 'batches of 100', 0.4);

    // Growth: one push of one more event, early in an order's history and after HISTORY events.
    const d = devices[0]!;
    const order = singles[0]!.id;
    const claim = (n: number) => makeOrderEvent(d, order, n % 2 ? 'batch_released' : 'batch_claimed', { batchId: `B-${n}` });
    const single = async (n: number) => timed(() => push(s, d, 'order_events', [claim(n)]));
    const early: number[] = [];
    for (let n = 1; n <= 50; n++) early.push(await single(n));
    for (let n = 50; n < HISTORY; n += PAGE) await push(s, d, 'order_events', Array.from({ length: Math.min(PAGE, HISTORY - n) }, (_, i) => claim(n + i)));
    const late: number[] = [];
    for (let n = 0; n < 20; n++) late.push(await single(HISTORY + n));
    console.log(`  one more event on an order: 1st ${fmt(early[0]!, 1)} ms, 50th ${fmt(early[49]!, 1)} ms, median after ${HISTORY} ${fmt(percentile(late, 50), 1)} ms (flat is the target)`);

    // Another store's pull while a page of PAGE events lands on that long order.
    const waits: number[] = [];
    let pushing = true;
    const big = push(s, d, 'order_events', Array.from({ length: PAGE }, (_, i) => claim(HISTORY + 100 + i))).finally(() => (pushing = false));
    while (pushing) waits.push(await timed(() => s.sync.pull(other.token, 'orders')));
    await big;
    console.log(`  S002's pull during S001's push of ${PAGE} events onto an order of ${HISTORY}: max ${fmt(Math.max(...waits), 0)} ms over ${waits.length} pulls (target < 1000 ms)`);
  } finally {
    await s.close();
  }
}

export async function benchWrites(): Promise<void> {
  await onBothDatabases('write throughput', benchOn);
}
