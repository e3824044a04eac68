import { afterAll, beforeAll, describe, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchChromium } from './support/chromium.js';
import { freshDatabaseUrl, startCentral, type Central } from './support/central.js';
import { startTerminal, type Terminal } from './support/terminal.js';
import { TerminalPage } from './support/pages.js';
import { order, product, staff } from './support/fixtures.js';

// Two server instances need one shared PostgreSQL; embedded PGlite belongs to a single process. .ci/run runs
// the whole suite a second time with DATABASE_URL set, and that run covers this.
describe.skipIf(!process.env.DATABASE_URL)('two server instances on one PostgreSQL', () => {
  let db: Awaited<ReturnType<typeof freshDatabaseUrl>>;
  let a: Central;
  let b: Central;
  let terminal: Terminal;
  let browser: Browser;

  beforeAll(async () => {
    db = await freshDatabaseUrl();
    a = await startCentral({ databaseUrl: db?.url });
    b = await startCentral({ databaseUrl: db?.url });
    await a.createStore({ id: 'S001', name: 'Futian', timezone: 'Asia/Shanghai' });
    await b.putProducts('S001', [product('1001', 1)]);
    await a.putOperators('S001', Object.values(staff('S001')));
    terminal = await startTerminal(a.url, await a.enrollmentCode('S001'), 'on-a');
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await terminal?.stop();
    await Promise.all([a?.stop(), b?.stop()]);
    await db?.drop();
  });

  it('shows a terminal on instance A an order posted through instance B', async () => {
    const page = await new TerminalPage(await browser.newPage()).open(terminal.url);
    await page.waitOnline(true);
    await page.signIn(staff('S001').picker.id, staff('S001').picker.pin);
    const o = order('S001');
    await b.postOrder(o);
    await page.row(o.id).waitFor({ timeout: 30_000 });
  });
});
