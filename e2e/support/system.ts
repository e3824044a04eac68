import type { Browser } from 'playwright-core';
import type { OperatorInput, ProductInput, StoreInput } from '../../sync/protocol/index.js';
import { launchChromium } from './chromium.js';
import { freshDatabaseUrl, startCentral, type Central } from './central.js';
import { startTerminal, type Terminal } from './terminal.js';
import { TerminalPage } from './pages.js';
import { SettingsStore } from '../../main/settings/index.js';
import { receiveGoods, receiver } from '../../scripts/demo-stock.js';

export interface StoreSetup {
  id: string;
  name: string;
  products: ProductInput[];
  operators: OperatorInput[];
  settings?: StoreInput['settings'];
  /**
   * Units of every product on the shelves when the system starts (default DEFAULT_SHELF_STOCK; 0 leaves them empty),
   * booked in on the store's first terminal as a delivery, as a store would: accepting an order short of stock
   * warns (renderer/features/stock-guard).
   */
  stock?: number;
}

export const DEFAULT_SHELF_STOCK = 50;

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
  for (const store of stores) {
    const units = store.stock ?? DEFAULT_SHELF_STOCK;
    const first = terminals[terminalStores.findIndex(([storeId]) => storeId === store.id)];
    if (units === 0 || !first) continue;
    const { serverUrl, token } = await new SettingsStore(first.dataDir).load();
    if (!serverUrl || !token) throw new Error(`terminal in ${first.dataDir} is not enrolled`);
    const lines = store.products.map((p) => ({ sku: p.sku, qty: units }));
    await receiveGoods({ serverUrl, token, operatorId: receiver(store.operators).id, lines, reason: 'opening stock' });
  }
  const browser = await launchChromium();
  const pages = await Promise.all(terminals.map(async (t) => new TerminalPage(await (await browser.newContext()).newPage()).open(t.url)));
  // Every terminal in sync before a test starts: the opening stock arrives in its own collection, and an order that
  // synced before it would be accepted or picked "short of stock" (the stock guard's warning) on a busy machine.
  await Promise.all(pages.map((p) => p.page.locator('[data-testid="sync-indicator"][data-in-sync="true"]').waitFor({ timeout: 90_000 })));
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
