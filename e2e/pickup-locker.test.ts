import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { v7 as uuidv7 } from 'uuid';
import { startLockerSimulator, type LockerSimulator } from '../main/devices/locker/simulator.js';
import { sampleBank } from '../main/devices/locker/demo-bank.js';
import { SettingsStore } from '../main/settings/index.js';
import { SyncHttp } from '../sync/client/http.js';
import { isPushResponse } from '../sync/client/wire.js';
import { apiRoutes, type PickupPassResponse, type PlatformEventsResponse } from '../sync/protocol/platform.js';
import { schemaVersionOf, syncRoutes } from '../sync/protocol/sync.js';
import type { OrderEvent, OrderEventType } from '../sync/model/index.js';
import { SCREENSHOT_DIR, type TerminalPage } from './support/pages.js';
import { startSystem, type System } from './support/system.js';
import { order, product } from './support/fixtures.js';
import { eventually } from './support/processes.js';

const manager = { id: 'mgr-lk', name: '陈店长', roles: ['manager' as const], pin: '40917352', badge: 'BADGE-LK-1', active: true };

/**
 * Issue 10 end to end: a packed pickup order is loaded into a compartment of the simulated CU16 bank, the centre
 * issues its pass, then, with the central server stopped, a customer types the code at the kiosk and the board
 * opens that door; closing it records the pickup, which the platform sees once the server is back. Wrong codes lock.
 */
describe('pickup lockers that open offline', () => {
  let system: System;
  let sim: LockerSimulator;
  let staff: TerminalPage;
  let kiosk: Page;
  let http: SyncHttp;
  let deviceId: string;
  const orderId = order('S001').id;

  const push = async (type: OrderEventType, minute: number, detail: Partial<OrderEvent> = {}) => {
    const at = new Date(Date.now() - (10 - minute) * 100).toISOString();
    const event: OrderEvent = { id: uuidv7(), storeId: 'S001', orderId, type, at, operatorId: manager.id, deviceId, ...detail };
    const res = await http.post(`${syncRoutes.push('order_events')}?schemaVersion=${schemaVersionOf('order_events')}`, { rows: [{ newDocumentState: { ...event, _deleted: false } }] }, isPushResponse);
    expect(res.rejected).toEqual([]);
  };
  const pass = () => system.central.api<PickupPassResponse>('GET', apiRoutes.pickupPass(orderId), 'platform');
  const shot = async (name: string) => {
    await kiosk.screenshot({ path: `${SCREENSHOT_DIR}/${name}.png` });
  };

  beforeAll(async () => {
    sim = await startLockerSimulator({ boards: 1, boardDelayMs: 5 });
    system = await startSystem([{ id: 'S001', name: 'Futian', products: [product('1001', 1)], operators: [manager], stock: 0 }], [['S001', 'locker-front']]);
    [staff] = system.pages as [TerminalPage];
    const terminal = system.terminals[0]!;
    const settings = await new SettingsStore(terminal.dataDir).load();
    if (!settings.serverUrl || !settings.token || !settings.device) throw new Error('terminal not enrolled');
    http = new SyncHttp({ serverUrl: settings.serverUrl, token: settings.token });
    deviceId = settings.device.deviceId;
    // The bank is wired as a manager would in the Lockers form (e2e/lockers.test.ts covers the form itself).
    await staff.signIn(manager.id, manager.pin);
    await staff.page.evaluate(
      async ([bank, by]) => {
        const res = await fetch('/contract/saveLockerBank', { method: 'POST', headers: { 'content-type': 'application/json', 'x-store-ops': '1' }, body: JSON.stringify({ args: [bank, by] }) });
        if (!res.ok) throw new Error(`saveLockerBank: ${res.status} ${await res.text()}`);
      },
      [sampleBank(sim.host, sim.port), { operatorId: manager.id }] as const,
    );
    // A paid pickup order, picked and on the counter shelf (its pass issued there): the staff now put it in a locker.
    await system.central.postOrder(order('S001', 90, { id: orderId, fulfilment: { type: 'pickup', slot: { kind: '2h', dueAt: new Date(Date.now() + 90 * 60_000).toISOString() } }, payment: { method: 'online', amount: 3980, currency: 'CNY', paid: true } }));
    await push('accepted', 1);
    await push('picking_started', 2);
    await push('ready', 3);
  }, 240_000);

  afterAll(async () => {
    await system?.stop();
    await sim?.close();
  });

  it('loads the order: the scanned label gets a small door, the board opens it, closing it makes the order ready there', async () => {
    await staff.page.setViewportSize({ width: 1366, height: 768 });
    await staff.page.keyboard.press('F9');
    await staff.page.getByTestId('load-locker').waitFor();
    await eventually(async () => {
      await staff.scan(orderId);
      return (await staff.attr('load-locker', 'data-step')) === 'plan' && (await staff.page.getByTestId('load-locker-line').textContent())?.includes('→');
    }, 'the order synced to the terminal and planned into a compartment');
    await staff.page.keyboard.press('Enter');
    await eventually(async () => sim.isOpen(0, 1), 'compartment 1 open on the board');
    await staff.waitAttr('load-locker', 'data-step', 'open');
    await staff.page.screenshot({ path: `${SCREENSHOT_DIR}/locker-load-open-en.png` });
    sim.closeDoor(0, 1);
    await staff.waitAttr('load-locker', 'data-step', 'loaded');
    await staff.setLocale('zh-CN');
    await staff.page.screenshot({ path: `${SCREENSHOT_DIR}/locker-loaded-zh-CN.png` });
    // The centre reissues the pass for the compartment; the terminal holds the new pass document once in sync.
    const issued = await eventually(async () => {
      const res = await pass();
      return res.status === 200 && res.body.compartment?.number === 1 ? res.body : undefined;
    }, 'the pass for compartment 1', 60_000);
    expect(issued.code).toMatch(/^\d{8}$/);
    await staff.page.locator('[data-testid="sync-indicator"][data-in-sync="true"]').waitFor({ timeout: 60_000 });
  }, 180_000);

  it('releases it to a customer who types the code while the server is down; the platform sees "picked up" when it is back', async () => {
    const { code } = (await pass()).body;
    await system.central.stop();
    kiosk = await staff.page.context().newPage();
    await kiosk.setViewportSize({ width: 1366, height: 768 });
    await kiosk.goto(`${system.terminals[0]!.url}?kiosk`);
    await kiosk.getByTestId('kiosk').waitFor();
    await shot('kiosk-idle-zh-CN');
    await kiosk.getByTestId('kiosk-language').click();
    await kiosk.getByTestId('kiosk-key-ok').getByText('OK').waitFor();
    await shot('kiosk-idle-en');
    for (const digit of code) await kiosk.getByTestId(`kiosk-key-${digit}`).click();
    await kiosk.getByTestId('kiosk-key-ok').click();
    await eventually(async () => sim.isOpen(0, 1), 'compartment 1 opened for the customer, offline');
    await kiosk.locator('[data-testid="kiosk"][data-phase="open"]').waitFor();
    await shot('kiosk-open-en');
    sim.closeDoor(0, 1);
    await kiosk.locator('[data-testid="kiosk"][data-phase="done"]').waitFor();

    await system.central.start();
    const seen = await eventually(async () => {
      const res = await system.central.api<PlatformEventsResponse>('GET', `${apiRoutes.events}?after=0`, 'platform');
      return res.body.events.find((e) => e.orderId === orderId && e.status === 'picked_up');
    }, 'picked_up on the platform feed', 90_000);
    expect(seen).toMatchObject({ fact: 'picked_up', storeId: 'S001' });

    // Another kiosk, offline too, had given the same order out: the centre flags it, the staff screen shows it.
    await push('picked_up', 11, { operatorId: 'self-service', via: 'locker', proof: 'qr', compartment: { bankId: 'front', number: 1 } });
    await staff.page.locator(`[data-testid="double-release"][data-order-id="${orderId}"]`).waitFor({ timeout: 60_000 });
    await staff.page.screenshot({ path: `${SCREENSHOT_DIR}/locker-double-release-zh-CN.png` });
  }, 240_000);

  it('locks the kiosk after five wrong codes: the sixth try, even a real code, opens nothing', async () => {
    const unlocks = sim.commands().filter((c) => c.cmd === 0x31).length;
    await kiosk.getByTestId('kiosk-language').click();
    for (let i = 0; i < 5; i++) {
      await kiosk.keyboard.type(`1${i}000000`, { delay: 60 });
      await kiosk.keyboard.press('Enter');
      await kiosk.locator('[data-testid="kiosk-message"][data-outcome="WRONG_CODE"]').waitFor();
      // The next digit starts a new try from the refusal screen.
    }
    await kiosk.keyboard.type('10000000', { delay: 60 });
    await kiosk.keyboard.press('Enter');
    await kiosk.locator('[data-testid="kiosk-message"][data-outcome="LOCKED"]').waitFor();
    await shot('kiosk-locked-zh-CN');
    expect(sim.commands().filter((c) => c.cmd === 0x31)).toHaveLength(unlocks);
  }, 120_000);
});
