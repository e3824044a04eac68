import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { OrderEvent } from '../model/order-event.js';
import { foldEvents, type StatusFold } from '../model/status.js';
import { apiRoutes, type OrderBatchResponse, type OrderInput, type OrderStatusResponse, type PlatformEventsResponse } from '../protocol/platform.js';
import type { PushResponse } from '../protocol/sync.js';
import { logQueries, type LoggedQuery, type QueryLog } from './query-log.js';
import { makeOrderEvent, makeOrderInput, startTestServer, type TestServer } from './testing.js';

type Device = { deviceId: string; storeId: string; token: string };

let s: TestServer;
let log: QueryLog;
let d: Device;
let t0: number;
beforeEach(async () => {
  s = await startTestServer({ wrapDb: (db) => (log = logQueries(db)).db });
  await s.admin.seedStore('S001');
  await s.admin.seedStore('S002', { location: { lat: 23.13, lon: 113.26 } });
  d = await s.admin.enroll('S001', 'T1');
  t0 = Date.now();
});
afterEach(async () => {
  await s.close();
});

const at = (ms: number) => new Date(t0 + ms).toISOString();

async function push(events: OrderEvent[], device = d): Promise<PushResponse<'order_events'>> {
  const res = await s.sync.push(device.token, 'order_events', events.map((e) => ({ newDocumentState: { ...e, _deleted: false } })));
  expect(res.status).toBe(200);
  return res.body;
}

/** Batch claims never move the status, so an order can hold any number of them. */
const claims = (orderId: string, n: number, from = 0) =>
  Array.from({ length: n }, (_, i) => makeOrderEvent(d, orderId, i % 2 ? 'batch_released' : 'batch_claimed', { batchId: `B-${from + i}`, at: at(from + i) }));

async function storedFold(orderId: string): Promise<StatusFold | undefined> {
  const [row] = await s.db.query<{ fold: StatusFold }>("SELECT fold FROM order_folds WHERE store_id = 'S001' AND order_id = $1", [orderId]);
  return row?.fold;
}

async function storedEvents(orderId: string): Promise<OrderEvent[]> {
  const rows = await s.db.query<{ data: OrderEvent }>("SELECT data FROM docs WHERE collection = 'order_events' AND data->>'orderId' = $1", [orderId]);
  return rows.map((r) => r.data);
}

const shape = (queries: readonly LoggedQuery[]) => queries.map((q) => `${q.sql} -> ${q.rows}`);

describe('the status fold kept per order', () => {
  it('holds the fold of every stored fact, a late one folded in at its place, and the platform sees what GET /orders says', async () => {
    const order = await s.admin.postOrder(makeOrderInput());
    expect(await push([makeOrderEvent(d, order.id, 'accepted', { at: at(2000) }), makeOrderEvent(d, order.id, 'picking_started', { at: at(3000) })])).toEqual({ conflicts: [], rejected: [] });
    expect((await storedFold(order.id))?.status).toBe('picking');
    // A terminal that was offline rejected the order before the others accepted it: the rejection wins.
    expect(await push([makeOrderEvent(d, order.id, 'rejected', { at: at(1000) })])).toEqual({ conflicts: [], rejected: [] });
    const stored = await storedFold(order.id);
    expect(stored).toEqual(foldEvents(order, await storedEvents(order.id)));
    expect(stored?.status).toBe('rejected');
    const view = await s.request<OrderStatusResponse>('GET', apiRoutes.order(order.id), { token: s.platformApiKey });
    expect(view.body.status).toBe('rejected');
    const feed = await s.request<PlatformEventsResponse>('GET', `${apiRoutes.events}?limit=1000`, { token: s.platformApiKey });
    // One entry per push that moved the status: the first push went from new to picking.
    expect(feed.body.events.filter((e) => e.orderId === order.id).map((e) => e.status)).toEqual(['new', 'picking', 'rejected']);
  });

  it('judges one more fact with the same statements and rows whether the order holds 3 facts or 300', async () => {
    const short = await s.admin.postOrder(makeOrderInput());
    const long = await s.admin.postOrder(makeOrderInput());
    await push(claims(short.id, 3));
    await push(claims(long.id, 300));
    const onShort = await log.during(() => push([makeOrderEvent(d, short.id, 'accepted', { at: at(10_000) })]));
    const onLong = await log.during(() => push([makeOrderEvent(d, long.id, 'accepted', { at: at(10_000) })]));
    expect(shape(onLong)).toEqual(shape(onShort));
    // Nothing of the history is read: every statement returns a row or two at most.
    expect(Math.max(...onLong.map((q) => q.rows))).toBeLessThanOrEqual(2);
  });

  it('stores a page of 500 facts onto an order of 5,500 in the statements a page onto a new order takes, so other stores never wait on history', async () => {
    const long = await s.admin.postOrder(makeOrderInput());
    const fresh = await s.admin.postOrder(makeOrderInput());
    for (let i = 0; i < 5500; i += 500) await push(claims(long.id, 500, i));
    await push(claims(fresh.id, 1));
    const onFresh = await log.during(() => push(claims(fresh.id, 500, 10_000)));
    const onLong = await log.during(() => push(claims(long.id, 500, 10_000)));
    expect(shape(onLong.filter((q) => q.inTx))).toEqual(shape(onFresh.filter((q) => q.inTx)));
    expect(onLong.filter((q) => q.inTx).length).toBeLessThanOrEqual(15);
    expect(await storedFold(long.id)).toEqual(foldEvents(long, await storedEvents(long.id)));
  });

  it.skipIf(!process.env.DATABASE_URL)("lets another store's pull through while a push waits on its own store's lock (PostgreSQL: PGlite has one connection)", async () => {
    const order = await s.admin.postOrder(makeOrderInput());
    const other = await s.admin.enroll('S002', 'T2');
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let locked!: () => void;
    const lockTaken = new Promise<void>((r) => (locked = r));
    // Another writer of S001 holds its store row, as a long push would.
    const holder = s.db.tx(async (q) => {
      await q.query("SELECT seq FROM stores WHERE id = 'S001' FOR UPDATE");
      locked();
      await held;
    });
    await lockTaken;
    let pushed = false;
    const waiting = push([makeOrderEvent(d, order.id, 'accepted')]).then(() => (pushed = true));
    const pulled = await s.sync.pull(other.token, 'stores');
    expect(pulled.status).toBe(200);
    expect(pushed).toBe(false);
    release();
    await holder;
    await waiting;
    expect(pushed).toBe(true);
  });

  it('a fact the database refuses is refused alone, and the facts after it are judged again without it', async () => {
    const order = await s.admin.postOrder(makeOrderInput());
    const accepted = makeOrderEvent(d, order.id, 'accepted', { at: at(1000) });
    const poisoned = makeOrderEvent(d, order.id, 'picking_started', { at: at(2000), note: 'poison' });
    const started = makeOrderEvent(d, order.id, 'picking_started', { at: at(3000) });
    // Validation lets nothing through that PostgreSQL would refuse on its own (a NUL, say), so a constraint stands
    // in for whatever the database may yet refuse; the pooled database gets it back as it was.
    await s.db.query(`ALTER TABLE docs ADD CONSTRAINT test_poison CHECK (data->>'note' IS DISTINCT FROM 'poison')`);
    try {
      const res = await push([accepted, poisoned, started]);
      expect(res.rejected.map((r) => [r.documentId, r.code])).toEqual([[poisoned.id, 'INTERNAL']]);
      expect(res.rejected[0]?.message).not.toMatch(/test_poison|constraint|poison/i);
    } finally {
      await s.db.query('ALTER TABLE docs DROP CONSTRAINT test_poison');
    }
    expect((await storedEvents(order.id)).map((e) => e.id).sort()).toEqual([accepted.id, started.id].sort());
    expect((await storedFold(order.id))?.status).toBe('picking');
  });
});

describe('batch ingest (POST /api/v1/orders/batch)', () => {
  const ingest = (orders: unknown[]) => s.request<OrderBatchResponse>('POST', apiRoutes.ordersBatch, { token: s.platformApiKey, body: { orders } });

  it('judges each order on its own and answers in request order, with the codes a single POST gives', async () => {
    const taken = makeOrderInput();
    await s.admin.postOrder(taken);
    const fresh = makeOrderInput();
    const routed = makeOrderInput({ storeId: undefined, fulfilment: { ...makeOrderInput().fulfilment, address: { line1: 'x', city: 'Guangzhou', lat: 23.13, lon: 113.26 } } });
    const bad = makeOrderInput({ lines: [{ sku: 'X1', name: 'Tea', qty: 0, unitPrice: 100 }] });
    const nowhere = makeOrderInput({ storeId: 'S999' });
    const changed: OrderInput = { ...taken, customer: { name: 'Someone else', phone: '+86 139 0000 0000' } };
    const twiceDifferent: OrderInput = { ...fresh, payment: { ...fresh.payment, amount: 1 } };
    const res = await ingest([fresh, routed, taken, changed, bad, nowhere, fresh, twiceDifferent]);
    expect(res.status).toBe(200);
    expect(res.body.results.map((r) => [r.index, r.outcome, r.outcome === 'refused' ? r.error.code : r.storeId])).toEqual([
      [0, 'created', 'S001'],
      [1, 'created', 'S002'],
      [2, 'unchanged', 'S001'],
      [3, 'refused', 'CONFLICT'],
      [4, 'refused', 'VALIDATION_FAILED'],
      [5, 'refused', 'UNKNOWN_STORE'],
      [6, 'unchanged', 'S001'],
      [7, 'refused', 'CONFLICT'],
    ]);
    const refusal = res.body.results[4];
    expect(refusal?.outcome === 'refused' && refusal.error.details?.path).toBe('body/orders/4/lines/0/qty');
    const pulled = await s.sync.pull(d.token, 'orders');
    expect(pulled.body.documents.map((o) => o.id).sort()).toEqual([taken.id, fresh.id].sort());
    const feed = await s.request<PlatformEventsResponse>('GET', `${apiRoutes.events}?limit=1000`, { token: s.platformApiKey });
    expect(feed.body.events.map((e) => [e.orderId, e.storeId, e.status])).toEqual([
      [taken.id, 'S001', 'new'],
      [fresh.id, 'S001', 'new'],
      [routed.id, 'S002', 'new'],
    ]);
  });

  it('stores a store\'s new orders of one batch at one position, in one statement', async () => {
    const orders = Array.from({ length: 50 }, () => makeOrderInput());
    const statements = await log.during(async () => expect((await ingest(orders)).body.results.every((r) => r.outcome === 'created')).toBe(true));
    expect(statements.filter((q) => q.sql.startsWith('WITH x AS')).length).toBe(1);
    const positions = await s.db.query<{ position: number }>("SELECT DISTINCT position FROM docs WHERE collection = 'orders'");
    expect(positions).toHaveLength(1);
  });

  it('refuses more than 500 orders, and a batch that is not a list, storing nothing', async () => {
    const many = Array.from({ length: 501 }, () => makeOrderInput());
    expect(await ingest(many)).toMatchObject({ status: 400, body: { code: 'VALIDATION_FAILED' } });
    expect((await s.request('POST', apiRoutes.ordersBatch, { token: s.platformApiKey, body: { orders: 'all' } })).status).toBe(400);
    expect((await s.request('POST', apiRoutes.ordersBatch, { token: 'wrong', body: { orders: [makeOrderInput()] } })).status).toBe(401);
    expect(await s.db.query("SELECT id FROM docs WHERE collection = 'orders'")).toEqual([]);
  });

  it('takes each order once when two batches race with the same orders', async () => {
    const orders = Array.from({ length: 40 }, () => makeOrderInput());
    const [a, b] = await Promise.all([ingest(orders), ingest(orders)]);
    for (const [i] of orders.entries()) {
      expect([a.body.results[i]?.outcome, b.body.results[i]?.outcome].sort()).toEqual(['created', 'unchanged']);
    }
    const feed = await s.request<PlatformEventsResponse>('GET', `${apiRoutes.events}?limit=1000`, { token: s.platformApiKey });
    expect(feed.body.events).toHaveLength(40);
  });
});
