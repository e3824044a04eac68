import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PickedLine } from '../sync/model/order-event.js';
import { SUPPLIER_PASSWORD_MIN } from '../sync/protocol/supplier.js';
import { insertContract, insertCounter, insertFeeBill, insertPromotion, insertSupplier, insertSupplies } from '../sync/server/settlement/master/master.testkit.js';
import { draftStatements } from '../sync/server/settlement/draft.js';
import { issuePeriod } from '../sync/server/settlement/events.js';
import { issueSupplierPassword } from '../sync/server/supplier-auth/accounts.js';
import { answerFeedback, postFeedback, publishNotice } from '../sync/server/supplier-auth/notices.js';
import { storeHandedOver } from '../sync/server/reports/reports.testkit.js';
import { drainTestDbs } from '../sync/server/test-db-pool.js';
import { makeProductInput, startTestServer, type TestServer } from '../sync/server/testing.js';
import { launchChromium } from './support/chromium.js';
import { tempDir } from './support/processes.js';
import { buildSupplierPortal, SupplierPortalPage } from './support/supplier.js';

/**
 * The supplier portal (issue 12) in headless Chromium against a real server: a supplier's first sign-in with the
 * forced password change, a statement opened from its number, the sales report exported and read back, and the
 * statements list on a phone. One browser; the data is seeded straight into the database (master-data testkit,
 * orders handed over in November 2026, statements drafted and issued by the settlement's own functions).
 */

const PERIOD = '2026-11-01';
const NUMBER = 'JS202611-C001';
/** Handed-over order lines of counter C001 (store SH01), fen. The 21st is under promotion HD2026-1121 at 20 %. */
const SALES = [
  { day: '2026-11-05', sku: 'SKU-DRESS', name: '真丝连衣裙', qty: 2, unitPrice: 19_900 },
  { day: '2026-11-12', sku: 'SKU-COAT', name: '羊绒大衣', qty: 1, unitPrice: 59_900 },
  { day: '2026-11-21', sku: 'SKU-DRESS', name: '真丝连衣裙', qty: 3, unitPrice: 19_900 },
] as const;
// Regular 39,800 + 59,900 = 99,700 at 25 % → 24,925; promotion 59,700 at 20 % → 11,940; commission 36,865.
// Net 159,400; invoice 122,535; fee bill 50,000 + supplies 100 × 50 = 5,000 → deductions 55,000; payable 67,535.
const EXPECTED = { net: 159_400, commission: 36_865, invoice: 122_535, deductions: 55_000, payable: 67_535 };

async function seed(server: TestServer): Promise<{ password: string }> {
  const db = server.db;
  await server.admin.createStore({ id: 'SH01', name: '上海南京西路店', timezone: 'Asia/Shanghai' });
  // The catalogue names the products, as the sales screens show them.
  await server.admin.putProducts('SH01', [
    makeProductInput(1, { sku: 'SKU-DRESS', name: '真丝连衣裙', unitPrice: 19_900 }),
    makeProductInput(2, { sku: 'SKU-COAT', name: '羊绒大衣', unitPrice: 59_900 }),
    makeProductInput(3, { sku: 'SKU-SHOE', name: '男士皮鞋', unitPrice: 89_900 }),
    makeProductInput(4, { sku: 'SKU-SCARF', name: '羊毛围巾', unitPrice: 9_900 }),
  ]);
  await insertSupplier(db, { id: 'S001', name: '上海丽人服饰有限公司' });
  await insertSupplier(db, { id: 'S002', name: '杭州远山鞋业有限公司' });
  await insertCounter(db, { id: 'C001', storeId: 'SH01', supplierId: 'S001', name: '丽人女装', areaCode: 'A02', category: '女装', skus: ['SKU-DRESS', 'SKU-COAT'] });
  await insertCounter(db, { id: 'C002', storeId: 'SH01', supplierId: 'S002', name: '远山鞋履', areaCode: 'A03', category: '鞋', skus: ['SKU-SHOE'] });
  await insertCounter(db, { id: 'C003', storeId: 'SH01', supplierId: 'S001', name: '丽人配饰', areaCode: 'A02', category: '配饰', skus: ['SKU-SCARF'] });
  await insertContract(db, { counterId: 'C001', periodFrom: PERIOD, baseRateBp: 2500 });
  await insertContract(db, { counterId: 'C002', periodFrom: PERIOD, baseRateBp: 2200 });
  await insertContract(db, { counterId: 'C003', periodFrom: PERIOD, baseRateBp: 2500 });
  await insertPromotion(db, { id: 'HD2026-1121', name: '双十一返场 满减', fromDay: '2026-11-20', toDay: '2026-11-22', rateBp: 2000, counterIds: ['C001'] });
  await insertFeeBill(db, { counterId: 'C001', periodFrom: PERIOD, items: [{ code: 'F01', name: '促销服务费', amount: 50_000 }] });
  await insertSupplies(db, { counterId: 'C001', periodFrom: PERIOD, day: '2026-11-03', item: '购物袋', qty: 100, unitPrice: 50 });
  const orders = [...SALES.map((s, i) => ({ ...s, id: `EO-SUP-${i + 1}` })), { id: 'EO-SUP-B', day: '2026-11-08', sku: 'SKU-SHOE', name: '男士皮鞋', qty: 1, unitPrice: 89_900 },
    { id: 'EO-SUP-S', day: '2026-11-15', sku: 'SKU-SCARF', name: '羊毛围巾', qty: 1, unitPrice: 9_900 }];
  for (const o of orders) {
    const lines = [{ sku: o.sku, name: o.name, qty: o.qty, unitPrice: o.unitPrice }];
    const picked: PickedLine[] = [{ lineIndex: 0, sku: o.sku, ordered: o.qty, picked: o.qty, substitute: null, shortReason: null }];
    // 14:00 in Shanghai: the business day is the day named, whatever the machine's zone.
    await storeHandedOver(db, { id: o.id, storeId: 'SH01', lines }, `${o.day}T06:00:00.000Z`, picked);
  }
  await publishNotice(db, 'li.finance', { kind: 'notice', audience: 'all', title: '2026年12月结款安排', body: '11月结款单已于12月3日下发。\n请于12月10日前确认或提出异议。' });
  const asked = await postFeedback(db, 'S001', { subject: '退货扣款', question: '10月的退货是否计入11月？' });
  await answerFeedback(db, asked.id, 'li.finance', '退货按退货当日所在的会计期间计入。');
  await draftStatements(db, PERIOD, 'li.finance');
  await issuePeriod(db, PERIOD, 'li.finance');
  return { password: (await issueSupplierPassword(db, 'S001')).password };
}

/** How long a page may take to show what it loaded (the first load of a page fetches its chunk too). */
const POLL = { timeout: 10_000 };

const yuanText = (fen: number) => `¥${(fen / 100).toLocaleString('en-US', { minimumFractionDigits: 2 })}`;

describe('the supplier portal', () => {
  let server: TestServer;
  let browser: Browser;
  let issued: string;
  const chosen = 'Liren-2026-spring';

  beforeAll(async () => {
    const supplierDir = await buildSupplierPortal();
    server = await startTestServer({ supplierDir });
    issued = (await seed(server)).password;
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await drainTestDbs();
  });

  async function portal(locale: 'zh-CN' | 'en', viewport = { width: 1366, height: 768 }, mobile = false): Promise<{ ctx: BrowserContext; p: SupplierPortalPage }> {
    const ctx = await browser.newContext({ viewport, locale, acceptDownloads: true, isMobile: mobile, hasTouch: mobile });
    return { ctx, p: new SupplierPortalPage(await ctx.newPage(), server.url) };
  }

  it('makes the supplier change the issued password at the first sign-in, opens a statement from its number, and exports the period\'s sales as XLSX', async () => {
    const { ctx, p } = await portal('zh-CN');
    try {
      await p.open('statements');
      await p.page.getByTestId('sign-in').waitFor();
      expect(await p.page.getByTestId('sign-in').textContent()).toContain('供应商编码');
      await p.screenshot('sign-in', 'zh-CN');
      // A wrong password is refused on the page with its code.
      await p.submitSignIn('S001', 'not-the-password');
      await p.page.locator('[data-testid="error"][data-code="SUPPLIER_SIGN_IN_FAILED"]').waitFor();

      // The chain's password opens only the password change.
      await p.submitSignIn('S001', issued);
      await p.page.getByTestId('change-password').waitFor();
      expect(await p.page.getByTestId('nav').count()).toBe(0);
      await p.page.getByTestId('password-current').fill(issued);
      // The old portal's default (eight 1s, here ten) is refused before it is sent, with the rule in words.
      await p.page.getByTestId('password-new').fill('1'.repeat(SUPPLIER_PASSWORD_MIN));
      await p.page.getByTestId('password-repeat').fill('1'.repeat(SUPPLIER_PASSWORD_MIN));
      await p.page.getByTestId('password-repeat').press('Enter');
      await p.page.getByText('密码不能是同一字符重复').waitFor();
      await p.screenshot('change-password', 'zh-CN');
      await p.page.getByTestId('password-new').fill(chosen);
      await p.page.getByTestId('password-repeat').fill(chosen);
      await p.page.getByTestId('password-repeat').press('Enter');
      await p.page.getByTestId('supplier-name').filter({ hasText: 'S001' }).waitFor();

      // The statements list: only S001's own two (S002's counter C002 has one too), one opened from its number.
      await p.page.getByTestId('page-title').filter({ hasText: '专柜结款单' }).waitFor();
      const rows = p.page.locator('[data-testid="statements"] tr[data-key]');
      await expect.poll(() => rows.count(), POLL).toBe(2);
      expect((await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-key')))).sort()).toEqual([NUMBER, 'JS202611-C003']);
      const row = p.page.locator(`[data-testid="statements"] tr[data-key="${NUMBER}"]`);
      expect(await row.getByTestId('payable').innerText()).toBe(yuanText(EXPECTED.payable));
      await p.screenshot('statements', 'zh-CN');
      await p.page.getByTestId(`statement-${NUMBER}`).click();
      await p.page.waitForURL(`**/supplier/statements/${NUMBER}`);
      await p.page.getByTestId('statement').waitFor();
      expect(await p.page.getByTestId('statement-number').innerText()).toBe(NUMBER);
      expect(await p.page.getByTestId('sum-net').innerText()).toBe(yuanText(EXPECTED.net));
      expect(await p.page.getByTestId('sum-commission').innerText()).toBe(yuanText(EXPECTED.commission));
      expect(await p.page.getByTestId('sum-invoice').innerText()).toBe(yuanText(EXPECTED.invoice));
      expect(await p.page.getByTestId('sum-deductions').innerText()).toBe(yuanText(EXPECTED.deductions));
      expect(await p.page.getByTestId('sum-payable').innerText()).toBe(yuanText(EXPECTED.payable));
      expect(await p.page.locator('[data-testid="statement-lines"] tr[data-key]').count()).toBe(2);
      await p.screenshot('statement', 'zh-CN', { fullPage: true });
      // Print is the server's PDF of this number, in a new tab.
      const pdfHref = await p.page.getByTestId('statement-print').getAttribute('href');
      expect(pdfHref).toBe(`/supplier/api/statements/${NUMBER}/pdf?version=1`);
      const pdf = await p.page.request.get(`${server.url}${pdfHref}`);
      expect(pdf.status()).toBe(200);
      expect(pdf.headers()['content-type']).toMatch(/^application\/pdf/);
      expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');

      // Confirm, through the confirmation, as a keyboard user: the status follows.
      await p.page.getByTestId('statement-confirm').click();
      await p.page.locator('.ant-popconfirm .ant-btn-primary').click();
      await expect.poll(() => p.page.getByTestId('statement-head').getByTestId('status').getAttribute('data-status'), POLL).toBe('confirmed');
      expect(await p.page.getByTestId('statement-confirm').count()).toBe(0);

      // Sales by accounting period, exported as XLSX and read back: the figures are the orders'.
      await p.go('sales');
      // The period chosen by keyboard: open the picker, type its name, Enter.
      await p.page.getByTestId('filter-period').click();
      await p.page.keyboard.type('2026-11');
      await p.page.keyboard.press('Enter');
      // And the counter, the same way: C001's figures only, on the page and in the file.
      await p.page.getByTestId('filter-counter').click();
      await p.page.keyboard.type('C001');
      await p.page.keyboard.press('Enter');
      await p.page.getByRole('tab', { name: '会计期间销售' }).click();
      const periodRows = p.page.locator('[data-testid="sales-period"] tr[data-key]');
      await expect.poll(() => periodRows.count(), POLL).toBe(3);
      expect(await p.page.getByTestId('sales-period-totals').getAttribute('data-net')).toBe(String(EXPECTED.net));
      await p.screenshot('sales', 'zh-CN');
      // Print beside the exports; on paper (print media) the title, the filters as text and the table only.
      expect(await p.page.getByTestId('print').count()).toBe(1);
      await p.page.emulateMedia({ media: 'print' });
      await p.screenshot('sales-print', 'zh-CN');
      await p.page.emulateMedia({ media: 'screen' });
      const [download] = await Promise.all([p.page.waitForEvent('download'), p.page.getByTestId('sales-export-period-xlsx').click()]);
      const saved = path.join(tempDir('supplier-export'), download.suggestedFilename() || 'sales.xlsx');
      await download.saveAs(saved);
      const book = new ExcelJS.Workbook();
      await book.xlsx.readFile(saved);
      const sheet = book.worksheets[0]!;
      const header = (sheet.getRow(1).values as unknown[]).slice(1).map(String);
      expect(header).toEqual(expect.arrayContaining(['会计期间', '专柜编码', '商品编码', '促销活动', '净销售']));
      const col = (name: string) => header.indexOf(name) + 1;
      const data = Array.from({ length: sheet.rowCount - 1 }, (_, i) => sheet.getRow(i + 2));
      expect(data.every((r) => r.getCell(col('专柜编码')).value === 'C001')).toBe(true);
      const net = (sku: string, promo: boolean) =>
        data.filter((r) => r.getCell(col('商品编码')).value === sku && Boolean(r.getCell(col('促销活动')).value) === promo).reduce((a, r) => a + Math.round(Number(r.getCell(col('净销售')).value) * 100), 0);
      expect(data).toHaveLength(3);
      expect(data.every((r) => r.getCell(col('会计期间')).value === '2026-11')).toBe(true);
      expect(net('SKU-DRESS', false)).toBe(2 * 19_900);
      expect(net('SKU-COAT', false)).toBe(59_900);
      expect(net('SKU-DRESS', true)).toBe(3 * 19_900);
      expect(net('SKU-DRESS', false) + net('SKU-COAT', false) + net('SKU-DRESS', true)).toBe(EXPECTED.net);

      // The same pages in English.
      await p.setLocale('en');
      await p.screenshot('sales', 'en');
      await p.go('statements');
      await row.waitFor();
      await p.screenshot('statements', 'en');
      await p.page.getByTestId(`statement-${NUMBER}`).press('Enter');
      await p.page.getByTestId('statement').waitFor();
      await p.screenshot('statement', 'en', { fullPage: true });

      // Every other page opens without an error; the fee bills tie to the statement's other deductions.
      for (const page of ['fee-bills', 'promotions', 'supplies', 'notices', 'feedback']) {
        await p.go(page);
        await p.page.locator('.ant-spin-spinning').first().waitFor({ state: 'detached' }).catch(() => undefined);
        if (page === 'fee-bills') {
          await p.page.locator('[data-testid="fee-totals"] tr[data-key="2026-11-01|C001"]').getByTestId('ties').waitFor();
          expect(await p.page.getByTestId('differs').count()).toBe(0);
        }
        if (page === 'feedback') await p.page.getByTestId('feedback-answer').filter({ hasText: '退货按退货当日' }).waitFor();
        expect(await p.page.getByTestId('error').count(), page).toBe(0);
        await p.screenshot(page, 'en');
      }
      // A question to finance, sent from the form by keyboard, is listed as waiting for its answer.
      await p.page.getByTestId('feedback-subject').fill('Invoice title');
      await p.page.getByTestId('feedback-question').fill('Which company name goes on the November invoice?');
      await p.page.getByTestId('feedback-statement').fill(NUMBER);
      await p.page.getByTestId('feedback-statement').press('Enter');
      await p.page.getByTestId('feedback-list').getByText('Invoice title').waitFor();
      // Everything the pages did stayed within the CSP the server sends with them.
      expect(p.cspViolations).toEqual([]);
    } finally {
      await ctx.close();
    }
  });

  it('shows the statements as cards on a phone; one opened from its card, another disputed with a comment', async () => {
    const { ctx, p } = await portal('zh-CN', { width: 390, height: 844 }, true);
    try {
      await p.open();
      await p.signIn('S001', chosen);
      const card = p.page.locator(`[data-testid="statements"] [data-key="${NUMBER}"]`);
      await card.waitFor();
      expect(await card.getByTestId('payable').innerText()).toBe(yuanText(EXPECTED.payable));
      // Nothing wider than the phone: no sideways scrolling of the page.
      expect(await p.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      await p.screenshot('statements-phone', 'zh-CN');
      await card.getByTestId(`statement-${NUMBER}`).click();
      await p.page.getByTestId('statement').waitFor();
      expect(await p.page.getByTestId('sum-payable').innerText()).toBe(yuanText(EXPECTED.payable));
      await p.screenshot('statement-phone', 'zh-CN', { fullPage: true });

      // The other counter's statement is disputed from the phone, with the comment finance will answer.
      await p.page.getByTestId('back').click();
      await p.page.locator('[data-testid="statements"] [data-key="JS202611-C003"]').getByTestId('statement-JS202611-C003').click();
      await p.page.locator('[data-testid="statement"][data-number="JS202611-C003"]').waitFor();
      expect(await p.page.getByTestId('sum-payable').innerText()).toBe(yuanText(9_900 - 2_475));
      await p.page.getByTestId('statement-dispute').click();
      await p.page.getByTestId('dispute-comment').fill('11月15日的围巾已退货，请核对。');
      await p.screenshot('dispute-phone', 'zh-CN');
      await p.page.getByTestId('dispute-send').click();
      await expect.poll(() => p.page.getByTestId('statement-head').getByTestId('status').getAttribute('data-status'), POLL).toBe('disputed');
      await p.page.getByTestId('statement-events').getByText('11月15日的围巾已退货').waitFor();
      expect(await p.page.getByTestId('statement-dispute').count()).toBe(0);

      await p.go('sales');
      await p.page.locator('[data-testid="sales-counter-daily"] [data-key]').first().waitFor();
      await p.screenshot('sales-phone', 'zh-CN');
      // Another supplier's statement, asked for by its number in the address, is not there for this one.
      await p.open('statements/JS202611-C002');
      await p.page.locator('[data-testid="error"][data-code="NOT_FOUND"]').waitFor();
      expect(await p.page.getByTestId('statement').count()).toBe(0);
      expect(p.cspViolations).toEqual([]);
    } finally {
      await ctx.close();
    }
  });
});
