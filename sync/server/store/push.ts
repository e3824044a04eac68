import { COLLECTIONS, type CollectionName } from '../../model/collections.js';
import type { OrderEvent } from '../../model/order-event.js';
import { EVENT_ACTION, isClockAhead, MAX_CLOCK_AHEAD_MS, STOCK_MOVE_ACTION } from '../../model/permissions.js';
import type { DerivedStatus } from '../../model/status.js';
import { checkStockMove, type StockMove } from '../../model/stock.js';
import { schemaVersionOf, type PushRejection, type PushResponse, type PushRow, type WireDoc } from '../../protocol/sync.js';
import type { DeviceContext } from '../auth.js';
import { jsonEqual } from '../equal.js';
import { describeError, docValidator, rowStoreFailure } from '../validation.js';
import { checkActor, OperatorBook, type Refusal } from './actors.js';
import { orderEventRuleRefusal, orderEventShapeRefusal } from './order-facts.js';
import { loadOrderState, recordStatusChange, type OrderState } from './orders.js';
import { downgradeDoc, olderVersionProblem } from './schema-versions.js';
import { refreshStockLevels } from './stock-levels.js';
import type { StoredDoc, StoreTx } from './store-tx.js';

/** RxDB bookkeeping a client may send along; never stored. */
const CLIENT_ONLY_FIELDS = ['_deleted', '_rev', '_meta', '_attachments'];

function strip(doc: object): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(doc)) if (!CLIENT_ONLY_FIELDS.includes(k)) out[k] = v;
  return out;
}

function documentIdOf(collection: CollectionName, doc: object, index: number): string {
  const id = (doc as Record<string, unknown>)[COLLECTIONS[collection].schema.primaryKey];
  return typeof id === 'string' && id.length > 0 ? id : `#${index}`;
}

const wire = (data: Record<string, unknown>, deleted: boolean) => ({ ...data, _deleted: deleted }) as WireDoc<CollectionName>;

export function rejectAll(collection: CollectionName, rows: readonly PushRow[], code: PushRejection['code'], message: string): PushResponse {
  return { conflicts: [], rejected: rows.map((r, i) => ({ documentId: documentIdOf(collection, r.newDocumentState, i), code, message })) };
}

/** Append-only facts written by terminals (design §3 rule 2): never deleted, never rewritten. */
const FACTS: ReadonlySet<CollectionName> = new Set<CollectionName>(['order_events', 'stock_moves']);

interface Batch {
  st: StoreTx;
  /** The schema version the client speaks; documents are stored in the current one. */
  version: number;
  book: OperatorBook;
  orders: Map<string, OrderState | null>;
  /** Each touched order's derived status before this push, to feed the platform only real changes. */
  before: Map<string, DerivedStatus>;
  /** SKUs this push brought new stock moves for: their stock_levels are folded again before commit. */
  movedSkus: Set<string>;
}

async function orderOf(b: Batch, orderId: string): Promise<OrderState | null> {
  if (!b.orders.has(orderId)) b.orders.set(orderId, (await loadOrderState(b.st.q, b.st.storeId, orderId)) ?? null);
  return b.orders.get(orderId) ?? null;
}

/** The model's rules for a new fact, and who did it. Schema, store and device are already checked. */
async function refuseFact(b: Batch, collection: CollectionName, doc: Record<string, unknown>): Promise<Refusal | undefined> {
  const at = doc.at;
  if (typeof at === 'string' && isClockAhead(at, Date.now())) {
    // Judged now, a fact from the future would dodge every later deactivation: the terminal's clock must be fixed.
    return { code: 'VALIDATION_FAILED', message: `at ${at} is more than ${MAX_CLOCK_AHEAD_MS / 60_000} minutes ahead of the server's clock; the terminal clock is ahead` };
  }
  if (collection === 'order_events') {
    const event = doc as unknown as OrderEvent;
    const shape = orderEventShapeRefusal(event);
    if (shape) return shape;
    const order = await orderOf(b, event.orderId);
    if (!order) return { code: 'UNKNOWN_ORDER', message: `order "${event.orderId}" does not exist in store "${b.st.storeId}"` };
    return orderEventRuleRefusal(event, order) ?? checkActor(b.book, event, EVENT_ACTION[event.type]);
  }
  if (collection === 'stock_moves') {
    const move = doc as unknown as StockMove;
    const rule = checkStockMove(move);
    if (!rule.ok) return { code: 'VALIDATION_FAILED', message: rule.message };
    return checkActor(b.book, move, STOCK_MOVE_ACTION[move.kind]);
  }
  throw new Error(`no push rules for the facts of ${collection}`);
}

/**
 * Judges each row on its own inside the store transaction: a bad row is rejected with its reason and the others
 * still apply. Only a real difference from the server's state is returned as a conflict.
 */
export async function judgePush(
  st: StoreTx,
  device: DeviceContext,
  collection: CollectionName,
  rows: readonly PushRow[],
  version = schemaVersionOf(collection),
): Promise<PushResponse> {
  const conflicts: WireDoc<CollectionName>[] = [];
  const rejected: PushRejection[] = [];
  const b: Batch = { st, version, book: new OperatorBook(st.q, st.storeId), orders: new Map(), before: new Map(), movedSkus: new Set() };
  const validate = docValidator(collection);

  for (const [i, row] of rows.entries()) {
    const documentId = documentIdOf(collection, row.newDocumentState, i);
    const reject = (code: PushRejection['code'], message: string) => rejected.push({ documentId, code, message });
    const conflict = (existing: StoredDoc) => {
      // The client must be able to hold the server's state in its own version, or it could never settle the row.
      const data = downgradeDoc(collection, version, existing.data);
      if (data) conflicts.push(wire(data, existing.deleted));
      else reject('UNSUPPORTED_SCHEMA_VERSION', `${documentId} already holds a different document that ${collection} schema v${version} cannot express`);
    };
    const touched = [...b.before.keys()];
    try {
      // One row's unexpected database error must not abort the batch: a push queue that can never drain is worse.
      await st.savepoint(() => judgeRow(b, device, collection, row, documentId, reject, conflict, validate));
    } catch (err) {
      for (const orderId of b.before.keys()) if (!touched.includes(orderId)) b.before.delete(orderId);
      b.orders.clear();
      b.book.forget();
      const failure = rowStoreFailure(err);
      reject(failure.code, failure.message);
    }
  }

  await refreshStockLevels(st, b.movedSkus);
  for (const [orderId, derived] of b.before) {
    const after = await loadOrderState(st.q, st.storeId, orderId);
    if (after) await recordStatusChange(st.q, st.storeId, derived, after);
  }
  return { conflicts, rejected };
}

async function judgeRow(
  b: Batch,
  device: DeviceContext,
  collection: CollectionName,
  row: PushRow,
  documentId: string,
  reject: (code: PushRejection['code'], message: string) => void,
  conflict: (existing: StoredDoc) => void,
  validate: ReturnType<typeof docValidator>,
): Promise<void> {
  const st = b.st;
  const doc = strip(row.newDocumentState);
  const deleted = (row.newDocumentState as { _deleted?: unknown })._deleted === true;
  if (!validate(doc)) {
    const first = validate.errors?.[0];
    reject('VALIDATION_FAILED', first ? describeError('', first) : 'invalid document');
    return;
  }
  const older = olderVersionProblem(collection, b.version, doc);
  if (older) {
    reject('VALIDATION_FAILED', older);
    return;
  }
  if (doc.storeId !== device.storeId) {
    reject('STORE_MISMATCH', `storeId "${String(doc.storeId)}" is not this device's store "${device.storeId}"`);
    return;
  }
  const existing = await st.get(collection, documentId);

  if (FACTS.has(collection)) {
    if (deleted) {
      reject('VALIDATION_FAILED', `${collection} are append-only facts; they cannot be deleted`);
      return;
    }
    if (doc.deviceId !== device.deviceId) {
      reject('DEVICE_MISMATCH', `deviceId "${String(doc.deviceId)}" is not this device "${device.deviceId}"`);
      return;
    }
    if (existing) {
      // The same fact again is a harmless retry, judged when it first came; a different fact under the same id
      // is a conflict.
      if (existing.deleted || !jsonEqual(existing.data, doc)) conflict(existing);
      return;
    }
    const refusal = await refuseFact(b, collection, doc);
    if (refusal) {
      reject(refusal.code, refusal.message);
      return;
    }
    if (collection === 'order_events') {
      const order = await orderOf(b, String(doc.orderId));
      if (order && !b.before.has(order.order.id)) b.before.set(order.order.id, order.derived);
    }
    await st.put(collection, documentId, doc, false);
    // A later event of this push is judged against the order with this one in its history (a packed after its picked).
    if (collection === 'order_events') b.orders.delete(String(doc.orderId));
    if (collection === 'stock_moves') b.movedSkus.add(String(doc.sku));
    return;
  }

  // Mutable terminal documents: write only over the state the client last saw.
  if (existing) {
    const assumed = row.assumedMasterState;
    const same = assumed !== undefined && existing.deleted === ((assumed as { _deleted?: unknown })._deleted === true) && jsonEqual(existing.data, strip(assumed));
    if (!same) {
      conflict(existing);
      return;
    }
    if (existing.deleted === deleted && jsonEqual(existing.data, doc)) return;
  }
  await st.put(collection, documentId, doc, deleted);
}
