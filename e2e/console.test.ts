import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConsoleStoresResponse } from '../sync/protocol/console.js';
import { apiRoutes, type EnrollResponse } from '../sync/protocol/platform.js';
import { syncRoutes } from '../sync/protocol/sync.js';
import { seedConsoleUser, signInConsole } from '../sync/server/console-auth/console-auth.testkit.js';
import { wechatBill, type BillFileItem } from '../sync/server/reconciliation/bills/bill-files.testkit.js';
import { drainTestDbs } from '../sync/server/test-db-pool.js';
import { makeOrderInput, startTestServer, type TestServer } from '../sync/server/testing.js';
import { tempDir } from './support/processes.js';
import { launchChromium } from './support/chromium.js';
import { buildConsole, ConsolePage } from './support/console.js';
import { demoCatalogue } from '../scripts/demo-data.js';
import { demoSettlement } from '../scripts/demo-settlement.js';
import { settlementRoutes, type StatementDetailResponse } from '../sync/protocol/settlement.js';
import { yuan } from '../console/shared/format.js';

/**
 * The head-office console in a real browser against a real server (issue 11 §2, §3): sign-in through the page, the
 * nav each role gets, an admin task, and the reconciliation pages; screenshots of every page in both languages.
 */
describe('the head-office console', () => {
  let server: TestServer;
  let browser: Browser;
  let admin: { name: string; password: string };
  let finance: { name: string; password: string };

  beforeAll(async () => {
    const consoleDir = await buildConsole();
    server = await startTestServer({ consoleDir });
    admin = { name: 'wang.admin', password: (await seedConsoleUser(server, { name: 'wang.admin', role: 'admin' })).password };
    finance = { name: 'li.finance', password: (await seedConsoleUser(server, { name: 'li.finance', role: 'finance' })).password };
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await drainTestDbs();
  });

  async function consoleFor(locale: 'zh-CN' | 'en'): Promise<{ ctx: BrowserContext; c: ConsolePage }> {
    const ctx = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale, acceptDownloads: true });
    const page = await ctx.newPage();
    return { ctx, c: new ConsolePage(page, server.url) };
  }

  it('refuses a wrong password on the page with its code, then signs in with Enter and shows the admin only what an admin may use', async () => {
    const { ctx, c } = await consoleFor('zh-CN');
    try {
      await c.open();
      await c.page.getByTestId('sign-in').waitFor();
      // zh-CN is the default whatever the browser says; the heading is Chinese.
      expect(await c.page.getByTestId('sign-in').textContent()).toContain('登录');
      await c.screenshot('sign-in', 'zh-CN');
      await c.page.getByTestId('sign-in-name').fill(admin.name);
      await c.page.getByTestId('sign-in-password').fill('not-the-password');
      await c.page.getByTestId('sign-in-password').press('Enter');
      await expect.poll(() => c.page.getByTestId('error').getAttribute('data-code')).toBe('CONSOLE_SIGN_IN_FAILED');
      await c.screenshot('sign-in-refused', 'zh-CN');

      await c.signIn(admin.name, admin.password);
      const nav = await c.navPaths();
      expect(nav).toEqual(expect.arrayContaining(['admin/stores', 'admin/enrollment-codes', 'admin/staff', 'admin/devices', 'admin/users']));
      // Lands on its first page in nav order, and a reload of a deep link comes back to it (SPA fallback).
      await c.page.waitForURL(/\/console\/[a-z]/);
      await c.page.goto(`${server.url}/console/admin/devices`);
      await c.page.getByTestId('page-title').waitFor();
      expect(await c.page.getByTestId('page-title').textContent()).toBe('终端设备');

      // The Concessions pages are finance's too: the finance test below takes them; here they would only cost time.
      for (const locale of ['zh-CN', 'en'] as const) {
        await c.setLocale(locale);
        for (const p of nav.filter((n) => !n.startsWith('settlement/'))) {
          await c.go(p);
          await c.screenshot(`admin-${p.replace(/\//g, '-')}`, locale);
        }
      }
      expect(await c.page.getByTestId('page-title').textContent()).toBe('Console users');
      await c.signOut();
    } finally {
      await ctx.close();
    }
  });

  it('shows finance the reconciliation pages and no admin page; an admin address answers "not for your role"', async () => {
    const { ctx, c } = await consoleFor('en');
    try {
      await c.open('admin/stores');
      await c.page.getByTestId('sign-in').waitFor();
      await c.signIn(finance.name, finance.password);
      // The address asked for is kept through the sign-in: finance gets the refusal, not the page.
      await c.page.getByTestId('forbidden').waitFor();
      const nav = await c.navPaths();
      expect(nav.filter((p) => p.startsWith('admin/'))).toEqual([]);
      expect(nav).toEqual(expect.arrayContaining(['reconciliation/exceptions', 'reconciliation/import', 'reconciliation/bills']));
      for (const locale of ['en', 'zh-CN'] as const) {
        await c.setLocale(locale);
        for (const p of nav) {
          await c.go(p);
          await c.screenshot(`finance-${p.replace(/\//g, '-')}`, locale);
        }
      }
    } finally {
      await ctx.close();
    }
  });

  it('lets the admin create a store, issue a code that enrolls a terminal, add staff and revoke the terminal through the pages', async () => {
    const { ctx, c } = await consoleFor('zh-CN');
    try {
      await c.open();
      await c.signIn(admin.name, admin.password);
      await c.go('admin/stores');
      // The form as a keyboard user fills it: the fields in order, Enter to submit.
      await c.page.getByTestId('store-id').fill('SH01');
      await c.page.getByTestId('store-name').fill('上海徐汇店');
      await c.page.getByTestId('store-timezone').press('Enter');
      await c.page.getByTestId('stores-table').getByText('上海徐汇店').waitFor();
      await c.screenshot('admin-store-created', 'zh-CN');
      // The page did it through the console API, with the cookie and the CSRF token: the store is there for everyone.
      const api = await signInConsole(server.url, admin.name, admin.password);
      const stores = await api.request<ConsoleStoresResponse>('GET', '/console/api/stores');
      expect(stores.body.stores.map((st) => [st.id, st.name, st.timezone])).toContainEqual(['SH01', '上海徐汇店', 'Asia/Shanghai']);

      await c.go('admin/enrollment-codes');
      await c.page.getByTestId('code-store').click();
      await c.page.keyboard.type('SH01');
      await c.page.keyboard.press('Enter');
      await c.page.getByTestId('code-issue').click();
      const code = (await c.page.getByTestId('code-value').innerText()).trim();
      expect(code.length).toBeGreaterThanOrEqual(6);
      await c.screenshot('admin-code-issued', 'zh-CN');
      // The code the page showed enrolls a terminal with that store.
      const enrolled = await server.request<EnrollResponse>('POST', apiRoutes.enroll, { body: { code, name: 'T-SH01' } });
      expect(enrolled.status).toBe(201);
      expect(enrolled.body.storeId).toBe('SH01');

      // Staff: a picker with a PIN, typed in and sent with Enter.
      await c.go('admin/staff');
      await c.page.getByTestId('staff-store').click();
      await c.page.keyboard.type('SH01');
      await c.page.keyboard.press('Enter');
      await c.page.getByTestId('staff-id').fill('P01');
      await c.page.getByTestId('staff-name').fill('张三');
      await c.page.getByTestId('staff-pin').fill('482913');
      await c.page.getByTestId('staff-pin').press('Enter');
      await c.page.getByTestId('staff-table').getByText('张三').waitFor();
      await c.screenshot('admin-staff-added', 'zh-CN');

      // The terminal just enrolled is listed, and revoking it (with the confirmation) cuts it off.
      await c.go('admin/devices');
      await c.page.getByTestId(`revoke-${enrolled.body.deviceId}`).click();
      await c.page.locator('.ant-popconfirm .ant-btn-dangerous').click();
      await c.page.getByTestId('devices-table').getByText('已吊销').waitFor();
      await c.screenshot('admin-device-revoked', 'zh-CN');
      const whoami = await server.request<{ code: string }>('GET', syncRoutes.whoami(), { token: enrolled.body.token });
      expect(whoami).toMatchObject({ status: 403, body: { code: 'DEVICE_REVOKED' } });
    } finally {
      await ctx.close();
    }
  });

  it('lets finance import a WeChat bill through the file input, see the exceptions, resolve one, and export the rest as XLSX', async () => {
    // Two orders of store BJ01 paid by WeChat; the day's bill took ¥1 less for one and charged the other twice.
    await server.admin.createStore({ id: 'BJ01', name: '北京朝阳店', timezone: 'Asia/Shanghai' });
    const day = '2026-11-27';
    const at = (hhmm: string) => new Date(`${day}T${hhmm}:00+08:00`).toISOString();
    const order = (id: string, amount: number, placedAt: string) =>
      makeOrderInput({ id, storeId: 'BJ01', placedAt, payment: { method: 'online', amount, currency: 'CNY', paid: true, provider: 'wechat', outTradeNo: id }, lines: [{ sku: 'SKU-1', name: '绿茶', qty: 1, unitPrice: amount }] });
    await server.admin.postOrder(order('EO-WEB-1', 5000, at('09:00')));
    await server.admin.postOrder(order('EO-WEB-2', 3000, at('10:00')));
    const items: BillFileItem[] = [
      { at: at('09:01'), outTradeNo: 'EO-WEB-1', amount: 4900 },
      { at: at('10:01'), outTradeNo: 'EO-WEB-2', amount: 3000, transactionId: '4200000000000000000000000001' },
      { at: at('10:02'), outTradeNo: 'EO-WEB-2', amount: 3000, transactionId: '4200000000000000000000000002' },
    ];
    const billFile = path.join(tempDir('console-bill'), `wechat-${day}.csv`);
    await writeFile(billFile, wechatBill(items));

    const { ctx, c } = await consoleFor('zh-CN');
    try {
      await c.open();
      await c.signIn(finance.name, finance.password);
      await c.go('reconciliation/import');
      // A file cut short is refused whole, with its code on the page.
      const cut = path.join(path.dirname(billFile), 'cut.csv');
      const whole = await readFile(billFile);
      await writeFile(cut, whole.subarray(0, whole.length - 40));
      await c.page.getByTestId('bill-file').setInputFiles(cut);
      await c.page.getByTestId('bill-import').click();
      await expect.poll(() => c.page.getByTestId('error').getAttribute('data-code')).toMatch(/^BILL_/);
      await c.screenshot('finance-import-refused', 'zh-CN');

      await c.page.getByTestId('bill-file').setInputFiles(billFile);
      await c.page.getByTestId('bill-import').click();
      await c.page.getByTestId('import-result').waitFor();
      expect(await c.page.getByTestId('import-result').getAttribute('data-outcome')).toBe('imported');
      expect(await c.page.getByTestId('import-items').innerText()).toBe('3');
      await c.screenshot('finance-import-done', 'zh-CN');

      await c.go('reconciliation/exceptions');
      await c.page.getByTestId('run-from').fill(day);
      await c.page.getByTestId('run-to').fill(day);
      await c.page.getByTestId('run-match').click();
      const rows = c.page.locator('[data-testid="exceptions-table"] tr[data-key]');
      await expect.poll(() => rows.count()).toBe(2);
      const types = await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-type')).sort());
      expect(types).toEqual(['AMOUNT_MISMATCH', 'DUPLICATE_PAYMENT']);
      const mismatch = c.page.locator('[data-testid="exceptions-table"] tr[data-type="AMOUNT_MISMATCH"]');
      expect(await mismatch.getByTestId('amount').innerText()).toBe('¥1.00');
      await c.screenshot('finance-exceptions', 'zh-CN');

      // Resolve the mismatch: write it off, which needs a reason.
      await mismatch.getByRole('button').click();
      const dialog = c.page.locator('.ant-modal');
      await dialog.getByTestId('resolve-write_off').click();
      expect(await c.page.getByTestId('resolve-submit').isDisabled()).toBe(true);
      await c.page.getByTestId('resolve-reason').fill('顾客使用了 1 元优惠券，平台少收');
      await c.screenshot('finance-resolve', 'zh-CN');
      await c.page.getByTestId('resolve-submit').click();
      // The list shows the open ones: the duplicate payment only.
      await expect.poll(() => rows.count()).toBe(1);
      expect(await rows.first().getAttribute('data-type')).toBe('DUPLICATE_PAYMENT');

      await c.setLocale('en');
      await c.screenshot('finance-exceptions-resolved', 'en');
      const [download] = await Promise.all([c.page.waitForEvent('download'), c.page.getByTestId('export-xlsx').click()]);
      const saved = path.join(path.dirname(billFile), download.suggestedFilename());
      await download.saveAs(saved);
      expect(saved).toMatch(/\.xlsx$/);
      const book = new ExcelJS.Workbook();
      await book.xlsx.readFile(saved);
      const sheet = book.worksheets[0]!;
      const header = (sheet.getRow(1).values as unknown[]).slice(1);
      const col = (name: string) => header.indexOf(name) + 1;
      expect(sheet.rowCount).toBe(2);
      const row = sheet.getRow(2);
      // The page was in English when the link was followed: the headers are too (the export's lang=en).
      expect(header).toEqual(expect.arrayContaining(['Type', 'Order', 'Store', 'Amount', 'Status']));
      expect(row.getCell(col('Type')).value).toBe('DUPLICATE_PAYMENT');
      expect(row.getCell(col('Order')).value).toBe('EO-WEB-2');
      expect(row.getCell(col('Store')).value).toBe('BJ01');
      expect(Number(row.getCell(col('Amount')).value)).toBe(30);
      expect(row.getCell(col('Status')).value).toBe('open');
    } finally {
      await ctx.close();
    }
  });

  it('shows a store manager their store\'s exceptions read only: no import, no match, no resolve', async () => {
    // Store BJ01 and its open duplicate payment are the previous test's (tests of a file run in order).
    const manager = await seedConsoleUser(server, { name: 'zhao.manager', role: 'manager', storeIds: ['BJ01'] });
    const { ctx, c } = await consoleFor('en');
    try {
      await c.open();
      await c.signIn('zhao.manager', manager.password);
      const nav = await c.navPaths();
      expect(nav.filter((p) => p.startsWith('admin/') || p === 'reconciliation/import')).toEqual([]);
      expect(nav).toEqual(expect.arrayContaining(['reconciliation/exceptions', 'reconciliation/bills']));
      await c.go('reconciliation/exceptions');
      const rows = c.page.locator('[data-testid="exceptions-table"] tr[data-key]');
      await expect.poll(() => rows.count()).toBe(1);
      expect(await c.page.getByTestId('run-match').count()).toBe(0);
      expect(await rows.first().getByRole('button').count()).toBe(0);
      for (const locale of ['en', 'zh-CN'] as const) {
        await c.setLocale(locale);
        for (const p of nav) {
          await c.go(p);
          await c.screenshot(`manager-${p.replace(/\//g, '-')}`, locale);
        }
      }
    } finally {
      await ctx.close();
    }
  });
  it('lists last month\'s issued statements for finance, and opens one from its number typed into the search', async () => {
    // The demo's month (scripts/demo-settlement.ts): three counters, their statements drafted and issued.
    await server.admin.createStore({ id: 'S001', name: '静安店', timezone: 'Asia/Shanghai' });
    const catalogue = demoCatalogue();
    await server.admin.putProducts('S001', catalogue);
    const month = await demoSettlement({ db: server.db, serverUrl: server.url, dataDir: tempDir('console-settlement'), storeId: 'S001', catalogue, finance, now: new Date() });
    expect(month.statements).toBe(3);

    const { ctx, c } = await consoleFor('zh-CN');
    try {
      await c.open();
      await c.signIn(finance.name, finance.password);
      await c.go('settlement/statements');
      const rows = c.page.locator('[data-testid="statements-table"] tr[data-id]');
      await expect.poll(() => rows.count()).toBe(3);
      expect(await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-status')))).toEqual(['issued', 'issued', 'issued']);
      await c.screenshot('statements', 'zh-CN');

      // The counter with the guaranteed minimum: "/" to the search, its number typed as a clerk reads it off the
      // paper, Enter opens it.
      const number = `JS${month.period.label.replace('-', '')}-C003`;
      await c.page.keyboard.press('/');
      await c.page.keyboard.type(number);
      await c.page.keyboard.press('Enter');
      await c.page.getByTestId('statement-detail').waitFor();
      expect(await c.page.getByTestId('statement-number').innerText()).toContain(number);
      const id = (await c.page.getByTestId('statement-detail').getAttribute('data-id'))!;
      const api = await signInConsole(server.url, finance.name, finance.password);
      const { body } = await api.request<StatementDetailResponse>('GET', settlementRoutes.statement(id));
      expect(body.statement.body.totals.minimumShortfall).toBeGreaterThan(0);
      expect(await c.page.getByTestId('statement-payable').innerText()).toBe(yuan(body.statement.payable));
      expect(await c.page.getByTestId('statement-total-payable').innerText()).toBe(yuan(body.statement.body.totals.payable));
      await c.setLocale('en');
      await c.screenshot('statement-detail', 'en');
      // Esc goes back to the list, to the same period.
      await c.page.keyboard.press('Escape');
      await expect.poll(() => rows.count()).toBe(3);
    } finally {
      await ctx.close();
    }
  });
});
