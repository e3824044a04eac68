import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SELF_SERVICE_OPERATOR } from '../../model/self-service.js';
import { makeOrderEvent, startTestServer, type TestServer } from '../testing.js';
import { makeReady, pickupOrder, seededTerminal, type Terminal } from './pickup.testkit.js';

let s: TestServer;
let t: Terminal;
beforeEach(async () => {
  s = await startTestServer();
  t = await seededTerminal(s);
});
afterEach(async () => {
  await s.close();
});

const compartment = { bankId: 'front', number: 3 };

describe('facts the kiosk records for a customer', () => {
  it('takes a locker release proven by the pass without an operator, and shows it to the platform as picked up', async () => {
    const orderId = await pickupOrder(s, t);
    await makeReady(s, t, orderId, { compartment });
    const release = makeOrderEvent(t, orderId, 'picked_up', { operatorId: SELF_SERVICE_OPERATOR, via: 'locker', proof: 'code', compartment });
    const res = await s.sync.push(t.token, 'order_events', [{ newDocumentState: { ...release, _deleted: false } }]);
    expect(res.body).toEqual({ conflicts: [], rejected: [] });
    const order = await s.request<{ status: string }>('GET', `/api/v1/orders/${orderId}`, { token: s.platformApiKey });
    expect(order.body.status).toBe('picked_up');
  });

  it('refuses the self-service operator on anything but a pass-proven locker release or a failed door', async () => {
    const orderId = await pickupOrder(s, t);
    await makeReady(s, t, orderId, { compartment });
    const byStaffWord = makeOrderEvent(t, orderId, 'picked_up', { operatorId: SELF_SERVICE_OPERATOR, via: 'counter', proof: 'staff' });
    const doorFailed = makeOrderEvent(t, orderId, 'locker_failed', { operatorId: SELF_SERVICE_OPERATOR });
    const res = await s.sync.push(t.token, 'order_events', [byStaffWord, doorFailed].map((e) => ({ newDocumentState: { ...e, _deleted: false } })));
    expect(res.body.rejected).toEqual([expect.objectContaining({ documentId: byStaffWord.id, code: 'UNKNOWN_OPERATOR' })]);
  });
});
