import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedConsoleUser } from '../sync/server/console-auth/console-auth.testkit.js';
import { drainTestDbs } from '../sync/server/test-db-pool.js';
import { startTestServer, type TestServer } from '../sync/server/testing.js';
import { launchChromium } from './support/chromium.js';
import { buildConsole, ConsolePage } from './support/console.js';

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

      for (const locale of ['zh-CN', 'en'] as const) {
        await c.setLocale(locale);
        for (const p of nav) {
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
});
