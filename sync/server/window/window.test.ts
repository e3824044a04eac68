import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CollectionName } from '../../model/collections.js';
import type { OrderEvent, OrderEventType } from '../../model/order-event.js';
import { apiRoutes } from '../../protocol/platform.js';
import type { Checkpoint, WireDoc } from '../../protocol/sync.js';
import { WINDOW_FEED_SQL } from '../store/feed.js';
import { makeOrderEvent, makeOrderInput, makeStockMove, startTestServer, type TestServer } from '../testing.js';
import { sweepStore } from './sweep.js';

type Device = { deviceId: string; storeId: string; token: string };
const DAY = 86_400_000;
const DELIVERED: OrderEventType[] = ['accepted', 'picking_started', 'ready', 'dispatched', 'delivered'];

let s: TestServer;
let t1: Device;
let t2: Device;
beforeEach(async () => {
  s = await startTestServer();
  await s.admin.seedStore('S001');
  t1 = await s.admin.enroll('S001', 'T1');
  t2 = await s.admin.enroll('S001', 'T2');
});
afterEach(async () => {
  await s.close();
});

async function push(d: Device, events: OrderEvent[]): Promise<void> {
  const res = await s.sync.push(d.token, 'order_events', events.map((e) => ({ newDocumentState: { ...e, _deleted: false } })));
  expect(res.status).toBe(200);
  expect(res.body.rejected).toEqual([]);
}

async function newOrder(): Promise<string> {
  return (await s.admin.postOrder(makeOrderInput())).id;
}

async function deliver(d: Device, orderId: string, types = DELIVERED): Promise<OrderEvent[]> {
  const events = types.map((type) => makeOrderEvent(d, orderId, type));
  await push(d, events);
  return events;
}

/** What a terminal holds after applying pulls from `from` until caught up, as RxDB applies them: the last state wins. */
class Replica {
  readonly docs = new Map<string, Map<string, WireDoc<CollectionName>>>();
  readonly checkpoints = new Map<CollectionName, Checkpoint | null>();
  constructor(readonly device: Device) {}

  async pull(collection: CollectionName, limit = 100): Promise<WireDoc<CollectionName>[]> {
    const seen: WireDoc<CollectionName>[] = [];
    for (;;) {
      const res = await s.sync.pull(this.device.token, collection, this.checkpoints.get(collection) ?? null, limit);
      expect(res.status).toBe(200);
      this.apply(collection, res.body.documents);
      seen.push(...res.body.documents);
      // As RxDB keeps it: each new checkpoint merged into the last (stackCheckpoints), so `until` outlives the window
      // read; an empty page leaves the checkpoint as it was.
      if (res.body.documents.length > 0) this.checkpoints.set(collection, Object.assign({}, this.checkpoints.get(collection), res.body.checkpoint));
      if (res.body.documents.length < limit) return seen;
    }
  }

  apply(collection: CollectionName, docs: readonly WireDoc<CollectionName>[]): void {
    const held = this.docs.get(collection) ?? new Map();
    this.docs.set(collection, held);
    for (const d of docs) {
      const id = String((d as unknown as Record<string, unknown>).id);
      // An eviction or a tombstone is purged locally (the RxDB cleanup plugin does it on a terminal).
      if (d._deleted) held.delete(id);
      else held.set(id, d);
    }
  }

  ids(collection: CollectionName): string[] {
    return [...(this.docs.get(collection)?.keys() ?? [])].sort();
  }

  async pullAll(): Promise<void> {
    for (const c of ['orders', 'order_events', 'stock_moves'] as const) await this.pull(c);
  }
}

const sorted = (ids: string[]) => [...ids].sort();

describe('the window: what a terminal holds', () => {
  it('an order finished 8 days ago leaves every terminal, and a fresh terminal never receives it', async () => {
    const r1 = new Replica(t1);
    const r2 = new Replica(t2);
    const finished = await newOrder();
    const open = await newOrder();
    await r1.pullAll();
    await r2.pullAll();
    const events = await deliver(t1, finished);
    const accepted = await deliver(t2, open, ['accepted']);
    await r1.pullAll();
    await r2.pullAll();
    expect(r2.ids('orders')).toEqual(sorted([finished, open]));

    // A receipt not booked against an order: the stock snapshot already counts it, so it leaves after a day.
    const receipt = makeStockMove(t1);
    expect((await s.sync.push(t1.token, 'stock_moves', [{ newDocumentState: { ...receipt, _deleted: false } }])).body.rejected).toEqual([]);
    await r1.pull('stock_moves');
    expect(r1.ids('stock_moves')).toEqual([receipt.id]);
    // Six days on, the order is still in the window and the receipt has left; eight days on, the order has left.
    expect(await sweepStore(s.db, 'S001', Date.now() + 6 * DAY)).toMatchObject({ orders: 0, events: 0, moves: 1 });
    await r1.pull('stock_moves');
    expect(r1.ids('stock_moves')).toEqual([]);
    expect(await sweepStore(s.db, 'S001', Date.now() + 8 * DAY)).toMatchObject({ orders: 1, events: events.length });
    // The same sweep again finds nothing: it is idempotent.
    expect(await sweepStore(s.db, 'S001', Date.now() + 8 * DAY)).toMatchObject({ orders: 0, events: 0, transactions: 0 });

    for (const r of [r1, r2]) {
      const evictions = (await r.pull('orders')).filter((d) => d._deleted).map((d) => (d as WireDoc<'orders'>).id);
      expect(evictions).toEqual([finished]);
      await r.pull('order_events');
      expect(r.ids('orders')).toEqual([open]);
      expect(r.ids('order_events')).toEqual(accepted.map((e) => e.id));
    }
    const fresh = new Replica((await s.admin.enroll('S001', 'T3')) as Device);
    await fresh.pullAll();
    expect(fresh.ids('orders')).toEqual([open]);
    expect(fresh.ids('order_events')).toEqual(accepted.map((e) => e.id));

    // Nothing is deleted at the centre: the platform and the history still read the order.
    const res = await s.request<{ status: string }>('GET', apiRoutes.order(finished), { token: s.platformApiKey });
    expect(res.body.status).toBe('delivered');
  });

  it('a return brings the order back with its facts, and booking the goods back lets it go again', async () => {
    const r1 = new Replica(t1);
    const id = await newOrder();
    await r1.pullAll();
    const events = await deliver(t1, id);
    const pick = makeStockMove(t1, { kind: 'pick', qty: -2, sku: '6901234567890', orderId: id });
    expect((await s.sync.push(t1.token, 'stock_moves', [{ newDocumentState: { ...pick, _deleted: false } }])).body.rejected).toEqual([]);
    await sweepStore(s.db, 'S001', Date.now() + 8 * DAY);
    await r1.pullAll();
    expect(r1.ids('orders')).toEqual([]);
    expect(r1.ids('stock_moves')).toEqual([]);

    // The platform cancels after hand-over: a return. The order, its facts and its pick come back.
    const cancel = await s.request<{ outcome: string }>('POST', apiRoutes.cancel(id), { token: s.platformApiKey, body: { reason: 'customer returned it' } });
    expect(cancel.body.outcome).toBe('return');
    await r1.pullAll();
    expect(r1.ids('orders')).toEqual([id]);
    expect(r1.ids('order_events')).toEqual(sorted(events.map((e) => e.id)));
    expect(r1.ids('stock_moves')).toEqual([pick.id]);
    // Still open: the sweep keeps it however old its delivery is.
    expect(await sweepStore(s.db, 'S001', Date.now() + 8 * DAY)).toMatchObject({ orders: 0 });

    const back = makeStockMove(t1, { kind: 'return', qty: 2, sku: '6901234567890', orderId: id });
    expect((await s.sync.push(t1.token, 'stock_moves', [{ newDocumentState: { ...back, _deleted: false } }])).body.rejected).toEqual([]);
    expect(await sweepStore(s.db, 'S001', Date.now() + 6 * DAY)).toMatchObject({ orders: 0 });
    expect(await sweepStore(s.db, 'S001', Date.now() + 8 * DAY)).toMatchObject({ orders: 1, moves: 2 });
    await r1.pullAll();
    expect([r1.ids('orders'), r1.ids('stock_moves')]).toEqual([[], []]);
  });

  it('a fact pushed for an order the window let go is stored, and the terminal that pushed it evicts it', async () => {
    await s.admin.seedStore('S001', { window: { historyDays: 0 } });
    const r1 = new Replica(t1);
    const id = await newOrder();
    await r1.pullAll();
    const [first, ...rest] = DELIVERED.map((type) => makeOrderEvent(t1, id, type));
    await push(t1, rest.length > 0 ? [first!, ...rest.slice(0, -1)] : [first!]);
    await r1.pullAll(); // the terminal hears of its own facts, as it does between pushes
    const last = rest.at(-1)!;
    // Another terminal delivered it and the sweep let it go before this terminal's late fact arrived.
    await push(t2, [makeOrderEvent(t2, id, 'delivered')]);
    await sweepStore(s.db, 'S001', Date.now() + 1000);
    await r1.pullAll();
    expect(r1.ids('orders')).toEqual([]);

    const late = { ...last, type: 'delivered' as const };
    await push(t1, [late]);
    const stored = await s.db.query<{ in_window: boolean }>(`SELECT in_window FROM docs WHERE collection = 'order_events' AND id = $1`, [late.id]);
    expect(stored).toEqual([{ in_window: false }]);
    const pulled = await r1.pull('order_events');
    expect(pulled.find((d) => (d as WireDoc<'order_events'>).id === late.id)?._deleted).toBe(true);
    expect(r1.ids('order_events')).toEqual([]);
  });

  it('a window read that other commits overtake loses nothing: late commits and evictions reach the new terminal', async () => {
    const ids = [];
    for (let i = 0; i < 6; i++) ids.push(await newOrder());
    await deliver(t1, ids[0]!);
    const fresh = new Replica((await s.admin.enroll('S001', 'T3')) as Device);
    // The first page of the window, then the store moves on while the terminal reads the rest.
    const first = await s.sync.pull(fresh.device.token, 'orders', null, 2);
    expect(first.body.documents.map((d) => d.id)).toEqual(ids.slice(0, 2));
    expect(first.body.checkpoint?.until).toBeGreaterThan(0);
    fresh.apply('orders', first.body.documents);
    fresh.checkpoints.set('orders', first.body.checkpoint);
    const added = await newOrder();
    await sweepStore(s.db, 'S001', Date.now() + 8 * DAY); // ids[0], already read, leaves
    await fresh.pull('orders', 2);
    expect(fresh.ids('orders')).toEqual(sorted([...ids.slice(1), added]));

    // Long after its window read, more than a page of changes still reaches it, page by page (the checkpoint keeps
    // the read's `until`, as RxDB's does).
    const more = [];
    for (let i = 0; i < 5; i++) more.push(await newOrder());
    await fresh.pull('orders', 2);
    expect(fresh.ids('orders')).toEqual(sorted([...ids.slice(1), added, ...more]));
    expect(fresh.checkpoints.get('orders')?.until).toBeDefined();

    // It now holds exactly what a terminal that started after all this would hold.
    const later = new Replica((await s.admin.enroll('S001', 'T4')) as Device);
    await later.pull('orders', 2);
    expect(later.ids('orders')).toEqual(fresh.ids('orders'));
  });

  it("a new terminal's first pull reads only the window, through its index", async () => {
    const open = await newOrder();
    for (let i = 0; i < 40; i++) await deliver(t1, await newOrder());
    await sweepStore(s.db, 'S001', Date.now() + 8 * DAY);
    const [{ seq }] = (await s.db.query<{ seq: string }>(`SELECT seq FROM stores WHERE id = 'S001'`)) as [{ seq: string }];
    const plan = await s.db.tx(async (q) => {
      // The table is small enough here that a sequential scan would win; at a year's size the index is the only
      // sensible plan, and this checks it serves the query alone: nothing read that is then filtered away.
      await q.query('SET LOCAL enable_seqscan = off');
      const rows = await q.query<{ 'QUERY PLAN': unknown }>(`EXPLAIN (ANALYZE, FORMAT JSON) ${WINDOW_FEED_SQL}`, ['S001', 'orders', -1, '', Number(seq), 200]);
      return JSON.stringify(rows[0]!['QUERY PLAN']);
    });
    expect(plan).toContain('"Index Name":"docs_window"');
    expect(plan).not.toMatch(/"Rows Removed by Filter":[1-9]/);
    expect(plan).toMatch(/"Actual Rows":1[,}]/);
    const res = await s.sync.pull(t2.token, 'orders', null, 200);
    expect(res.body.documents.map((d) => d.id)).toEqual([open]);
  });
});

describe('a terminal away too long', () => {
  it('is told WINDOW_EXPIRED when it catches up by checkpoint, still has its pushes taken, and may read its window again', async () => {
    const r1 = new Replica(t1);
    const id = await newOrder();
    await r1.pullAll();
    const from = r1.checkpoints.get('orders') ?? null;
    await s.db.query(`UPDATE devices SET last_pulled_at = now() - make_interval(days => 31) WHERE id = $1`, [t1.deviceId]);
    const refused = await s.sync.pull(t1.token, 'orders', from, 100);
    expect(refused.status).toBe(410);
    expect((refused.body as unknown as { code: string }).code).toBe('WINDOW_EXPIRED');
    await push(t1, [makeOrderEvent(t1, id, 'accepted')]);
    const again = await s.sync.pull(t1.token, 'orders', null, 100);
    expect(again.status).toBe(200);
    expect(again.body.documents.map((d) => d.id)).toEqual([id]);
    // Served again: its checkpoint is good from now on.
    expect((await s.sync.pull(t1.token, 'orders', from, 100)).status).toBe(200);
  });
});

describe('the sweep on demand', () => {
  it('moves what the store settings put outside the window now (admin only)', async () => {
    const id = await newOrder();
    await deliver(t1, id);
    expect((await s.request<{ orders: number }>('POST', apiRoutes.windowSweep('S001'), { token: s.adminToken })).body.orders).toBe(0);
    await s.admin.seedStore('S001', { window: { historyDays: 0 } });
    const res = await s.request<{ orders: number; events: number }>('POST', apiRoutes.windowSweep('S001'), { token: s.adminToken });
    expect(res).toMatchObject({ status: 200, body: { orders: 1, events: DELIVERED.length } });
    expect((await s.request('POST', apiRoutes.windowSweep('S001'), { token: s.platformApiKey })).status).toBe(401);
    expect((await s.request<{ code: string }>('POST', apiRoutes.windowSweep('S404'), { token: s.adminToken })).body.code).toBe('UNKNOWN_STORE');
  });
});
