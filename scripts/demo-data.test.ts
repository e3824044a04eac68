import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { firstValueFrom } from 'rxjs';
import { makeOrderEvent, makeStockMove, startTestServer, type TestServer } from '../sync/server/testing.js';
import { startTerminal } from '../sync/client/testkit.js';
import { apiRoutes, type OrderStatusResponse } from '../sync/protocol/platform.js';
import { DEFAULT_STORE_SETTINGS, minPinDigits, verifyPin, type StockMove } from '../sync/model/index.js';
import { availabilityFor$ } from '../renderer/features/inventory/stock-live.js';
import { createRng, DEMO_OPERATORS, DEMO_STORE, demoCatalogue, isValidEan13, makeDemoBacklog } from './demo-data.js';
import { PlatformClient } from './demo-api.js';
import { parLevel, receiver, restockDemoStore } from './demo-stock.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.close();
});

describe('demo data', () => {
  it('is a catalogue of 200+ distinct products with valid EAN-13 barcodes and shelf locations', () => {
    const catalogue = demoCatalogue();
    expect(catalogue.length).toBeGreaterThanOrEqual(200);
    expect(new Set(catalogue.map((p) => p.sku)).size).toBe(catalogue.length);
    expect(catalogue.every((p) => p.barcodes.every(isValidEan13))).toBe(true);
    const places = new Set(catalogue.map((p) => `${p.location.aisle}/${p.location.shelf}/${p.location.bin}`));
    expect(places.size).toBe(catalogue.length);
    expect(catalogue.some((p) => /[\u4e00-\u9fff]/.test(p.name))).toBe(true);
    expect(catalogue.some((p) => /^[A-Za-z]/.test(p.name))).toBe(true);
    expect(demoCatalogue()).toEqual(catalogue);
  });

  it('is accepted by the real server: store, catalogue and a varied backlog of orders', async () => {
    const admin = await server.request('POST', apiRoutes.stores, { token: server.adminToken, body: DEMO_STORE });
    expect(admin.status).toBeLessThan(300);
    const catalogue = demoCatalogue();
    const put = await server.request('PUT', apiRoutes.products(DEMO_STORE.id), { token: server.platformApiKey, body: catalogue });
    expect(put.status).toBeLessThan(300);

    const orders = makeDemoBacklog(60, { catalogue, rng: createRng(7), runId: 'TEST', now: new Date() });
    for (const order of orders) {
      const res = await server.request('POST', apiRoutes.orders, { token: server.platformApiKey, body: order });
      expect(res.status, JSON.stringify(res.body)).toBeLessThan(300);
    }
    const kinds = new Set(orders.map((o) => o.fulfilment.slot.kind));
    expect([...kinds].sort()).toEqual(['1h', '2h', '3h', 'scheduled']);
    expect(new Set(orders.map((o) => o.fulfilment.type))).toEqual(new Set(['delivery', 'pickup']));
    expect(new Set(orders.map((o) => o.payment.method))).toEqual(new Set(['online', 'cod']));
    expect(orders.every((o) => o.lines.length >= 1 && o.lines.length <= 6)).toBe(true);
    expect(orders.every((o) => o.payment.amount === o.lines.reduce((s, l) => s + l.qty * l.unitPrice, 0))).toBe(true);

    const first = orders[0];
    if (!first) throw new Error('no orders generated');
    const stored = await server.request<OrderStatusResponse>('GET', apiRoutes.order(first.id), { token: server.platformApiKey });
    expect(stored.body.order).toMatchObject({ id: first.id, storeId: 'S001', dueAt: first.fulfilment.slot.dueAt });
  });

  it('has a signed-in-able staff the server accepts, idempotently, and whose events and approvals it takes', async () => {
    const api = new PlatformClient(server.url, server.adminToken, server.platformApiKey);
    await api.upsertStore(DEMO_STORE);
    const first = await api.upsertOperators(DEMO_STORE.id, DEMO_OPERATORS);
    expect(first).toMatchObject({ storeId: 'S001', upserted: DEMO_OPERATORS.length, unchanged: 0 });
    // What a restarted demo does: the same store, the same staff with the same PINs; nothing changes.
    await api.upsertStore(DEMO_STORE);
    expect(await api.upsertOperators(DEMO_STORE.id, DEMO_OPERATORS)).toEqual({ storeId: 'S001', upserted: 0, unchanged: DEMO_OPERATORS.length, position: null });

    const roles = new Set(DEMO_OPERATORS.flatMap((o) => o.roles));
    expect([...roles].sort()).toEqual(['counter', 'courier', 'manager', 'packer', 'picker']);
    expect(new Set(DEMO_OPERATORS.map((o) => o.badge)).size).toBe(DEMO_OPERATORS.length);

    const device = await server.admin.enroll(DEMO_STORE.id, 'Demo test terminal');
    const staff = (await server.sync.pull(device.token, 'operators', null, 100)).body.documents;
    expect(staff.map((o) => o.id).sort()).toEqual(DEMO_OPERATORS.map((o) => o.id).sort());
    const verifiers = (await server.sync.verifiers(device.mainKey)).body?.operators ?? [];
    for (const o of DEMO_OPERATORS) {
      const doc = staff.find((d) => d.id === o.id);
      expect(doc, o.id).toMatchObject({ name: o.name, roles: o.roles, badge: o.badge, active: true, hasPin: true });
      expect(o.pin.length, o.id).toBeGreaterThanOrEqual(minPinDigits(o.roles));
      // The PIN printed at startup is the one that signs in: the terminal's main side checks it against this verifier.
      const pin = verifiers.find((v) => v.id === o.id)?.pin;
      expect(pin && (await verifyPin(o.pin, pin)), o.id).toBe(true);
      expect(JSON.stringify(doc)).not.toContain(`"${o.pin}"`);
    }
    const stores = (await server.sync.pull(device.token, 'stores', null, 10)).body.documents;
    expect(stores).toEqual([expect.objectContaining({ storeId: 'S001', settings: { ...DEFAULT_STORE_SETTINGS, idleLockSeconds: 300 } })]);

    const manager = DEMO_OPERATORS.find((o) => o.roles.includes('manager'));
    const picker = DEMO_OPERATORS.find((o) => o.roles.includes('picker'));
    if (!manager || !picker) throw new Error('the demo needs a manager and a picker');
    const [order] = makeDemoBacklog(1, { catalogue: demoCatalogue(), rng: createRng(11), runId: 'STAFF', now: new Date() });
    if (!order) throw new Error('no order generated');
    await api.postOrder(order);
    const accept = makeOrderEvent(device, order.id, 'accepted', { operatorId: picker.id });
    const pushed = await server.sync.push(device.token, 'order_events', [{ newDocumentState: { _deleted: false, ...accept } }]);
    expect(pushed.body).toEqual({ conflicts: [], rejected: [] });
    const sku = order.lines[0]?.sku ?? '';
    const approved = makeStockMove(device, { sku, kind: 'adjust', qty: -1, reason: 'broken', operatorId: picker.id, approvedBy: manager.id });
    const unapproved = makeStockMove(device, { sku, kind: 'adjust', qty: -1, reason: 'broken', operatorId: picker.id });
    const moves = await server.sync.push(device.token, 'stock_moves', [approved, unapproved].map((m) => ({ newDocumentState: { _deleted: false, ...m } })));
    expect(moves.body.rejected.map((r) => [r.documentId, r.code])).toEqual([[unapproved.id, 'APPROVAL_REQUIRED']]);
  });
});

describe('demo stock', () => {
  it('stocks every product the demo store sells through received moves, so a terminal shows it available, and a restart books only what is short', async () => {
    const api = new PlatformClient(server.url, server.adminToken, server.platformApiKey);
    await api.upsertStore(DEMO_STORE);
    const catalogue = demoCatalogue();
    await api.upsertProducts(DEMO_STORE.id, catalogue);
    await api.upsertOperators(DEMO_STORE.id, DEMO_OPERATORS);
    const rng = createRng(23);
    const backlog = makeDemoBacklog(40, { catalogue, rng, runId: 'STOCK', now: new Date() });
    for (const order of backlog) await api.postOrder(order);
    const device = await server.admin.enroll(DEMO_STORE.id, 'Demo terminal');
    const goodsIn = receiver(DEMO_OPERATORS);
    // Some of the backlog accepted, as a store that was open before the restart left it: they hold stock too.
    const accepts = backlog.slice(0, 10).map((o) => makeOrderEvent(device, o.id, 'accepted', { operatorId: goodsIn.id }));
    expect((await server.sync.push(device.token, 'order_events', accepts.map((e) => ({ newDocumentState: { _deleted: false, ...e } })))).body.rejected).toEqual([]);

    const first = await restockDemoStore({ serverUrl: server.url, token: device.token, catalogue, operatorId: goodsIn.id });
    expect(first).toMatchObject({ products: catalogue.length, catalogue: catalogue.length });

    // The centre's stock view is no longer empty: every product has goods on hand, folded from the moves.
    const centre = await server.admin.stock(DEMO_STORE.id);
    expect(centre.levels.length).toBe(catalogue.length);
    expect(centre.levels.filter((l) => l.onHand <= 0)).toEqual([]);
    const moves = ((await server.sync.pull(device.token, 'stock_moves', null, 1000)).body.documents as StockMove[]).filter((m) => m.deviceId === device.deviceId);
    expect(moves.length).toBe(catalogue.length);
    expect(moves.every((m) => m.kind === 'receive' && m.qty > 0 && m.operatorId === goodsIn.id)).toBe(true);

    // A terminal that syncs shows every product available (on hand less what open orders hold), as Inventory does.
    const terminal = await startTerminal(server.url, device);
    try {
      const skus = catalogue.map((p) => p.sku);
      await terminal.sync.awaitInSync();
      const available = await firstValueFrom(availabilityFor$(terminal.db, skus));
      expect(skus.filter((sku) => (available.get(sku)?.available ?? 0) <= 0)).toEqual([]);
      // Believable: what a shelf holds, not a round million.
      for (const p of catalogue) expect(available.get(p.sku)?.onHand ?? 0, p.sku).toBeLessThan(parLevel(p) * 4);

      // Restarted at once: nothing is short, nothing is booked.
      expect(await restockDemoStore({ serverUrl: server.url, token: device.token, catalogue, operatorId: goodsIn.id })).toMatchObject({ products: 0, units: 0 });

      // A long run: many more orders for a few staples take them below their reorder point; the next delivery tops
      // those up only, and every product is available again.
      const staples = catalogue.filter((p) => parLevel(p) >= 36).slice(0, 6);
      const run = makeDemoBacklog(60, { catalogue: staples, rng, runId: 'STOCK2', now: new Date() });
      for (const order of run) await api.postOrder(order);
      await terminal.sync.awaitInSync();
      const short = await firstValueFrom(availabilityFor$(terminal.db, skus));
      const runLow = staples.filter((p) => (short.get(p.sku)?.available ?? 0) < parLevel(p) / 3).map((p) => p.sku);
      expect(runLow.length).toBeGreaterThan(0);
      const topUp = await restockDemoStore({ serverUrl: server.url, token: device.token, catalogue, operatorId: goodsIn.id });
      expect(topUp.products).toBe(runLow.length);
      await terminal.sync.awaitInSync();
      const after = await firstValueFrom(availabilityFor$(terminal.db, skus));
      expect(skus.filter((sku) => (after.get(sku)?.available ?? 0) <= 0)).toEqual([]);
      for (const sku of runLow) expect(after.get(sku)?.available, sku).toBeGreaterThanOrEqual(parLevel(staples.find((p) => p.sku === sku)!));
    } finally {
      await terminal.stop();
    }
  });
});
