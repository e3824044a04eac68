import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { OrderEvent } from '../../model/order-event.js';
import { apiRoutes, type PickupRemindersResponse, type PlatformEvent, type PlatformEventsResponse } from '../../protocol/platform.js';
import { makeOrderEvent, makeOrderInput, startTestServer, type TestServer } from '../testing.js';
import { getPass, pickupOrder, pushEvents, seededTerminal, type Terminal } from '../pickup/pickup.testkit.js';
import { remindStore } from './remind.js';
import { withinReminderHours } from '../../model/pickup-expiry.js';

const H = 3_600_000;
let s: TestServer;
let t: Terminal;
beforeEach(async () => {
  s = await startTestServer();
  t = await seededTerminal(s);
  // The store's staff were taken on a month ago, so facts from last week are theirs (the centre judges the operator
  // at the fact's time).
  await s.db.query(`UPDATE operator_history SET changed_at = changed_at - interval '30 days'`);
});
afterEach(async () => {
  await s.close();
});

async function feed(): Promise<PlatformEvent[]> {
  return (await s.request<PlatformEventsResponse>('GET', `${apiRoutes.events}?limit=1000`, { token: s.platformApiKey })).body.events;
}
const reminders = async (orderId?: string) => (await feed()).filter((e) => e.fact === 'pickup_reminded' && (!orderId || e.orderId === orderId));

/** The order's facts up to ready, the ready `hoursAgo` hours ago; returns the ready fact. */
async function readySince(orderId: string, hoursAgo: number, extra: Partial<OrderEvent> = {}): Promise<OrderEvent> {
  const base = Date.now() - hoursAgo * H;
  const at = (i: number) => new Date(base - (5 - i) * 60_000).toISOString();
  const ready = makeOrderEvent(t, orderId, 'ready', { at: new Date(base).toISOString(), ...extra });
  await pushEvents(s, t, [makeOrderEvent(t, orderId, 'accepted', { at: at(0) }), makeOrderEvent(t, orderId, 'picking_started', { at: at(1) }), ready]);
  return ready;
}

describe('reminders of uncollected pickup orders', () => {
  it('puts one reminder on the feed once the time has come, with the expiry of the pass', async () => {
    const orderId = await pickupOrder(s, t);
    const ready = await readySince(orderId, 1);
    const readyAt = Date.parse(ready.at);
    // Not yet: an hour after ready.
    expect(await remindStore(s.db, 'S001')).toEqual([]);
    // 60 h after ready is past 48 h, whatever the night in Shanghai moved it to (at most 12 h).
    const reminded = await remindStore(s.db, 'S001', readyAt + 60 * H);
    const pass = (await getPass(s, orderId)).body;
    expect(reminded).toEqual([{ orderId, readyEventId: ready.id, remindAt: expect.any(String), expiresAt: pass.expiresAt }]);
    expect(Date.parse(reminded[0]!.remindAt)).toBeGreaterThanOrEqual(readyAt + 48 * H);
    expect(await reminders(orderId)).toEqual([expect.objectContaining({ orderId, storeId: 'S001', status: 'ready', returnRequested: false, fact: 'pickup_reminded', expiresAt: pass.expiresAt })]);
    // Swept again, later, or by a second instance at once: nothing more.
    expect(await remindStore(s.db, 'S001', readyAt + 61 * H)).toEqual([]);
    const both = await Promise.all([remindStore(s.db, 'S001', readyAt + 62 * H), remindStore(s.db, 'S001', readyAt + 62 * H)]);
    expect(both.flat()).toEqual([]);
    expect(await reminders(orderId)).toHaveLength(1);
    // Past the hold it is no longer a reminder: staff take it back to stock.
    expect(await remindStore(s.db, 'S001', readyAt + 170 * H)).toEqual([]);
  });

  it("reminds again after a move to another compartment (a new pass), and never an order collected, a delivery or one past its hold", async () => {
    const moved = await pickupOrder(s, t);
    const collected = await pickupOrder(s, t);
    const expired = await pickupOrder(s, t);
    const delivery = (await s.admin.postOrder(makeOrderInput({ storeId: 'S001' }))).id;
    await readySince(moved, 100, { compartment: { bankId: 'A', number: 1 } });
    await readySince(collected, 100);
    await pushEvents(s, t, [makeOrderEvent(t, collected, 'picked_up', { at: new Date(Date.now() - 50 * H).toISOString(), via: 'counter', proof: 'code' })]);
    await readySince(expired, 200);
    await readySince(delivery, 100);
    expect((await remindStore(s.db, 'S001')).map((r) => r.orderId)).toEqual([moved]);
    const again = makeOrderEvent(t, moved, 'ready', { at: new Date(Date.now() - 70 * H).toISOString(), compartment: { bankId: 'A', number: 2 } });
    await pushEvents(s, t, [again]);
    expect(await remindStore(s.db, 'S001')).toEqual([expect.objectContaining({ orderId: moved, readyEventId: again.id })]);
    expect((await reminders()).map((e) => e.orderId)).toEqual([moved, moved]);
  });

  it('follows the store settings, and answers the admin on demand', async () => {
    await s.admin.createStore({ id: 'S001', settings: { pickupReminderHours: 1, pickupHoldHours: 24 * 30 }, timezone: 'UTC' });
    const orderId = await pickupOrder(s, t);
    await readySince(orderId, 2);
    const res = await s.request<PickupRemindersResponse>('POST', apiRoutes.pickupReminders('S001'), { token: s.adminToken });
    // 2 h after ready in UTC: a reminder at 1 h, unless the night moved it past now.
    const expected = withinReminderHours(Date.now() - H, 'UTC') <= Date.now() ? [orderId] : [];
    expect(res.status).toBe(200);
    expect(res.body.reminded.map((r) => r.orderId)).toEqual(expected);
    expect((await s.request('POST', apiRoutes.pickupReminders('S001'), { token: s.platformApiKey })).status).toBe(401);
    expect((await s.request('POST', apiRoutes.pickupReminders('NOPE'), { token: s.adminToken })).body).toMatchObject({ code: 'UNKNOWN_STORE' });
  });

  it('tells the platform why goods went back on the shelf', async () => {
    const orderId = await pickupOrder(s, t);
    await readySince(orderId, 200);
    await pushEvents(s, t, [makeOrderEvent(t, orderId, 'returned_to_stock', { restockReason: 'uncollected' })]);
    expect((await feed()).filter((e) => e.orderId === orderId).at(-1)).toMatchObject({ status: 'returned', fact: 'returned_to_stock', restockReason: 'uncollected' });
  });
});
