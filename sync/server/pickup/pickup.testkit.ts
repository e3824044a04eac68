import type { OrderEvent } from '../../model/order-event.js';
import type { PickupPassDoc } from '../../model/pickup-pass-doc.js';
import type { PassPublicKey } from '../../model/pickup-pass.js';
import type { StoreDoc } from '../../model/store.js';
import { apiRoutes, type EnrollResponse, type PickupPassResponse } from '../../protocol/platform.js';
import type { Checkpoint, PullResponse } from '../../protocol/sync.js';
import { makeOrderEvent, makeOrderInput, type ApiResult, type TestServer } from '../testing.js';

/** A terminal of a seeded store, as the pickup tests use one. */
export interface Terminal extends EnrollResponse {
  deviceId: string;
  storeId: string;
}

export async function seededTerminal(s: TestServer, storeId = 'S001', name = 'Kiosk'): Promise<Terminal> {
  await s.admin.seedStore(storeId);
  return s.admin.enroll(storeId, name);
}

/** A pickup order of the terminal's store, posted by the platform. */
export async function pickupOrder(s: TestServer, t: Terminal): Promise<string> {
  const input = makeOrderInput({ storeId: t.storeId, fulfilment: { type: 'pickup', slot: { kind: '2h', dueAt: new Date(Date.now() + 7_200_000).toISOString() } } });
  return (await s.admin.postOrder(input)).id;
}

/** Pushes order facts and fails loudly on any refusal. */
export async function pushEvents(s: TestServer, t: Terminal, events: OrderEvent[]): Promise<void> {
  const res = await s.sync.push(t.token, 'order_events', events.map((e) => ({ newDocumentState: { ...e, _deleted: false } })));
  if (res.status !== 200 || res.body.rejected.length > 0 || res.body.conflicts.length > 0) throw new Error(`push refused: ${JSON.stringify(res.body)}`);
}

/** accepted, picking_started, ready: the order waits for its customer. Returns the ready fact. */
export async function makeReady(s: TestServer, t: Terminal, orderId: string, extra: Partial<OrderEvent> = {}): Promise<OrderEvent> {
  const base = Date.now() - 60_000;
  const at = (i: number) => new Date(base + i * 1000).toISOString();
  const ready = makeOrderEvent(t, orderId, 'ready', { at: at(2), ...extra });
  await pushEvents(s, t, [makeOrderEvent(t, orderId, 'accepted', { at: at(0) }), makeOrderEvent(t, orderId, 'picking_started', { at: at(1) }), ready]);
  return ready;
}

/** Everything a terminal pulls of one collection, page by page from scratch, through the real sync API. */
export async function pullAll<D>(s: TestServer, t: Terminal, collection: Parameters<TestServer['sync']['pull']>[1]): Promise<(D & { _deleted: boolean })[]> {
  const out: (D & { _deleted: boolean })[] = [];
  let from: Checkpoint | null = null;
  for (;;) {
    const res: ApiResult<PullResponse> = await s.sync.pull(t.token, collection, from, 100);
    if (res.status !== 200) throw new Error(`pull ${collection}: ${res.status} ${JSON.stringify(res.body)}`);
    out.push(...(res.body.documents as unknown as (D & { _deleted: boolean })[]));
    if (res.body.documents.length < 100) return out;
    from = res.body.checkpoint ?? null;
  }
}

/** The terminal's view: the current (not deleted) document of each id, as a replica would hold it. */
export async function livePasses(s: TestServer, t: Terminal): Promise<Map<string, PickupPassDoc>> {
  const docs = await pullAll<PickupPassDoc>(s, t, 'pickup_passes');
  const out = new Map<string, PickupPassDoc>();
  for (const d of docs) {
    const { _deleted, ...doc } = d;
    if (_deleted) out.delete(doc.orderId);
    else out.set(doc.orderId, doc);
  }
  return out;
}

export async function storeKeys(s: TestServer, t: Terminal): Promise<readonly PassPublicKey[]> {
  const docs = await pullAll<StoreDoc>(s, t, 'stores');
  return docs.at(-1)?.passKeys ?? [];
}

export function getPass(s: TestServer, orderId: string, token = s.platformApiKey): Promise<ApiResult<PickupPassResponse>> {
  return s.request<PickupPassResponse>('GET', apiRoutes.pickupPass(orderId), { token });
}
