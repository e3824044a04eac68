import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Order } from '../model/order.js';
import type { OrderEvent } from '../model/order-event.js';
import type { PlatformEventsResponse } from '../protocol/platform.js';
import type { Checkpoint, DeviceInfo, WireDoc } from '../protocol/sync.js';
import { makeOrderEvent, makeOrderInput, makeProductInput, startTestServer, type TestServer } from './testing.js';

type Device = { deviceId: string; storeId: string; token: string };

let s: TestServer;
let d1: Device;
let d2: Device;
beforeEach(async () => {
  s = await startTestServer();
  await s.admin.seedStore('S001');
  await s.admin.seedStore('S002', { location: { lat: 23.13, lon: 113.26 } });
  d1 = await s.admin.enroll('S001', 'T1');
  d2 = await s.admin.enroll('S002', 'T2');
});
afterEach(async () => {
  await s.close();
});

async function pullAll<C extends 'orders' | 'order_events' | 'products'>(token: string, c: C, from: Checkpoint | null = null, limit = 2) {
  const docs: WireDoc<C>[] = [];
  let cp = from;
  for (;;) {
    const res = await s.sync.pull(token, c, cp, limit);
    expect(res.status).toBe(200);
    docs.push(...res.body.documents);
    cp = res.body.checkpoint;
    if (res.body.documents.length < limit) return { docs, checkpoint: cp };
  }
}

async function platformEvents() {
  return (await s.request<PlatformEventsResponse>('GET', '/api/v1/events?limit=1000', { token: s.platformApiKey })).body.events;
}

describe('sync API', () => {
  it('whoami answers the device and its store, from the token', async () => {
    const res = await s.request<DeviceInfo>('GET', '/sync/v1/whoami', { token: d1.token });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ deviceId: d1.deviceId, deviceName: 'T1', storeId: 'S001', storeName: 'Store S001', timezone: 'Asia/Shanghai' });
  });

  it('pulls pages in position order by checkpoint, and an empty page keeps the checkpoint', async () => {
    await s.admin.putProducts('S001', [1, 2, 3, 4, 5].map((i) => makeProductInput(i)));
    const o1 = await s.admin.postOrder(makeOrderInput());
    const o2 = await s.admin.postOrder(makeOrderInput());
    const products = await pullAll(d1.token, 'products');
    expect(products.docs.map((p) => p.sku)).toEqual(['SKU000001', 'SKU000002', 'SKU000003', 'SKU000004', 'SKU000005']);
    expect(products.docs[0]).toMatchObject({ storeId: 'S001', locationKey: 'A0002|S0002|B0002', _deleted: false });
    const orders = await pullAll(d1.token, 'orders');
    expect(orders.docs.map((o) => o.id)).toEqual([o1.id, o2.id]);
    expect(orders.docs[0]?.dueAt).toBe(o1.fulfilment.slot.dueAt);
    const again = await s.sync.pull(d1.token, 'orders', orders.checkpoint);
    expect(again.body).toEqual({ documents: [], checkpoint: orders.checkpoint });
    const first = await s.sync.pull(d1.token, 'orders', null, 1);
    expect(first.body.checkpoint?.id).toBe(o1.id);
  });

  it('pushes order events, which change the status the platform sees', async () => {
    const order = await s.admin.postOrder(makeOrderInput());
    const accepted = makeOrderEvent(d1, order.id, 'accepted');
    const res = await s.sync.push(d1.token, 'order_events', [{ newDocumentState: { ...accepted, _deleted: false } }]);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ conflicts: [], rejected: [] });
    const pulled = await pullAll(d1.token, 'order_events');
    expect(pulled.docs).toEqual([{ ...accepted, _deleted: false }]);
    const status = await s.request<{ status: string; history: unknown[] }>('GET', `/api/v1/orders/${order.id}`, { token: s.platformApiKey });
    expect(status.body.status).toBe('accepted');
    expect(status.body.history).toEqual([expect.objectContaining({ eventId: accepted.id, type: 'accepted', applied: true })]);
    expect((await platformEvents()).map((e) => e.status)).toEqual(['new', 'accepted']);
  });

  it('a retried push changes nothing: same positions, no new platform events', async () => {
    const order = await s.admin.postOrder(makeOrderInput());
    const rows = [
      { newDocumentState: { ...makeOrderEvent(d1, order.id, 'accepted'), _deleted: false } },
      { newDocumentState: { ...makeOrderEvent(d1, order.id, 'picking_started'), _deleted: false } },
    ];
    expect((await s.sync.push(d1.token, 'order_events', rows)).body).toEqual({ conflicts: [], rejected: [] });
    const positions = await s.db.query<{ id: string; position: number }>("SELECT id, position FROM docs WHERE collection = 'order_events' ORDER BY id");
    const [{ seq }] = (await s.db.query<{ seq: number }>("SELECT seq FROM stores WHERE id = 'S001'")) as [{ seq: number }];
    const events = await platformEvents();

    const retry = await s.sync.push(d1.token, 'order_events', rows);
    expect(retry.body).toEqual({ conflicts: [], rejected: [] });
    expect(await s.db.query("SELECT id, position FROM docs WHERE collection = 'order_events' ORDER BY id")).toEqual(positions);
    expect(await s.db.query("SELECT seq FROM stores WHERE id = 'S001'")).toEqual([{ seq }]);
    expect(await platformEvents()).toEqual(events);
  });

  it('a different fact under an existing event id comes back as a conflict, and the stored one stays', async () => {
    const order = await s.admin.postOrder(makeOrderInput());
    const ev = makeOrderEvent(d1, order.id, 'accepted');
    await s.sync.push(d1.token, 'order_events', [{ newDocumentState: { ...ev, _deleted: false } }]);
    const changed = { ...ev, type: 'rejected' as const, note: 'out of stock' };
    const res = await s.sync.push(d1.token, 'order_events', [{ newDocumentState: { ...changed, _deleted: false }, assumedMasterState: { ...ev, _deleted: false } }]);
    expect(res.body).toEqual({ conflicts: [{ ...ev, _deleted: false }], rejected: [] });
    expect((await pullAll(d1.token, 'order_events')).docs).toEqual([{ ...ev, _deleted: false }]);
  });

  it('judges each document on its own: bad rows are rejected with reasons, good rows apply', async () => {
    const order = await s.admin.postOrder(makeOrderInput());
    const good = makeOrderEvent(d1, order.id, 'accepted');
    const invalid = { ...makeOrderEvent(d1, order.id, 'picking_started'), type: 'teleported' };
    const otherStore = makeOrderEvent({ ...d1, storeId: 'S002' }, order.id, 'accepted');
    const otherDevice = makeOrderEvent({ ...d1, deviceId: d2.deviceId }, order.id, 'accepted');
    const noOrder = makeOrderEvent(d1, 'EO-NOPE', 'accepted');
    const extraField = { ...makeOrderEvent(d1, order.id, 'accepted'), stock: 5 };
    const rows = [good, invalid, otherStore, otherDevice, noOrder, extraField].map((doc) => ({ newDocumentState: { ...doc, _deleted: false, _meta: { lwt: 1 }, _rev: '1-x' } as WireDoc<'order_events'> }));
    const res = await s.sync.push(d1.token, 'order_events', rows);
    expect(res.status).toBe(200);
    expect(res.body.conflicts).toEqual([]);
    expect(res.body.rejected.map((r) => [r.documentId, r.code])).toEqual([
      [invalid.id, 'VALIDATION_FAILED'],
      [otherStore.id, 'STORE_MISMATCH'],
      [otherDevice.id, 'DEVICE_MISMATCH'],
      [noOrder.id, 'UNKNOWN_ORDER'],
      [extraField.id, 'VALIDATION_FAILED'],
    ]);
    expect(res.body.rejected[0]?.message).toMatch(/type/);
    expect(res.body.rejected[4]?.message).toMatch(/stock/);
    expect((await pullAll(d1.token, 'order_events')).docs.map((e) => e.id)).toEqual([good.id]);
  });

  it('terminals cannot write centre collections (WRONG_WRITER), and nothing is written', async () => {
    const order = await s.admin.postOrder(makeOrderInput());
    const [{ seq }] = (await s.db.query<{ seq: number }>("SELECT seq FROM stores WHERE id = 'S001'")) as [{ seq: number }];
    const forged: Order = { ...order, payment: { ...order.payment, amount: 1 } };
    const res = await s.sync.push(d1.token, 'orders', [{ newDocumentState: { ...forged, _deleted: false }, assumedMasterState: { ...order, _deleted: false } }]);
    expect(res.body.rejected).toEqual([{ documentId: order.id, code: 'WRONG_WRITER', message: expect.any(String) }]);
    expect(await s.db.query("SELECT seq FROM stores WHERE id = 'S001'")).toEqual([{ seq }]);
    expect((await pullAll(d1.token, 'orders')).docs[0]?.payment.amount).toBe(order.payment.amount);
  });

  it('a device of S002 can neither read nor write anything of S001', async () => {
    await s.admin.putProducts('S001', [makeProductInput(1)]);
    const o1 = await s.admin.postOrder(makeOrderInput({ storeId: 'S001' }));
    const o2 = await s.admin.postOrder(makeOrderInput({ storeId: 'S002' }));
    await s.sync.push(d1.token, 'order_events', [{ newDocumentState: { ...makeOrderEvent(d1, o1.id, 'accepted'), _deleted: false } }]);
    // S002's device sees its own order only, from every collection, from the very start of the feed.
    expect((await pullAll(d2.token, 'orders')).docs.map((o) => o.id)).toEqual([o2.id]);
    expect((await pullAll(d2.token, 'products')).docs).toEqual([]);
    expect((await pullAll(d2.token, 'order_events')).docs).toEqual([]);
    // Writing into S001 fails however it is dressed up: S001's storeId, or its own storeId on S001's order.
    const asS001 = makeOrderEvent({ deviceId: d2.deviceId, storeId: 'S001' }, o1.id, 'rejected');
    const onS001Order = makeOrderEvent(d2, o1.id, 'rejected');
    const res = await s.sync.push(d2.token, 'order_events', [
      { newDocumentState: { ...asS001, _deleted: false } },
      { newDocumentState: { ...onS001Order, _deleted: false } },
    ]);
    expect(res.body.rejected.map((r) => r.code)).toEqual(['STORE_MISMATCH', 'UNKNOWN_ORDER']);
    const s1Events = await pullAll(d1.token, 'order_events');
    expect(s1Events.docs.map((e) => e.type)).toEqual(['accepted']);
    const status = await s.request<{ status: string }>('GET', `/api/v1/orders/${o1.id}`, { token: s.platformApiKey });
    expect(status.body.status).toBe('accepted');
    const stored = await s.db.query<{ store_id: string }>("SELECT store_id FROM docs WHERE collection = 'order_events'");
    expect(stored).toEqual([{ store_id: 'S001' }]);
  });

  it('refuses unknown collections and schema versions with stable codes', async () => {
    const unknown = await s.request('GET', '/sync/v1/stock/pull?schemaVersion=0', { token: d1.token });
    expect(unknown).toMatchObject({ status: 404, body: { code: 'UNKNOWN_COLLECTION' } });
    const future = await s.request('GET', '/sync/v1/orders/pull?schemaVersion=7', { token: d1.token });
    expect(future).toMatchObject({ status: 400, body: { code: 'UNSUPPORTED_SCHEMA_VERSION' } });
    const pushFuture = await s.request('POST', '/sync/v1/order_events/push?schemaVersion=7', { token: d1.token, body: { rows: [] } });
    expect(pushFuture).toMatchObject({ status: 400, body: { code: 'UNSUPPORTED_SCHEMA_VERSION' } });
    const protocol = await s.request('GET', '/sync/v9/orders/pull?schemaVersion=0', { token: d1.token });
    expect(protocol).toMatchObject({ status: 400, body: { code: 'UNSUPPORTED_PROTOCOL_VERSION' } });
  });

  it('keeps order events append-only: a tombstone is rejected', async () => {
    const order = await s.admin.postOrder(makeOrderInput());
    const ev: OrderEvent = makeOrderEvent(d1, order.id, 'accepted');
    await s.sync.push(d1.token, 'order_events', [{ newDocumentState: { ...ev, _deleted: false } }]);
    const res = await s.sync.push(d1.token, 'order_events', [{ newDocumentState: { ...ev, _deleted: true }, assumedMasterState: { ...ev, _deleted: false } }]);
    expect(res.body.rejected).toEqual([{ documentId: ev.id, code: 'VALIDATION_FAILED', message: expect.stringMatching(/append-only/) }]);
    expect((await pullAll(d1.token, 'order_events')).docs).toEqual([{ ...ev, _deleted: false }]);
  });
});
