import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { GRANT_GRACE_MS, MAX_CLOCK_AHEAD_MS } from '../model/permissions.js';
import type { OrderEvent } from '../model/order-event.js';
import type { PushResponse } from '../protocol/sync.js';
import { makeOperatorInput, makeOrderEvent, makeOrderInput, startTestServer, type TestServer } from './testing.js';
import { isDateTime } from './validation.js';

type Device = { deviceId: string; storeId: string; token: string };

let s: TestServer;
let d1: Device;
let orderId: string;
beforeEach(async () => {
  s = await startTestServer();
  await s.admin.seedStore('S001');
  d1 = await s.admin.enroll('S001', 'T1');
  orderId = (await s.admin.postOrder(makeOrderInput())).id;
});
afterEach(async () => {
  await s.close();
});

async function push(events: OrderEvent[]): Promise<PushResponse<'order_events'>> {
  const res = await s.sync.push(d1.token, 'order_events', events.map((e) => ({ newDocumentState: { ...e, _deleted: false } })));
  expect(res.status).toBe(200);
  return res.body;
}

async function storedEventIds(): Promise<string[]> {
  const rows = await s.db.query<{ id: string }>("SELECT id FROM docs WHERE collection = 'order_events' ORDER BY id");
  return rows.map((r) => r.id);
}

const shifted = (ms: number, from = Date.now()) => new Date(from + ms).toISOString();

describe('one bad row never fails the whole push', () => {
  it('rejects an impossible date (2026-02-30) and still applies the valid event beside it', async () => {
    const bad = makeOrderEvent(d1, orderId, 'accepted', { at: '2026-02-30T00:00:00Z' });
    const good = makeOrderEvent(d1, orderId, 'accepted');
    const res = await push([bad, good]);
    expect(res.rejected).toEqual([{ documentId: bad.id, code: 'VALIDATION_FAILED', message: expect.stringContaining('/at') }]);
    expect(await storedEventIds()).toEqual([good.id]);
  });

  it('refuses a document the database could not hold (a NUL) on its own, and positions stay gap-free and consistent', async () => {
    // PostgreSQL's jsonb cannot hold U+0000: validation refuses it before the database would.
    const poisoned = makeOrderEvent(d1, orderId, 'accepted', { note: 'a\u0000b' });
    const good = makeOrderEvent(d1, orderId, 'picking_started');
    const res = await push([poisoned, good]);
    expect(res.rejected).toEqual([{ documentId: poisoned.id, code: expect.stringMatching(/^(VALIDATION_FAILED|INTERNAL)$/), message: expect.any(String) }]);
    expect(await storedEventIds()).toEqual([good.id]);
    const [seq] = await s.db.query<{ seq: number }>("SELECT seq FROM stores WHERE id = 'S001'");
    const [max] = await s.db.query<{ p: number }>("SELECT max(position)::int AS p FROM docs WHERE store_id = 'S001'");
    expect(Number(seq?.seq)).toBe(max?.p);
  });
});

describe('terminal clocks', () => {
  it('refuses a fact timed more than MAX_CLOCK_AHEAD_MS in the future, saying the terminal clock is ahead', async () => {
    const ahead = makeOrderEvent(d1, orderId, 'accepted', { at: shifted(MAX_CLOCK_AHEAD_MS + 60_000) });
    const slightlyAhead = makeOrderEvent(d1, orderId, 'accepted', { at: shifted(MAX_CLOCK_AHEAD_MS - 60_000) });
    const res = await push([ahead, slightlyAhead]);
    expect(res.rejected).toEqual([{ documentId: ahead.id, code: 'VALIDATION_FAILED', message: expect.stringContaining('terminal clock is ahead') }]);
    expect(await storedEventIds()).toEqual([slightlyAhead.id]);
  });

  it('counts an operator created up to GRANT_GRACE_MS after the fact, but not later', async () => {
    const op = makeOperatorInput({ roles: ['picker'] });
    await s.admin.putOperators('S001', [op]);
    const res0 = await s.sync.pull(d1.token, 'operators', null, 1000);
    const createdAt = res0.body.documents.find((o) => o.id === op.id)?.updatedAt ?? '';
    const within = makeOrderEvent(d1, orderId, 'accepted', { operatorId: op.id, at: shifted(-(GRANT_GRACE_MS - 1000), Date.parse(createdAt)) });
    const beyond = makeOrderEvent(d1, orderId, 'accepted', { operatorId: op.id, at: shifted(-(GRANT_GRACE_MS + 1000), Date.parse(createdAt)) });
    const res = await push([within, beyond]);
    expect(res.rejected.map((r) => [r.documentId, r.code])).toEqual([[beyond.id, 'OPERATOR_INACTIVE']]);
    expect(await storedEventIds()).toEqual([within.id]);
  });
});

describe('isDateTime', () => {
  it('accepts real instants with or without milliseconds, and refuses impossible ones', () => {
    for (const ok of ['2026-02-28T23:59:59Z', '2026-02-28T23:59:59.123Z', '2024-02-29T00:00:00.5Z', '2026-01-01T08:00:00+08:00']) {
      expect(isDateTime(ok, ok.endsWith('Z')), ok).toBe(true);
    }
    for (const bad of ['2026-02-30T00:00:00Z', '2025-02-29T00:00:00Z', '2026-01-01T24:00:00Z', '2026-01-01T00:60:00Z', '2026-13-01T00:00:00Z', '2026-01-01T00:00:00+24:00']) {
      expect(isDateTime(bad, false), bad).toBe(false);
    }
    expect(isDateTime('2026-01-01T08:00:00+08:00', true)).toBe(false);
  });
});
