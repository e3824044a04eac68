import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiRoutes, type OrderStatusResponse } from '../sync/protocol/index.js';
import { DEMO_OPERATORS, DEMO_STORE, demoCatalogue } from '../scripts/demo-data.js';
import type { Central } from './support/central.js';
import type { TerminalPage } from './support/pages.js';
import { startSystem, type System } from './support/system.js';
import { order } from './support/fixtures.js';
import { eventually } from './support/processes.js';
import { walkBatch } from './support/picking.js';

const [manager, picker] = (['manager', 'picker'] as const).map((role) => {
  const found = DEMO_OPERATORS.find((o) => o.roles.includes(role));
  if (!found) throw new Error(`the demo store has no ${role}`);
  return found;
}) as [(typeof DEMO_OPERATORS)[number], (typeof DEMO_OPERATORS)[number]];
const catalogue = demoCatalogue();
const item = (i: number) => {
  const p = catalogue[i];
  if (!p) throw new Error('the demo catalogue is smaller than the test assumes');
  return { sku: p.sku, name: p.name, qty: 1, unitPrice: p.unitPrice };
};

describe('two pickers on two terminals', () => {
  let system: System;
  let central: Central;
  let t1: TerminalPage;
  let t2: TerminalPage;

  beforeAll(async () => {
    system = await startSystem(
      [{ id: DEMO_STORE.id, name: DEMO_STORE.name, products: catalogue, operators: [...DEMO_OPERATORS], settings: { maxOrdersPerBatch: 2 } }],
      [[DEMO_STORE.id, 'pick-1'], [DEMO_STORE.id, 'pick-2']],
    );
    central = system.central;
    [t1, t2] = system.pages as [TerminalPage, TerminalPage];
    await t1.signIn(picker.id, picker.pin);
    await t2.signIn(manager.id, manager.pin);
  });

  afterAll(async () => {
    await system?.stop();
  });

  async function accept(orders: readonly { id: string }[]): Promise<void> {
    await t1.page.keyboard.press('F1');
    for (const o of orders) {
      await t1.openOrder(o.id);
      await t1.act('accepted');
      await t1.waitDetailStatus('accepted');
      await t1.page.keyboard.press('Escape');
    }
    await t1.waitPending(0);
  }

  async function build(t: TerminalPage): Promise<string[]> {
    await t.page.keyboard.press('F5');
    await t.page.getByTestId('batch-build').click();
    await t.page.getByTestId('batch-preview').waitFor();
    return t.page.locator('[data-testid^="batch-order-"]').evaluateAll((rows) => rows.map((r) => (r.getAttribute('data-testid') ?? '').slice('batch-order-'.length)));
  }

  async function history(id: string): Promise<OrderStatusResponse> {
    const res = await central.api<OrderStatusResponse>('GET', apiRoutes.order(id), 'platform');
    expect(res.status).toBe(200);
    return res.body;
  }

  it('work different batches at once: the second terminal never offers what the first has claimed', async () => {
    const orders = [10, 20, 30, 40].map((m, i) => order(DEMO_STORE.id, m, { lines: [item(i * 7)] }));
    for (const o of orders) await central.postOrder(o);
    for (const o of orders) await t1.row(o.id).waitFor({ timeout: 60_000 });
    await accept(orders);

    const first = await build(t1);
    expect(first).toEqual([orders[0]?.id, orders[1]?.id]);
    await t1.page.getByTestId('batch-start').click();
    await t1.waitAttr('pick-phase', 'data-phase', 'walk');
    await t1.waitPending(0);
    // Terminal 2 learns of the claims through the centre, then builds from what is left.
    for (const o of orders.slice(0, 2)) await eventually(async () => (await t2.snapshotAttr(`order-row-${o.id}`, 'data-status')) === 'picking', `${o.id} picking on terminal 2`);
    const second = await build(t2);
    expect(second).toEqual([orders[2]?.id, orders[3]?.id]);
    await t2.page.getByTestId('batch-start').click();
    await t2.waitAttr('pick-phase', 'data-phase', 'walk');

    await Promise.all([walkBatch(t1), walkBatch(t2)]);
    await t1.page.getByTestId('pick-summary-done').click();
    await t2.page.getByTestId('pick-summary-done').click();
    await t1.waitPending(0);
    await t2.waitPending(0);
    for (const o of orders) await eventually(async () => (await history(o.id)).status === 'picked', `${o.id} picked at the centre`);
  });

  it('never leaves an order in two batches: claims made on both terminals offline resolve to the earlier one', async () => {
    const orders = [15, 25].map((m, i) => order(DEMO_STORE.id, m, { lines: [item(100 + i * 9)] }));
    for (const o of orders) await central.postOrder(o);
    await t1.page.keyboard.press('F1');
    await t2.page.keyboard.press('F1');
    for (const o of orders) await t1.row(o.id).waitFor({ timeout: 60_000 });
    await accept(orders);
    for (const o of orders) await eventually(async () => (await t2.snapshotAttr(`order-row-${o.id}`, 'data-status')) === 'accepted', `${o.id} accepted on terminal 2`);

    await central.stop();
    await t1.waitOnline(false);
    await t2.waitOnline(false);
    expect(await build(t1)).toEqual(orders.map((o) => o.id));
    await t1.page.getByTestId('batch-start').click();
    await t1.waitAttr('pick-phase', 'data-phase', 'walk');
    expect(await build(t2)).toEqual(orders.map((o) => o.id));
    await t2.page.getByTestId('batch-start').click();
    // Terminal 2 now walks the same orders: neither terminal can know better while the link is down.
    await t2.waitAttr('pick-phase', 'data-phase', 'walk');

    await central.start();
    // Terminal 1 claimed first: terminal 2 withdraws both orders and its walk ends with nothing picked.
    await t2.page.getByTestId('pick-summary-withdrawn').waitFor({ timeout: 60_000 });
    const taken = await walkBatch(t1);
    expect([...taken.values()].reduce((n, q) => n + q, 0)).toBe(2);
    await t1.waitPending(0);
    await t2.waitPending(0);
    for (const o of orders) {
      await eventually(async () => (await history(o.id)).status === 'picked', `${o.id} picked at the centre`);
      const picked = (await history(o.id)).history.filter((h) => h.type === 'picked');
      expect(picked).toHaveLength(1);
      expect(picked[0]?.deviceId).toBe(system.terminals[0] ? await deviceOf(0) : '');
    }
  });

  async function deviceOf(i: number): Promise<string> {
    const terminal = system.terminals[i];
    if (!terminal) throw new Error(`no terminal ${i}`);
    const { httpPlatform } = await import('../renderer/platform/index.js');
    const settings = await httpPlatform(terminal.url.replace(/\/$/, '')).getSettings();
    return settings.device?.deviceId ?? '';
  }
});
