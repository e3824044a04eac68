import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { OrderEvent } from '../../model/order-event.js';
import type { OrderStatusResponse } from '../../protocol/platform.js';
import { apiRoutes } from '../../protocol/platform.js';
import { makeOrderEvent, startTestServer, type TestServer } from '../testing.js';
import { livePasses, makeReady, pickupOrder, pullAll, pushEvents, seededTerminal } from './pickup.testkit.js';

let s: TestServer;
beforeEach(async () => {
  s = await startTestServer();
});
afterEach(async () => {
  await s.close();
});

describe('a pass released twice', () => {
  it('is flagged on the pass document for a manager when the second terminal syncs; both facts are kept', async () => {
    const kiosk = await seededTerminal(s, 'S001', 'Kiosk');
    const counter = await s.admin.enroll('S001', 'Counter');
    const orderId = await pickupOrder(s, kiosk);
    await makeReady(s, kiosk, orderId, { compartment: { bankId: 'bank-1', number: 4 } });
    // Offline, each released the order: the kiosk by QR through the locker, the counter by code.
    const atKiosk = makeOrderEvent(kiosk, orderId, 'picked_up', { at: new Date(Date.now() - 20_000).toISOString(), via: 'locker', proof: 'qr', compartment: { bankId: 'bank-1', number: 4 } });
    const atCounter = makeOrderEvent(counter, orderId, 'picked_up', { at: new Date(Date.now() - 10_000).toISOString(), via: 'counter', proof: 'code' });

    await pushEvents(s, counter, [atCounter]);
    expect((await livePasses(s, kiosk)).get(orderId)?.doubleRelease).toBeUndefined();
    await pushEvents(s, kiosk, [atKiosk]);

    const flagged = (await livePasses(s, counter)).get(orderId);
    expect(flagged?.doubleRelease).toEqual({
      detectedAt: expect.any(String),
      releases: [
        { eventId: atKiosk.id, deviceId: kiosk.deviceId, operatorId: atKiosk.operatorId, at: atKiosk.at },
        { eventId: atCounter.id, deviceId: counter.deviceId, operatorId: atCounter.operatorId, at: atCounter.at },
      ],
    });
    // Both facts stay, on every terminal and at the centre; the status stands on the first, the second is ignored.
    const events = await pullAll<OrderEvent>(s, counter, 'order_events');
    expect(events.filter((e) => e.type === 'picked_up').map((e) => e.id).sort()).toEqual([atKiosk.id, atCounter.id].sort());
    const order = await s.request<OrderStatusResponse>('GET', apiRoutes.order(orderId), { token: s.platformApiKey });
    expect(order.body.status).toBe('picked_up');
    expect(order.body.history.filter((h) => h.type === 'picked_up').map((h) => h.applied)).toEqual([true, false]);

    // The same fact pushed again (a retry) detects nothing new: the flag keeps its first detection.
    await pushEvents(s, kiosk, [atKiosk]);
    expect((await livePasses(s, counter)).get(orderId)?.doubleRelease?.detectedAt).toBe(flagged?.doubleRelease?.detectedAt);
  });
});
