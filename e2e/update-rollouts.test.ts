import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLLOUTS_PATH, type RolloutsResponse } from '../sync/protocol/updates.js';
import { seedConsoleUser } from '../sync/server/console-auth/console-auth.testkit.js';
import { drainTestDbs } from '../sync/server/test-db-pool.js';
import { startTestServer, type TestServer } from '../sync/server/testing.js';
import { writeRelease } from '../sync/server/updates/release.testkit.js';
import { launchChromium } from './support/chromium.js';
import { buildConsole, ConsolePage } from './support/console.js';

/** The console's Terminal updates page in a real browser: the published version listed, its rollout set through the dialog. */
describe('terminal update rollouts in the console', () => {
  let server: TestServer;
  let browser: Browser;
  let dir: string;

  beforeAll(async () => {
    const consoleDir = await buildConsole();
    dir = await mkdtemp(path.join(tmpdir(), 'store-ops-e2e-updates-'));
    await writeRelease(dir, '2.0.0');
    server = await startTestServer({ consoleDir, updatesDir: dir });
    await server.admin.createStore({ id: 'S001', name: 'Futian' });
    await server.admin.createStore({ id: 'S002', name: 'Nanshan' });
    await seedConsoleUser(server, { name: 'root', role: 'admin' });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await rm(dir, { recursive: true, force: true });
    await drainTestDbs();
  });

  it('lists the published version held back from every store, and sets a store and a percentage through the dialog', async () => {
    const ctx = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'en' });
    try {
      const c = new ConsolePage(await ctx.newPage(), server.url);
      await c.open();
      await c.signIn('root', 'test-password-root');
      await c.setLocale('en');
      await c.go('admin/updates');
      const table = c.page.getByTestId('updates-table');
      await table.getByText('Held back from every store', { exact: false }).waitFor();
      await c.page.getByTestId('rollout-2.0.0').click();
      await c.page.getByTestId('rollout-stores').click();
      await c.page.keyboard.type('S002');
      await c.page.keyboard.press('Enter');
      await c.page.keyboard.press('Escape');
      await c.page.getByTestId('rollout-percent').fill('30');
      await c.page.locator('.ant-modal-footer .ant-btn-primary').click();
      await table.getByText('30%').waitFor();
      await table.getByText('Nanshan').waitFor();
      await c.screenshot('admin-update-rollout-set', 'en');
      // The page set it through the console API: the centre's admin route sees the same rollout.
      const list = await server.request<RolloutsResponse>('GET', ROLLOUTS_PATH, { token: server.adminToken });
      expect(list.body.rollouts).toMatchObject([{ version: '2.0.0', storeIds: ['S002'], percent: 30 }]);
    } finally {
      await ctx.close();
    }
  });
});
