import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../sync/server/testing.js';
import { apiRoutes, type OrderStatusResponse } from '../sync/protocol/platform.js';
import { createRng, DEMO_STORE, demoCatalogue, isValidEan13, makeDemoBacklog } from './demo-data.js';

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
});
