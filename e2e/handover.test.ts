import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PlatformEvent, PlatformEventsResponse } from '../sync/protocol/index.js';
import { DEMO_OPERATORS, DEMO_STORE, demoCatalogue } from '../scripts/demo-data.js';
import type { TerminalPage } from './support/pages.js';
import { startSystem, type System } from './support/system.js';
import { order } from './support/fixtures.js';
import { eventually } from './support/processes.js';
import { bringOrdersTo, centrePayments } from './support/handover.js';
import { DEFAULT_SCAN_OPTIONS } from '../renderer/ui/scanner.js';

const operator = (role: string) => {
  const found = DEMO_OPERATORS.find((o) => o.roles.includes(role as never));
  if (!found) throw new Error(`the demo store has no ${role}`);
  return found;
};
const manager = operator('manager');
const counter = operator('counter');
const courier = operator('courier');

const catalogue = demoCatalogue();
const [X, Y] = [catalogue[3], catalogue[30]].map((p) => {
  if (!p) throw new Error('the demo catalogue is smaller than the test assumes');
  return p;
}) as [(typeof catalogue)[number], (typeof catalogue)[number]];
const line = (p: typeof X, qty: number) => ({ sku: p.sku, name: p.name, qty, unitPrice: p.unitPrice });
const cod = (lines: ReturnType<typeof line>[]) => ({ method: 'cod' as const, amount: lines.reduce((n, l) => n + l.qty * l.unitPrice, 0), currency: 'CNY', paid: false });

describe('handover: the counter takes cash on delivery; a courier run goes out and comes back', () => {
  let system: System;
  let t: TerminalPage;
  // A letter pressed within the scanner's settle time of a scan is taken for part of it (renderer/ui/lone-keys.ts);
  // a person's V comes later than that, and so does the test's.
  const afterScan = () => t.page.waitForTimeout(DEFAULT_SCAN_OPTIONS.settleMs + 50);
  const feed = async (): Promise<PlatformEvent[]> => (await system.central.api<PlatformEventsResponse>('GET', '/api/v1/events?limit=1000', 'platform')).body.events;

  // A pickup order to collect at the counter, cash on delivery.
  const pickupLines = [line(X, 2), line(Y, 1)];
  const pickup = order(DEMO_STORE.id, 90, { fulfilment: { type: 'pickup', slot: { kind: '2h', dueAt: new Date(Date.now() + 90 * 60_000).toISOString() } }, lines: pickupLines, payment: cod(pickupLines) });
  // Three deliveries for one courier: two paid on the doorstep (cash, card), one the customer is not home for.
  const runLines = [line(X, 1)];
  const [byCash, byCard, failing] = [0, 1, 2].map(() => order(DEMO_STORE.id, 60, { lines: runLines, payment: cod(runLines) })) as [ReturnType<typeof order>, ReturnType<typeof order>, ReturnType<typeof order>];

  beforeAll(async () => {
    system = await startSystem([{ id: DEMO_STORE.id, name: DEMO_STORE.name, products: catalogue, operators: [...DEMO_OPERATORS] }], [[DEMO_STORE.id, 'counter-1']]);
    [t] = system.pages as [TerminalPage];
    for (const o of [pickup, byCash, byCard, failing]) await system.central.postOrder(o);
    await bringOrdersTo(system.terminals[0]!, manager.id, [pickup, byCash, byCard, failing]);
  }, 240_000);

  afterAll(async () => {
    await system?.stop();
  });

  it('hands a cash-on-delivery pickup over at the counter with the cash and change recorded, and the platform sees it paid', async () => {
    await t.signIn(counter.id, counter.pin);
    await t.page.keyboard.press('F7');
    await t.page.locator(`[data-testid="counter-ready-row"][data-order-id="${pickup.id}"]`).waitFor({ timeout: 60_000 });
    await t.scan(`${pickup.id}-P1`);
    await t.page.locator(`[data-testid="counter-order"][data-order-id="${pickup.id}"]`).waitFor();
    const due = pickup.payment.amount;
    expect(await t.page.getByTestId('counter-due').innerText()).toContain(`¥${(due / 100).toFixed(2)}`);
    // Confirming without checking the customer is refused.
    await t.page.keyboard.press('Enter');
    await t.page.getByTestId('counter-refusal').waitFor();
    await t.page.keyboard.press('s');
    await t.waitAttr('counter-proof', 'data-proof', 'staff');
    await t.page.keyboard.press('1');
    await t.waitAttr('counter-payment', 'data-method', 'cash');
    const tendered = Math.ceil(due / 10_000) * 10_000 + 10_000;
    await t.page.getByTestId('counter-tendered').fill(String(tendered / 100));
    const change = tendered - due;
    await expect.poll(() => t.page.getByTestId('counter-change').innerText()).toContain(`¥${(change / 100).toFixed(2)}`);
    await t.screenshot('counter-cash');
    await t.setLocale('zh-CN');
    await t.screenshot('counter-cash');
    await t.setLocale('en');
    await t.page.getByTestId('counter-tendered').press('Enter');
    await t.page.getByTestId('counter-done').waitFor({ timeout: 30_000 });

    const entry = await eventually(async () => (await feed()).find((e) => e.orderId === pickup.id && e.status === 'picked_up'), 'picked_up on the platform feed', 60_000);
    expect(entry).toMatchObject({ fact: 'picked_up', payment: { method: 'cash', amount: due, currency: 'CNY', due, difference: 0 } });
    const [payment] = (await centrePayments(system.terminals[0]!)).filter((p) => p.orderId === pickup.id);
    expect(payment).toMatchObject({ method: 'cash', amount: due, tendered, change, operatorId: counter.id });
  });

  it('dispatches three orders to a courier with a run sheet, and the return marks two delivered (cash, card) and one failed', async () => {
    await t.signOut();
    await t.signIn(manager.id, manager.pin);
    await t.page.keyboard.press('F8');
    await t.page.getByTestId('courier-screen').waitFor();
    await t.scan(courier.badge);
    await t.waitAttr('courier-screen', 'data-courier', courier.id);
    for (const o of [byCash, byCard, failing]) {
      await t.page.locator(`[data-testid="dispatch-waiting"][data-order-id="${o.id}"]`).waitFor({ timeout: 60_000 });
      await t.scan(`${o.id}-P1`);
    }
    await t.waitAttr('dispatch-run', 'data-count', '3');
    const total = byCash.payment.amount + byCard.payment.amount + failing.payment.amount;
    await t.waitAttr('dispatch-total', 'data-total', String(total));
    await t.screenshot('courier-dispatch');
    await t.setLocale('zh-CN');
    await t.screenshot('courier-dispatch');
    await t.setLocale('en');
    await t.page.keyboard.press('p');
    await t.page.getByTestId('dispatch-done').or(t.page.getByTestId('courier-refusal')).first().waitFor({ timeout: 30_000 });
    expect(await t.page.getByTestId('courier-refusal').count(), await t.page.getByTestId('courier-refusal').allInnerTexts().then((x) => x.join(' | '))).toBe(0);
    const sheet = await t.page.getByTestId('run-sheet').getAttribute('data-path', { timeout: 30_000 });
    expect(sheet).toMatch(/run-sheet-.*\.pdf$/);

    // Back from the run.
    await t.page.getByTestId('courier-change').click();
    await t.page.getByTestId('courier-mode-return').click();
    await t.scan(courier.badge);
    for (const o of [byCash, byCard, failing]) await t.page.locator(`[data-testid="return-row"][data-order-id="${o.id}"]`).waitFor({ timeout: 60_000 });

    await t.scan(`${byCash.id}-P1`);
    await t.waitAttr(`return-row"][data-order-id="${byCash.id}`, 'data-selected', 'true');
    await afterScan();
    await t.page.keyboard.press('v');
    await t.waitAttr('return-form', 'data-kind', 'delivered');
    await t.page.getByTestId('return-cash-amount').press('Enter');
    await t.page.locator(`[data-testid="return-row"][data-order-id="${byCash.id}"]`).waitFor({ state: 'detached', timeout: 30_000 });

    await t.scan(`${byCard.id}-P1`);
    await t.waitAttr(`return-row"][data-order-id="${byCard.id}`, 'data-selected', 'true');
    await afterScan();
    await t.page.keyboard.press('v');
    await t.waitAttr('return-form', 'data-kind', 'delivered');
    await t.page.getByTestId('return-card').click();
    await t.page.getByTestId('return-batch').fill('000321');
    await t.page.getByTestId('return-reference').fill('RRN7788');
    await t.screenshot('courier-return');
    await t.setLocale('zh-CN');
    await t.screenshot('courier-return');
    await t.setLocale('en');
    await t.page.getByTestId('return-reference').press('Enter');
    await t.page.locator(`[data-testid="return-row"][data-order-id="${byCard.id}"]`).waitFor({ state: 'detached', timeout: 30_000 });

    await t.scan(`${failing.id}-P1`);
    await t.waitAttr(`return-row"][data-order-id="${failing.id}`, 'data-selected', 'true');
    await afterScan();
    await t.page.keyboard.press('f');
    await t.waitAttr('return-form', 'data-kind', 'failed');
    await t.page.keyboard.press('1');
    await t.page.keyboard.press('Enter');
    await t.page.getByTestId('return-empty').waitFor({ timeout: 30_000 });

    const entries = await eventually(async () => {
      const all = await feed();
      const done = [byCash, byCard].map((o) => all.find((e) => e.orderId === o.id && e.status === 'delivered'));
      const back = all.filter((e) => e.orderId === failing.id).at(-1);
      return done.every(Boolean) && back?.fact === 'delivery_failed' ? { done, back } : undefined;
    }, 'the run on the platform feed', 60_000);
    expect(entries.done[0]).toMatchObject({ fact: 'delivered', payment: { method: 'cash', amount: byCash.payment.amount } });
    expect(entries.done[1]).toMatchObject({ fact: 'delivered', payment: { method: 'card', amount: byCard.payment.amount, reference: 'RRN7788' } });
    expect(entries.back).toMatchObject({ status: 'packed', failReason: 'not_home' });
    const payments = await centrePayments(system.terminals[0]!);
    expect(payments.find((p) => p.orderId === byCard.id)).toMatchObject({ method: 'card', batch: '000321', reference: 'RRN7788', collectedBy: courier.id });
  });
});
