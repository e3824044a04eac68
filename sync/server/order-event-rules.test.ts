import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Order } from '../model/order.js';
import type { OrderEvent, PackedPackage, PickedLine } from '../model/order-event.js';
import type { OrderStatusResponse } from '../protocol/platform.js';
import type { PushResponse } from '../protocol/sync.js';
import { makeOrderEvent, makeOrderInput, startTestServer, testOperatorId, type TestServer } from './testing.js';

type Device = { deviceId: string; storeId: string; token: string };

let s: TestServer;
let d1: Device;
let order: Order;
let t0: number;
beforeEach(async () => {
  s = await startTestServer();
  await s.admin.seedStore('S001');
  d1 = await s.admin.enroll('S001', 'T1');
  order = await s.admin.postOrder(
    makeOrderInput({
      lines: [
        { sku: 'TEA500', name: 'Green tea 500ml', qty: 2, unitPrice: 390, substitutable: true },
        { sku: 'RICE5KG', name: 'Rice 5kg', qty: 1, unitPrice: 4990 },
      ],
    }),
  );
  t0 = Date.now();
});
afterEach(async () => {
  await s.close();
});

const at = (seconds: number) => new Date(t0 + seconds * 1000).toISOString();
const event = (type: OrderEvent['type'], seconds: number, overrides: Partial<OrderEvent> = {}) =>
  makeOrderEvent(d1, order.id, type, { at: at(seconds), ...overrides });

async function push(events: OrderEvent[]): Promise<PushResponse<'order_events'>> {
  const res = await s.sync.push(d1.token, 'order_events', events.map((e) => ({ newDocumentState: { ...e, _deleted: false } })));
  expect(res.status).toBe(200);
  return res.body;
}

const codes = (res: PushResponse<'order_events'>) => res.rejected.map((r) => [r.documentId, r.code]);

async function storedIds(): Promise<string[]> {
  const rows = await s.db.query<{ id: string }>("SELECT id FROM docs WHERE collection = 'order_events' ORDER BY id");
  return rows.map((r) => r.id);
}

/** Tea short by one and made up with another tea; rice picked in full. */
const shortTea: PickedLine[] = [
  { lineIndex: 0, sku: 'TEA500', ordered: 2, picked: 1, substitute: { sku: 'TEA330', qty: 1 }, shortReason: 'out_of_stock' },
  { lineIndex: 1, sku: 'RICE5KG', ordered: 1, picked: 1, substitute: null, shortReason: null },
];

const pkg = (n: number, of: number, items: PackedPackage['items']): PackedPackage => ({ id: `${order.id}-P${n}`, n, of, items });

async function toPicking() {
  expect(await push([event('accepted', 1), event('picking_started', 2)])).toEqual({ conflicts: [], rejected: [] });
}

describe('push rules for order events', () => {
  it('a batch claim or release names its batch; lines only on picked, packages only on packed', async () => {
    const claimNoBatch = event('batch_claimed', 1);
    const releaseNoBatch = event('batch_released', 2);
    const claim = event('batch_claimed', 3, { batchId: 'B-1' });
    const linesOnAccepted = event('accepted', 4, { lines: shortTea });
    const packagesOnPicked = event('picked', 5, { packages: [pkg(1, 1, [{ sku: 'RICE5KG', qty: 1 }])] });
    const res = await push([claimNoBatch, releaseNoBatch, claim, linesOnAccepted, packagesOnPicked]);
    expect(codes(res)).toEqual([
      [claimNoBatch.id, 'VALIDATION_FAILED'],
      [releaseNoBatch.id, 'VALIDATION_FAILED'],
      [linesOnAccepted.id, 'VALIDATION_FAILED'],
      [packagesOnPicked.id, 'VALIDATION_FAILED'],
    ]);
    expect(res.rejected.map((r) => r.message)).toEqual([
      'a batch_claimed event names its batch: batchId is missing',
      'a batch_released event names its batch: batchId is missing',
      'lines belong on a picked event, not on accepted',
      'packages belong on a packed event, not on picked',
    ]);
    expect(await storedIds()).toEqual([claim.id]);
  });

  it('a batch claim needs the pick permission of an active operator, and leaves the status alone', async () => {
    await push([event('accepted', 1)]);
    const byStranger = event('batch_claimed', 2, { batchId: 'B-1', operatorId: 'nobody' });
    const byPicker = event('batch_claimed', 3, { batchId: 'B-1', operatorId: testOperatorId('S001', 'picker') });
    expect(codes(await push([byStranger, byPicker]))).toEqual([[byStranger.id, 'UNKNOWN_OPERATOR']]);
    const status = await s.request<OrderStatusResponse>('GET', `/api/v1/orders/${order.id}`, { token: s.platformApiKey });
    expect(status.body.status).toBe('accepted');
  });

  it("a picked event's lines must match the order (checkPickedLines), with the model's message", async () => {
    await toPicking();
    const missingLine = event('picked', 3, { lines: shortTea.slice(0, 1) });
    const tooMany = event('picked', 4, { lines: [{ ...shortTea[0], picked: 2 } as PickedLine, shortTea[1] as PickedLine] });
    const noReason = event('picked', 5, { lines: [{ ...shortTea[0], substitute: null, shortReason: null } as PickedLine, shortTea[1] as PickedLine] });
    const riceSubstituted = event('picked', 6, {
      lines: [shortTea[0] as PickedLine, { ...shortTea[1], picked: 0, substitute: { sku: 'RICE2KG', qty: 1 }, shortReason: 'damaged' } as PickedLine],
    });
    const res = await push([missingLine, tooMany, noReason, riceSubstituted]);
    expect(codes(res).map(([, code]) => code)).toEqual(['VALIDATION_FAILED', 'VALIDATION_FAILED', 'VALIDATION_FAILED', 'VALIDATION_FAILED']);
    expect(res.rejected.map((r) => r.message)).toEqual([
      `order ${order.id} has 2 lines; the pick names 1`,
      'line 0 (TEA500): 3 taken for 2 ordered',
      'line 0 (TEA500): picked 1 of 2 without a reason',
      'line 1 (RICE5KG): the customer accepts no substitute for this line',
    ]);
    const good = event('picked', 7, { lines: shortTea, batchId: 'B-1' });
    expect(await push([good])).toEqual({ conflicts: [], rejected: [] });
    const status = await s.request<OrderStatusResponse>('GET', `/api/v1/orders/${order.id}`, { token: s.platformApiKey });
    expect(status.body.status).toBe('picked');
  });

  it("a packed event's packages must hold what the applied pick took, even when both come in one push", async () => {
    await toPicking();
    const picked = event('picked', 3, { lines: shortTea });
    const missingSubstitute = event('packed', 4, { packages: [pkg(1, 1, [{ sku: 'TEA500', qty: 1 }, { sku: 'RICE5KG', qty: 1 }])] });
    const badNumbering = event('packed', 5, {
      packages: [pkg(1, 2, [{ sku: 'TEA500', qty: 1 }, { sku: 'TEA330', qty: 1 }]), pkg(3, 2, [{ sku: 'RICE5KG', qty: 1 }])],
    });
    const good = event('packed', 6, {
      packages: [pkg(1, 2, [{ sku: 'TEA500', qty: 1 }, { sku: 'TEA330', qty: 1 }]), pkg(2, 2, [{ sku: 'RICE5KG', qty: 1 }])],
    });
    const res = await push([picked, missingSubstitute, badNumbering, good]);
    expect(res.rejected).toEqual([
      { documentId: missingSubstitute.id, code: 'VALIDATION_FAILED', message: 'TEA330: 1 picked, 0 packed' },
      { documentId: badNumbering.id, code: 'VALIDATION_FAILED', message: 'package 2 of 2 is labelled 3 of 2' },
    ]);
    const status = await s.request<OrderStatusResponse>('GET', `/api/v1/orders/${order.id}`, { token: s.platformApiKey });
    expect(status.body.status).toBe('packed');
  });

  it('packages are held to the applied pick only: a later, ignored pick does not count, and a pick by hand checks numbering only', async () => {
    await toPicking();
    const byHand = event('picked', 3);
    // Arrives after the order is already picked: ignored by the fold, so its lines are not what the packages hold.
    const ignoredPick = event('picked', 4, { lines: shortTea });
    expect(await push([byHand, ignoredPick])).toEqual({ conflicts: [], rejected: [] });
    const anything = event('packed', 5, { packages: [pkg(1, 1, [{ sku: 'SOMETHING', qty: 9 }])] });
    const misnumbered = event('packed', 6, { packages: [{ ...pkg(1, 1, [{ sku: 'TEA500', qty: 2 }]), id: 'P-1' }] });
    const res = await push([misnumbered, anything]);
    expect(res.rejected).toEqual([
      { documentId: misnumbered.id, code: 'VALIDATION_FAILED', message: `package 1 has id P-1; expected ${order.id}-P1` },
    ]);
  });
});
