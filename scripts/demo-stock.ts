/**
 * The demo store's stock: deliveries from the distribution centre, booked the way a store books goods in. Each is a
 * `receive` stock move made by a member of staff on the demo terminal and pushed through the sync API with that
 * terminal's device token, so the centre judges, stores and folds it like any other move (stock_levels, the stock
 * API) and every terminal pulls it. Nothing writes a stock figure.
 *
 * A delivery brings a product back to its shelf's par level plus what open orders hold, so a demo store never shows
 * a product it sells as out of stock; a restarted demo receives only what the shelves are short of.
 */
import { v7 as uuidv7 } from 'uuid';
import type { CollectionName } from '../sync/model/collections.js';
import {
  deriveStatus,
  permission,
  reservedByOrders,
  type Order,
  type OrderEvent,
  type Role,
  type StockLevel,
  type StockMove,
} from '../sync/model/index.js';
import type { ProductInput } from '../sync/protocol/platform.js';
import { MAX_PULL_BATCH, MAX_PUSH_BATCH, schemaVersionOf, syncRoutes, type Checkpoint, type DeviceInfo, type PullResponse, type WireDoc } from '../sync/protocol/sync.js';
import { isRecord, SyncHttp } from '../sync/client/http.js';
import { isPullResponse, isPushResponse, wireDocProblem } from '../sync/client/wire.js';

/** What the shelf holds after a delivery, by price: cheap staples by the case, dear items a few at a time. */
export function parLevel(product: Pick<ProductInput, 'sku' | 'unitPrice'>): number {
  // The SKU's digits vary the level a little, the same on every run.
  const spread = [...product.sku].reduce((sum, ch) => (sum * 31 + ch.charCodeAt(0)) % 997, 7) % 4;
  if (product.unitPrice < 1000) return 36 + spread * 6;
  if (product.unitPrice < 5000) return 18 + spread * 3;
  return 6 + spread * 2;
}

/** Goods arrive in whole cases: 6 of a cheap item, 3 of a mid-priced one, single units of the dear ones. */
export function caseSize(product: Pick<ProductInput, 'unitPrice'>): number {
  if (product.unitPrice < 1000) return 6;
  if (product.unitPrice < 5000) return 3;
  return 1;
}

/** A shelf is restocked once what is available (on hand less what open orders hold) falls below a third of par. */
export const reorderPoint = (product: Pick<ProductInput, 'sku' | 'unitPrice'>): number => Math.ceil(parLevel(product) / 3);

export interface DeliveryPlan {
  sku: string;
  qty: number;
}

/**
 * What a delivery brings: for every product whose available stock is below its reorder point, enough whole cases to
 * bring it back to par after the open orders take theirs. Available is then at least par, so > 0.
 */
export function planDelivery(
  catalogue: readonly Pick<ProductInput, 'sku' | 'unitPrice'>[],
  onHand: ReadonlyMap<string, number>,
  reserved: ReadonlyMap<string, number>,
): DeliveryPlan[] {
  const plan: DeliveryPlan[] = [];
  for (const p of catalogue) {
    const have = onHand.get(p.sku) ?? 0;
    const held = reserved.get(p.sku) ?? 0;
    if (have - held >= reorderPoint(p)) continue;
    const short = parLevel(p) + held - have;
    const unit = caseSize(p);
    plan.push({ sku: p.sku, qty: Math.ceil(short / unit) * unit });
  }
  return plan;
}

/** The first member of staff whose roles let them book goods in without anyone's approval. */
export function receiver<T extends { id: string; roles: readonly Role[] }>(staff: readonly T[]): T {
  const ok = (o: T) => {
    const p = permission(o.roles, 'stock.receive');
    return p.allowed && !p.needsApproval;
  };
  // Goods-in is a shop-floor job: a manager only if nobody else may.
  const found = staff.find((o) => ok(o) && !o.roles.includes('manager')) ?? staff.find(ok);
  if (!found) throw new Error('nobody on the staff may receive stock (stock.receive)');
  return found;
}

export interface RestockOptions {
  serverUrl: string;
  /** The device token of the terminal that books the delivery in. */
  token: string;
  catalogue: readonly ProductInput[];
  /** Who books it in; must be allowed stock.receive. */
  operatorId: string;
  now?: () => Date;
  /** Printed with each move, shown in the activity trail. */
  reason?: string;
}

export interface RestockResult {
  /** Products that received goods. */
  products: number;
  units: number;
  /** Products the store sells, and how many of them are now available (> 0) by the centre's figures. */
  catalogue: number;
}

export const DELIVERY_REASON = '配送中心到货 DC delivery';

/**
 * Reads the store's stock and open orders as a terminal does (a pull of the window with the device token), plans a
 * delivery, and books it in as receive moves through the sync push. Throws if the centre refuses any move.
 */
export async function restockDemoStore(opts: RestockOptions): Promise<RestockResult> {
  const http = new SyncHttp({ serverUrl: opts.serverUrl, token: opts.token });
  const me = await http.get(syncRoutes.whoami(), isDeviceInfo);
  const [levels, orders, events] = await Promise.all([pullAll(http, 'stock_levels'), pullAll(http, 'orders'), pullAll(http, 'order_events')]);
  const onHand = new Map(levels.map((l: StockLevel) => [l.sku, l.qty]));
  const reserved = reservedOf(orders, events);
  const plan = planDelivery(opts.catalogue, onHand, reserved);
  await bookIn(http, me, plan, opts);
  return { products: plan.length, units: plan.reduce((n, p) => n + p.qty, 0), catalogue: opts.catalogue.length };
}

export interface ReceiveOptions {
  serverUrl: string;
  /** The device token of the terminal that books the goods in. */
  token: string;
  operatorId: string;
  lines: readonly DeliveryPlan[];
  now?: () => Date;
  reason?: string;
}

/** Books goods in as receive moves, as a terminal does: one per line, pushed with the device's token. */
export async function receiveGoods(opts: ReceiveOptions): Promise<void> {
  const http = new SyncHttp({ serverUrl: opts.serverUrl, token: opts.token });
  await bookIn(http, await http.get(syncRoutes.whoami(), isDeviceInfo), opts.lines, opts);
}

async function bookIn(http: SyncHttp, me: DeviceInfo, lines: readonly DeliveryPlan[], opts: { operatorId: string; now?: () => Date; reason?: string }): Promise<void> {
  const at = (opts.now ?? (() => new Date()))().toISOString();
  const moves: StockMove[] = lines.map(({ sku, qty }) => ({
    id: uuidv7(),
    storeId: me.storeId,
    sku,
    kind: 'receive',
    qty,
    at,
    operatorId: opts.operatorId,
    deviceId: me.deviceId,
    reason: opts.reason ?? DELIVERY_REASON,
  }));
  for (let i = 0; i < moves.length; i += MAX_PUSH_BATCH) {
    const rows = moves.slice(i, i + MAX_PUSH_BATCH).map((m) => ({ newDocumentState: { ...m, _deleted: false } }));
    const res = await http.post(`${syncRoutes.push('stock_moves')}?schemaVersion=${schemaVersionOf('stock_moves')}`, { rows }, isPushResponse);
    const first = res.rejected[0];
    if (first) throw new Error(`the centre refused ${res.rejected.length} receive move(s), e.g. ${first.documentId}: ${first.code} ${first.message}`);
  }
}

/** Units held by the orders still to be picked, by their status folded from their facts (as the terminal does). */
export function reservedOf(orders: readonly Order[], events: readonly OrderEvent[]): Map<string, number> {
  const byOrder = new Map<string, OrderEvent[]>();
  for (const e of events) byOrder.set(e.orderId, [...(byOrder.get(e.orderId) ?? []), e]);
  return reservedByOrders(orders.map((o) => ({ status: deriveStatus(o, byOrder.get(o.id) ?? []).status, lines: o.lines })));
}

type Doc<C extends CollectionName> = Omit<WireDoc<C>, '_deleted'>;

/** Every live document of a collection in the device's window, page by page, checked against its schema. */
async function pullAll<C extends 'stock_levels' | 'orders' | 'order_events'>(http: SyncHttp, collection: C): Promise<Doc<C>[]> {
  const docs = new Map<string, Doc<C>>();
  let from: Checkpoint | null = null;
  for (;;) {
    const q = new URLSearchParams({ schemaVersion: String(schemaVersionOf(collection)), limit: String(MAX_PULL_BATCH) });
    if (from) {
      q.set('position', String(from.position));
      q.set('id', from.id);
      if (from.until !== undefined) q.set('until', String(from.until));
    }
    const page = (await http.get(`${syncRoutes.pull(collection)}?${q.toString()}`, isPullResponse)) as PullResponse<C>;
    for (const doc of page.documents) {
      const problem = wireDocProblem(collection, doc);
      if (problem) throw new Error(`the centre sent a ${collection} document that breaks its schema: ${problem}`);
      const { _deleted, ...data } = doc;
      const key = keyOf(collection, data as Doc<C>);
      if (_deleted) docs.delete(key);
      else docs.set(key, data as Doc<C>);
    }
    if (page.documents.length < MAX_PULL_BATCH || !page.checkpoint) return [...docs.values()];
    from = page.checkpoint;
  }
}

function keyOf<C extends 'stock_levels' | 'orders' | 'order_events'>(collection: C, doc: Doc<C>): string {
  return collection === 'stock_levels' ? (doc as Doc<'stock_levels'>).sku : (doc as Doc<'orders'>).id;
}

function isDeviceInfo(v: unknown): v is DeviceInfo {
  return isRecord(v) && typeof v.deviceId === 'string' && typeof v.storeId === 'string';
}
