import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeOrderEvent, makeStockMove, startTestServer, type TestServer } from '../sync/server/testing.js';
import { apiRoutes, type OrderStatusResponse } from '../sync/protocol/platform.js';
import { DEFAULT_STORE_SETTINGS, minPinDigits, verifyPin } from '../sync/model/index.js';
import { createRng, DEMO_OPERATORS, DEMO_STORE, demoCatalogue, isValidEan13, makeDemoBacklog } from './demo-data.js';
import { PlatformClient } from './demo-api.js';

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
    expect([...roles].sort()).toEqual(['counter', 'manager', 'packer', 'picker']);
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
