import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PlatformEvent } from '../sync/protocol/index.js';
import { apiRoutes } from '../sync/protocol/index.js';
import { httpPlatform } from '../renderer/platform/index.js';
import { startPrinterSimulator, type PrinterSimulator } from '../main/devices/printer/simulator.js';
import { decodeBarcode, rasterizeZpl } from '../main/devices/printer/test-support.js';
import { DEMO_OPERATORS, DEMO_STORE, demoCatalogue } from '../scripts/demo-data.js';
import type { Central } from './support/central.js';
import type { TerminalPage } from './support/pages.js';
import { startSystem, type System } from './support/system.js';
import { order } from './support/fixtures.js';
import { eventually } from './support/processes.js';
import { walkBatch } from './support/picking.js';

const operator = (role: string) => {
  const found = DEMO_OPERATORS.find((o) => o.roles.includes(role as never));
  if (!found) throw new Error(`the demo store has no ${role}`);
  return found;
};
const manager = operator('manager');
const picker = operator('picker');
const packer = operator('packer');

// Four products of the demo catalogue on different aisles; their SKU is their EAN-13, as in the demo.
const catalogue = demoCatalogue();
const [X, Y, Z, W] = [catalogue[0], catalogue[20], catalogue[40], catalogue[60]].map((p) => {
  if (!p) throw new Error('the demo catalogue is smaller than the test assumes');
  return p;
}) as [(typeof catalogue)[number], (typeof catalogue)[number], (typeof catalogue)[number], (typeof catalogue)[number]];
const line = (p: typeof X, qty: number) => ({ sku: p.sku, name: p.name, qty, unitPrice: p.unitPrice });

interface OrderView {
  id: string;
  status: string;
}

describe('fulfilment: batch pick, scan-verified packing and labels, across a link drop', () => {
  let system: System;
  let central: Central;
  let t: TerminalPage;
  let printer: PrinterSimulator;

  // A: X×3 (picked short: only 1 on the shelf is good), Y×1 · B: Y×2, Z×1 (packed in two packages) · C: Z×2, W×1.
  // Paid online: they are delivered from the order screen at the end. A cash-on-delivery order's delivery goes
  // through the courier return with its money (e2e/handover.test.ts).
  const paid = { method: 'online' as const, amount: 3980, currency: 'CNY', paid: true };
  const a = order(DEMO_STORE.id, 30, { lines: [line(X, 3), line(Y, 1)], payment: paid });
  const b = order(DEMO_STORE.id, 50, { lines: [line(Y, 2), line(Z, 1)], payment: paid });
  const c = order(DEMO_STORE.id, 70, { lines: [line(Z, 2), line(W, 1)], payment: paid });
  const orders = [a, b, c];

  beforeAll(async () => {
    system = await startSystem(
      [{ id: DEMO_STORE.id, name: DEMO_STORE.name, products: catalogue, operators: [...DEMO_OPERATORS] }],
      [[DEMO_STORE.id, 'bench-1']],
    );
    central = system.central;
    [t] = system.pages as [TerminalPage];
    printer = await startPrinterSimulator();
    const terminal = system.terminals[0];
    if (!terminal) throw new Error('no terminal started');
    await httpPlatform(terminal.url.replace(/\/$/, '')).savePrinter({
      id: 'pack-1', name: 'Packing bench', kind: 'raw-tcp', host: printer.host, port: printer.port, language: 'zpl', size: '100x150', dpi: 203,
    }, { operatorId: manager.id });
    for (const o of orders) await central.postOrder(o);
    await t.page.getByTestId(`signin-operator-${manager.id}`).waitFor({ timeout: 60_000 });
  });

  afterAll(async () => {
    await printer?.close();
    await system?.stop();
  });

  it('counts stock, accepts three orders and starts one batch for them', async () => {
    // The manager counts the two shelves the orders draw on most: 10 of X, 10 of Y (the count states the shelf,
    // whatever the opening stock said). Z and W keep their opening stock, so no order is short.
    await t.signIn(manager.id, manager.pin);
    await t.page.keyboard.press('F2');
    // The catalogue may still be arriving on a fresh terminal: count only what the terminal knows.
    for (const p of [X, Y]) {
      await t.page.getByTestId('inventory-search').fill(p.sku);
      await t.page.getByTestId(`inventory-row-${p.sku}`).waitFor({ timeout: 60_000 });
    }
    await t.page.getByTestId('inventory-search').fill('');
    await t.page.getByTestId('inventory-tab-count').click();
    await t.page.getByTestId('count-mode').waitFor();
    for (const p of [X, Y]) {
      await t.scan(p.barcodes[0] ?? p.sku);
      await t.page.getByTestId(`count-line-${p.sku}`).waitFor();
      await t.page.getByTestId('count-qty').fill('10');
      await t.page.getByTestId('count-qty').press('Enter');
      await t.waitAttr('count-feedback', 'data-ok', 'true');
    }
    await t.page.getByTestId('inventory-tab-stock').click();
    await t.page.getByTestId('inventory-search').fill(X.sku);
    // 10 on the shelf, 3 held for order A.
    await t.waitAttr(`inventory-row-${X.sku}`, 'data-on-hand', '10');
    await t.waitAttr(`inventory-row-${X.sku}`, 'data-available', '7');
    await t.signOut();

    await t.signIn(picker.id, picker.pin);
    await t.page.keyboard.press('F1');
    for (const o of orders) {
      await t.openOrder(o.id);
      await t.act('accepted');
      await t.waitDetailStatus('accepted');
      await t.page.keyboard.press('Escape');
    }

    await t.page.keyboard.press('F5');
    await t.page.getByTestId('batch-build').click();
    for (const o of orders) await t.page.getByTestId(`batch-order-${o.id}`).waitFor();
    await t.page.getByTestId('batch-start').click();
    await t.waitAttr('pick-phase', 'data-phase', 'walk');
    // The claims and picking_started reach the centre before the link drops.
    await t.waitPending(0);
    for (const o of orders) await eventually(async () => (await platformOrder(o.id)).status === 'picking', `${o.id} picking at the centre`);
  });

  it('walks the batch offline: a wrong product is refused, one line is short with a reason, the put-wall sorts the rest', async () => {
    await central.stop();
    await t.waitOnline(false);

    const taken = await walkBatch(t, async (sku) => {
      if (sku !== X.sku) return 'default';
      // The wrong product first: refused, and not counted. Then one good unit, and the rest is short (damaged).
      await t.scan(W.sku);
      await t.waitAttr('pick-feedback', 'data-code', 'WRONG_PRODUCT');
      expect(await t.attr('pick-feedback', 'data-ok')).toBe('false');
      expect(await t.attr('pick-stop', 'data-counted')).toBe('0');
      await t.scan(X.sku);
      await t.waitAttr('pick-stop', 'data-counted', '1');
      await t.scan('CMD:SHORT:DAMAGED');
      return 1;
    });
    expect(Object.fromEntries(taken)).toEqual({ [X.sku]: 1, [Y.sku]: 3, [Z.sku]: 3, [W.sku]: 1 });

    await t.page.getByTestId('pick-summary').waitFor({ timeout: 30_000 });
    await t.waitAttr(`pick-summary-order-${a.id}`, 'data-short', 'true');
    await t.waitAttr(`pick-summary-order-${b.id}`, 'data-short', 'false');
    await t.waitAttr(`pick-summary-order-${c.id}`, 'data-short', 'false');
  });

  it('packs offline with every item scanned, refuses a wrong item, and prints one label per package', async () => {
    await t.signOut();
    await t.signIn(packer.id, packer.pin);
    await t.page.keyboard.press('F6');
    await t.page.getByTestId('packing-screen').waitFor();
    // The packer starts once the picked orders are listed: the queue loads again after the sign-in.
    for (const o of orders) await t.page.getByTestId(`pack-candidate-${o.id}`).waitFor({ timeout: 30_000 });
    // Each waiting order shows its deadline, as the queue does (issue 9: the packing list had none).
    for (const o of orders) expect(['on_time', 'at_risk', 'late']).toContain(await t.attr(`pack-candidate-${o.id}`, 'data-deadline'));
    for (const locale of ['zh-CN', 'en'] as const) {
      await t.setLocale(locale);
      await t.screenshot('packing-list');
    }

    const packOrder = async (id: string, packages: Array<Array<[sku: string, units: number]>>, wrong?: string) => {
      await t.scan(id);
      await t.waitAttr('pack-order', 'data-order-id', id);
      if (wrong) {
        await t.scan(wrong);
        await t.waitAttr('pack-feedback', 'data-code', 'WRONG_ITEM');
        expect(await t.attr('pack-feedback', 'data-ok')).toBe('false');
      }
      for (const [i, items] of packages.entries()) {
        if (i > 0) await t.page.getByTestId('pack-new-package').click();
        for (const [sku, units] of items) {
          for (let u = 0; u < units; u++) {
            const before = Number(await t.attr('pack-remaining', 'data-units'));
            await t.scan(sku);
            await t.waitAttr('pack-remaining', 'data-units', String(before - 1));
          }
        }
      }
      await t.waitAttr('pack-remaining', 'data-units', '0');
      await t.page.getByTestId('pack-finish').click();
      await t.waitAttr('pack-done', 'data-packages', String(packages.length));
      await t.waitAttr('pack-done', 'data-printed', String(packages.length));
    };
    await packOrder(a.id, [[[X.sku, 1], [Y.sku, 1]]], Z.sku);
    await packOrder(b.id, [[[Y.sku, 2]], [[Z.sku, 1]]]);
    await packOrder(c.id, [[[Z.sku, 2], [W.sku, 1]]]);

    // One ZPL job per package reached the printer, and each label's Code 128 scans back to its package id.
    const jobs = await printer.waitForJobs(4, 30_000);
    expect(jobs).toHaveLength(4);
    const decoded = jobs.map((j) => decodeBarcode(rasterizeZpl(Buffer.from(j.bytes).toString('utf8')), 'code128'));
    expect(decoded.sort()).toEqual([`${a.id}-P1`, `${b.id}-P1`, `${b.id}-P2`, `${c.id}-P1`].sort());
    expect(await t.pending()).toBeGreaterThan(0);
  });

  it('converges when the link returns: the platform sees each final status, and the short units are back in stock', async () => {
    await central.start();
    await t.waitOnline(true);
    await t.waitPending(0);
    for (const o of orders) await eventually(async () => (await platformOrder(o.id)).status === 'packed', `${o.id} packed at the centre`);

    // Handed to the courier and delivered, recorded online this time.
    await t.page.keyboard.press('F1');
    for (const o of orders) {
      await t.openOrder(o.id);
      await t.act('dispatched');
      await t.waitDetailStatus('dispatched');
      await t.act('delivered');
      await t.waitDetailStatus('delivered');
      await t.page.keyboard.press('Escape');
    }
    for (const o of orders) await eventually(async () => (await platformOrder(o.id)).status === 'delivered', `${o.id} delivered at the centre`);

    const feed = await central.api<{ events: PlatformEvent[] }>('GET', `${apiRoutes.events}?after=0&limit=500`, 'platform');
    expect(feed.status).toBe(200);
    const lifecycle = ['new', 'accepted', 'picking', 'picked', 'packed', 'dispatched', 'delivered'];
    for (const o of orders) {
      const statuses = feed.body.events.filter((e) => e.orderId === o.id).map((e) => e.status);
      expect(statuses.at(-1)).toBe('delivered');
      expect(statuses).toContain('picking');
      // The feed follows the lifecycle forwards only.
      const ranks = statuses.map((s) => lifecycle.indexOf(s));
      expect(ranks).toEqual([...ranks].sort((p, q) => p - q));
    }

    // 10 counted, 1 picked: 9 on the shelf, and the 2 units A was short are no longer held for it.
    const stock = await central.api<{ levels: Array<{ sku: string; onHand: number }> }>('GET', `/api/v1/stores/${DEMO_STORE.id}/stock`, 'platform');
    expect(stock.status).toBe(200);
    const level = (sku: string) => stock.body.levels.find((l) => l.sku === sku)?.onHand;
    expect(level(X.sku)).toBe(9);
    expect(level(Y.sku)).toBe(7);
    await t.page.keyboard.press('F2');
    await t.page.getByTestId('inventory-search').fill(X.sku);
    await t.waitAttr(`inventory-row-${X.sku}`, 'data-on-hand', '9');
    await t.waitAttr(`inventory-row-${X.sku}`, 'data-available', '9');
  });

  async function platformOrder(id: string): Promise<OrderView> {
    const res = await central.api<OrderView>('GET', apiRoutes.order(id), 'platform');
    if (res.status !== 200) throw new Error(`GET ${id}: ${res.status}`);
    return res.body;
  }
});
