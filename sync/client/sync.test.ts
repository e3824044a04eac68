import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTestServer, makeOrderInput, makeProductInput, type TestServer } from '../server/testing.js';
import { apiRoutes, type OrderStatusResponse } from '../protocol/platform.js';
import { makeEvent, startTerminal, waitFor, type Terminal } from './testkit.js';

let server: TestServer;
const terminals: Terminal[] = [];

beforeEach(async () => {
  server = await startTestServer();
  await server.admin.seedStore('S001');
});
afterEach(async () => {
  await Promise.all(terminals.splice(0).map((t) => t.stop()));
  await server.close();
});

async function terminal(storeId = 'S001'): Promise<Terminal> {
  const t = await startTerminal(server.url, await server.admin.enroll(storeId, `T${terminals.length + 1}`));
  terminals.push(t);
  return t;
}

async function statusOf(orderId: string): Promise<OrderStatusResponse> {
  const res = await server.request<OrderStatusResponse>('GET', apiRoutes.order(orderId), { token: server.platformApiKey });
  expect(res.status).toBe(200);
  return res.body;
}

describe('sync client against a real server', () => {
  it('pulls the store catalogue and orders on first start and reports being in sync', async () => {
    await server.admin.putProducts('S001', [0, 1, 2].map((i) => makeProductInput(i)));
    const o1 = await server.admin.postOrder(makeOrderInput());
    const o2 = await server.admin.postOrder(makeOrderInput());
    const t = await terminal();
    await t.sync.awaitInSync();
    expect((await t.db.products.find().exec()).map((p) => p.sku).sort()).toEqual(['SKU000000', 'SKU000001', 'SKU000002']);
    expect((await t.db.orders.find().exec()).map((o) => o.id).sort()).toEqual([o1.id, o2.id].sort());
    const product = await t.db.products.findOne('SKU000001').exec();
    expect(product?.storeId).toBe('S001');
    const state = await t.until((s) => s.online && s.lastSyncedAt !== null, 'online and in sync');
    expect(state).toMatchObject({ pending: 0, quarantined: 0, error: null });
  });

  it('receives an order posted through the Platform API live, through the stream', async () => {
    const t = await terminal();
    await t.sync.awaitInSync();
    await t.until((s) => s.online && s.lastSyncedAt !== null, 'first sync');
    const order = await server.admin.postOrder(makeOrderInput());
    // Only the stream's change message triggers a pull once in sync: nothing failed, so nothing retries.
    const doc = await waitFor(t.db.orders.findOne(order.id).$, (d) => d !== null, 'the order to arrive');
    expect(doc?.lines[0]?.qty).toBe(2);
    expect(t.latest().error).toBeNull();
  });

  it('pushes an order event and the server derives the new status', async () => {
    const order = await server.admin.postOrder(makeOrderInput());
    const t = await terminal();
    await t.sync.awaitInSync();
    await t.db.order_events.insert(makeEvent(t, order.id, 'accepted'));
    await t.until((s) => s.pending === 0 && s.lastSyncedAt !== null, 'the event to be acknowledged');
    await t.sync.awaitInSync();
    const status = await statusOf(order.id);
    expect(status.status).toBe('accepted');
    expect(status.history.map((h) => h.deviceId)).toEqual([t.device.deviceId]);
  });

  it('quarantines a refused event and still applies the valid one pushed with it', async () => {
    const order = await server.admin.postOrder(makeOrderInput());
    const t = await terminal();
    await t.sync.awaitInSync();
    const good = makeEvent(t, order.id, 'accepted');
    const wrongDevice = makeEvent(t, order.id, 'picking_started', { deviceId: 'someone-else' });
    const wrongStore = makeEvent(t, order.id, 'rejected', { storeId: 'S002' });
    const res = await t.db.order_events.bulkInsert([wrongDevice, good, wrongStore]);
    expect(res.error).toEqual([]);

    const state = await t.until((s) => s.quarantined === 2 && s.pending === 0, 'two quarantined, nothing pending');
    expect(state.error).toBeNull();
    const quarantined = await t.db.quarantine.find({ sort: [{ at: 'asc' }] }).exec();
    const byDoc = new Map(quarantined.map((q) => [q.documentId, q]));
    expect(byDoc.get(wrongDevice.id)?.code).toBe('DEVICE_MISMATCH');
    expect(byDoc.get(wrongStore.id)?.code).toBe('STORE_MISMATCH');
    expect(JSON.parse(byDoc.get(wrongStore.id)?.document ?? 'null')).toMatchObject({ id: wrongStore.id, storeId: 'S002' });
    // Out of the synced collection: no replica will ever see them, so this one must not derive status from them.
    expect((await t.db.order_events.find().exec()).map((e) => e.id)).toEqual([good.id]);

    await t.sync.awaitInSync();
    const status = await statusOf(order.id);
    expect(status.status).toBe('accepted');
    expect(status.history.map((h) => h.eventId)).toEqual([good.id]);

    // The queue keeps flowing after a refusal.
    const next = makeEvent(t, order.id, 'picking_started');
    await t.db.order_events.insert(next);
    await t.until((s) => s.pending === 0 && s.quarantined === 2, 'the next event pushed');
    await t.sync.awaitInSync();
    expect((await statusOf(order.id)).status).toBe('picking');
  });

  it('quarantines a pulled document that does not fit the local schema and still pulls the rest', async () => {
    const [o1, o2, o3] = [await server.admin.postOrder(makeOrderInput()), await server.admin.postOrder(makeOrderInput()), await server.admin.postOrder(makeOrderInput())];
    if (!o1 || !o2 || !o3) throw new Error('orders not created');
    // A row the server's own validation would never write, as after a botched migration.
    await server.db.query(`UPDATE docs SET data = data - 'dueAt' WHERE collection = 'orders' AND id = $1`, [o2.id]);
    // Pages of two: the bad document sits in the first page, which must be refilled rather than read as "caught up".
    const t = await startTerminal(server.url, await server.admin.enroll('S001', 'T'), undefined, { pullBatchSize: 2 });
    terminals.push(t);
    await t.sync.awaitInSync();
    expect((await t.db.orders.find().exec()).map((o) => o.id).sort()).toEqual([o1.id, o3.id].sort());
    const q = await t.db.quarantine.findOne(`orders:${o2.id}`).exec();
    expect(q?.code).toBe('VALIDATION_FAILED');
    expect(q?.message).toContain('dueAt');
    await t.until((s) => s.quarantined === 1 && s.error === null, 'quarantine counted');
  });

  it('reports a revoked device as an error with its stable code', async () => {
    const t = await terminal();
    await t.until((s) => s.online, 'online');
    await server.admin.revoke(t.device.deviceId);
    const state = await t.until((s) => !s.online && s.error !== null, 'the refusal');
    expect(['DEVICE_REVOKED', 'UNAUTHORIZED']).toContain(state.error?.code);
  });
});
