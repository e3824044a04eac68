// Batch builder: 1,000 open orders × 5 lines over 2,000 products. Target ≤ 20 ms per build.
import { pathToFileURL } from 'node:url';
import { buildBatch, type BuildBatchInput } from '../sync/model/batch.js';
import { syntheticStore, NOW } from '../sync/model/fulfilment.testkit.js';
import { DEFAULT_STORE_SETTINGS } from '../sync/model/store.js';
import { fmt, percentile } from './stats.js';

const ORDERS = Number(process.env.BENCH_BATCH_ORDERS ?? 1000);
const LINES = 5;
const PRODUCTS = 2000;
const RUNS = 20;
const TARGET_MS = 20;

function time(input: BuildBatchInput): { median: number; p95: number; orders: number; stops: number } {
  let last = buildBatch(input); // warm-up: the first call pays for JIT compilation
  const ms: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    last = buildBatch(input);
    ms.push(performance.now() - t0);
  }
  return { median: percentile(ms, 50), p95: percentile(ms, 95), orders: last.batch?.orderIds.length ?? 0, stops: last.batch?.lines.length ?? 0 };
}

export async function benchBatch(): Promise<void> {
  const { orders, statuses, products } = syntheticStore(ORDERS, LINES, PRODUCTS);
  const base = { orders, statuses, products, openBatches: new Set<string>(), nowMs: NOW };
  // A third of the orders already held by other pickers' batches, as on a busy afternoon.
  const claimed = new Set(orders.filter((_, i) => i % 3 === 0).map((o) => o.id));
  const cases: [string, BuildBatchInput][] = [
    [`store defaults (${DEFAULT_STORE_SETTINGS.maxOrdersPerBatch} orders / ${DEFAULT_STORE_SETTINGS.maxLinesPerBatch} lines)`, { ...base, limits: DEFAULT_STORE_SETTINGS }],
    ['largest limits (100 orders / 2000 lines)', { ...base, limits: { maxOrdersPerBatch: 100, maxLinesPerBatch: 2000 } }],
    ['defaults, 1/3 claimed elsewhere', { ...base, openBatches: claimed, limits: DEFAULT_STORE_SETTINGS }],
  ];
  console.log(`batch builder: ${ORDERS} open orders x ${LINES} lines, ${PRODUCTS} products, median of ${RUNS} runs (target <= ${TARGET_MS} ms)`);
  for (const [label, input] of cases) {
    const r = time(input);
    console.log(`  ${label}: median ${fmt(r.median, 2)} ms, p95 ${fmt(r.p95, 2)} ms, ${fmt(r.median / TARGET_MS, 2)}x target; batch of ${r.orders} orders, ${r.stops} stops`);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await benchBatch();
