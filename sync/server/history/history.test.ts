import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { OrderEvent } from '../../model/order-event.js';
import { historyRoutes, type HistoryActivityResponse, type HistoryOrderResponse } from '../../protocol/history.js';
import { makeOrderEvent, makeOrderInput, makeStockMove, startTestServer, type TestServer } from '../testing.js';
import { sweepStore } from '../window/sweep.js';

type Device = { deviceId: string; storeId: string; token: string };
const DAY = 86_400_000;

let s: TestServer;
let t1: Device;
let other: Device;
beforeEach(async () => {
  s = await startTestServer();
  await s.admin.seedStore('S001');
  await s.admin.seedStore('S002', { location: { lat: 31.22, lon: 121.44 } });
  t1 = await s.admin.enroll('S001', 'T1');
  other = await s.admin.enroll('S002', 'T9');
});
afterEach(async () => {
  await s.close();
});

async function push(d: Device, events: OrderEvent[]): Promise<void> {
  const res = await s.sync.push(d.token, 'order_events', events.map((e) => ({ newDocumentState: { ...e, _deleted: false } })));
  expect(res.body.rejected).toEqual([]);
}

describe('history online', () => {
  it('reads an order the window let go, with its facts and moves, for its own store only', async () => {
    const { id } = await s.admin.postOrder(makeOrderInput());
    const events = ['accepted', 'picking_started', 'ready', 'dispatched', 'delivered'].map((type) => makeOrderEvent(t1, id, type as OrderEvent['type']));
    await push(t1, events);
    const pick = makeStockMove(t1, { kind: 'pick', qty: -2, orderId: id });
    await s.sync.push(t1.token, 'stock_moves', [{ newDocumentState: { ...pick, _deleted: false } }]);
    await sweepStore(s.db, 'S001', Date.now() + 8 * DAY);

    const res = await s.request<HistoryOrderResponse>('GET', historyRoutes.order(id), { token: t1.token });
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('delivered');
    expect(res.body.inWindow).toBe(false);
    expect(res.body.events.map((e) => e.id)).toEqual(events.map((e) => e.id));
    expect(res.body.moves.map((m) => m.id)).toEqual([pick.id]);

    // Another store's device learns nothing, not even that the order exists.
    const foreign = await s.request<{ code: string }>('GET', historyRoutes.order(id), { token: other.token });
    expect([foreign.status, foreign.body.code]).toEqual([404, 'NOT_FOUND']);
    const missing = await s.request<{ code: string }>('GET', historyRoutes.order('EO-NOPE'), { token: t1.token });
    expect([missing.status, missing.body.code]).toEqual([404, 'NOT_FOUND']);
    expect((await s.request('GET', historyRoutes.order(id))).status).toBe(401);
  });

  it('pages the activity trail newest first by (at, id), and filters by order', async () => {
    const { id } = await s.admin.postOrder(makeOrderInput());
    const base = Date.now() - 60_000;
    const events = Array.from({ length: 7 }, (_, i) => makeOrderEvent(t1, id, 'batch_claimed', { at: new Date(base + i * 1000).toISOString(), batchId: `B${i}` }));
    await push(t1, events);
    const moves = [makeStockMove(t1, { at: new Date(base + 500).toISOString() })];
    await s.sync.push(t1.token, 'stock_moves', moves.map((m) => ({ newDocumentState: { ...m, _deleted: false } })));
    await s.sync.push(other.token, 'stock_moves', [{ newDocumentState: { ...makeStockMove(other), _deleted: false } }]);

    const seen: string[] = [];
    let q = `${historyRoutes.activity()}?limit=3`;
    for (let page = 0; page < 5; page++) {
      const res = await s.request<HistoryActivityResponse>('GET', q, { token: t1.token });
      expect(res.status).toBe(200);
      seen.push(...[...res.body.events, ...res.body.moves].sort((a, b) => (a.at < b.at ? 1 : -1)).map((f) => f.id));
      if (!res.body.next) break;
      q = `${historyRoutes.activity()}?limit=3&before=${encodeURIComponent(res.body.next.at)}&beforeId=${res.body.next.id}`;
    }
    const expected = [...events, ...moves].sort((a, b) => (a.at < b.at ? 1 : -1)).map((f) => f.id);
    expect(seen).toEqual(expected);

    const byOrder = await s.request<HistoryActivityResponse>('GET', `${historyRoutes.activity()}?orderId=${id}&limit=500`, { token: t1.token });
    expect(byOrder.body.events).toHaveLength(7);
    expect(byOrder.body.moves).toEqual([]);
    const bad = await s.request<{ code: string }>('GET', `${historyRoutes.activity()}?before=yesterday`, { token: t1.token });
    expect([bad.status, bad.body.code]).toEqual([400, 'VALIDATION_FAILED']);
  });
});
