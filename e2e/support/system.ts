import type { Browser } from 'playwright-core';
import type { OperatorInput, ProductInput, StoreInput } from '../../sync/protocol/index.js';
import { launchChromium } from './chromium.js';
import { freshDatabaseUrl, startCentral, type Central } from './central.js';
import { startTerminal, type Terminal } from './terminal.js';
import { TerminalPage } from './pages.js';

export interface StoreSetup {
  id: string;
  name: string;
  products: ProductInput[];
  operators: OperatorInput[];
  settings?: StoreInput['settings'];
}

export interface System {
  central: Central;
  browser: Browser;
  terminals: Terminal[];
  /** One page per terminal, each in its own browser context (its own IndexedDB). */
  pages: TerminalPage[];
  stop(): Promise<void>;
}

/** A central server run by `npm run server`, stores set up through the API, and terminals from `npm run terminal`. */
export async function startSystem(stores: StoreSetup[], terminalStores: Array<[storeId: string, name: string]>): Promise<System> {
  const db = await freshDatabaseUrl();
  const central = await startCentral({ databaseUrl: db?.url });
  for (const store of stores) {
    await central.createStore({ id: store.id, name: store.name, timezone: 'Asia/Shanghai', ...(store.settings ? { settings: store.settings } : {}) });
    await central.putProducts(store.id, store.products);
    await central.putOperators(store.id, store.operators);
  }
  const terminals: Terminal[] = [];
  for (const [storeId, name] of terminalStores) {
    terminals.push(await startTerminal(central.url, await central.enrollmentCode(storeId), name));
  }
  const browser = await launchChromium();
  const pages = await Promise.all(terminals.map(async (t) => new TerminalPage(await (await browser.newContext()).newPage()).open(t.url)));
  return {
    central,
    browser,
    terminals,
    pages,
    async stop() {
      await browser.close();
      await Promise.all(terminals.map((t) => t.stop()));
      await central.stop();
      await db?.drop();
    },
  };
}
