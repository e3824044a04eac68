import { randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PlatformEventsResponse } from '../../protocol/platform.js';
import { webhookRoutes as routes, type WebhookDeliveriesResponse, type WebhookListResponse, type WebhookView } from '../../protocol/webhooks.js';
import type { EnrollResponse } from '../../protocol/platform.js';
import { makeOrderEvent, makeOrderInput, startTestServer, type StartTestServerOptions, type TestServer } from '../testing.js';
import { TestReceiver, waitFor, type ReceivedCall } from './receiver.testkit.js';
import { pruneDelivered } from './outbox.js';
import { retryDelay } from './worker.js';
import { makeReady, pickupOrder, seededTerminal } from '../pickup/pickup.testkit.js';

/** Fast retries and polling, so a receiver that comes back is served within the test's time. */
const FAST: StartTestServerOptions['webhooks'] = { pollMs: 50, timeoutMs: 500, retryBaseMs: 50, retryMaxMs: 200, concurrency: 8 };
const secret = randomBytes(32).toString('base64url');

const servers: TestServer[] = [];
let receiver: TestReceiver;

async function server(opts: StartTestServerOptions = {}): Promise<TestServer> {
  const s = await startTestServer({ webhooks: FAST, ...opts });
  servers.push(s);
  return s;
}

beforeEach(async () => {
  receiver = new TestReceiver();
  await receiver.listen();
});
afterEach(async () => {
  // The later ones share the first one's database, which goes back to the pool when the first one closes.
  for (const s of servers.splice(0).reverse()) await s.close();
  await receiver.down();
});

const api = (s: TestServer, method: string, path: string, body?: unknown) => s.request(method, path, { token: s.platformApiKey, body });

async function register(s: TestServer, url = receiver.url): Promise<WebhookView> {
  const res = await api(s, 'POST', routes.webhooks, { url, events: ['order.status_changed'], secret });
  expect(res.status).toBe(201);
  return res.body as WebhookView;
}

/** A store with a terminal, and `n` orders each taken through accepted and picking_started, one push per fact. */
async function workOrders(s: TestServer, n: number, device?: EnrollResponse): Promise<string[]> {
  const d = device ?? (await s.admin.seedStore('S001'), await s.admin.enroll('S001', 'T1'));
  const ids: string[] = [];
  for (let i = 0; i < n; i++) ids.push((await s.admin.postOrder(makeOrderInput())).id);
  for (const type of ['accepted', 'picking_started'] as const) {
    for (const id of ids) {
      const res = await s.sync.push(d.token, 'order_events', [{ newDocumentState: { ...makeOrderEvent(d, id, type), _deleted: false } }]);
      expect(res.body.rejected).toEqual([]);
    }
  }
  return ids;
}

/** Per order, the cursors of the calls in arrival order: every attempt, answered or not. */
function cursorsByOrder(calls: readonly ReceivedCall[]): Map<string, number[]> {
  const by = new Map<string, number[]>();
  for (const c of calls) {
    const list = by.get(c.delivery.data.orderId) ?? [];
    list.push(Number(c.delivery.cursor));
    by.set(c.delivery.data.orderId, list);
  }
  return by;
}

/** No attempt of an order's later event before its earlier one was accepted: the cursors never go down. */
function expectInOrderPerOrder(calls: readonly ReceivedCall[]): void {
  for (const [, cursors] of cursorsByOrder(calls)) expect(cursors).toEqual([...cursors].sort((a, b) => a - b));
}

const pending = async (s: TestServer, id: string) =>
  ((await api(s, 'GET', `${routes.deliveries(id)}?state=pending`)).body as WebhookDeliveriesResponse).deliveries.length;

describe('registration', () => {
  it('registers, lists and removes an endpoint; refuses a bad URL, a short secret, an unknown type and a missing key', async () => {
    const s = await server();
    const bad = async (body: unknown) => (await api(s, 'POST', routes.webhooks, body)).body;
    expect(await bad({ url: 'ftp://example.test/x', events: ['order.status_changed'], secret })).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(await bad({ url: 'http://exa mple/x', events: ['order.status_changed'], secret })).toMatchObject({ code: 'VALIDATION_FAILED', details: { path: 'body/url' } });
    expect(await bad({ url: receiver.url, events: ['order.status_changed'], secret: 'short' })).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(await bad({ url: receiver.url, events: ['order.eaten'], secret })).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(await bad({ url: receiver.url, events: [], secret })).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect((await s.request('POST', routes.webhooks, { body: { url: receiver.url, events: ['order.status_changed'], secret } })).status).toBe(401);
    expect((await s.request('GET', routes.webhooks, { token: s.adminToken })).status).toBe(401);

    const hook = await register(s);
    expect(hook).toEqual({ id: expect.stringMatching(/^wh_/), url: receiver.url, events: ['order.status_changed'], createdAt: expect.any(String), pending: 0 });
    const list = (await api(s, 'GET', routes.webhooks)).body as WebhookListResponse;
    expect(list.webhooks).toEqual([hook]);
    expect(JSON.stringify(list)).not.toContain(secret);
    expect(await api(s, 'DELETE', routes.webhook(hook.id))).toEqual({ status: 204, body: undefined });
    expect(await api(s, 'DELETE', routes.webhook(hook.id))).toMatchObject({ status: 404, body: { code: 'NOT_FOUND' } });
    expect(await api(s, 'GET', routes.deliveries(hook.id))).toMatchObject({ status: 404, body: { code: 'NOT_FOUND' } });
    expect(await api(s, 'POST', routes.replay(hook.id), { fromCursor: '1' })).toMatchObject({ status: 404, body: { code: 'NOT_FOUND' } });
    expect(((await api(s, 'GET', routes.webhooks)).body as WebhookListResponse).webhooks).toEqual([]);
  });
});

describe('delivery', () => {
  it('posts every feed entry signed, once, in order per order, with the body GET /events serves', async () => {
    const s = await server();
    const hook = await register(s);
    // Subscribed to reminders alone: status changes are not its business.
    const reminders = (await api(s, 'POST', routes.webhooks, { url: `${receiver.url}/reminders`, events: ['order.pickup_reminded'], secret })).body as WebhookView;
    const orders = await workOrders(s, 4);
    await waitFor('12 deliveries', () => receiver.accepted().length >= 12);
    await waitFor('nothing pending', async () => (await pending(s, hook.id)) === 0);

    expect(receiver.calls).toHaveLength(12);
    expect(receiver.allSigned(secret)).toBe(true);
    expect(receiver.allSigned('another-secret-of-at-least-32-characters')).toBe(false);
    expectInOrderPerOrder(receiver.calls);
    const feed = ((await api(s, 'GET', '/api/v1/events?limit=100')).body as PlatformEventsResponse).events;
    const byCursor = new Map(receiver.calls.map((c) => [c.delivery.cursor, c]));
    for (const entry of feed) {
      const call = byCursor.get(entry.cursor);
      expect(call?.delivery).toEqual({ id: `evt_${entry.cursor}`, type: 'order.status_changed', cursor: entry.cursor, data: entry });
      expect(call?.id).toBe(`evt_${entry.cursor}`);
    }
    for (const id of orders) {
      expect(receiver.calls.filter((c) => c.delivery.data.orderId === id).map((c) => c.delivery.data.status)).toEqual(['new', 'accepted', 'picking']);
    }
    const log = (await api(s, 'GET', routes.deliveries(hook.id))).body as WebhookDeliveriesResponse;
    expect(log.deliveries).toHaveLength(12);
    expect(((await api(s, 'GET', routes.deliveries(reminders.id))).body as WebhookDeliveriesResponse).deliveries).toEqual([]);
    expect(log.deliveries[0]).toEqual({ cursor: feed[0]?.cursor, type: 'order.status_changed', orderId: orders[0], state: 'delivered', attempts: 1, lastStatusCode: 200, lastAttemptAt: expect.any(String), deliveredAt: expect.any(String) });
  });

  it('sends a new pickup pass to a webhook that asked for pickup_pass.issued, after the ready status change', async () => {
    const s = await server();
    const both = (await api(s, 'POST', routes.webhooks, { url: receiver.url, events: ['order.status_changed', 'pickup_pass.issued'], secret })).body as WebhookView;
    const t = await seededTerminal(s);
    const orderId = await pickupOrder(s, t);
    await makeReady(s, t, orderId);
    await waitFor('the pass delivered', async () => (await pending(s, both.id)) === 0 && receiver.accepted().some((c) => c.delivery.type === 'pickup_pass.issued'));
    const calls = receiver.calls.filter((c) => c.delivery.data.orderId === orderId);
    expect(calls.map((c) => [c.delivery.type, c.delivery.data.status, c.delivery.data.fact ?? null])).toEqual([
      ['order.status_changed', 'new', null],
      ['order.status_changed', 'ready', null],
      ['pickup_pass.issued', 'ready', 'pickup_pass_issued'],
    ]);
    expect(receiver.allSigned(secret)).toBe(true);
    expect(calls.at(-1)?.delivery.data.expiresAt).toEqual(expect.any(String));
  });

  it('prunes deliveries made longer ago than it keeps them, never a pending one; a replay still reaches them', async () => {
    const s = await server();
    const hook = await register(s);
    await workOrders(s, 1);
    await waitFor('3 deliveries', async () => (await pending(s, hook.id)) === 0 && receiver.accepted().length >= 3);
    const first = ((await api(s, 'GET', routes.deliveries(hook.id))).body as WebhookDeliveriesResponse).deliveries[0];
    await s.db.query(`UPDATE webhook_outbox SET delivered_at = now() - interval '40 days' WHERE cursor = $1`, [first?.cursor]);
    await receiver.down();
    await workOrders(s, 1, await s.admin.enroll('S001', 'T2'));
    await waitFor('new deliveries pending', async () => (await pending(s, hook.id)) > 0);
    const pendingBefore = await pending(s, hook.id);

    expect(await pruneDelivered(s.db, new Date(Date.now() - 30 * 86_400_000))).toBe(1);
    const left = ((await api(s, 'GET', routes.deliveries(hook.id))).body as WebhookDeliveriesResponse).deliveries;
    expect(left.map((d) => d.cursor)).not.toContain(first?.cursor);
    expect(await pending(s, hook.id)).toBe(pendingBefore);
    expect(await api(s, 'POST', routes.replay(hook.id), { fromCursor: first?.cursor })).toMatchObject({ status: 202 });
    const again = ((await api(s, 'GET', routes.deliveries(hook.id))).body as WebhookDeliveriesResponse).deliveries;
    expect(again.map((d) => d.cursor)).toContain(first?.cursor);
  });

  it('serves a receiver that answered 503 and then was not listening everything afterwards, nothing twice, never out of order', async () => {
    const s = await server();
    const hook = await register(s);
    receiver.answer = () => 503;
    const device = (await s.admin.seedStore('S001'), await s.admin.enroll('S001', 'T1'));
    const first = await workOrders(s, 3, device);
    await waitFor('retries of the first deliveries', () => receiver.calls.length >= 10);
    const log = (await api(s, 'GET', routes.deliveries(hook.id))).body as WebhookDeliveriesResponse;
    expect(log.deliveries.find((d) => d.attempts > 1)).toMatchObject({ state: 'pending', lastStatusCode: 503, lastError: 'HTTP 503', nextAttemptAt: expect.any(String) });
    // Only each order's first event was tried: its later ones wait behind it.
    expect(new Set(receiver.calls.map((c) => c.delivery.data.status))).toEqual(new Set(['new']));

    await receiver.down();
    const second = await workOrders(s, 2, device);
    await new Promise((r) => setTimeout(r, 400));
    const refused = (await api(s, 'GET', `${routes.deliveries(hook.id)}?state=pending`)).body as WebhookDeliveriesResponse;
    expect(refused.deliveries.some((d) => d.lastStatusCode === undefined && d.lastError !== undefined)).toBe(true);

    receiver.answer = () => 200;
    await receiver.listen();
    const total = (first.length + second.length) * 3;
    await waitFor('every delivery accepted', async () => (await pending(s, hook.id)) === 0);
    const accepted = receiver.accepted();
    expect(accepted).toHaveLength(total);
    expect(new Set(accepted.map((c) => c.id)).size).toBe(total);
    expectInOrderPerOrder(receiver.calls);
    expect(receiver.allSigned(secret)).toBe(true);
  });

  it('a slow receiver is cut at the timeout and does not hold other endpoints back', async () => {
    const s = await server();
    const slow = new TestReceiver();
    await slow.listen();
    try {
      slow.answer = () => 'hang';
      const slowHook = await register(s, slow.url);
      await register(s);
      await workOrders(s, 2);
      await waitFor('the healthy endpoint served', () => receiver.accepted().length === 6, 5000);
      await waitFor('a timed-out attempt logged', async () =>
        ((await api(s, 'GET', routes.deliveries(slowHook.id))).body as WebhookDeliveriesResponse).deliveries.some((d) => d.lastError?.includes('no answer within')));
    } finally {
      await slow.down();
    }
  });

  it('replays from a position: each order again in order', async () => {
    const s = await server();
    const hook = await register(s);
    await workOrders(s, 2);
    await waitFor('6 deliveries', () => receiver.accepted().length === 6);
    await waitFor('nothing pending', async () => (await pending(s, hook.id)) === 0);
    const from = receiver.calls.map((c) => Number(c.delivery.cursor)).sort((a, b) => a - b)[2] ?? 0;
    receiver.calls.length = 0;
    expect(await api(s, 'POST', routes.replay(hook.id), { fromCursor: String(from) })).toEqual({ status: 202, body: { queued: 4 } });
    await waitFor('4 deliveries again', () => receiver.accepted().length === 4);
    expect(receiver.calls.map((c) => Number(c.delivery.cursor)).sort((a, b) => a - b)).toEqual([from, from + 1, from + 2, from + 3]);
    expectInOrderPerOrder(receiver.calls);
    // A webhook registered later gets the earlier history by replaying from the start.
    const late = await register(s);
    expect(await api(s, 'POST', routes.replay(late.id), { fromCursor: '0' })).toEqual({ status: 202, body: { queued: 6 } });
  });
});

describe('durability', () => {
  it('a server closed with deliveries pending, or in flight, delivers them after a restart on the same database', async () => {
    // `base` holds the database across the restart and sends nothing itself, as a crashed worker would not.
    const base = await server({ webhooks: false });
    const hook = await register(base);
    await workOrders(base, 2);
    expect(await pending(base, hook.id)).toBe(6);
    expect(receiver.calls).toHaveLength(0);

    // A first instance finds the receiver hanging: its POSTs are in flight when it closes.
    receiver.answer = () => 'hang';
    const first = await server({ db: base.db, platformApiKey: base.platformApiKey, webhooks: { ...FAST, timeoutMs: 60_000 } });
    await waitFor('two POSTs in flight', () => receiver.calls.length === 2);
    await first.close();
    expect(await pending(base, hook.id)).toBe(6);

    receiver.answer = () => 200;
    const calls = receiver.calls.length;
    const second = await server({ db: base.db, platformApiKey: base.platformApiKey });
    await waitFor('every delivery accepted', async () => (await pending(second, hook.id)) === 0, 5000);
    expect(receiver.accepted()).toHaveLength(6);
    expectInOrderPerOrder(receiver.calls.slice(calls));
    expectInOrderPerOrder(receiver.calls);
  });
});

describe('two instances on one database', () => {
  it('share the outbox: each delivery once, each order in order', async () => {
    const a = await server();
    // On PostgreSQL a pool of its own, as another process would have; PGlite is one connection in this process.
    const b = await server({ ...(a.databaseUrl ? { databaseUrl: a.databaseUrl } : { db: a.db }), platformApiKey: a.platformApiKey });
    const hook = await register(a);
    const device = (await a.admin.seedStore('S001'), await a.admin.enroll('S001', 'T1'));
    await Promise.all([workOrders(a, 4, device), workOrders(b, 4, device)]);
    await waitFor('every delivery accepted', async () => (await pending(a, hook.id)) === 0);
    expect(receiver.accepted()).toHaveLength(24);
    expect(new Set(receiver.calls.map((c) => c.id)).size).toBe(24);
    expectInOrderPerOrder(receiver.calls);
  });
});

describe('retryDelay', () => {
  it('doubles from the base up to the cap, within ±20%', () => {
    const o = { retryBaseMs: 1000, retryMaxMs: 60_000 };
    expect([1, 2, 3, 4].map((n) => retryDelay(n, o, () => 0.5))).toEqual([1000, 2000, 4000, 8000]);
    expect(retryDelay(40, o, () => 0.5)).toBe(60_000);
    expect(retryDelay(1, o, () => 0)).toBe(800);
    expect(retryDelay(1, o, () => 1)).toBe(1200);
  });
});
