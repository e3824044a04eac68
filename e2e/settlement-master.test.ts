import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedConsoleUser } from '../sync/server/console-auth/console-auth.testkit.js';
import { insertCounter, insertSupplier } from '../sync/server/settlement/master/master.testkit.js';
import { drainTestDbs } from '../sync/server/test-db-pool.js';
import { startTestServer, type TestServer } from '../sync/server/testing.js';
import { launchChromium } from './support/chromium.js';
import { buildConsole, ConsolePage } from './support/console.js';
import { tempDir } from './support/processes.js';

/**
 * The concessions' master data pages in a real browser against a real server: finance keys in a supplier and a
 * counter, pastes the counter's SKUs (and is told which one another counter holds), and imports a till sales file
 * (refused with its faults by line, then taken, then taken again without change); a manager sees counters only.
 */
describe('the settlement master data pages', () => {
  let server: TestServer;
  let browser: Browser;
  let finance: { name: string; password: string };
  let manager: { name: string; password: string };

  beforeAll(async () => {
    const consoleDir = await buildConsole();
    server = await startTestServer({ consoleDir });
    await server.admin.createStore({ id: 'S001', name: '一号店', timezone: 'Asia/Shanghai' });
    await server.admin.createStore({ id: 'S002', name: '二号店', timezone: 'Asia/Shanghai' });
    await insertSupplier(server, { id: 'SUP-B', name: '乙鞋业' });
    await insertCounter(server, { id: 'C900', storeId: 'S001', supplierId: 'SUP-B', skus: ['SKU-TAKEN'] });
    await insertCounter(server, { id: 'C901', storeId: 'S002', supplierId: 'SUP-B' });
    finance = { name: 'li.finance', password: (await seedConsoleUser(server, { name: 'li.finance', role: 'finance' })).password };
    manager = { name: 'zhao.manager', password: (await seedConsoleUser(server, { name: 'zhao.manager', role: 'manager', storeIds: ['S002'] })).password };
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await drainTestDbs();
  });

  it('lets finance key in a supplier, a counter and its SKUs, and import till sales whole or not at all', async () => {
    const ctx = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN' });
    const c = new ConsolePage(await ctx.newPage(), server.url);
    try {
      await c.open();
      await c.signIn(finance.name, finance.password);
      expect(await c.navPaths()).toEqual(expect.arrayContaining(['settlement/suppliers', 'settlement/counters', 'settlement/contracts', 'settlement/promotions', 'settlement/fee-bills', 'settlement/supplies', 'settlement/pos-import']));

      await c.go('settlement/suppliers');
      await c.page.getByTestId('supplier-add').click();
      await c.page.getByTestId('supplier-id').fill('SUP-A');
      await c.page.getByTestId('supplier-name').fill('甲服饰');
      await c.page.getByTestId('supplier-name').press('Enter');
      await c.page.getByTestId('suppliers-table').getByText('甲服饰').waitFor();
      await c.page.getByPlaceholder('搜索').fill('乙');
      await expect.poll(() => c.page.getByTestId('suppliers-table').locator('tbody tr').count()).toBe(1);
      await c.screenshot('settlement-suppliers', 'zh-CN');

      await c.go('settlement/counters');
      await c.page.getByTestId('counter-add').click();
      await c.page.getByTestId('counter-id').fill('C001');
      await c.page.getByTestId('counter-store').click();
      await c.page.keyboard.type('S001');
      await c.page.keyboard.press('Enter');
      await c.page.getByTestId('counter-supplier').click();
      await c.page.keyboard.type('SUP-A');
      await c.page.keyboard.press('Enter');
      await c.page.getByTestId('counter-name').fill('甲专柜');
      await c.page.getByTestId('counter-area').fill('A1');
      await c.page.getByTestId('counter-category').fill('女装');
      await c.page.getByTestId('counter-category').press('Enter');
      await c.page.getByTestId('counters-table').getByText('甲专柜').waitFor();

      await c.page.getByTestId('counter-skus-C001').click();
      await c.page.getByTestId('skus-text').fill('SKU-1\nSKU-2, SKU-TAKEN');
      await c.page.getByTestId('skus-save').click();
      await expect.poll(() => c.page.getByTestId('error').getAttribute('data-code')).toBe('SKU_CLAIMED');
      expect(await c.page.getByTestId('sku-clashes').textContent()).toContain('C900');
      await c.page.getByTestId('skus-text').fill('SKU-1\nSKU-2');
      await c.page.getByTestId('skus-save').click();
      await c.page.getByTestId('skus-text').waitFor({ state: 'detached' });
      await expect.poll(() => c.page.getByTestId('counters-table').locator('tr', { hasText: 'C001' }).textContent()).toContain('2');

      const dir = tempDir('pos');
      const bad = path.join(dir, 'bad.csv');
      const good = path.join(dir, 'good.csv');
      await writeFile(bad, '专柜编码,日期,数量,销售金额\nC001,2026-11-31,1,9.9\nC001,2026-11-20,1,1.001\n合计,,2,10.90\n');
      await writeFile(good, '专柜编码,日期,商品编码,数量,销售金额\nC001,2026-11-20,SKU-1,2,199.00\nC001,2026-11-20,SKU-2,1,0.50\n合计,,,3,199.50\n');
      await c.go('settlement/pos-import');
      await c.page.getByTestId('pos-file').setInputFiles(bad);
      await c.page.getByTestId('pos-import').click();
      await expect.poll(() => c.page.getByTestId('error').getAttribute('data-code')).toBe('POS_FILE_INVALID');
      expect(await c.page.getByTestId('pos-faults').locator('tbody tr').count()).toBe(2);
      await c.screenshot('settlement-pos-refused', 'zh-CN');
      await c.page.getByTestId('pos-file').setInputFiles(good);
      await c.page.getByTestId('pos-import').click();
      await expect.poll(() => c.page.getByTestId('pos-result').getAttribute('data-outcome')).toBe('imported');
      expect(await c.page.getByTestId('pos-total').textContent()).toBe('¥199.50');
      await c.page.getByTestId('pos-file').setInputFiles(good);
      await c.page.getByTestId('pos-import').click();
      await expect.poll(() => c.page.getByTestId('pos-result').getAttribute('data-outcome')).toBe('unchanged');
      await c.screenshot('settlement-pos-import', 'zh-CN');
      for (const p of ['settlement/contracts', 'settlement/promotions', 'settlement/fee-bills', 'settlement/supplies']) {
        await c.go(p);
        await c.screenshot(p.replace('/', '-'), 'zh-CN');
      }
    } finally {
      await ctx.close();
    }
  });

  it('shows a manager the counters of their own stores and no other master data', async () => {
    const ctx = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'en' });
    const c = new ConsolePage(await ctx.newPage(), server.url);
    try {
      await c.open();
      await c.signIn(manager.name, manager.password);
      const nav = await c.navPaths();
      expect(nav.filter((p) => p.startsWith('settlement/'))).toEqual(['settlement/counters']);
      await c.go('settlement/counters');
      await c.page.getByTestId('counters-table').getByText('C901', { exact: true }).waitFor();
      expect(await c.page.getByTestId('counters-table').getByText('C900', { exact: true }).count()).toBe(0);
      expect(await c.page.getByTestId('counter-add').count()).toBe(0);
    } finally {
      await ctx.close();
    }
  });
});
