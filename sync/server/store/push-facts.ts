import { isSelfServiceFact } from '../../model/self-service.js';
import type { OrderEvent } from '../../model/order-event.js';
import { EVENT_ACTION, isClockAhead, MAX_CLOCK_AHEAD_MS, STOCK_MOVE_ACTION } from '../../model/permissions.js';
import { statusOfFold } from '../../model/status.js';
import { checkStockMove, type StockMove } from '../../model/stock.js';
import type { PushRejection, PushResponse } from '../../protocol/sync.js';
import type { DeviceContext } from '../auth.js';
import { jsonEqual } from '../equal.js';
import { checkActor, OperatorBook, type Refusal } from './actors.js';
import { addFact, currentFold, loadOrderFacts, saveFolds, type OrderFacts } from './order-folds.js';
import { orderEventRuleRefusal, orderEventShapeRefusal } from './order-facts.js';
import { appendPlatformEvents, statusChanged, type FeedEntry } from './orders.js';
import { PushAnswer, type PreparedRow } from './push-answer.js';
import { rowStoreFailure } from '../validation.js';
import { foldMovesIntoLevels } from './stock-levels.js';
import type { Payment } from '../../model/payment.js';
import { courierRefusal, handoverShapeRefusal, paymentRefusal } from '../handover/judge.js';
import { handoverFeedEntries, paymentFeedEntries } from '../handover/feed.js';
import type { StoredDoc, StoreTx } from './store-tx.js';
import { ordersOutOfWindow, placeOrders } from '../window/membership.js';
import { pickupAfterFacts } from '../pickup/issue.js';
import { TillJudge } from '../day-close/judge.js';
import type { TillEvent } from '../../model/money/till.js';

type FactCollection = 'order_events' | 'stock_moves' | 'payments' | 'till_events';

/** What judging a push of facts reads from the database: a few queries for the whole push, not a few per row. */
interface Context {
  existing: Map<string, StoredDoc>;
  orders: Map<string, OrderFacts>;
  book: OperatorBook;
  /** For till facts: the drawers they touch (day-close/judge.ts). */
  till?: TillJudge;
}

/** What a judged push writes. */
interface Plan {
  answer: PushAnswer;
  inserts: { index: number; id: string; data: Record<string, unknown> }[];
  moves: StockMove[];
  /** Order events and payments accepted, for the platform's feed. */
  events: OrderEvent[];
  payments: Payment[];
  /** Orders that gained facts, in the order they were first touched. */
  touched: OrderFacts[];
}

async function loadContext(st: StoreTx, collection: FactCollection, rows: readonly PreparedRow[]): Promise<Context> {
  const docs = rows.flatMap((r) => (r.refused ? [] : [r.doc]));
  const existing = await st.getMany(collection, rows.map((r) => r.documentId));
  const orderIds = collection === 'stock_moves' || collection === 'till_events' ? [] : docs.map((d) => String(d.orderId));
  const orders = await loadOrderFacts(st.q, st.storeId, orderIds);
  const people = docs.flatMap((d) => [d.operatorId, d.approvedBy, d.courierId, d.collectedBy]).filter((id): id is string => typeof id === 'string');
  const till = collection === 'till_events' ? await TillJudge.load(st.q, st.storeId, docs) : undefined;
  return { existing, orders, book: await OperatorBook.load(st.q, st.storeId, people), ...(till ? { till } : {}) };
}

/** The model's rules for a new fact, and who did it. Schema, store and device are already checked. */
async function refuseFact(ctx: Context, storeId: string, collection: FactCollection, doc: Record<string, unknown>): Promise<Refusal | undefined> {
  const at = doc.at;
  if (typeof at === 'string' && isClockAhead(at, Date.now())) {
    // Judged now, a fact from the future would dodge every later deactivation: the terminal's clock must be fixed.
    return { code: 'VALIDATION_FAILED', message: `at ${at} is more than ${MAX_CLOCK_AHEAD_MS / 60_000} minutes ahead of the server's clock; the terminal clock is ahead` };
  }
  if (collection === 'order_events') {
    const event = doc as unknown as OrderEvent;
    const shape = orderEventShapeRefusal(event) ?? handoverShapeRefusal(event);
    if (shape) return shape;
    const order = ctx.orders.get(event.orderId);
    if (!order) return { code: 'UNKNOWN_ORDER', message: `order "${event.orderId}" does not exist in store "${storeId}"` };
    // The fold is read only by the rules of a pick or a packing, so a stale one is folded only then.
    const state = { order: order.order, get fold() { return currentFold(order); } };
    const rule = orderEventRuleRefusal(event, state) ?? (await courierRefusal(ctx.book, event));
    // A kiosk release is proven by the customer's pickup pass, not by an operator (sync/model/self-service.ts).
    return rule ?? (isSelfServiceFact(event) ? undefined : checkActor(ctx.book, event, EVENT_ACTION[event.type]));
  }
  if (collection === 'till_events') return ctx.till!.refusal(ctx.book, doc as unknown as TillEvent);
  if (collection === 'payments') {
    const payment = doc as unknown as Payment;
    return paymentRefusal(ctx.book, payment, ctx.orders.get(payment.orderId), storeId);
  }
  const move = doc as unknown as StockMove;
  const rule = checkStockMove(move);
  if (!rule.ok) return { code: 'VALIDATION_FAILED', message: rule.message };
  return checkActor(ctx.book, move, STOCK_MOVE_ACTION[move.kind]);
}

/**
 * Judges the rows in order, in memory: each fact against the facts stored before it and those this push accepted
 * ahead of it (a packed after its picked), exactly as if they had been stored one by one.
 */
async function plan(st: StoreTx, device: DeviceContext, collection: FactCollection, version: number, rows: readonly PreparedRow[], ctx: Context, excluded: ReadonlyMap<number, Omit<PushRejection, 'documentId'>>): Promise<Plan> {
  const answer = new PushAnswer(collection, version);
  const out: Plan = { answer, inserts: [], moves: [], events: [], payments: [], touched: [] };
  const accepted = new Map<string, StoredDoc>();
  const touched = new Set<OrderFacts>();
  for (const r of rows) {
    const refused = excluded.get(r.index) ?? r.refused;
    if (refused || r.refused) {
      const why = refused ?? r.refused!;
      answer.reject(r.documentId, why.code, why.message);
      continue;
    }
    const { doc, documentId } = r;
    if (r.deleted) {
      answer.reject(documentId, 'VALIDATION_FAILED', `${collection} are append-only facts; they cannot be deleted`);
      continue;
    }
    if (doc.deviceId !== device.deviceId) {
      answer.reject(documentId, 'DEVICE_MISMATCH', `deviceId "${String(doc.deviceId)}" is not this device "${device.deviceId}"`);
      continue;
    }
    const existing = accepted.get(documentId) ?? ctx.existing.get(documentId);
    if (existing) {
      // The same fact again is a harmless retry, judged when it first came; a different fact under the same id is
      // a conflict.
      if (existing.deleted || !jsonEqual(existing.data, doc)) answer.conflict(documentId, existing);
      continue;
    }
    const refusal = await refuseFact(ctx, st.storeId, collection, doc);
    if (refusal) {
      answer.reject(documentId, refusal.code, refusal.message);
      continue;
    }
    accepted.set(documentId, { data: doc, deleted: false, position: 0 });
    out.inserts.push({ index: r.index, id: documentId, data: doc });
    if (collection === 'order_events') {
      const event = doc as unknown as OrderEvent;
      const order = ctx.orders.get(event.orderId)!;
      if (!touched.has(order)) {
        touched.add(order);
        out.touched.push(order);
      }
      await addFact(st.q, st.storeId, order, event);
      out.events.push(event);
    } else if (collection === 'payments') {
      out.payments.push(doc as unknown as Payment);
    } else if (collection === 'till_events') {
      ctx.till!.accept(doc as unknown as TillEvent);
    } else {
      out.moves.push(doc as unknown as StockMove);
    }
  }
  return out;
}

/** Stores the facts, the folds they moved, the stock snapshots and the platform's feed; the feed last (its lock is global). */
async function write(st: StoreTx, collection: FactCollection, p: Plan): Promise<void> {
  await st.putMany(collection, p.inserts);
  await saveFolds(st.q, st.storeId, p.touched);
  await foldMovesIntoLevels(st, p.moves);
  // Pickup passes for orders made ready, and the flag on an order released twice (pickup/issue.ts).
  const passes = collection === 'order_events' ? await pickupAfterFacts(st, p.touched, p.inserts.map((i) => i.data as unknown as OrderEvent)) : [];
  const changes = p.touched.flatMap((o) => {
    const after = statusOfFold(o.order, currentFold(o));
    return statusChanged(o.before, after) ? [{ orderId: o.order.id, storeId: st.storeId, status: after.status, returnRequested: after.returnRequested }] : [];
  });
  // A new pass after the status change that made the order ready, so the platform reads `ready` first.
  const passEntries = passes.map((pass): FeedEntry => ({ orderId: pass.orderId, storeId: st.storeId, status: 'ready', returnRequested: false, detail: { fact: 'pickup_pass_issued', expiresAt: pass.expiresAt } }));
  await appendPlatformEvents(st.q, [...(await handoverFeedEntries(st.q, st.storeId, changes, p.events)), ...(await paymentFeedEntries(st.q, st.storeId, p.payments)), ...passEntries]);
  // Facts for orders the window let go: a return brings its order back, anything else leaves with it.
  const outside =
    collection === 'order_events'
      ? p.touched.filter((o) => !o.inWindow).map((o) => o.order.id)
      : [...(await ordersOutOfWindow(st.q, st.storeId, [...p.moves, ...p.payments].flatMap((m) => (m.orderId ? [m.orderId] : []))))];
  await placeOrders(st, outside);
}

/** The rows among the inserts that the database refuses on their own, found by a dry run row by row. */
async function unstorableRows(st: StoreTx, collection: FactCollection, inserts: Plan['inserts']): Promise<Map<number, Omit<PushRejection, 'documentId'>>> {
  const bad = new Map<number, Omit<PushRejection, 'documentId'>>();
  await st.tryThenUndo(async () => {
    for (const ins of inserts) {
      try {
        await st.savepoint(() => st.put(collection, ins.id, ins.data));
      } catch (err) {
        bad.set(ins.index, rowStoreFailure(err));
      }
    }
  });
  return bad;
}

/**
 * A push of facts: read what the rows need in a few queries, judge them in memory, write them in a few
 * statements. A row the database refuses (its content cannot be stored) must not fail the others: the write is
 * undone, the refused rows are found by a dry run, and the push is judged again without them (a later fact may have
 * depended on one), so the queue never blocks on one document.
 */
export async function judgeFacts(st: StoreTx, device: DeviceContext, collection: FactCollection, version: number, rows: readonly PreparedRow[]): Promise<PushResponse> {
  const excluded = new Map<number, Omit<PushRejection, 'documentId'>>();
  for (;;) {
    const ctx = await loadContext(st, collection, rows);
    const p = await plan(st, device, collection, version, rows, ctx, excluded);
    try {
      await st.savepoint(() => write(st, collection, p), 'store_tx_batch');
      return p.answer.response;
    } catch (err) {
      const bad = await unstorableRows(st, collection, p.inserts);
      // No single row is at fault: the server is, and the push fails as a whole (the client retries it).
      if (bad.size === 0) throw err;
      for (const [index, refusal] of bad) excluded.set(index, refusal);
    }
  }
}
