import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Order } from '../model/order.js';
import type { OrderEvent } from '../model/order-event.js';
import type { ErrorBody } from '../protocol/errors.js';
import { AFTER_EVERY_ID, supportedSchemaVersions, type Checkpoint, type PullResponse, type PushResponse, type WireDoc } from '../protocol/sync.js';
import { makeOrderEvent, makeOrderInput, startTestServer, type ApiResult, type TestServer } from './testing.js';

type Device = { deviceId: string; storeId: string; token: string };

let s: TestServer;
let d1: Device;
let order: Order;
let t0: number;
beforeEach(async () => {
  s = await startTestServer();
  await s.admin.seedStore('S001');
  d1 = await s.admin.enroll('S001', 'T1');
  order = await s.admin.postOrder(makeOrderInput());
  t0 = Date.now();
});
afterEach(async () => {
  await s.close();
});

/** Event times after the store's operators were created, a second apart, never ahead of the server's clock by much. */
const at = (seconds: number) => new Date(t0 + seconds * 1000).toISOString();
const wire = (e: OrderEvent): WireDoc<'order_events'> => ({ ...e, _deleted: false });

async function push(events: OrderEvent[], schemaVersion: number): Promise<PushResponse<'order_events'>> {
  const res = await s.sync.push(d1.token, 'order_events', events.map((e) => ({ newDocumentState: wire(e) })), { schemaVersion });
  expect(res.status).toBe(200);
  return res.body;
}

async function pullPages(schemaVersion: number, limit: number) {
  const pages: PullResponse<'order_events'>[] = [];
  let cp: Checkpoint | null = null;
  for (;;) {
    const res: ApiResult<PullResponse<'order_events'>> = await s.sync.pull(d1.token, 'order_events', cp, limit, { schemaVersion });
    expect(res.status).toBe(200);
    pages.push(res.body);
    cp = res.body.checkpoint;
    if (res.body.documents.length < limit) return pages;
  }
}

/** The order's lifecycle with v1-only facts between the status events: claims, picked lines and packages. */
async function recordV1Lifecycle() {
  const events = [
    makeOrderEvent(d1, order.id, 'accepted', { at: at(1) }),
    makeOrderEvent(d1, order.id, 'batch_claimed', { at: at(2), batchId: 'B-1' }),
    makeOrderEvent(d1, order.id, 'batch_released', { at: at(3), batchId: 'B-1' }),
    makeOrderEvent(d1, order.id, 'batch_claimed', { at: at(4), batchId: 'B-2' }),
    makeOrderEvent(d1, order.id, 'picking_started', { at: at(5), batchId: 'B-2' }),
    makeOrderEvent(d1, order.id, 'picked', {
      at: at(6),
      batchId: 'B-2',
      lines: [{ lineIndex: 0, sku: '6901234567890', ordered: 2, picked: 2, substitute: null, shortReason: null }],
    }),
    makeOrderEvent(d1, order.id, 'packed', { at: at(7), packages: [{ id: `${order.id}-P1`, n: 1, of: 1, items: [{ sku: '6901234567890', qty: 2 }] }] }),
  ];
  // One push each: every event takes its own position, so pages of the feed cut between them.
  for (const e of events) expect(await push([e], 1)).toEqual({ conflicts: [], rejected: [] });
  return events;
}

describe('order_events schema versions on the sync routes', () => {
  it('names v0, v1 and v2 as supported for order_events, and the one version for most other collections', () => {
    expect(supportedSchemaVersions('order_events')).toEqual([0, 1, 2]);
    expect(supportedSchemaVersions('operators')).toEqual([0, 1, 2]);
    expect(supportedSchemaVersions('payments')).toEqual([0]);
    expect(supportedSchemaVersions('orders')).toEqual([0]);
    expect(supportedSchemaVersions('stock_levels')).toEqual([0]);
  });

  it('a v1 pull returns every fact as stored', async () => {
    const events = await recordV1Lifecycle();
    const pages = await pullPages(1, 3);
    expect(pages.flatMap((p) => p.documents)).toEqual(events.map(wire));
  });

  it('a v0 pull downgrades: batch facts are left out, v1 fields stripped, and the checkpoint moves past what was left out', async () => {
    const events = await recordV1Lifecycle();
    const [accepted, , , , started, picked, packed] = events;
    const strip = ({ batchId: _b, lines: _l, packages: _p, ...rest }: OrderEvent) => rest;
    const expected = [accepted, started, picked, packed].map((e) => wire(strip(e as OrderEvent)));

    // Page by page with a limit of 2: short pages must still mean "caught up", so a page that lost documents to the
    // downgrade is refilled from the feed rather than returned short.
    const pages = await pullPages(0, 2);
    expect(pages.flatMap((p) => p.documents)).toEqual(expected);
    expect(pages.slice(0, -1).every((p) => p.documents.length === 2)).toBe(true);
    // A fresh terminal reads its window first; the window's last page ends after everything up to its bound.
    const last = pages.at(-1);
    expect(last?.checkpoint?.id).toBe(AFTER_EVERY_ID);
    expect(pages.at(-2)?.checkpoint?.id).toBe(packed?.id);

    // The first page ends past the two batch facts that follow "accepted" and precede "picking_started".
    const first = await s.sync.pull(d1.token, 'order_events', null, 2, { schemaVersion: 0 });
    expect(first.body.documents.map((d) => d.type)).toEqual(['accepted', 'picking_started']);
    expect(first.body.checkpoint?.id).toBe(started?.id);

    // A page holding only facts v0 cannot express is empty only when the feed is done, and the checkpoint still
    // moves past them, so the next pull does not read them again.
    const tail = [
      makeOrderEvent(d1, order.id, 'batch_released', { at: at(8), batchId: 'B-2' }),
      makeOrderEvent(d1, order.id, 'batch_claimed', { at: at(9), batchId: 'B-3' }),
    ];
    for (const e of tail) await push([e], 1);
    const after = await s.sync.pull(d1.token, 'order_events', last?.checkpoint, 2, { schemaVersion: 0 });
    expect(after.body.documents).toEqual([]);
    expect(after.body.checkpoint?.id).toBe(tail[1]?.id);
    const again = await s.sync.pull(d1.token, 'order_events', after.body.checkpoint, 2, { schemaVersion: 0 });
    expect(again.body).toEqual({ documents: [], checkpoint: after.body.checkpoint });
  });

  it('accepts a v0 push, judged as v1, and it changes the status', async () => {
    const accepted = makeOrderEvent(d1, order.id, 'accepted', { at: at(1), note: 'ok' });
    expect(await push([accepted], 0)).toEqual({ conflicts: [], rejected: [] });
    // A retry under v0 is as harmless as under v1.
    expect(await push([accepted], 0)).toEqual({ conflicts: [], rejected: [] });
    const status = await s.request<{ status: string }>('GET', `/api/v1/orders/${order.id}`, { token: s.platformApiKey });
    expect(status.body.status).toBe('accepted');
    expect((await s.sync.pull(d1.token, 'order_events', null, 10, { schemaVersion: 1 })).body.documents).toEqual([wire(accepted)]);
  });

  it('refuses a v0 push carrying a v1-only type or field (VALIDATION_FAILED), and applies the rest of the batch', async () => {
    const accepted = makeOrderEvent(d1, order.id, 'accepted', { at: at(1) });
    const claim = makeOrderEvent(d1, order.id, 'batch_claimed', { at: at(2), batchId: 'B-1' });
    const started = makeOrderEvent(d1, order.id, 'picking_started', { at: at(3), batchId: 'B-1' });
    const picked = makeOrderEvent(d1, order.id, 'picked', {
      at: at(4),
      lines: [{ lineIndex: 0, sku: '6901234567890', ordered: 2, picked: 2, substitute: null, shortReason: null }],
    });
    const res = await push([accepted, claim, started, picked], 0);
    expect(res.rejected.map((r) => [r.documentId, r.code])).toEqual([
      [claim.id, 'VALIDATION_FAILED'],
      [started.id, 'VALIDATION_FAILED'],
      [picked.id, 'VALIDATION_FAILED'],
    ]);
    expect(res.rejected[0]?.message).toMatch(/schema v0 has no document of type "batch_claimed"/);
    expect(res.rejected[1]?.message).toMatch(/schema v0 has no field "batchId"/);
    expect(res.rejected[2]?.message).toMatch(/schema v0 has no field "lines"/);
    const stored = await s.db.query<{ id: string }>("SELECT id FROM docs WHERE collection = 'order_events'");
    expect(stored.map((r) => r.id)).toEqual([accepted.id]);
  });

  it('answers a v0 conflict in v0, and refuses one v0 cannot express', async () => {
    const accepted = makeOrderEvent(d1, order.id, 'accepted', { at: at(1), batchId: 'B-9' });
    const claim = makeOrderEvent(d1, order.id, 'batch_claimed', { at: at(2), batchId: 'B-9' });
    expect(await push([accepted, claim], 1)).toEqual({ conflicts: [], rejected: [] });
    const { batchId: _b, ...acceptedV0 } = accepted;
    const { batchId: _c, ...claimAsV0 } = claim;
    const res = await push([{ ...acceptedV0, note: 'rewritten' }, { ...claimAsV0, type: 'accepted' }], 0);
    expect(res.conflicts).toEqual([wire(acceptedV0)]);
    expect(res.rejected).toEqual([{ documentId: claim.id, code: 'UNSUPPORTED_SCHEMA_VERSION', message: expect.stringMatching(/cannot express/) }]);
  });

  it('refuses any other version with UNSUPPORTED_SCHEMA_VERSION and the supported list', async () => {
    const cases: Array<[string, string, number[]]> = [
      ['GET', '/sync/v1/order_events/pull?schemaVersion=3', [0, 1, 2]],
      ['POST', '/sync/v1/order_events/push?schemaVersion=3', [0, 1, 2]],
      ['GET', '/sync/v1/orders/pull?schemaVersion=1', [0]],
      ['POST', '/sync/v1/stock_moves/push?schemaVersion=1', [0]],
    ];
    for (const [method, path, supported] of cases) {
      const res = await s.request<ErrorBody>(method, path, { token: d1.token, ...(method === 'POST' ? { body: { rows: [] } } : {}) });
      expect(res.status, path).toBe(400);
      expect(res.body, path).toMatchObject({ code: 'UNSUPPORTED_SCHEMA_VERSION', details: { supported } });
    }
  });
});
