import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TerminalPage } from './support/pages.js';
import { startSystem, type System } from './support/system.js';
import { product } from './support/fixtures.js';

const manager = { id: 'mgr-8', name: '王芳', roles: ['manager' as const], pin: '70418265', badge: 'BADGE-0008', active: true };

describe('Inventory with the keyboard: the keys the hint bar shows do what it says', () => {
  let system: System;
  let t: TerminalPage;

  beforeAll(async () => {
    const products = Array.from({ length: 40 }, (_, i) => product(String(2001 + i), 1 + (i % 4)));
    system = await startSystem([{ id: 'S001', name: 'Futian', products, operators: [manager] }], [['S001', 't1']]);
    [t] = system.pages as [TerminalPage];
    await t.signIn(manager.id, manager.pin);
  });

  afterAll(async () => {
    await system?.stop();
  });

  const mode = () => t.attr('inventory', 'data-mode');

  it('opens with the list holding the keys: R, C and L switch modes, / types a search, Esc leaves the box', async () => {
    await t.page.keyboard.press('F2');
    await t.page.locator('[data-testid="inventory-row-2001"][data-on-hand="50"]').waitFor({ timeout: 60_000 });
    expect(await t.attr('inventory', 'data-search-focused')).toBe('false');
    for (const locale of ['en', 'zh-CN'] as const) {
      await t.setLocale(locale);
      await t.screenshot('inventory-list');
    }
    await t.page.getByTestId('inventory').focus();

    // R, as shown: receiving, not an "r" in the search.
    await t.page.keyboard.press('r');
    await t.page.getByTestId('receive-mode').waitFor();
    await t.page.keyboard.press('Escape');
    await t.waitAttr('inventory', 'data-mode', 'stock');
    expect(await t.page.getByTestId('inventory-search').inputValue()).toBe('');

    // / opens the search box; typed letters are a search there, and the hint bar says how to get out.
    await t.page.keyboard.press('/');
    await t.waitAttr('inventory', 'data-search-focused', 'true');
    await t.page.keyboard.type('2017');
    await t.waitAttr('inventory-count', 'data-shown', '1');
    expect(await mode()).toBe('stock');
    for (const locale of ['en', 'zh-CN'] as const) {
      await t.setLocale(locale);
      await t.page.getByTestId('inventory-search').focus();
      await t.screenshot('inventory-search');
    }
    // Esc leaves the box with the search kept; now C counts.
    await t.page.keyboard.press('Escape');
    await t.waitAttr('inventory', 'data-search-focused', 'false');
    expect(await t.page.getByTestId('inventory-search').inputValue()).toBe('2017');
    await t.page.keyboard.press('c');
    await t.page.getByTestId('count-mode').waitFor();
    await t.page.keyboard.press('Escape');
    await t.waitAttr('inventory', 'data-mode', 'stock');
    // Esc in the list clears the search; every product is listed again, drawn as it scrolls into view.
    await t.page.keyboard.press('Escape');
    await t.waitAttr('inventory-count', 'data-shown', '40');
    await t.page.keyboard.press('End');
    await t.waitAttr('inventory-row-2040', 'data-selected', 'true');
    await t.page.keyboard.press('l');
    await t.page.getByTestId('low-stock-list').waitFor();
  });
});
