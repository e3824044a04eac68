// The order queue in headless Chromium over 5,000 local orders: time to the first rows, and scan → feedback.
// Figures come from User Timing marks the app sets itself (renderer/features/orders/perf-marks.ts, SCAN_MARK in
// renderer/ui/scan-router.ts); the page is bench/queue-page (why not the whole app: see its main.tsx).
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import type { CDPSession, Page } from 'playwright-core';
import { v7 as uuidv7 } from 'uuid';
import { build } from 'vite';
import { launchChromium } from '../e2e/support/chromium.js';
import { PAINTED, QUEUE_MARKS } from '../renderer/features/orders/perf-marks.js';
import { SCAN_MARK } from '../renderer/ui/scan-router.js';
import { SLOT_KINDS, type Operator, type Order, type OrderEvent } from '../sync/model/index.js';
import { serveDir } from './static.js';
import { fmt, percentile } from './stats.js';

const ORDERS = Number(process.env.BENCH_ORDERS ?? 5000);
const LOADS = Number(process.env.BENCH_QUEUE_LOADS ?? 7);
const SCANS = Number(process.env.BENCH_SCANS ?? 30);
/** A path: writes a CPU profile (.cpuprofile, for Chrome's DevTools) of the scans there, from an unminified build. */
const PROFILE = process.env.BENCH_PROFILE;
const FIRST_ROWS_TARGET_MS = 300;
const SCAN_TARGET_MS = 50;
// Must match BENCH_MARKS in bench/support/mount-screen.tsx (not imported: that module mounts React on import).
const DB_OPEN_MARK = 'bench:db-open';
const OPERATOR = 'bench-op';
const DB = 'queuebench';

const NAMES = ['农夫山泉 饮用天然水 550ml', '康师傅 红烧牛肉面', '蒙牛 纯牛奶 250ml×12', '旺旺 雪饼 84g', '青岛啤酒 500ml', '卫龙 辣条'];

/** Orders as sync leaves them: due from an hour ago to a day ahead, so the queue shows late, at-risk and calm rows. */
function seedData(now: number): { orders: Order[]; events: OrderEvent[]; operator: Operator } {
  const at = (ms: number) => new Date(ms).toISOString();
  const orders = Array.from({ length: ORDERS }, (_, i): Order => {
    const dueAt = at(now - 3_600_000 + Math.floor((i * 86_400_000) / ORDERS));
    const lines = Array.from({ length: 1 + (i % 5) }, (_, j) => ({ sku: `SKU-${(i * 7 + j) % 2000}`, name: NAMES[(i + j) % NAMES.length] ?? 'x', qty: 1 + (j % 3), unitPrice: 590 + j * 100 }));
    return {
      id: `EO-20261127-${String(i).padStart(5, '0')}`, storeId: 'S001', placedAt: at(now - 7_200_000), dueAt,
      fulfilment: { type: i % 4 === 0 ? 'pickup' : 'delivery', slot: { kind: SLOT_KINDS[i % SLOT_KINDS.length] ?? '2h', dueAt } },
      customer: { name: '王小明', phone: '13912345678' },
      payment: { method: i % 3 === 0 ? 'cod' : 'online', amount: lines.reduce((n, l) => n + l.qty * l.unitPrice, 0), currency: 'CNY', paid: i % 3 !== 0 },
      lines, receivedAt: at(now - 7_000_000), updatedAt: at(now - 7_000_000),
    };
  });
  const events: OrderEvent[] = [];
  const fact = (orderId: string, type: OrderEvent['type'], ms: number): OrderEvent => ({ id: uuidv7(), storeId: 'S001', orderId, type, at: at(ms), operatorId: OPERATOR, deviceId: 'bench-dev' });
  orders.forEach((o, i) => {
    if (i % 3 === 0) events.push(fact(o.id, 'accepted', now - 600_000));
    if (i % 6 === 0) events.push(fact(o.id, 'picking_started', now - 300_000));
  });
  const operator: Operator = { id: OPERATOR, storeId: 'S001', name: '张三', roles: ['manager'], hasPin: true, active: true, updatedAt: at(now) };
  return { orders, events, operator };
}

export async function marks(page: Page): Promise<Record<string, number>> {
  return page.evaluate(() => Object.fromEntries(performance.getEntriesByType('mark').map((m) => [m.name, m.startTime])));
}

export async function waitForMark(page: Page, name: string, timeoutMs = 20_000): Promise<void> {
  try {
    await page.waitForFunction(
      (n) => {
        if (window.queueBenchError) throw new Error(window.queueBenchError);
        return performance.getEntriesByName(n, 'mark').length > 0;
      },
      name,
      { timeout: timeoutMs, polling: 5 },
    );
  } catch (err) {
    const detail = await page.evaluate(() => performance.getEntriesByType('mark').map((m) => [m.name, (m as PerformanceMark).detail as unknown]));
    throw new Error(`no mark ${name}; the page has ${JSON.stringify(await marks(page))} ${JSON.stringify(detail)}`, { cause: err });
  }
}

/**
 * Types a code and Enter the way a keyboard-wedge scanner does. A scanner sends its keys 1-5 ms apart whatever the
 * page is doing, and the OS stamps each one; page.keyboard instead waits for the page to handle each key, so a busy
 * main thread would stretch the burst into "typing" and the wedge would rightly not see a scan. Here every key is
 * sent at once, stamped (CDP `timestamp`) 2 ms apart. The stamps only feed the wedge's gap rule: CDP delivers the
 * keys one after another, so the Enter reaches the page some tens of ms after its stamp, and the figures are timed
 * from the wedge's detection mark (performance.now() when the Enter is handled), not from the stamp.
 */
async function wedge(cdp: CDPSession, code: string): Promise<void> {
  const keys = [...[...code].map((ch) => ({ key: ch, vk: ch === '-' ? 189 : ch.toUpperCase().charCodeAt(0), text: ch })), { key: 'Enter', vk: 13, text: '\r' }];
  const end = Date.now() / 1000;
  await Promise.all(
    keys.flatMap(({ key, vk, text }, i) => {
      const timestamp = end - (keys.length - 1 - i) * 0.002;
      return [
        cdp.send('Input.dispatchKeyEvent', { type: 'keyDown', key, windowsVirtualKeyCode: vk, text, unmodifiedText: text, timestamp }),
        cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', key, windowsVirtualKeyCode: vk, timestamp }),
      ];
    }),
  );
}

const summary = (label: string, values: number[], target: number) =>
  `${label}: median ${fmt(percentile(values, 50))} ms, p95 ${fmt(percentile(values, 95))} ms, max ${fmt(Math.max(...values))} ms` +
  ` (target <= ${target} ms; median/target ${fmt(percentile(values, 50) / target, 2)}x, p95/target ${fmt(percentile(values, 95) / target, 2)}x)`;

export async function benchQueue(): Promise<void> {
  const root = resolve(import.meta.dirname, '..');
  const outDir = resolve(root, 'dist/bench-queue');
  // A production build, as terminals run it (React without its development checks).
  await build({
    configFile: false, root: resolve(root, 'bench/queue-page'), base: './', plugins: [react()], logLevel: 'warn', mode: 'production',
    build: { outDir, emptyOutDir: true, chunkSizeWarningLimit: 8000, minify: !PROFILE },
  });
  const site = await serveDir(outDir);
  const browser = await launchChromium();
  try {
    // A terminal's screen; the virtualized queue renders what fits.
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(site.url);
    await page.waitForFunction(() => window.queueBench !== undefined);
    const data = seedData(Date.now());
    const s0 = performance.now();
    const seeded = await page.evaluate(([o, e, op, name]) => window.queueBench!.seed(name, o, e, op), [data.orders, data.events, data.operator, DB] as const);
    console.log(`queue: seeded ${seeded} orders and ${data.events.length} events into IndexedDB in ${fmt((performance.now() - s0) / 1000)} s`);

    // Each load is a new navigation: a fresh page opens the database and renders the queue from it.
    const fromNav: number[] = [];
    const fromDb: number[] = [];
    const fullFromDb: number[] = [];
    const phases: number[][] = [];
    const fullPhases: number[][] = [];
    for (let i = 0; i < LOADS; i++) {
      await page.goto(`${site.url}?db=${DB}&operator=${OPERATOR}`);
      await waitForMark(page, QUEUE_MARKS.firstRows + PAINTED);
      if (i === 0) console.log(`queue: first load: ${await page.locator('[data-testid^="order-row-"]').count()} rows on screen from the first page`);
      // The full live query replaces the first page; the queue is whole only then.
      await waitForMark(page, QUEUE_MARKS.fullRows + PAINTED);
      const m = await marks(page);
      const painted = m[QUEUE_MARKS.firstRows + PAINTED] ?? Number.NaN;
      fromNav.push(painted);
      fromDb.push(painted - (m[DB_OPEN_MARK] ?? Number.NaN));
      fullFromDb.push((m[QUEUE_MARKS.fullRows + PAINTED] ?? Number.NaN) - (m[DB_OPEN_MARK] ?? Number.NaN));
      const step = (from: string, to: string) => (m[to] ?? Number.NaN) - (m[from] ?? Number.NaN);
      phases.push([
        step(DB_OPEN_MARK, 'bench:db-opened'), step('bench:db-opened', QUEUE_MARKS.firstPageStart), step(QUEUE_MARKS.firstPageStart, QUEUE_MARKS.firstData),
        step(QUEUE_MARKS.firstData, QUEUE_MARKS.firstRows), step(QUEUE_MARKS.firstRows, QUEUE_MARKS.firstRows + PAINTED),
      ]);
      fullPhases.push([
        step(QUEUE_MARKS.firstData, QUEUE_MARKS.fullQuery), step(QUEUE_MARKS.fullQuery, QUEUE_MARKS.fullData),
        step(QUEUE_MARKS.fullData, QUEUE_MARKS.fullRows), step(QUEUE_MARKS.fullRows, QUEUE_MARKS.fullRows + PAINTED),
      ]);
      if (i === 0) {
        const count = await page.locator('[data-testid="order-count"]').getAttribute('data-total');
        if (count !== String(ORDERS)) throw new Error(`the full queue has ${count} orders, not ${ORDERS}`);
      }
    }
    const medians = (names: string[], of: number[][]) =>
      names.map((n, k) => `${n} ${fmt(percentile(of.map((p) => p[k] ?? Number.NaN), 50))} ms`).join(', ');
    console.log(summary(`first rows painted, from db open, ${LOADS} loads`, fromDb, FIRST_ROWS_TARGET_MS));
    console.log(summary(`first rows painted, from navigation start, ${LOADS} loads`, fromNav, FIRST_ROWS_TARGET_MS));
    console.log(`  medians: ${medians(['open the database', 'mount to first page read', 'first page (orders + their events, derived)', 'React render to commit', 'commit to paint'], phases)}`);
    console.log(`  each load from db open: ${fromDb.map((v) => fmt(v, 0)).join(', ')} ms, in load order`);
    console.log(
      `all ${ORDERS} orders painted (full live query replaced the first page), from db open: median ${fmt(percentile(fullFromDb, 50))} ms,` +
        ` p95 ${fmt(percentile(fullFromDb, 95))} ms (no target; was the only load before the first page)`,
    );
    console.log(`  medians: ${medians(['first page to full query (all orders + all events)', 'derive statuses', 'React render to commit', 'commit to paint'], fullPhases)}`);

    // Scans: a wedge burst of the order id + Enter, as the scanner types it; the queue opens that order.
    await page.waitForTimeout(500);
    const cdp = await page.context().newCDPSession(page);
    const drawer: number[] = [];
    const drawerCommit: number[] = [];
    const detail: number[] = [];
    const detailCommit: number[] = [];
    if (PROFILE) {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
      await cdp.send('Profiler.start');
    }
    for (let i = 0; i < SCANS; i++) {
      const id = data.orders[Math.floor(((i * 0.618034) % 1) * ORDERS)]?.id ?? '';
      await page.evaluate(() => performance.clearMarks());
      await wedge(cdp, id);
      await waitForMark(page, QUEUE_MARKS.scanFeedback + PAINTED);
      await waitForMark(page, QUEUE_MARKS.detailShown + PAINTED);
      const m = await marks(page);
      const scan = m[SCAN_MARK] ?? Number.NaN;
      drawerCommit.push((m[QUEUE_MARKS.scanFeedback] ?? Number.NaN) - scan);
      drawer.push((m[QUEUE_MARKS.scanFeedback + PAINTED] ?? Number.NaN) - scan);
      detail.push((m[QUEUE_MARKS.detailShown + PAINTED] ?? Number.NaN) - scan);
      detailCommit.push((m[QUEUE_MARKS.detailShown] ?? Number.NaN) - scan);
      const shown = await page.locator('[data-testid="order-detail"]').getAttribute('data-order-id');
      if (shown !== id) throw new Error(`scan ${id} opened ${shown}`);
      await page.keyboard.press('Escape');
      await page.locator('[data-testid="order-detail"]').waitFor({ state: 'detached' });
    }
    if (PROFILE) {
      const { profile } = await cdp.send('Profiler.stop');
      writeFileSync(PROFILE, JSON.stringify(profile));
      console.log(`queue: CPU profile of the scans written to ${PROFILE}`);
    }
    console.log(summary(`scan -> drawer with the order painted, ${SCANS} scans`, drawer, SCAN_TARGET_MS));
    console.log(`  (scan -> its React commit: median ${fmt(percentile(drawerCommit, 50))} ms, p95 ${fmt(percentile(drawerCommit, 95))} ms)`);
    console.log(summary(`scan -> order detail (lines, actions) painted, ${SCANS} scans`, detail, SCAN_TARGET_MS));
    console.log(`  (scan -> its React commit: median ${fmt(percentile(detailCommit, 50))} ms, p95 ${fmt(percentile(detailCommit, 95))} ms)`);
  } finally {
    await browser.close();
    await site.close();
  }
}
