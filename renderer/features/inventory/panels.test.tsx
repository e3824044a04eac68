import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { renderToString } from 'react-dom/server';
import type { ReactNode } from 'react';
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { resources } from '../../i18n/index.js';
import { SessionProvider, type Session } from '../../ui/session.js';
import { CurrentOperatorProvider } from '../signin/current-operator.js';
import { closeTestDbs, openTestDb, operator, product } from '../../testing/db.js';
import { InventoryScreen } from './InventoryScreen.js';
import { ReceivePanel } from './ReceivePanel.js';
import { CountPanel } from './CountPanel.js';
import { LowStockPanel } from './LowStockPanel.js';

/**
 * Each mode's first render, without a browser (react-dom/server): it renders without a crash, with the test ids
 * the end-to-end tests use and translated texts. Zustand serves its initial state to a server render and effects
 * do not run, so drafts and live RxDB data are not in it: the draft reducers and the RxDB tests cover those.
 */
const products = [product('SKU-1', 'Milk 1L', ['6901234567890']), product('SKU-2', 'Tea', ['6900000000002'])];

beforeAll(async () => {
  await i18next.use(initReactI18next).init({ resources, lng: 'zh-CN', fallbackLng: 'en', interpolation: { escapeValue: false } });
});
afterEach(closeTestDbs);

async function render(node: ReactNode): Promise<string> {
  const db = await openTestDb();
  const picker = await operator('pick-1', ['picker'], null);
  // Only what the screens read during their first render: the database and the device.
  const session = { db, device: { deviceId: 'dev-1', storeId: 'S001' } } as unknown as Session;
  return renderToString(
    <SessionProvider session={session}>
      <CurrentOperatorProvider operator={picker}>{node}</CurrentOperatorProvider>
    </SessionProvider>,
  );
}

describe('the inventory screen\'s modes, first render', () => {
  it('opens on the stock list, with a tab per mode and the Available column', async () => {
    const html = await render(<InventoryScreen />);
    expect(html).toContain('data-testid="inventory-search"');
    expect(html).toContain('data-mode="stock"');
    for (const m of ['stock', 'receive', 'count', 'low']) expect(html).toContain(`data-testid="inventory-tab-${m}"`);
    expect(html).toContain('可用');
  });

  it('receiving: quantity field, commit and a neutral feedback line before the first scan', async () => {
    const html = await render(<ReceivePanel products={products} />);
    expect(html).toContain('data-testid="receive-mode"');
    expect(html).toContain('data-testid="receive-qty"');
    expect(html).toMatch(/data-testid="receive-feedback" data-ok="" data-code=""/);
    expect(html).toMatch(/data-testid="receive-commit"[^>]*disabled/);
    expect(html).toContain('尚未扫描商品');
  });

  it('counting: the count field and the hint to scan a shelf', async () => {
    const html = await render(<CountPanel products={products} />);
    expect(html).toContain('data-testid="count-mode"');
    expect(html).toContain('data-testid="count-qty"');
    expect(html).toMatch(/data-testid="count-feedback" data-ok="" data-code=""/);
    expect(html).toContain('LOC:');
  });

  it('low stock: the list and its threshold field', async () => {
    const html = await render(<LowStockPanel products={products} />);
    expect(html).toContain('data-testid="low-stock-list"');
    expect(html).toContain('data-testid="low-stock-threshold"');
  });
});
