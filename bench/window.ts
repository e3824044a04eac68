// Terminals that stay small (issue 16): a store with a generated year (and, opt-in, five years) of trading written
// straight into PostgreSQL; a fresh terminal's enrolment (initial sync) and IndexedDB size in headless Chromium with
// the real RxDB and replication, the queue's first paint on that terminal, and the nightly sweep's cost.
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import pg from 'pg';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { build } from 'vite';
import { CHROMIUM_ARGS, chromiumPath } from '../e2e/support/chromium.js';
import { freshDatabaseUrl } from '../e2e/support/central.js';
import { PAINTED, QUEUE_MARKS } from '../renderer/features/orders/perf-marks.js';
import { COLLECTION_NAMES } from '../sync/model/collections.js';
import { wireDocProblem } from '../sync/client/wire.js';
import { schemaVersionOf, type Checkpoint } from '../sync/protocol/sync.js';
import { pullPage, WINDOW_FEED_SQL } from '../sync/server/store/feed.js';
import { sweepStore } from '../sync/server/window/sweep.js';
import { makeProductInput, startTestServer, testOperatorId } from '../sync/server/testing.js';
import { marks, waitForMark } from './queue.js';
import { serveDir } from './static.js';
import { fmt, percentile } from './stats.js';
import { generateYears, type Generated } from './window-data.js';

/** Which scales to run, in 360-day years; the 5-year one is opt-in (see the note printed when it is left out). */
const YEARS = (process.env.BENCH_WINDOW_YEARS ?? '1').split(',').map(Number).filter((n) => n > 0);
const ORDERS_PER_DAY = Number(process.env.BENCH_WINDOW_ORDERS_PER_DAY ?? 500);
const PRODUCTS = Number(process.env.BENCH_WINDOW_PRODUCTS ?? 3000);
const MOVES_PER_YEAR = Number(process.env.BENCH_WINDOW_MOVES_PER_YEAR ?? 500_000);
const LOADS = Number(process.env.BENCH_WINDOW_QUEUE_LOADS ?? 5);
const STORE = 'S001';
const DAY = 86_400_000;
const TARGET = { enrolS: 30, idbMiB: 150, firstPaintMs: 300 };
const MiB = 1024 * 1024;
/** Keeps each scale's database (prints its URL) instead of dropping it, to look at it afterwards. */
const KEEP = process.env.BENCH_WINDOW_KEEP === '1';
/**
 * The terminal's profile: on disk by default, as an Electron terminal keeps it (and so IndexedDB's files can be
 * measured); BENCH_WINDOW_INCOGNITO=1 runs in an incognito context, IndexedDB in memory, as bench/sync.ts does.
 */
const INCOGNITO = process.env.BENCH_WINDOW_INCOGNITO === '1';

interface Figures {
  years: number;
  generated: Generated;
  generationS: number;
  docsBytes: number;
  enrolS: number;
  floorS: number;
  terminalDocs: number;
  idbEstimate: number;
  idbOnDisk: number;
  firstPaint: number[];
  fullPaint: number[];
  queueOrders: string | null;
  sweep: { ms: number; orders: number; events: number; moves: number; transactions: number };
  steadySweepMs: number;
  catchUpMs: number;
  windowReadMs: number;
}

/** Bytes under a folder (the profile's IndexedDB files on disk). */
function du(dir: string): number {
  let total = 0;
  if (!existsSync(dir)) return 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    total += entry.isDirectory() ? du(p) : statSync(p).size;
  }
  return total;
}

const mib = (bytes: number) => `${fmt(bytes / MiB)} MiB`;

async function buildPages(out: string): Promise<void> {
  const root = resolve(import.meta.dirname, '..');
  // Both pages under one origin, so the queue page opens the database the bench page synced.
  await build({ configFile: resolve(root, 'bench/vite.config.ts'), root: resolve(root, 'bench/page'), logLevel: 'warn', build: { outDir: join(out, 'page'), emptyOutDir: true } });
  await build({
    configFile: false, root: resolve(root, 'bench/queue-page'), base: './', plugins: [react()], logLevel: 'warn', mode: 'production',
    build: { outDir: join(out, 'queue'), emptyOutDir: true, chunkSizeWarningLimit: 8000 },
  });
}

async function explain(c: pg.Client, label: string, sql: string, params: unknown[]): Promise<void> {
  const rows = (await c.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS) ${sql}`, params)).rows.map((r) => r['QUERY PLAN']);
  const first = rows.find((r) => /Scan/.test(r))?.trim() ?? rows[0] ?? '';
  console.log(`  ${label}: ${first.replace(/^->\s*/, '')}`);
  const shown = new Set<string>();
  for (const r of rows) {
    if (/Index Cond|Filter|Buffers|Execution Time|Sort|Rows Removed/.test(r) && !shown.has(r.trim())) console.log(`      ${r.trim()}`);
    shown.add(r.trim());
  }
}

async function runScale(years: number, ctx: BrowserContext, siteUrl: string, profileDir: string, files: Map<string, string>): Promise<Figures | null> {
  const tag = `window [${years}y]`;
  const fresh = await freshDatabaseUrl();
  if (!fresh) return null;
  const server = await startTestServer({ databaseUrl: fresh.url });
  const c = new pg.Client({ connectionString: fresh.url });
  await c.connect();
  try {
    const now = Date.now();
    // The store, its staff and catalogue through the API, as the platform and admin make them.
    const a0 = performance.now();
    await server.admin.seedStore(STORE);
    const products = Array.from({ length: PRODUCTS }, (_, i) => makeProductInput(i));
    for (let i = 0; i < products.length; i += 1000) await server.admin.putProducts(STORE, products.slice(i, i + 1000));
    console.log(`${tag}: store, 2 operators and ${PRODUCTS} products through the API in ${fmt((performance.now() - a0) / 1000)} s`);

    const g0 = performance.now();
    const generated = await generateYears(c, {
      storeId: STORE, years, ordersPerDay: ORDERS_PER_DAY, products: PRODUCTS, movesPerYear: MOVES_PER_YEAR, historyDays: 7, now,
      leadId: testOperatorId(STORE, 'lead'), pickerId: testOperatorId(STORE, 'picker'),
    });
    const generationS = (performance.now() - g0) / 1000;
    console.log(
      `${tag}: generated ${generated.orders} orders, ${generated.events} order events, ${generated.moves} stock moves (${generated.orderMoves} with orderId),` +
        ` ${generated.folds} folds in ${fmt(generationS)} s (SQL, INSERT ... SELECT; the last day's orders open, older ones swept out as nightly sweeps leave them)`,
    );
    console.log(`  per statement: ${generated.timings.map(([l, s]) => `${l} ${fmt(s)} s`).join(', ')}`);
    console.log(`  in the window: ${generated.inWindow.orders} orders, ${generated.inWindow.events} events, ${generated.inWindow.moves} stock moves`);
    const sizes = (await c.query<Record<string, string>>(
      `SELECT pg_total_relation_size('docs') AS total, pg_relation_size('docs') AS heap, pg_indexes_size('docs') AS indexes,
              pg_relation_size('docs_window') AS docs_window, pg_total_relation_size('order_folds') AS folds, pg_database_size(current_database()) AS db`,
    )).rows[0] as Record<string, string>;
    console.log(
      `  sizes: docs ${mib(Number(sizes.total))} (heap ${mib(Number(sizes.heap))}, indexes ${mib(Number(sizes.indexes))}, of which docs_window ${mib(Number(sizes.docs_window))}),` +
        ` order_folds ${mib(Number(sizes.folds))}, database ${mib(Number(sizes.db))}`,
    );

    // What a terminal validates on pull: a sample of each windowed collection, in and out of the window.
    const sample = await c.query<{ collection: 'orders' | 'order_events' | 'stock_moves'; data: unknown }>(
      `(SELECT collection, data FROM docs TABLESAMPLE SYSTEM (1) WHERE collection = 'orders' LIMIT 300)
       UNION ALL (SELECT collection, data FROM docs TABLESAMPLE SYSTEM (1) WHERE collection = 'order_events' LIMIT 300)
       UNION ALL (SELECT collection, data FROM docs TABLESAMPLE SYSTEM (1) WHERE collection = 'stock_moves' LIMIT 300)
       UNION ALL (SELECT collection, data FROM docs WHERE collection IN ('orders', 'order_events', 'stock_moves') AND in_window)`,
    );
    const problems = sample.rows.map((r) => [r.collection, wireDocProblem(r.collection, r.data)] as const).filter(([, p]) => p !== null);
    if (problems.length > 0) throw new Error(`generated documents the terminal would refuse: ${JSON.stringify(problems.slice(0, 3))}`);
    console.log(`  valid against the terminal's schemas: ${sample.rows.length} documents checked (every in-window one and up to 900 sampled), none refused`);

    // The fresh terminal's first pull, as the server runs it (window mode up to the store's position).
    console.log(`${tag}: query plans of a fresh terminal's first page (WINDOW_FEED_SQL, limit 1000):`);
    await explain(c, 'first pull plan (order_events)', WINDOW_FEED_SQL, [STORE, 'order_events', -1, '', generated.seq, 1000]);
    await explain(c, 'first pull plan (orders)', WINDOW_FEED_SQL, [STORE, 'orders', -1, '', generated.seq, 1000]);
    await explain(c, 'first pull plan (stock_moves)', WINDOW_FEED_SQL, [STORE, 'stock_moves', -1, '', generated.seq, 1000]);

    // Server side alone: every page of the window of every collection, as the route serves them.
    const w0 = performance.now();
    let windowDocs = 0;
    const windowByCollection: Record<string, unknown[]> = {};
    for (const collection of COLLECTION_NAMES) {
      let from: Checkpoint = { position: -1, id: '', until: generated.seq };
      const held = (windowByCollection[collection] = [] as unknown[]);
      for (;;) {
        const page = await pullPage(server.db, STORE, collection, schemaVersionOf(collection), from, 1000);
        windowDocs += page.documents.length;
        for (const d of page.documents) if (!d._deleted) held.push(d);
        if (page.documents.length < 1000 || !page.checkpoint) break;
        from = page.checkpoint;
      }
    }
    const windowReadMs = performance.now() - w0;
    console.log(`${tag}: server reads the whole window (every collection, pages of 1000, in process): ${windowDocs} docs in ${fmt(windowReadMs, 0)} ms`);

    // A sweep at the moment the data was generated finds nothing: its cost is finding the candidates.
    const s0 = performance.now();
    const steady = await sweepStore(server.db, STORE, now);
    const steadySweepMs = performance.now() - s0;
    console.log(`${tag}: sweep with nothing aged (steady state): ${fmt(steadySweepMs, 0)} ms, moved ${steady.orders} orders, ${steady.events} events, ${steady.moves} moves`);

    // The machine is shared: say how busy it was when the browser figures were taken.
    console.log(`${tag}: load average before the terminal measurements: ${loadavg().map((l) => fmt(l, 2)).join(' ')} (2 cores)`);
    // (a) A fresh terminal: enrolment to in sync, in the page.
    const device = await server.admin.enroll(STORE, 'bench');
    const credential = { serverUrl: server.url, token: device.token, deviceId: device.deviceId, storeId: STORE };
    const dbName = `window${years}y`;
    const page: Page = await ctx.newPage();
    await page.goto(`${siteUrl}page/index.html`);
    await page.waitForFunction(() => window.bench !== undefined);
    const idbBefore = du(join(profileDir, 'Default', 'IndexedDB'));
    const synced = await page.evaluate(([cr, n]) => window.bench!.initialSync(cr, n), [credential, dbName] as const);
    const counts = await page.evaluate(() => window.bench!.counts());
    const estimate = await page.evaluate(() => window.bench!.storage());
    await page.evaluate(() => window.bench!.stop());
    const idbOnDisk = du(join(profileDir, 'Default', 'IndexedDB')) - idbBefore;
    // The floor, in the same page and minute: the same documents in one fetch, bulk-inserted without replication.
    files.set(`/window-${years}.json`, JSON.stringify(windowByCollection));
    const floor = await page.evaluate(([u, n]) => window.bench!.insertWindow(u, n), [`${siteUrl}window-${years}.json`, `${dbName}floor`] as const);
    files.delete(`/window-${years}.json`);
    const terminalDocs = COLLECTION_NAMES.reduce((n, name) => n + (counts[name] ?? 0), 0);
    console.log(
      `${tag}: (a) fresh terminal in sync in ${fmt(synced.ms / 1000)} s (target <= ${TARGET.enrolS} s): ${terminalDocs} docs` +
        ` (${COLLECTION_NAMES.map((n) => `${n} ${counts[n]}`).join(', ')}; quarantined ${counts.quarantine})`,
    );
    if ((counts.orders ?? 0) !== generated.inWindow.orders || (counts.order_events ?? 0) !== generated.inWindow.events || (counts.stock_moves ?? 0) !== generated.inWindow.moves) {
      console.log(`  WARNING: the terminal's windowed collections differ from the server's window (${JSON.stringify(generated.inWindow)})`);
    }
    console.log(
      `${tag}: (a) floor: the same ${floor.docs} documents in one fetch, bulk-inserted into a fresh database without replication: ${fmt(floor.ms / 1000)} s;` +
        ` the enrolment takes ${fmt(synced.ms / floor.ms, 2)}x the floor`,
    );
    console.log(
      `${tag}: (a) IndexedDB: ${mib(estimate.indexedDB ?? estimate.usage)} by navigator.storage.estimate() (usageDetails.indexedDB),` +
        ` ${mib(idbOnDisk)} on disk (the profile's IndexedDB folder, grown by this sync) (target <= ${TARGET.idbMiB} MiB)`,
    );

    // (b) The queue's first paint on that terminal: the queue page opens the synced database cold, LOADS times.
    const firstPaint: number[] = [];
    const fullPaint: number[] = [];
    const phases: number[][] = [];
    let queueOrders: string | null = null;
    for (let i = 0; i < LOADS; i++) {
      await page.goto(`${siteUrl}queue/index.html?db=${dbName}&operator=${testOperatorId(STORE, 'lead')}`);
      await waitForMark(page, QUEUE_MARKS.firstRows + PAINTED, 60_000);
      await waitForMark(page, QUEUE_MARKS.fullRows + PAINTED, 60_000);
      const m = await marks(page);
      firstPaint.push((m[QUEUE_MARKS.firstRows + PAINTED] ?? Number.NaN) - (m['bench:db-open'] ?? Number.NaN));
      fullPaint.push((m[QUEUE_MARKS.fullRows + PAINTED] ?? Number.NaN) - (m['bench:db-open'] ?? Number.NaN));
      const step = (from: string, to: string) => (m[to] ?? Number.NaN) - (m[from] ?? Number.NaN);
      phases.push([
        step('bench:db-open', 'bench:db-opened'), step('bench:db-opened', QUEUE_MARKS.firstPageStart), step(QUEUE_MARKS.firstPageStart, QUEUE_MARKS.firstData),
        step(QUEUE_MARKS.firstData, QUEUE_MARKS.firstRows), step(QUEUE_MARKS.firstRows, QUEUE_MARKS.firstRows + PAINTED),
      ]);
      if (i === 0) queueOrders = await page.locator('[data-testid="order-count"]').getAttribute('data-total');
    }
    console.log(
      `${tag}: (b) queue first rows painted, from db open, ${LOADS} cold loads: median ${fmt(percentile(firstPaint, 50))} ms, max ${fmt(Math.max(...firstPaint))} ms` +
        ` (target <= ${TARGET.firstPaintMs} ms); every order of the window (${queueOrders}) painted: median ${fmt(percentile(fullPaint, 50))} ms`,
    );
    // The first load has no remembered start for its first page (live.ts firstPageStart): a terminal's first day.
    console.log(`  each load: ${firstPaint.map((ms) => fmt(ms, 0)).join(', ')} ms, in load order (the first without a remembered start for the first page)`);
    const names = ['open the database', 'mount to first page read', 'first page (orders + their events, derived)', 'React render to commit', 'commit to paint'];
    console.log(`  medians: ${names.map((n, k) => `${n} ${fmt(percentile(phases.map((p) => p[k] ?? Number.NaN), 50))} ms`).join(', ')}`);

    // (c) The nightly sweep a day later: the day that ages out leaves, with its facts and moves.
    const e0 = performance.now();
    const swept = await sweepStore(server.db, STORE, now + DAY);
    const sweepMs = performance.now() - e0;
    console.log(
      `${tag}: (c) nightly sweep of the day that ages out: ${fmt(sweepMs, 0)} ms, ${swept.orders} orders, ${swept.events} events, ${swept.moves} stock moves out of the window` +
        ` in ${swept.transactions} transactions`,
    );
    await page.goto(`${siteUrl}page/index.html`);
    await page.waitForFunction(() => window.bench !== undefined);
    const caught = await page.evaluate(([cr, n]) => window.bench!.catchUp(cr, n, 90_000), [credential, dbName] as const);
    const after = await page.evaluate(() => window.bench!.counts());
    await page.evaluate(() => window.bench!.stop());
    console.log(
      caught.inSync
        ? `${tag}: (c) the terminal takes the evictions: reopened and in sync in ${fmt(caught.ms, 0)} ms, now ${after.orders} orders, ${after.order_events} events, ${after.stock_moves} moves`
        : `${tag}: (c) the terminal took the evictions NOT in sync after ${fmt(caught.ms / 1000)} s (now ${after.orders} orders, ${after.order_events} events, ${after.stock_moves} moves):` +
            ' its checkpoint keeps the window bound `until` (RxDB stacks checkpoints), so each pull restarts at the bound and, with more than a page changed since, repeats the same page',
    );
    await page.close();
    return {
      years, generated, generationS, docsBytes: Number(sizes.total), enrolS: synced.ms / 1000, floorS: floor.ms / 1000, terminalDocs, idbEstimate: estimate.indexedDB ?? estimate.usage,
      idbOnDisk, firstPaint, fullPaint, queueOrders, sweep: { ms: sweepMs, ...swept }, steadySweepMs, catchUpMs: caught.ms, windowReadMs,
    };
  } finally {
    await c.end();
    await server.close();
    if (KEEP) console.log(`${tag}: database kept: ${fresh.url}`);
    else await fresh.drop();
  }
}

export async function benchWindow(): Promise<void> {
  if (!process.env.DATABASE_URL) {
    console.log('window: skipped: it needs PostgreSQL (set DATABASE_URL); a year of a store does not belong in PGlite');
    return;
  }
  if (!YEARS.includes(5)) {
    console.log('window: the five-year run is opt-in (BENCH_WINDOW_YEARS=1,5 npm run bench window): generating it takes longer than the rest of the bench');
  }
  const root = resolve(import.meta.dirname, '..');
  const out = resolve(root, 'dist/bench-window');
  await buildPages(out);
  // Files the page fetches that exist only in memory (the floor's window), added and removed per scale.
  const files = new Map<string, string>();
  const site = await serveDir(out, files);
  // A profile on disk, so IndexedDB lives in files that can be measured (an incognito context keeps it in memory).
  const profileDir = mkdtempSync(join(tmpdir(), 'bench-window-'));
  const viewport = { width: 1280, height: 800 };
  const browser = INCOGNITO ? await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS, headless: true }) : null;
  const ctx = browser
    ? await browser.newContext({ viewport })
    : await chromium.launchPersistentContext(profileDir, { executablePath: chromiumPath(), args: CHROMIUM_ARGS, headless: true, viewport });
  console.log(`window: the terminal's profile is ${INCOGNITO ? 'incognito (IndexedDB in memory)' : 'on disk, as an Electron terminal keeps it'}`);
  const results: Figures[] = [];
  try {
    for (const years of YEARS) {
      const r = await runScale(years, ctx, site.url, profileDir, files);
      if (r) results.push(r);
    }
  } finally {
    await ctx.close();
    await browser?.close();
    await site.close();
    rmSync(profileDir, { recursive: true, force: true });
  }
  if (results.length > 0) {
    console.log('window: summary (targets: enrolment <= 30 s, IndexedDB <= 150 MiB, queue first paint <= 300 ms)');
    for (const r of results) {
      console.log(
        `  ${r.years}y: ${r.generated.orders} orders / ${r.generated.events} events / ${r.generated.moves} moves, docs ${mib(r.docsBytes)}, generated in ${fmt(r.generationS)} s |` +
          ` enrolment ${fmt(r.enrolS)} s (floor ${fmt(r.floorS)} s, ${fmt(r.enrolS / r.floorS, 2)}x), ${r.terminalDocs} docs, IndexedDB ${mib(r.idbEstimate)} (estimate) / ${mib(r.idbOnDisk)} (disk) |` +
          ` queue first paint ${fmt(percentile(r.firstPaint, 50))} ms | sweep of a day ${fmt(r.sweep.ms, 0)} ms (${r.sweep.orders} orders, ${r.sweep.events} events, ${r.sweep.moves} moves),` +
          ` steady sweep ${fmt(r.steadySweepMs, 0)} ms | server window read ${fmt(r.windowReadMs, 0)} ms`,
      );
    }
  }
}
