// The inventory screen in headless Chromium: what each keystroke in its search costs, with 200 and 2,000 products.
// A key is timed from the browser receiving it to the end of the next painted frame (bench/inventory-page), and to
// the painted frame whose list shows the results for the text typed (INVENTORY_MARKS, set by the screen itself).
import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import type { CDPSession, Page } from 'playwright-core';
import { v7 as uuidv7 } from 'uuid';
import { build } from 'vite';
import { launchChromium } from '../e2e/support/chromium.js';
import { INVENTORY_MARKS } from '../renderer/features/inventory/perf-marks.js';
import { PAINTED } from '../renderer/features/orders/perf-marks.js';
import { locationKey, type Operator, type Order, type Product, type StockLevel, type StockMove } from '../sync/model/index.js';
import { demoCatalogue } from '../scripts/demo-data.js';
import { serveDir } from './static.js';
import { fmt, percentile } from './stats.js';

const SIZES = (process.env.BENCH_PRODUCTS ?? '200,2000').split(',').map(Number);
const ROUNDS = Number(process.env.BENCH_TYPING_ROUNDS ?? 2);
const KEY_TARGET_MS = 50;
/** A person's keys are this far apart at least; the scanner wedge takes anything under 35 ms for a scan. */
const KEY_GAP_MS = 120;
// Must match KEY_MARKS in bench/inventory-page/main.tsx (not imported: that module mounts React on import).
const KEY_DOWN = 'bench:key-down';
const KEY_PAINTED = 'bench:key-painted';
const OPERATOR = 'bench-picker';

/** What an operator types: part of an English name, a barcode's digits, a word, each typed and rubbed out again. */
const TYPED = ['milk', '69103', 'water', 'rice'];

/** The demo catalogue, repeated with new SKUs and shelves until there are `count` products. */
function seedData(count: number, now: number) {
  const at = (ms: number) => new Date(ms).toISOString();
  const base = demoCatalogue();
  const products: Product[] = Array.from({ length: count }, (_, i) => {
    const p = base[i % base.length]!;
    const round = Math.floor(i / base.length);
    const sku = round === 0 ? p.sku : `${p.sku.slice(0, 8)}${String(round).padStart(2, '0')}${p.sku.slice(10)}`;
    const location = round === 0 ? p.location : { ...p.location, aisle: `${p.location.aisle}${String.fromCharCode(65 + round)}` };
    return { ...p, sku, barcodes: [sku], location, locationKey: locationKey(location), name: round === 0 ? p.name : `${p.name} #${round + 1}`, storeId: 'S001', updatedAt: at(now) };
  });
  const levels: StockLevel[] = products.map((p, i) => ({ storeId: 'S001', sku: p.sku, qty: 10 + (i % 50), asOfAt: at(now - 3_600_000), asOfId: uuidv7(), moves: 3, updatedAt: at(now) }));
  const moves: StockMove[] = products.filter((_, i) => i % 4 === 0).map((p) => ({ id: uuidv7(), storeId: 'S001', sku: p.sku, kind: 'receive', qty: 6, at: at(now - 60_000), operatorId: OPERATOR, deviceId: 'bench-dev' }));
  const orders: Order[] = Array.from({ length: Math.ceil(count / 4) }, (_, i) => {
    const lines = Array.from({ length: 1 + (i % 4) }, (_, j) => {
      const p = products[(i * 13 + j * 7) % products.length]!;
      return { sku: p.sku, name: p.name, qty: 1 + (j % 2), unitPrice: p.unitPrice };
    });
    const dueAt = at(now + i * 60_000);
    return {
      id: `EO-BENCH-${String(i).padStart(5, '0')}`, storeId: 'S001', placedAt: at(now - 600_000), dueAt,
      fulfilment: { type: 'delivery', slot: { kind: '2h', dueAt } }, customer: { name: '王小明', phone: '13912345678' },
      payment: { method: 'online', amount: lines.reduce((n, l) => n + l.qty * l.unitPrice, 0), currency: 'CNY', paid: true },
      lines, receivedAt: at(now - 600_000), updatedAt: at(now - 600_000),
    };
  });
  // A picker: every row offers "adjust (manager approves)", the screen's fullest row.
  const operator: Operator = { id: OPERATOR, storeId: 'S001', name: '李雷', roles: ['picker'], hasPin: true, active: true, updatedAt: at(now) };
  return { products, levels, moves, orders, operator };
}

async function marks(page: Page): Promise<Record<string, { at: number; detail: unknown }>> {
  return page.evaluate(() =>
    Object.fromEntries(performance.getEntriesByType('mark').map((m) => [m.name, { at: m.startTime, detail: (m as PerformanceMark).detail as unknown }])),
  );
}

async function waitFor(page: Page, what: string, fn: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await fn())) {
    const error = await page.evaluate(() => window.inventoryBenchError);
    if (error) throw new Error(error);
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}; marks ${JSON.stringify(await marks(page))}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

/** One key as the keyboard sends it; CDP stamps it when it is sent, which is what the page's timeStamp reads. */
async function press(cdp: CDPSession, key: string): Promise<void> {
  const backspace = key === 'Backspace';
  const text = backspace ? undefined : key;
  const vk = backspace ? 8 : key.toUpperCase().charCodeAt(0);
  await cdp.send('Input.dispatchKeyEvent', { type: 'keyDown', key, windowsVirtualKeyCode: vk, ...(text ? { text, unmodifiedText: text } : {}) });
  await cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', key, windowsVirtualKeyCode: vk });
}

const summary = (label: string, values: number[], target: number) =>
  `${label}: median ${fmt(percentile(values, 50))} ms, p95 ${fmt(percentile(values, 95))} ms, max ${fmt(Math.max(...values))} ms` +
  ` (target <= ${target} ms per key; median/target ${fmt(percentile(values, 50) / target, 2)}x, p95/target ${fmt(percentile(values, 95) / target, 2)}x)`;

export async function benchInventory(): Promise<void> {
  const root = resolve(import.meta.dirname, '..');
  const outDir = resolve(root, 'dist/bench-inventory');
  await build({
    configFile: false, root: resolve(root, 'bench/inventory-page'), base: './', plugins: [react()], logLevel: 'warn', mode: 'production',
    build: { outDir, emptyOutDir: true, chunkSizeWarningLimit: 8000 },
  });
  const site = await serveDir(outDir);
  const browser = await launchChromium();
  try {
    for (const size of SIZES) {
      // The terminal's screen.
      const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
      await page.goto(site.url);
      await page.waitForFunction(() => window.inventoryBench !== undefined);
      const name = `inventorybench${size}`;
      const data = seedData(size, Date.now());
      await page.evaluate(([n, d]) => window.inventoryBench!.seed(n, d), [name, data] as const);
      await page.goto(`${site.url}?db=${name}&operator=${OPERATOR}`);
      await waitFor(page, 'the stock list with figures', () =>
        page.evaluate(() => /^-?\d+$/.test(document.querySelector('[data-testid^="inventory-row-"] [data-testid="inventory-available"]')?.textContent ?? '')),
      );
      const rows = await page.locator('[data-testid^="inventory-row-"]').count();
      await page.getByTestId('inventory-search').focus();
      await page.waitForTimeout(300);
      const cdp = await page.context().newCDPSession(page);
      const painted: number[] = [];
      const results: number[] = [];
      let missingResults = 0;
      for (let round = 0; round < ROUNDS; round++) {
        for (const word of TYPED) {
          const keys = [...word, ...[...word].map(() => 'Backspace')];
          let typed = '';
          for (const key of keys) {
            typed = key === 'Backspace' ? typed.slice(0, -1) : typed + key;
            await page.evaluate(() => performance.clearMarks());
            await press(cdp, key);
            await waitFor(page, `the frame after ${key}`, async () => (await marks(page))[KEY_PAINTED] !== undefined);
            const resultsMark = INVENTORY_MARKS.results + PAINTED;
            const shown = await waitFor(page, `results for "${typed}"`, async () => (await marks(page))[resultsMark]?.detail === typed, 2_000).then(
              () => true,
              () => false,
            );
            const m = await marks(page);
            const down = m[KEY_DOWN]?.at ?? Number.NaN;
            painted.push((m[KEY_PAINTED]?.at ?? Number.NaN) - down);
            if (shown) results.push((m[resultsMark]?.at ?? Number.NaN) - down);
            else missingResults++;
            await page.waitForTimeout(KEY_GAP_MS);
          }
        }
      }
      await cdp.detach();
      console.log(`inventory, ${size} products (${rows} rows in the DOM), ${painted.length} keys typed into the search:`);
      console.log(`  ${summary('key -> next frame painted', painted, KEY_TARGET_MS)}`);
      if (results.length > 0) console.log(`  ${summary('key -> its results painted', results, KEY_TARGET_MS)}`);
      if (missingResults > 0) console.log(`  (${missingResults} keys without a results mark from the screen)`);
      await page.close();
    }
  } finally {
    await browser.close();
    await site.close();
  }
}
