import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { OrderEvent } from '../model/order-event.js';
import { GRANT_GRACE_MS } from '../model/permissions.js';
import type { PushResponse } from '../protocol/sync.js';
import { makeOperatorInput, makeOrderEvent, makeOrderInput, startTestServer, testOperatorId, type TestServer } from './testing.js';

type Device = { deviceId: string; storeId: string; token: string };

let s: TestServer;
let d1: Device;
let orderId: string;
beforeEach(async () => {
  s = await startTestServer();
  await s.admin.seedStore('S001');
  await s.admin.seedStore('S002', { location: { lat: 23.13, lon: 113.26 } });
  d1 = await s.admin.enroll('S001', 'T1');
  orderId = (await s.admin.postOrder(makeOrderInput())).id;
});
afterEach(async () => {
  await s.close();
});

async function push(device: Device, events: OrderEvent[]): Promise<PushResponse<'order_events'>> {
  const res = await s.sync.push(device.token, 'order_events', events.map((e) => ({ newDocumentState: { ...e, _deleted: false } })));
  expect(res.status).toBe(200);
  return res.body;
}

async function storedEventIds(): Promise<string[]> {
  const rows = await s.db.query<{ id: string }>("SELECT id FROM docs WHERE collection = 'order_events' ORDER BY id");
  return rows.map((r) => r.id);
}

async function updatedAtOf(operatorId: string): Promise<string> {
  const res = await s.sync.pull(d1.token, 'operators', null, 1000);
  const doc = res.body.documents.find((o) => o.id === operatorId);
  if (!doc) throw new Error(`operator ${operatorId} was not synced`);
  return doc.updatedAt;
}

const later = (iso: string, ms: number) => new Date(Date.parse(iso) + ms).toISOString();

describe('who did it: the operator on every pushed event', () => {
  it('refuses an operator of another store, or one that does not exist (UNKNOWN_OPERATOR), naming them', async () => {
    const theirs = makeOrderEvent(d1, orderId, 'accepted', { operatorId: testOperatorId('S002') });
    const ghost = makeOrderEvent(d1, orderId, 'accepted', { operatorId: 'nobody' });
    const ours = makeOrderEvent(d1, orderId, 'accepted');
    const res = await push(d1, [theirs, ghost, ours]);
    expect(res.rejected).toEqual([
      { documentId: theirs.id, code: 'UNKNOWN_OPERATOR', message: expect.stringContaining(`"${testOperatorId('S002')}"`) },
      { documentId: ghost.id, code: 'UNKNOWN_OPERATOR', message: expect.stringContaining('"nobody"') },
    ]);
    expect(await storedEventIds()).toEqual([ours.id]);
  });

  it('accepts an event timed while the operator was active, and refuses one timed after the deactivation or before they existed', async () => {
    const op = makeOperatorInput({ roles: ['picker'] });
    await s.admin.putOperators('S001', [op]);
    const createdAt = await updatedAtOf(op.id);
    const { pin: _pin, ...noPin } = op;
    await s.admin.putOperators('S001', [{ ...noPin, active: false }]);
    const deactivatedAt = await updatedAtOf(op.id);
    expect(deactivatedAt > createdAt).toBe(true);

    const during = makeOrderEvent(d1, orderId, 'accepted', { operatorId: op.id, at: createdAt });
    const justBefore = makeOrderEvent(d1, orderId, 'picking_started', { operatorId: op.id, at: later(deactivatedAt, -1) });
    const after = makeOrderEvent(d1, orderId, 'picked', { operatorId: op.id, at: deactivatedAt });
    const beforeExisting = makeOrderEvent(d1, orderId, 'accepted', { operatorId: op.id, at: later(createdAt, -GRANT_GRACE_MS - 1) });
    const res = await push(d1, [during, justBefore, after, beforeExisting]);
    expect(res.rejected).toEqual([
      { documentId: after.id, code: 'OPERATOR_INACTIVE', message: `operator "${op.id}" was inactive at ${deactivatedAt}` },
      { documentId: beforeExisting.id, code: 'OPERATOR_INACTIVE', message: expect.stringMatching(new RegExp(`"${op.id}" was not yet an operator`)) },
    ]);
    expect((await storedEventIds()).sort()).toEqual([during.id, justBefore.id].sort());

    // Reactivated: active again from then on, while the gap stays closed.
    await s.admin.putOperators('S001', [{ ...noPin, active: true }]);
    const back = await updatedAtOf(op.id);
    // A grant counts from GRANT_GRACE_MS before it was recorded (terminal clocks drift); before that the gap holds.
    const inGap = makeOrderEvent(d1, orderId, 'picked', { operatorId: op.id, at: later(back, -GRANT_GRACE_MS - 1) });
    const afterReturn = makeOrderEvent(d1, orderId, 'picked', { operatorId: op.id, at: back });
    expect((await push(d1, [inGap, afterReturn])).rejected.map((r) => [r.documentId, r.code])).toEqual([[inGap.id, 'OPERATOR_INACTIVE']]);
  });

  it('gates actions by the roles the operator held at the time (FORBIDDEN)', async () => {
    const picker = testOperatorId('S001', 'picker');
    const accept = makeOrderEvent(d1, orderId, 'accepted', { operatorId: picker });
    const pack = makeOrderEvent(d1, orderId, 'packed', { operatorId: picker });
    const handOver = makeOrderEvent(d1, orderId, 'picked_up', { operatorId: picker });
    const reject = makeOrderEvent(d1, orderId, 'rejected', { operatorId: picker });
    const res = await push(d1, [accept, pack, handOver, reject]);
    expect(res.rejected.map((r) => [r.documentId, r.code])).toEqual([[pack.id, 'FORBIDDEN'], [handOver.id, 'FORBIDDEN'], [reject.id, 'FORBIDDEN']]);
    expect(res.rejected[0]?.message).toMatch(new RegExp(`"${picker}" \\(picker\\).*order\\.pack`));
    expect(await storedEventIds()).toEqual([accept.id]);

    // Promoted to packer: the same kind of event, timed after the change or within GRANT_GRACE_MS before it, now passes.
    await s.admin.putOperators('S001', [{ id: picker, name: 'Test Picker', roles: ['picker', 'packer'], active: true }]);
    const promotedAt = await updatedAtOf(picker);
    const packNow = makeOrderEvent(d1, orderId, 'packed', { operatorId: picker, at: promotedAt });
    const packBefore = makeOrderEvent(d1, orderId, 'packed', { operatorId: picker, at: later(promotedAt, -1) });
    expect((await push(d1, [packNow, packBefore])).rejected).toEqual([]);
  });

  it('judges an event once: its retry stays harmless after a deactivation, even from a terminal whose clock runs ahead', async () => {
    const op = makeOperatorInput({ roles: ['picker'] });
    await s.admin.putOperators('S001', [op]);
    const ev = makeOrderEvent(d1, orderId, 'accepted', { operatorId: op.id, at: later(await updatedAtOf(op.id), 60_000) });
    expect(await push(d1, [ev])).toEqual({ conflicts: [], rejected: [] });
    const { pin: _pin, ...noPin } = op;
    await s.admin.putOperators('S001', [{ ...noPin, active: false }]);
    expect(await push(d1, [ev])).toEqual({ conflicts: [], rejected: [] });
    const fresh = makeOrderEvent(d1, orderId, 'picking_started', { operatorId: op.id, at: ev.at });
    expect((await push(d1, [fresh])).rejected.map((r) => r.code)).toEqual(['OPERATOR_INACTIVE']);
  });
});
