import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpPlatform } from '../renderer/platform/index.js';
import { TERMINAL_CHANGES_FILE } from '../main/settings/terminal-changes.js';
import type { TerminalChange } from '../main/contract.js';
import type { Central } from './support/central.js';
import type { TerminalPage } from './support/pages.js';
import { startSystem, type System } from './support/system.js';
import { order, product } from './support/fixtures.js';
import { dumpIndexedDb } from './support/indexeddb.js';
import { eventually } from './support/processes.js';

const manager = { id: 'mgr-3', name: '王芳', roles: ['manager' as const], pin: '61842957', badge: 'BADGE-0003', active: true };
const packer = { id: 'pak-4', name: 'Zhang Wei', roles: ['packer' as const], pin: '7351', badge: 'BADGE-0004', active: true };
const picker = { id: 'pck-5', name: 'Li Lei', roles: ['picker' as const], pin: '2468', badge: 'BADGE-0005', active: true };
const LOCALES = ['en', 'zh-CN'] as const;

describe('what needs a manager: the terminal’s printers, and going ahead short of stock', () => {
  let system: System;
  let central: Central;
  let t: TerminalPage;
  let dataDir: string;

  beforeAll(async () => {
    // One unit of each product on the shelf: an order for two is short.
    system = await startSystem([{ id: 'S001', name: 'Futian', products: [product('1001', 1), product('1002', 2)], operators: [manager, packer, picker], stock: 1 }], [['S001', 't1']]);
    central = system.central;
    [t] = system.pages as [TerminalPage];
    const terminal = system.terminals[0];
    if (!terminal) throw new Error('no terminal started');
    dataDir = terminal.dataDir;
    // Set up as the store's manager would have: the label printer of the packing station.
    await httpPlatform(terminal.url.replace(/\/$/, '')).savePrinter(
      { id: 'pack-1', name: 'Packing 1', kind: 'raw-tcp', host: '127.0.0.1', port: 9100, language: 'zpl', size: '100x150', dpi: 203 },
      { operatorId: manager.id },
    );
    await t.page.getByTestId(`signin-operator-${packer.id}`).waitFor({ timeout: 60_000 });
  });

  afterAll(async () => {
    await system?.stop();
  });

  it('refuses a packer the printer deletion; a manager confirms it, and it is deleted and recorded with their name', async () => {
    await t.signIn(packer.id, packer.pin);
    await t.page.keyboard.press('F4');
    await t.page.getByTestId('printer-row-pack-1').waitFor();
    await t.page.getByTestId('settings-manager-only').waitFor();
    for (const action of ['delete', 'edit']) {
      const button = t.page.getByTestId(`printer-${action}-pack-1`);
      expect(await button.isDisabled(), action).toBe(true);
      expect(await button.getAttribute('data-gate')).toBe('forbidden');
    }
    expect(await t.page.getByTestId('printer-add').isDisabled()).toBe(true);
    // Clicked anyway (a mouse on a disabled button): no question, no change.
    await t.page.getByTestId('printer-delete-pack-1').click({ force: true });
    expect(await t.page.getByTestId('printer-delete-confirm').count()).toBe(0);
    for (const locale of LOCALES) {
      await t.setLocale(locale);
      await t.screenshot('settings-packer');
    }
    await t.signOut();

    await t.signIn(manager.id, manager.pin);
    await t.page.keyboard.press('F4');
    for (const locale of LOCALES) {
      await t.setLocale(locale);
      await t.page.getByTestId('printer-delete-pack-1').click();
      await t.page.getByTestId('printer-delete-confirm').waitFor();
      await t.screenshot('settings-delete-confirm');
      // Cancel has the focus: an Enter out of habit deletes nothing.
      await t.page.keyboard.press('Enter');
      await t.page.getByTestId('printer-delete-confirm').waitFor({ state: 'detached' });
    }
    await t.page.getByTestId('printer-row-pack-1').waitFor();
    await t.page.getByTestId('printer-delete-pack-1').click();
    await t.page.getByTestId('printer-delete-ok').click();
    await t.page.getByTestId('printer-row-pack-1').waitFor({ state: 'detached' });
    const change = t.page.locator(`[data-testid="terminal-change"][data-what="printer.deleted"][data-subject="pack-1"][data-operator-id="${manager.id}"]`);
    await change.waitFor();
    expect(await change.textContent()).toContain(manager.name);
    for (const locale of LOCALES) {
      await t.setLocale(locale);
      await t.screenshot('settings-change-log');
    }
    // The change log on the terminal's disk: the packer's attempt is not in it, the manager's deletion is.
    const lines = (await readFile(path.join(dataDir, TERMINAL_CHANGES_FILE), 'utf8')).trim().split('\n').map((l) => JSON.parse(l) as TerminalChange);
    expect(lines.map((c) => [c.what, c.subject, c.operatorId, c.before?.name ?? null])).toEqual([
      ['printer.added', 'pack-1', manager.id, null],
      ['printer.deleted', 'pack-1', manager.id, 'Packing 1'],
    ]);
    await t.signOut();
  });

  it('warns before accepting an order short of stock: a picker goes ahead only with a manager’s PIN, a manager alone', async () => {
    const short = order('S001', 45, { lines: [{ sku: '1001', name: 'Product 1001', qty: 2, unitPrice: 1990 }] });
    const alsoShort = order('S001', 50, { lines: [{ sku: '1002', name: 'Product 1002', qty: 3, unitPrice: 1990 }] });
    await central.postOrder(short);
    await central.postOrder(alsoShort);

    await t.signIn(picker.id, picker.pin);
    await t.page.keyboard.press('F1');
    await t.row(short.id).waitFor({ timeout: 30_000 });
    await t.openOrder(short.id);
    for (const locale of LOCALES) {
      await t.setLocale(locale);
      // A, the accept key (once the language switch lets go of the keyboard): the warning comes first.
      await t.page.getByTestId('action-accepted').waitFor();
      await t.page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
      await t.page.keyboard.press('a');
      await t.page.getByTestId('stock-warning').waitFor();
      // On hand 1, the order takes 2: -1 available after it.
      expect(await t.attr('stock-warning-row-1001', 'data-available-after')).toBe('-1');
      expect(await t.attr('stock-warning-go', 'data-gate')).toBe('approval');
      await t.screenshot('stock-warning-accept');
      // Esc: nothing recorded, the order is still new.
      await t.page.keyboard.press('Escape');
      await t.page.getByTestId('stock-warning').waitFor({ state: 'detached' });
      await t.waitDetailStatus('new');
    }

    await t.act('accepted');
    await t.page.getByTestId('stock-warning-go').click();
    await t.page.getByTestId('approval-dialog').waitFor();
    await t.page.getByTestId(`approval-manager-${manager.id}`).click();
    await t.page.getByTestId('approval-pin').fill(manager.pin);
    await t.page.getByTestId('approval-pin').press('Enter');
    await t.waitDetailStatus('accepted');
    await eventually(async () => (await dumpIndexedDb(t.page)).includes(`went ahead short of stock, approved by ${manager.id}: 1001 available -1`), 'the override note on the accepted event');
    await t.page.keyboard.press('Escape');
    await t.signOut();

    await t.signIn(manager.id, manager.pin);
    await t.page.keyboard.press('F1');
    await t.openOrder(alsoShort.id);
    await t.act('accepted');
    await t.page.getByTestId('stock-warning').waitFor();
    expect(await t.attr('stock-warning-go', 'data-gate')).toBe('allowed');
    await t.page.getByTestId('stock-warning-go').click();
    await t.waitDetailStatus('accepted');
    expect(await t.page.getByTestId('approval-dialog').count()).toBe(0);
  });
});
