import type { Checkpoint } from '../protocol/sync.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { OrderEvent } from '../model/order-event.js';
import { apiRoutes, type PlatformEventsResponse, type OrderStatusResponse } from '../protocol/platform.js';
import { makeOrderEvent, makeOrderInput, startTestServer, type TestServer } from './testing.js';
import { rerouteSweep } from './store/reroute.js';

type Device = { deviceId: string; storeId: string; token: string };

/** Three stores around one address: S001 nearest, then S002, S003 beyond reach. */
let s: TestServer;
let d1: Device;
let d2: Device;
beforeEach(async () => {
  s = await startTestServer();
  await s.admin.seedStore('S001', { location: { lat: 22.54, lon: 114.06 } });
  await s.admin.seedStore('S002', { location: { lat: 22.56, lon: 114.08 } });
  await s.admin.seedStore('S003', { location: { lat: 31.22, lon: 121.44 }, serviceRadiusKm: 5 });
  d1 = await s.admin.enroll('S001', 'T1');
  d2 = await s.admin.enroll('S002', 'T2');
});
afterEach(async () => {
  await s.close();
});

async function push(device: Device, events: OrderEvent[]): Promise<void> {
  const res = await s.sync.push(device.token, 'order_events', events.map((e) => ({ newDocumentState: { ...e, _deleted: false } })));
  expect(res.status).toBe(200);
  expect(res.body.rejected).toEqual([]);
}

async function platformOrder(id: string): Promise<OrderStatusResponse> {
  const res = await s.request<OrderStatusResponse>('GET', apiRoutes.order(id), { token: s.platformApiKey });
  expect(res.status).toBe(200);
  return res.body;
}

/** The order as a terminal that last pulled at `from` sees it next (from null: a fresh terminal's window). */
async function pulledOrder(device: Device, id: string, from: Checkpoint | null = null) {
  const res = await s.sync.pull(device.token, 'orders', from, 1000);
  return res.body.documents.find((d) => d.id === id);
}

describe('an order the store rejects goes to the next store', () => {
  it('moves to the nearest other store that serves the address; the first store’s terminals drop it', async () => {
    const { id } = await s.admin.postOrder(makeOrderInput({ storeId: undefined }));
    expect((await platformOrder(id)).order.storeId).toBe('S001');
    const seen = (await s.sync.pull(d1.token, 'orders', null, 1000)).body.checkpoint;

    await push(d1, [makeOrderEvent(d1, id, 'rejected', { note: 'freezer broken' })]);

    const moved = await platformOrder(id);
    expect(moved.order.storeId).toBe('S002');
    expect(moved.status).toBe('new');
    expect((await pulledOrder(d2, id))?._deleted).toBe(false);
    // A terminal that held it receives the tombstone; a fresh one never sees the order at all.
    expect((await pulledOrder(d1, id, seen))?._deleted).toBe(true);
    expect(await pulledOrder(d1, id)).toBeUndefined();
    const feed = await s.request<PlatformEventsResponse>('GET', `${apiRoutes.events}?after=0`, { token: s.platformApiKey });
    expect(feed.body.events.filter((e) => e.orderId === id).map((e) => [e.storeId, e.status])).toEqual([
      ['S001', 'new'],
      ['S001', 'rejected'],
      ['S002', 'new'],
    ]);
    // The first store can no longer work on it.
    const late = await s.sync.push(d1.token, 'order_events', [{ newDocumentState: { ...makeOrderEvent(d1, id, 'accepted'), _deleted: false } }]);
    expect(late.body.rejected.map((r) => r.code)).toEqual(['UNKNOWN_ORDER']);
  });

  it('stays rejected when every store that serves the address has rejected it, or it was sent to a named store without a location', async () => {
    const { id } = await s.admin.postOrder(makeOrderInput({ storeId: undefined }));
    await push(d1, [makeOrderEvent(d1, id, 'rejected')]);
    await push(d2, [makeOrderEvent(d2, id, 'rejected')]);
    const final = await platformOrder(id);
    expect([final.order.storeId, final.status]).toEqual(['S002', 'rejected']);

    const input = makeOrderInput({ storeId: 'S001' });
    const { address: _a, ...noAddress } = input.fulfilment;
    const { id: named } = await s.admin.postOrder({ ...input, fulfilment: noAddress });
    await push(d1, [makeOrderEvent(d1, named, 'rejected')]);
    expect((await platformOrder(named)).status).toBe('rejected');
  });

  it('finishes a reroute at start-up that a crash left undone, and only once', async () => {
    const { id } = await s.admin.postOrder(makeOrderInput({ storeId: undefined }));
    // A rejection stored as the push would have stored it, without the reroute that follows the commit.
    const event = makeOrderEvent(d1, id, 'rejected');
    await s.db.query("UPDATE stores SET seq = seq + 1 WHERE id = 'S001'");
    await s.db.query(
      "INSERT INTO docs (store_id, collection, id, position, data, deleted, updated_at) VALUES ('S001', 'order_events', $1, (SELECT seq FROM stores WHERE id = 'S001'), $2::jsonb, false, now())",
      [event.id, JSON.stringify(event)],
    );
    expect((await platformOrder(id)).order.storeId).toBe('S001');
    expect(await rerouteSweep(s.db)).toEqual([{ kind: 'rerouted', from: 'S001', to: 'S002' }]);
    expect(await rerouteSweep(s.db)).toEqual([]);
    expect((await platformOrder(id)).order.storeId).toBe('S002');
  });
});
