import { afterEach, describe, expect, it } from 'vitest';
import type { OrderEventType } from '../model/order-event.js';
import { apiRoutes, type OrderStatusResponse } from '../protocol/platform.js';
import { makeOrderEvent, makeOrderInput, startTestServer, type TestServer } from '../server/testing.js';
import { sweepStore } from '../server/window/sweep.js';
import { Link, makeEvent, startTerminal, type Terminal } from './testkit.js';
import { windowEpoch } from './window-resync.js';

const DELIVERED: OrderEventType[] = ['accepted', 'picking_started', 'ready', 'dispatched', 'delivered'];

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const fn of cleanup.splice(0).reverse()) await fn();
});

type Device = Awaited<ReturnType<TestServer['admin']['enroll']>>;
interface Scene {
  s: TestServer;
  link: Link;
  t1: Terminal;
  /** A second device, driven over HTTP: free RxDB allows 13 collections per process, one terminal's worth here. */
  t2: Device;
  orders: string[];
}

/** A store whose window keeps only open orders (historyDays 0), three orders, T1 in sync behind a link, and T2. */
async function scene(): Promise<Scene> {
  const s = await startTestServer();
  cleanup.push(() => s.close());
  await s.admin.seedStore('S001', { window: { historyDays: 0 } });
  const orders: string[] = [];
  for (let i = 0; i < 3; i++) orders.push((await s.admin.postOrder(makeOrderInput())).id);
  const link = await Link.open(s.url);
  cleanup.push(() => link.close());
  const t1 = await startTerminal(link.url, await s.admin.enroll('S001', 'T1'));
  cleanup.push(async () => {
    if (!t1.db.closed) await t1.stop();
  });
  const t2 = await s.admin.enroll('S001', 'T2');
  await t1.sync.awaitInSync();
  return { s, link, t1, t2, orders };
}

async function localIds(t: Terminal, collection: 'orders' | 'order_events'): Promise<string[]> {
  const docs = await t.db[collection].find().exec();
  return docs.map((d) => d.primary).sort();
}

/** What a terminal enrolled now would hold: the window, read from scratch. */
async function freshWindow(s: TestServer, device: Device, collection: 'orders' | 'order_events'): Promise<string[]> {
  const res = await s.sync.pull(device.token, collection, null, 1000);
  return res.body.documents.filter((d) => !d._deleted).map((d) => String((d as { id: string }).id)).sort();
}

async function deliverOver(s: TestServer, device: Device, orderId: string): Promise<void> {
  const rows = DELIVERED.map((type) => ({ newDocumentState: { ...makeOrderEvent(device, orderId, type), _deleted: false } }));
  expect((await s.sync.push(device.token, 'order_events', rows)).body.rejected).toEqual([]);
}

async function statusOf(s: TestServer, id: string): Promise<string> {
  return (await s.request<OrderStatusResponse>('GET', apiRoutes.order(id), { token: s.platformApiKey })).body.status;
}

/** Sets when the centre last served the device, as if it had been away that long. */
async function awayFor(s: TestServer, t: Terminal, days: number): Promise<void> {
  await s.db.query(`UPDATE devices SET last_pulled_at = now() - make_interval(days => $2) WHERE id = $1`, [t.device.deviceId, days]);
}

describe('terminals that stay small', () => {
  it('a terminal offline for three weeks comes back, pushes what it did, drops what finished, and converges with nothing lost', async () => {
    const { s, link, t1, t2, orders } = await scene();
    const [a, b, c] = orders as [string, string, string];
    link.cut();
    await t1.until((st) => !st.online, 'T1 offline');
    // Offline, T1 hands order A over and accepts B; meanwhile T2 delivers C, and the window lets C go.
    for (const type of DELIVERED) await t1.db.order_events.insert(makeEvent(t1, a, type));
    const acceptedB = makeEvent(t1, b, 'accepted');
    await t1.db.order_events.insert(acceptedB);
    await deliverOver(s, t2, c);
    expect((await sweepStore(s.db, 'S001', Date.now() + 1000)).orders).toBe(1);
    await awayFor(s, t1, 21);

    link.restore(s.url);
    await t1.until((st) => st.online && st.pending === 0 && st.error === null, 'T1 pushed');
    await t1.sync.awaitInSync();
    // The night's sweep lets A go now that it is finished.
    expect((await sweepStore(s.db, 'S001', Date.now() + 1000)).orders).toBe(1);
    // The centre holds every fact T1 recorded offline.
    expect(await statusOf(s, a)).toBe('delivered');
    expect(await statusOf(s, b)).toBe('accepted');
    expect(await statusOf(s, c)).toBe('delivered');
    // A, finished before the window's start when it arrived, leaves T1, which holds what a new terminal would.
    await eventuallyEqual(() => localIds(t1, 'orders'), [b]);
    expect(await freshWindow(s, t2, 'orders')).toEqual([b]);
    await eventuallyEqual(() => localIds(t1, 'order_events'), [acceptedB.id]);
    expect(await freshWindow(s, t2, 'order_events')).toEqual([acceptedB.id]);
    // Three weeks is within the store's 30 days: it caught up by checkpoint, no resync.
    expect(await windowEpoch(t1.db)).toBe(0);
  });

  it('a terminal away longer than its store allows syncs its window again, its unsent facts pushed first', async () => {
    const { s, link, t1, t2, orders } = await scene();
    const [a, b] = orders as [string, string, string];
    link.cut();
    await t1.until((st) => !st.online, 'T1 offline');
    const acceptedB = makeEvent(t1, b, 'accepted');
    await t1.db.order_events.insert(acceptedB);
    await deliverOver(s, t2, a);
    await sweepStore(s.db, 'S001', Date.now() + 1000);
    const d = (await s.admin.postOrder(makeOrderInput())).id;
    await awayFor(s, t1, 40);

    link.restore(s.url);
    await t1.until((st) => st.resyncing, 'window resync starts');
    await t1.until((st) => !st.resyncing && st.online && st.pending === 0 && st.error === null, 'window resync done');
    await t1.sync.awaitInSync();
    expect(await windowEpoch(t1.db)).toBe(1);
    expect(await statusOf(s, b)).toBe('accepted');
    await eventuallyEqual(() => localIds(t1, 'orders'), [b, orders[2]!, d].sort());
    expect(await localIds(t1, 'order_events')).toEqual([acceptedB.id]);
    expect(await freshWindow(s, t2, 'orders')).toEqual(await localIds(t1, 'orders'));

    // A reload resumes the new epoch's checkpoints: no second resync, and new work still flows.
    const t1b = await t1.reload();
    cleanup.push(() => t1b.stop());
    await t1b.sync.awaitInSync();
    expect(await windowEpoch(t1b.db)).toBe(1);
    const e = (await s.admin.postOrder(makeOrderInput())).id;
    await eventuallyEqual(() => localIds(t1b, 'orders'), [b, orders[2]!, d, e].sort());
  });
});

async function eventuallyEqual<T>(read: () => Promise<T>, expected: T, ms = 15_000): Promise<void> {
  const until = Date.now() + ms;
  for (;;) {
    const value = await read();
    try {
      expect(value).toEqual(expected);
      return;
    } catch (err) {
      if (Date.now() > until) throw err;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}
