import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import { startLockerSimulator, type LockerSimulator } from '../main/devices/locker/simulator.js';
import { sampleBank } from '../main/devices/locker/demo-bank.js';
import { SettingsStore } from '../main/settings/index.js';
import { SyncHttp } from '../sync/client/http.js';
import { isPushResponse } from '../sync/client/wire.js';
import { openDb } from '../sync/server/db/index.js';
import { apiRoutes, type PickupRemindersResponse, type PlatformEventsResponse, type StoreStockResponse } from '../sync/protocol/platform.js';
import { schemaVersionOf, syncRoutes } from '../sync/protocol/sync.js';
import type { CollectionName, OrderEvent, OrderEventType, StockMove } from '../sync/model/index.js';
import { SCREENSHOT_DIR, type TerminalPage } from './support/pages.js';
import { startSystem, type System } from './support/system.js';
import { order, product } from './support/fixtures.js';
import { eventually } from './support/processes.js';

const manager = { id: 'mgr-ex', name: '陈店长', roles: ['manager' as const], pin: '40917352', active: true };
// Whoever may undo a pick puts the goods back (order.restock): a picker here.
const picker = { id: 'pick-ex', name: '拣货员小李', roles: ['picker' as const], pin: '2468', active: true };
const DAY = 86_400_000;
const SHELF = 10;

/**
 * Issue 10, expiry and returns, end to end: pickup orders that became ready a week and a day ago (facts a terminal
 * made then) are past their hold. A picker sees them on the Lockers screen, take one out of its compartment on
 * the simulated bank (the board opens the door, closing it records the return) and one off the counter shelf; the
 * centre then shows them returned with the goods back on the shelf. An order ready for three days gets a reminder
 * on the platform's feed instead.
 */
describe('uncollected pickup orders go back to stock', () => {
  let system: System;
  let sim: LockerSimulator;
  let staff: TerminalPage;
  let http: SyncHttp;
  let deviceId: string;
  const inLocker = order('S001').id;
  const onShelf = order('S001').id;
  const waiting = order('S001').id;

  const push = async (collection: CollectionName, docs: object[]) => {
    const res = await http.post(`${syncRoutes.push(collection)}?schemaVersion=${schemaVersionOf(collection)}`, { rows: docs.map((d) => ({ newDocumentState: { ...d, _deleted: false } })) }, isPushResponse);
    expect(res.rejected).toEqual([]);
  };
  /** The order's life up to ready, as a terminal recorded it `daysAgo` days ago, with the pick's stock moves. */
  const readySince = async (orderId: string, daysAgo: number, units: number, compartment?: { bankId: string; number: number }) => {
    const base = Date.now() - daysAgo * DAY;
    const at = (minute: number) => new Date(base + minute * 60_000).toISOString();
    const fact = (type: OrderEventType, minute: number, extra: Partial<OrderEvent> = {}): OrderEvent => ({ id: uuidv7(), storeId: 'S001', orderId, type, at: at(minute), operatorId: manager.id, deviceId, ...extra });
    await push('order_events', [
      fact('accepted', 0),
      fact('picking_started', 1),
      fact('picked', 2, { lines: [{ lineIndex: 0, sku: '1001', ordered: units, picked: units, substitute: null, shortReason: null }] }),
      fact('packed', 3, { packages: [{ id: `${orderId}-P1`, n: 1, of: 1, items: [{ sku: '1001', qty: units }] }] }),
      fact('ready', 4, compartment ? { compartment } : {}),
    ]);
    const pick: StockMove = { id: uuidv7(), storeId: 'S001', sku: '1001', kind: 'pick', qty: -units, at: at(2), operatorId: manager.id, deviceId, orderId };
    await push('stock_moves', [pick]);
  };
  const feed = async () => (await system.central.api<PlatformEventsResponse>('GET', `${apiRoutes.events}?after=0&limit=1000`, 'platform')).body.events;

  beforeAll(async () => {
    sim = await startLockerSimulator({ boards: 1, boardDelayMs: 5 });
    system = await startSystem([{ id: 'S001', name: 'Futian', products: [product('1001', 1)], operators: [manager, picker], stock: SHELF }], [['S001', 'locker-front']]);
    [staff] = system.pages as [TerminalPage];
    const settings = await new SettingsStore(system.terminals[0]!.dataDir).load();
    if (!settings.serverUrl || !settings.token || !settings.device) throw new Error('terminal not enrolled');
    http = new SyncHttp({ serverUrl: settings.serverUrl, token: settings.token });
    deviceId = settings.device.deviceId;
    // The staff were taken on last month: the centre judges each fact's operator at the fact's time, so facts from
    // last week need staff who were there then.
    await system.central.stop();
    const db = await openDb({ dataDir: system.central.dataDir, databaseUrl: system.central.databaseUrl });
    await db.query(`UPDATE operator_history SET changed_at = changed_at - interval '30 days'`);
    await db.close();
    await system.central.start();

    await staff.signIn(picker.id, picker.pin);
    await staff.page.evaluate(
      async ([bank, by]) => {
        const res = await fetch('/contract/saveLockerBank', { method: 'POST', headers: { 'content-type': 'application/json', 'x-store-ops': '1' }, body: JSON.stringify({ args: [bank, by] }) });
        if (!res.ok) throw new Error(`saveLockerBank: ${res.status} ${await res.text()}`);
      },
      [sampleBank(sim.host, sim.port), { operatorId: manager.id }] as const,
    );
    const paidPickup = (id: string, units: number) => order('S001', 90, {
      id, placedAt: new Date(Date.now() - 9 * DAY).toISOString(), fulfilment: { type: 'pickup', slot: { kind: 'scheduled', dueAt: new Date(Date.now() - 8 * DAY).toISOString() } },
      payment: { method: 'online', amount: 1990 * units, currency: 'CNY', paid: true }, lines: [{ sku: '1001', name: 'Product 1001', qty: units, unitPrice: 1990 }],
    });
    await system.central.postOrder(paidPickup(inLocker, 2));
    await system.central.postOrder(paidPickup(onShelf, 1));
    await system.central.postOrder(paidPickup(waiting, 1));
    await readySince(inLocker, 8.2, 2, { bankId: 'front', number: 2 });
    await readySince(onShelf, 8, 1);
    await readySince(waiting, 3, 1, { bankId: 'front', number: 3 });
  }, 300_000);

  afterAll(async () => {
    await system?.stop();
    await sim?.close();
  });

  it("reminds the customer of an order waiting three days, on the platform's feed, and not of one past its hold", async () => {
    const res = await system.central.api<PickupRemindersResponse>('POST', apiRoutes.pickupReminders('S001'), 'admin');
    // The server's own sweep may have sent it already (it runs soon after a start): once either way.
    const reminded = await eventually(async () => (await feed()).filter((e) => e.fact === 'pickup_reminded'), 'a reminder on the feed');
    expect(res.status).toBe(200);
    expect(reminded).toEqual([expect.objectContaining({ orderId: waiting, status: 'ready', expiresAt: expect.any(String) })]);
  }, 60_000);

  it('lists the expired orders on the Lockers screen; Enter opens the compartment, closing it returns the order to stock', async () => {
    await staff.page.setViewportSize({ width: 1366, height: 768 });
    await staff.page.keyboard.press('F9');
    await eventually(async () => (await staff.page.getByTestId('return-row').count()) === 2, 'both expired orders listed', 90_000);
    expect(await staff.page.getByTestId('return-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-order')))).toEqual([inLocker, onShelf]);
    await staff.page.screenshot({ path: `${SCREENSHOT_DIR}/pickup-expired-list-en.png` });
    await staff.page.keyboard.press('ArrowDown');
    await staff.waitAttr('return-uncollected', 'data-step', 'chosen');
    await staff.page.keyboard.press('Enter');
    await eventually(async () => sim.isOpen(0, 2), 'compartment 2 opened for the return');
    await staff.waitAttr('return-uncollected', 'data-step', 'open');
    await staff.setLocale('zh-CN');
    await staff.page.screenshot({ path: `${SCREENSHOT_DIR}/pickup-return-open-zh-CN.png` });
    sim.closeDoor(0, 2);
    await staff.waitAttr('return-uncollected', 'data-step', 'returned');
    // The loading panel was not woken by the keys: it still waits for a label.
    expect(await staff.attr('load-locker', 'data-step')).toBe('scan');
  }, 120_000);

  it('takes the counter-shelf order back by its scanned label, and the centre sees both returned with the stock back', async () => {
    await staff.scan(`${onShelf}-P1`);
    await staff.waitAttr('return-uncollected', 'data-step', 'shelf');
    await staff.page.screenshot({ path: `${SCREENSHOT_DIR}/pickup-return-shelf-zh-CN.png` });
    const unlocks = sim.commands().filter((c) => c.cmd === 0x31).length;
    await staff.page.keyboard.press('Enter');
    await staff.waitAttr('return-uncollected', 'data-step', 'returned');
    expect(sim.commands().filter((c) => c.cmd === 0x31)).toHaveLength(unlocks);
    await staff.setLocale('en');
    await staff.page.screenshot({ path: `${SCREENSHOT_DIR}/pickup-return-done-en.png` });

    const returned = await eventually(async () => {
      const mine = (await feed()).filter((e) => e.fact === 'returned_to_stock');
      return mine.length === 2 ? mine : undefined;
    }, 'both returns on the platform feed', 90_000);
    expect(returned.map((e) => [e.orderId, e.status, e.restockReason]).sort()).toEqual([[inLocker, 'returned', 'uncollected'], [onShelf, 'returned', 'uncollected']].sort());
    // Opening stock, less the three units the two orders' picks took, plus the three their returns put back; the
    // order still waiting keeps its one.
    const stock = await eventually(async () => {
      const res = await system.central.api<StoreStockResponse>('GET', apiRoutes.storeStock('S001'), 'platform');
      const level = res.body.levels.find((l) => l.sku === '1001');
      return level && level.onHand === SHELF - 1 ? level : undefined;
    }, 'the stock moves at the centre', 60_000);
    expect(stock.moves).toBe(1 + 3 + 2);
  }, 180_000);
});
