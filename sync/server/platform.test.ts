import { DEFAULT_WINDOW } from '../model/window.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Order } from '../model/order.js';
import { DEFAULT_STORE_SETTINGS } from '../model/store.js';
import { haversineKm } from './routing.js';
import { platformApi } from './openapi/client.js';
import { makeOrderEvent, makeOrderInput, startTestServer, type TestServer } from './testing.js';

let s: TestServer;
beforeEach(async () => {
  s = await startTestServer();
});
afterEach(async () => {
  await s.close();
});

const api = (method: string, path: string, body?: unknown) => s.request(method, `/api/v1${path}`, { token: s.platformApiKey, body });
/** The platform's well-formed calls go through the generated client; the raw `api` is for what its types refuse. */
const client = () => platformApi(s.url, s.platformApiKey);

describe('stores', () => {
  it('creates (201) and updates (200) a store; an unknown time zone is refused', async () => {
    const store = { id: 'S001', name: 'Futian', timezone: 'Asia/Shanghai', location: { lat: 22.54, lon: 114.06 }, serviceRadiusKm: 5 };
    expect(await s.request('POST', '/api/v1/stores', { token: s.adminToken, body: store })).toEqual({ status: 201, body: { ...store, settings: DEFAULT_STORE_SETTINGS, window: DEFAULT_WINDOW } });
    // Window settings sent are merged over the current ones, like the terminal settings.
    const updated = await s.request('POST', '/api/v1/stores', { token: s.adminToken, body: { ...store, name: 'Futian 2', window: { historyDays: 3 } } });
    expect(updated).toMatchObject({ status: 200, body: { window: { historyDays: 3, maxOfflineDays: DEFAULT_WINDOW.maxOfflineDays } } });
    expect(await s.db.query('SELECT name FROM stores')).toEqual([{ name: 'Futian 2' }]);
    const bad = await s.request('POST', '/api/v1/stores', { token: s.adminToken, body: { ...store, id: 'S009', timezone: 'Mars/Olympus' } });
    expect(bad).toMatchObject({ status: 400, body: { code: 'VALIDATION_FAILED', details: { path: 'body/timezone' } } });
  });
});

describe('the stores document', () => {
  it('syncs name, time zone and settings to the store\'s own terminals; settings sent are merged over the current ones', async () => {
    const post = (body: unknown) => s.request('POST', '/api/v1/stores', { token: s.adminToken, body });
    const store = { id: 'S001', name: 'Futian', timezone: 'Asia/Shanghai', settings: { idleLockSeconds: 60 } };
    expect(await post(store)).toMatchObject({ status: 201, body: { settings: { ...DEFAULT_STORE_SETTINGS, idleLockSeconds: 60 } } });
    await s.admin.createStore({ id: 'S002' });
    const d1 = await s.admin.enroll('S001', 'T1');
    const d2 = await s.admin.enroll('S002', 'T2');
    const pulled = await s.sync.pull(d1.token, 'stores');
    expect(pulled.body.documents).toEqual([
      // passKeys: the centre's public pass keys (sync/server/pickup), one made at the server's first start.
      { storeId: 'S001', name: 'Futian', timezone: 'Asia/Shanghai', settings: { ...DEFAULT_STORE_SETTINGS, idleLockSeconds: 60 }, passKeys: [{ keyId: expect.any(String), publicKey: expect.any(String) }], updatedAt: expect.any(String), _deleted: false },
    ]);
    expect((await s.sync.pull(d2.token, 'stores')).body.documents.map((d) => d.storeId)).toEqual(['S002']);

    await post({ ...store, name: 'Futian Centre', settings: { maxOrdersPerBatch: 4 } });
    const next = await s.sync.pull(d1.token, 'stores', pulled.body.checkpoint);
    expect(next.body.documents).toEqual([expect.objectContaining({ name: 'Futian Centre', settings: { ...DEFAULT_STORE_SETTINGS, idleLockSeconds: 60, maxOrdersPerBatch: 4 } })]);
    // The same again writes nothing, so terminals pull nothing.
    await post({ ...store, name: 'Futian Centre' });
    expect((await s.sync.pull(d1.token, 'stores', next.body.checkpoint)).body.documents).toEqual([]);
    expect(await post({ ...store, settings: { idleLockSeconds: 5 } })).toMatchObject({ status: 400, body: { code: 'VALIDATION_FAILED', details: { path: 'body/settings/idleLockSeconds' } } });
    expect(await post({ ...store, settings: { lockScreen: true } })).toMatchObject({ status: 400, body: { code: 'VALIDATION_FAILED' } });
  });
});

describe('store routing by location', () => {
  beforeEach(async () => {
    await s.admin.createStore({ id: 'SZ-FUTIAN', location: { lat: 22.54, lon: 114.06 }, serviceRadiusKm: 10 });
    await s.admin.createStore({ id: 'SZ-NANSHAN', location: { lat: 22.53, lon: 113.93 }, serviceRadiusKm: 10 });
    await s.admin.createStore({ id: 'GZ', location: { lat: 23.13, lon: 113.26 }, serviceRadiusKm: 10 });
  });

  const at = (lat: number, lon: number) =>
    makeOrderInput({ storeId: undefined, fulfilment: { type: 'delivery', slot: { kind: '2h', dueAt: '2026-11-27T10:12:00Z' }, address: { line1: 'x', city: 'y', lat, lon } } });

  it('routes to the nearest store whose radius covers the address', async () => {
    const futian = { lat: 22.54, lon: 114.06 };
    const nanshan = { lat: 22.53, lon: 113.93 };
    // Both Shenzhen stores (radius 10 km) cover these two points; each is nearer a different one.
    const nearNanshan = { lat: 22.535, lon: 113.98 };
    const nearFutian = { lat: 22.535, lon: 114.02 };
    for (const p of [nearNanshan, nearFutian]) {
      expect(haversineKm(p, futian)).toBeLessThan(10);
      expect(haversineKm(p, nanshan)).toBeLessThan(10);
    }
    expect((await s.admin.postOrder(at(nearNanshan.lat, nearNanshan.lon))).storeId).toBe('SZ-NANSHAN');
    expect((await s.admin.postOrder(at(nearFutian.lat, nearFutian.lon))).storeId).toBe('SZ-FUTIAN');
    expect((await s.admin.postOrder(at(23.12, 113.28))).storeId).toBe('GZ');
  });

  it('refuses an address no store covers, or one without coordinates, and writes nothing', async () => {
    expect(await api('POST', '/orders', at(31.23, 121.47))).toMatchObject({ status: 422, body: { code: 'NO_STORE_FOR_LOCATION' } });
    const noCoords = makeOrderInput({ storeId: undefined, fulfilment: { type: 'pickup', slot: { kind: '1h', dueAt: '2026-11-27T10:12:00Z' } } });
    expect(await api('POST', '/orders', noCoords)).toMatchObject({ status: 422, body: { code: 'NO_STORE_FOR_LOCATION' } });
    expect(await api('POST', '/orders', makeOrderInput({ storeId: 'S404' }))).toMatchObject({ status: 422, body: { code: 'UNKNOWN_STORE' } });
    expect(await s.db.query("SELECT * FROM docs WHERE collection = 'orders'")).toEqual([]);
    expect(await s.db.query('SELECT * FROM platform_events')).toEqual([]);
  });
});

describe('orders', () => {
  beforeEach(async () => {
    await s.admin.seedStore('S001');
  });

  it('normalises the order: UTC times, dueAt on top, received and updated now', async () => {
    const input = makeOrderInput({ placedAt: '2026-11-27T17:12:00+08:00' });
    input.fulfilment.slot.dueAt = '2026-11-27T18:12:00.5+08:00';
    const res = await api('POST', '/orders', input);
    expect(res.status).toBe(201);
    const order = res.body as Order;
    expect(order).toMatchObject({ id: input.id, storeId: 'S001', placedAt: '2026-11-27T09:12:00.000Z', dueAt: '2026-11-27T10:12:00.500Z' });
    expect(order.fulfilment.slot.dueAt).toBe(order.dueAt);
    expect(order.receivedAt).toBe(order.updatedAt);
    expect(Math.abs(Date.parse(order.receivedAt) - Date.now())).toBeLessThan(60_000);
  });

  it('is idempotent by id: the same order again answers 200 with the existing order and writes nothing', async () => {
    const input = makeOrderInput();
    const first = await api('POST', '/orders', input);
    expect(first.status).toBe(201);
    const seq = await s.db.query('SELECT seq FROM stores');
    const again = await api('POST', '/orders', input);
    expect(again).toEqual({ status: 200, body: first.body });
    const changed = await api('POST', '/orders', { ...input, customer: { name: 'Someone else', phone: '123456' } });
    expect(changed).toMatchObject({ status: 409, body: { code: 'CONFLICT' } });
    expect(await s.db.query('SELECT seq FROM stores')).toEqual(seq);
    expect((await s.db.query('SELECT * FROM platform_events')).length).toBe(1);
    const race = makeOrderInput({ id: 'EO-RACE' });
    const racing = await Promise.all([1, 2, 3].map(() => api('POST', '/orders', race)));
    expect(racing.map((r) => r.status).sort()).toEqual([200, 200, 201]);
    expect(await s.db.query("SELECT id FROM docs WHERE id = 'EO-RACE'")).toEqual([{ id: 'EO-RACE' }]);
  });

  it('answers status and history; 404 for an unknown order', async () => {
    const order = await s.admin.postOrder(makeOrderInput());
    const device = await s.admin.enroll('S001', 'T1');
    // Timed after seeding: the server refuses an event by an operator who did not exist yet.
    const t0 = Date.now();
    const evs = [makeOrderEvent(device, order.id, 'accepted', { at: new Date(t0).toISOString() }), makeOrderEvent(device, order.id, 'picked_up', { at: new Date(t0 + 60_000).toISOString() })];
    await s.sync.push(device.token, 'order_events', evs.map((e) => ({ newDocumentState: { ...e, _deleted: false } })));
    const { data: body } = await client().GET('/api/v1/orders/{id}', { params: { path: { id: order.id } } });
    if (!body) throw new Error('GET order failed');
    expect(body.status).toBe('accepted');
    expect(body.history.map((h) => [h.type, h.applied])).toEqual([['accepted', true], ['picked_up', false]]);
    expect(body.history[1]?.ignoredReason).toMatch(/delivery/);
    const missing = await client().GET('/api/v1/orders/{id}', { params: { path: { id: 'EO-NONE' } } });
    expect([missing.response.status, missing.error?.code]).toEqual([404, 'NOT_FOUND']);
  });
});

describe('cancellation merge rule', () => {
  let device: { deviceId: string; storeId: string; token: string };
  beforeEach(async () => {
    await s.admin.seedStore('S001');
    device = await s.admin.enroll('S001', 'T1');
  });

  async function orderWith(types: Parameters<typeof makeOrderEvent>[2][]): Promise<Order> {
    const order = await s.admin.postOrder(makeOrderInput());
    const base = Date.now();
    const rows = types.map((t, i) => ({ newDocumentState: { ...makeOrderEvent(device, order.id, t, { at: new Date(base + i * 1000).toISOString() }), _deleted: false } }));
    expect((await s.sync.push(device.token, 'order_events', rows)).body.rejected).toEqual([]);
    return order;
  }

  const cancel = async (id: string, body?: { reason?: string }) => {
    const res = await client().POST('/api/v1/orders/{id}/cancel', { params: { path: { id } }, body });
    return { status: res.response.status, body: res.data ?? res.error };
  };

  it('cancels an order the store has not handed over, even mid-picking', async () => {
    const order = await orderWith(['accepted', 'picking_started']);
    expect((await cancel(order.id, { reason: 'customer changed mind' })).body).toEqual({ orderId: order.id, outcome: 'cancelled', status: 'cancelled' });
    const pulled = await s.sync.pull(device.token, 'orders');
    expect(pulled.body.documents[0]?.cancel).toMatchObject({ reason: 'customer changed mind' });
    // Cancelling again changes nothing.
    const seq = await s.db.query('SELECT seq FROM stores');
    expect((await cancel(order.id)).body).toEqual({ orderId: order.id, outcome: 'already_final', status: 'cancelled' });
    expect(await s.db.query('SELECT seq FROM stores')).toEqual(seq);
  });

  it('turns a cancellation after hand-over into a return; a rejected order stays rejected', async () => {
    const sent = await orderWith(['accepted', 'picking_started', 'ready', 'dispatched']);
    expect((await cancel(sent.id)).body).toEqual({ orderId: sent.id, outcome: 'return', status: 'dispatched' });
    expect((await api('GET', `/orders/${sent.id}`)).body).toMatchObject({ status: 'dispatched', returnRequested: true });
    const rejected = await orderWith(['rejected']);
    expect((await cancel(rejected.id)).body).toEqual({ orderId: rejected.id, outcome: 'already_final', status: 'rejected' });
    expect(await cancel('EO-NONE')).toMatchObject({ status: 404, body: { code: 'NOT_FOUND' } });
  });
});

describe('GET /events', () => {
  it('pages through status changes by cursor, in commit order, and keeps the cursor when nothing is new', async () => {
    await s.admin.seedStore('S001');
    const device = await s.admin.enroll('S001', 'T1');
    const a = await s.admin.postOrder(makeOrderInput());
    const b = await s.admin.postOrder(makeOrderInput());
    await s.sync.push(device.token, 'order_events', [{ newDocumentState: { ...makeOrderEvent(device, a.id, 'accepted'), _deleted: false } }]);
    await api('POST', `/orders/${b.id}/cancel`, {});
    const seen: Array<[string, string]> = [];
    let cursor = '0';
    for (let page = 0; page < 10; page++) {
      const { data, response } = await client().GET('/api/v1/events', { params: { query: { after: cursor, limit: 3 } } });
      expect(response.status).toBe(200);
      if (!data) throw new Error('GET /events failed');
      seen.push(...data.events.map((e): [string, string] => [e.orderId, e.status]));
      if (data.events.length === 0) {
        expect(data.cursor).toBe(cursor);
        break;
      }
      cursor = data.cursor;
    }
    expect(seen).toEqual([[a.id, 'new'], [b.id, 'new'], [a.id, 'accepted'], [b.id, 'cancelled']]);
    expect(cursor).toBe('4');
    expect(await api('GET', '/events?after=abc')).toMatchObject({ status: 400, body: { code: 'VALIDATION_FAILED' } });
  });
});

describe('OpenAPI', () => {
  it('serves the description of every Platform API and sync route, and CORS for browser terminals', async () => {
    const res = await fetch(`${s.url}/openapi.json`, { headers: { origin: 'http://localhost:5173' } });
    expect(res.status).toBe(200);
    const doc = (await res.json()) as { openapi: string; paths: Record<string, unknown> };
    expect(doc.openapi).toMatch(/^3\./);
    for (const path of ['/api/v1/stores', '/api/v1/orders', '/api/v1/orders/{id}/cancel', '/api/v1/events', '/api/v1/stores/{storeId}/products', '/sync/v1/{collection}/pull', '/sync/v1/stream']) {
      expect(doc.paths).toHaveProperty([path]);
    }
    const pre = await fetch(`${s.url}/sync/v1/whoami`, {
      method: 'OPTIONS',
      headers: { origin: 'http://localhost:5173', 'access-control-request-method': 'GET', 'access-control-request-headers': 'authorization' },
    });
    expect(pre.status).toBeLessThan(300);
    expect(pre.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
    expect(pre.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('authorization');
  });
});
