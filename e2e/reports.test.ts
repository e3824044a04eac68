import ExcelJS from 'exceljs';
import type { Browser, BrowserContext } from 'playwright-core';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClosedDay } from '../sync/model/money/closed-day.js';
import { zonedParts } from '../sync/model/zoned-time.js';
import { seedConsoleUser } from '../sync/server/console-auth/console-auth.testkit.js';
import { storeHandedOver } from '../sync/server/reports/reports.testkit.js';
import { drainTestDbs } from '../sync/server/test-db-pool.js';
import { startTestServer, type TestServer } from '../sync/server/testing.js';
import { launchChromium } from './support/chromium.js';
import { buildConsole, ConsolePage } from './support/console.js';

const DAY_MS = 86_400_000;
const STORES = ['S001', 'S002', 'S003'];
const SKUS = [
  { sku: 'TEA-500', name: '绿茶 500ml', unitPrice: 350 },
  { sku: 'RICE-5KG', name: '东北大米 5kg', unitPrice: 4990 },
  { sku: 'EGG-12', name: '鸡蛋 12枚', unitPrice: 1290 },
];
const shanghaiDay = (t: number) => {
  const p = zonedParts(new Date(t), 'Asia/Shanghai');
  return `${p.year}-${p.month}-${p.day}`;
};

/**
 * The report pages in a real browser against a real server (issue 11 §4): a finance user opens each report, sees its
 * chart and table in both languages, and downloads the XLSX export, which exceljs opens with the figures the table
 * showed. The sales are stored folds of handed-over orders over the last ten days; payments, exceptions and closes
 * are seeded where their features keep them.
 */
describe('the report pages', () => {
  let server: TestServer;
  let browser: Browser;
  let finance: { name: string; password: string };
  let expectedAmount = 0;

  beforeAll(async () => {
    const consoleDir = await buildConsole();
    const now = Date.now();
    const closes: ClosedDay[] = [];
    for (let d = 1; d <= 10; d += 1) {
      STORES.forEach((storeId, i) => {
        // S003 never closes the day before yesterday; S002 is short beyond the tolerance on some days.
        if (storeId === 'S003' && d === 2) return;
        const variance = storeId === 'S002' && d % 3 === 0 ? -1200 : (i - 1) * 50;
        closes.push({
          storeId, deviceId: `T-${storeId}`, businessDay: shanghaiDay(now - d * DAY_MS), closeId: uuidv7(), closedAt: new Date(now - d * DAY_MS).toISOString(),
          closedBy: `lead-${storeId}`, cashExpected: 50_000, cashCounted: 50_000 + variance, variance, tolerance: 500, cardBatches: [], codOrders: [],
        });
      });
    }
    server = await startTestServer({ consoleDir, reconciliation: { closedDays: async ({ from, to }) => closes.filter((c) => c.businessDay >= from && c.businessDay <= to) } });
    for (const id of STORES) await server.admin.seedStore(id, { timezone: 'Asia/Shanghai' });
    let n = 0;
    for (let d = 1; d <= 10; d += 1) {
      for (const [i, storeId] of STORES.entries()) {
        for (const [j, p] of SKUS.entries()) {
          const qty = 1 + ((d + i + j) % 4);
          n += 1;
          const at = new Date(now - d * DAY_MS + j * 60_000).toISOString();
          await storeHandedOver(server.db, { id: `EO-R${n}`, storeId, lines: [{ sku: p.sku, name: p.name, qty, unitPrice: p.unitPrice }] }, at,
            [{ lineIndex: 0, sku: p.sku, ordered: qty, picked: qty, substitute: null, shortReason: null }]);
          expectedAmount += qty * p.unitPrice;
          // Each order was paid one way: online through a provider, or cash or card at the handover.
          const way = (n % 4);
          if (way < 2) {
            await server.db.query('INSERT INTO recon_order_payments (order_id, store_id, provider, out_trade_no, amount, paid_at) VALUES ($1, $2, $3, $1, $4, $5)',
              [`EO-R${n}`, storeId, way === 0 ? 'wechat' : 'alipay', qty * p.unitPrice, at]);
          } else {
            const doc = { id: uuidv7(), storeId, orderId: `EO-R${n}`, eventId: uuidv7(), method: way === 2 ? 'cash' : 'card', amount: qty * p.unitPrice, currency: 'CNY',
              due: qty * p.unitPrice, difference: 0, operatorId: `lead-${storeId}`, deviceId: `T-${storeId}`, at };
            await server.db.query(`INSERT INTO docs (store_id, collection, id, position, data) VALUES ($1, 'payments', $2, 0, $3)`, [storeId, doc.id, JSON.stringify(doc)]);
          }
        }
      }
      const types = ['AMOUNT_MISMATCH', 'REFUND_MISSING', 'FULFILLED_NOT_PAID'];
      for (let k = 0; k < (d % 3) + 1; k += 1) {
        await server.db.query(`INSERT INTO recon_exceptions (key, type, amount, store_id, day, detail, as_of) VALUES ($1, $2, $3, $4, $5, '', $5)`,
          [`X:${d}:${k}`, types[(d + k) % 3], 100 * (k + 1), STORES[k % 3], shanghaiDay(now - d * DAY_MS)]);
      }
    }
    finance = { name: 'li.finance', password: (await seedConsoleUser(server, { name: 'li.finance', role: 'finance' })).password };
    browser = await launchChromium();
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await drainTestDbs();
  });

  async function consoleFor(locale: 'zh-CN' | 'en'): Promise<{ ctx: BrowserContext; c: ConsolePage }> {
    const ctx = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale, acceptDownloads: true });
    return { ctx, c: new ConsolePage(await ctx.newPage(), server.url) };
  }

  it('shows each report with its chart and table in both languages, and its XLSX export opens with the same figures', async () => {
    const { ctx, c } = await consoleFor('zh-CN');
    try {
      await c.open();
      await c.page.getByTestId('sign-in').waitFor();
      await c.signIn(finance.name, finance.password);
      const reports = (await c.navPaths()).filter((p) => p.startsWith('reports/'));
      expect(reports).toEqual(['reports/sales', 'reports/payments', 'reports/exceptions', 'reports/day-close', 'reports/periods']);
      const charts: Record<string, string> = {
        'reports/sales': 'sales-trend-chart', 'reports/payments': 'payment-mix-chart', 'reports/exceptions': 'exceptions-chart', 'reports/day-close': 'variance-chart',
      };
      for (const locale of ['zh-CN', 'en'] as const) {
        await c.setLocale(locale);
        for (const p of reports) {
          await c.go(p);
          const chart = charts[p];
          if (chart) await c.page.getByTestId(chart).locator('canvas').first().waitFor();
          await c.page.locator('.ant-table-row').first().waitFor();
          await c.screenshot(p.replace(/\//g, '-'), locale);
        }
      }

      await c.go('reports/sales');
      await c.page.locator('[data-testid="sales-daily-table"] .ant-table-row').first().waitFor();
      const [download] = await Promise.all([c.page.waitForEvent('download'), c.page.getByTestId('export-xlsx-sales-daily').click()]);
      expect(download.suggestedFilename()).toMatch(/^sales-by-day_\d{4}-\d{2}-\d{2}_\d{4}-\d{2}-\d{2}\.xlsx$/);
      const book = new ExcelJS.Workbook();
      await book.xlsx.readFile(await download.path());
      const sheet = book.worksheets[0]!;
      expect(sheet.getRow(1).getCell(6).value).toBe('Amount (CNY)');
      let fen = 0;
      let rows = 0;
      sheet.eachRow((row, i) => {
        if (i === 1) return;
        rows += 1;
        fen += Math.round(Number(row.getCell(6).value) * 100);
      });
      expect(rows).toBe(10 * STORES.length * SKUS.length);
      expect(fen).toBe(expectedAmount);

      // Finance keeps its books from the 26th to the 25th: set on the page, the periods follow.
      await c.go('reports/periods');
      await c.page.getByTestId('rule-from').fill('2026-01-26');
      await c.page.getByTestId('rule-start-day').fill('26');
      await c.page.getByTestId('rule-reason').fill('Books close on the 25th');
      await c.page.getByTestId('rule-submit').click();
      await c.page.locator('[data-testid="period-rules-table"] .ant-table-row').filter({ hasText: '2026-01-26' }).waitFor();
      const firstPeriod = c.page.locator('[data-testid="periods-table"] .ant-table-row').first();
      await expect.poll(() => firstPeriod.textContent()).toMatch(/\d{4}-\d{2}-26\d{4}-\d{2}-25$/);
      await c.screenshot('reports-periods-set', 'en');
    } finally {
      await ctx.close();
    }
  }, 240_000);
});
