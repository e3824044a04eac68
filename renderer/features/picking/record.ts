import type { RxStorageWriteError } from 'rxdb';
import type { TerminalDb } from '../../db/index.js';
import {
  batchOwnership,
  checkPickedLines,
  checkStockMove,
  checkTransition,
  claimBatch,
  claimsFromEvents,
  deriveStatus,
  EVENT_ACTION,
  pickFacts,
  resolveClaims,
  STOCK_MOVE_ACTION,
  type DerivedStatus,
  type Order,
  type OrderEvent,
  type PickState,
  type ShortReason,
  type StockMove,
} from '../../../sync/model/index.js';
import { groupEventsByOrder } from '../orders/queue.js';
import type { Actor, AuthorityCode } from '../approval/authorize.js';
import { checkAuthority } from '../approval/check.js';

/**
 * The writes of a pick batch: claiming its orders when the walk starts, and the picked events and stock moves when
 * it ends. Everything is checked before the first write, and the writes of one step go in as few bulk inserts as
 * possible, so a refusal leaves the database as it was.
 */

type Clock = () => Date;

export type StartCode = AuthorityCode | 'BATCH_STALE' | 'EMPTY_BATCH' | 'WRITE_FAILED';
export type StartResult = { ok: true; events: OrderEvent[] } | { ok: false; code: StartCode; message: string; orderIds?: string[] };

interface OrderFacts {
  order: Order;
  events: OrderEvent[];
  derived: DerivedStatus;
}

/** The orders and every event about them, as this terminal holds them now. */
export async function orderFacts(db: TerminalDb, orderIds: readonly string[]): Promise<Map<string, OrderFacts>> {
  const [orders, events] = await Promise.all([
    db.orders.findByIds([...orderIds]).exec(),
    db.order_events.find({ selector: { orderId: { $in: [...orderIds] } } }).exec(),
  ]);
  const byOrder = groupEventsByOrder(events.map((doc) => doc.toJSON() as OrderEvent));
  const out = new Map<string, OrderFacts>();
  for (const [id, doc] of orders) {
    const order = doc.toJSON() as Order;
    const list = byOrder.get(id) ?? [];
    out.set(id, { order, events: list, derived: deriveStatus(order, list) });
  }
  return out;
}

/** A new batch id: "B-" and a UUIDv7, so batches sort by creation like the events that name them. */
export const newBatchId = (newId: () => string): string => `B-${newId()}`;

/**
 * Claims the orders for the batch (`batch_claimed`, stamped causally after every claim fact held for the order)
 * and starts picking them (`picking_started`), in one bulk insert. Refused as BATCH_STALE when an order is no longer
 * accepted or another batch holds it meanwhile: the screen then builds the batch again.
 */
export async function startBatch(
  db: TerminalDb,
  actor: Actor,
  batchId: string,
  orderIds: readonly string[],
  newId: () => string,
  now: Clock = () => new Date(),
  /** Per order, the note its picking_started carries (it went ahead short of stock). */
  notes: Readonly<Record<string, string>> = {},
): Promise<StartResult> {
  if (orderIds.length === 0) return { ok: false, code: 'EMPTY_BATCH', message: 'the batch has no orders' };
  const authority = await checkAuthority(db, actor, EVENT_ACTION.batch_claimed);
  if (!authority.ok) return authority;
  const facts = await orderFacts(db, orderIds);
  const known = resolveClaims(claimsFromEvents([...facts.values()].flatMap((f) => f.events)));
  // Orders this batch already holds were claimed by an earlier attempt that crashed before it could say so.
  const todo = orderIds.filter((id) => known.owners.get(id) !== batchId);
  const stale = todo.filter((id) => {
    const f = facts.get(id);
    return !f || !checkTransition(f.derived.status, 'picking_started', f.order.fulfilment.type).ok || known.owners.has(id);
  });
  if (stale.length > 0) return { ok: false, code: 'BATCH_STALE', message: `no longer free to pick: ${stale.join(', ')}`, orderIds: stale };
  const base = { storeId: actor.storeId, operatorId: actor.operatorId, deviceId: actor.deviceId, batchId };
  const events: OrderEvent[] = claimBatch(known, batchId, todo, now().toISOString(), newId).flatMap((claim) => [
    { ...base, id: claim.id, orderId: claim.orderId, type: 'batch_claimed' as const, at: claim.at },
    // The same instant; the later UUIDv7 sorts it after the claim.
    { ...base, id: newId(), orderId: claim.orderId, type: 'picking_started' as const, at: claim.at, ...(notes[claim.orderId] ? { note: notes[claim.orderId] } : {}) },
  ]);
  if (events.length === 0) return { ok: true, events };
  const written = await db.order_events.bulkInsert(events);
  if (written.error.length > 0) return { ok: false, code: 'WRITE_FAILED', message: failures(written.error) };
  return { ok: true, events };
}

/** The writes that end a walk, prepared once (ids included) so that a retry after a crash writes the same facts. */
export interface FinishPlan {
  batchId: string;
  events: OrderEvent[];
  moves: StockMove[];
  /** Orders of the batch that get no picked event now (cancelled or taken by another batch since). */
  skipped: { orderId: string; reason: 'cancelled' | 'claim_lost' | 'not_picking' }[];
  summary: PickSummary;
}

export interface PickSummary {
  batchId: string;
  orders: { orderId: string; tote: number; short: boolean; shortLines: { sku: string; missing: number; reason: ShortReason | null }[] }[];
  withdrawn: string[];
  putBack: { sku: string; qty: number }[];
  units: number;
}

export type FinishCode = AuthorityCode | 'NOT_FINISHED' | 'INVALID_PICK' | 'INVALID_MOVE' | 'WRITE_FAILED';
export type PlanResult = { ok: true; plan: FinishPlan } | { ok: false; code: FinishCode; message: string };

/** Builds and checks the picked events and pick moves of a finished walk against the orders as they stand now. */
export async function planFinish(db: TerminalDb, actor: Actor, state: PickState, newId: () => string, now: Clock = () => new Date()): Promise<PlanResult> {
  const facts = pickFacts(state);
  if (!facts || state.phase !== 'done') return { ok: false, code: 'NOT_FINISHED', message: 'sort every item into its tote first' };
  const authority = await checkAuthority(db, actor, EVENT_ACTION.picked);
  if (!authority.ok) return authority;
  const current = await orderFacts(db, facts.orders.map((o) => o.orderId));
  const claims = resolveClaims(claimsFromEvents([...current.values()].flatMap((f) => f.events)));
  const { lost } = batchOwnership(claims, state.batchId, facts.orders.map((o) => o.orderId));
  const at = now().toISOString();
  const base = { storeId: actor.storeId, operatorId: actor.operatorId, deviceId: actor.deviceId };
  const events: OrderEvent[] = [];
  const skipped: FinishPlan['skipped'] = [];
  const kept = new Set<string>();
  for (const o of facts.orders) {
    const f = current.get(o.orderId);
    if (!f || f.derived.status === 'cancelled') { skipped.push({ orderId: o.orderId, reason: 'cancelled' }); continue; }
    if (lost.includes(o.orderId)) { skipped.push({ orderId: o.orderId, reason: 'claim_lost' }); continue; }
    if (!checkTransition(f.derived.status, 'picked', f.order.fulfilment.type).ok) { skipped.push({ orderId: o.orderId, reason: 'not_picking' }); continue; }
    const check = checkPickedLines(f.order, o.lines);
    if (!check.ok) return { ok: false, code: 'INVALID_PICK', message: check.message };
    events.push({ ...base, id: newId(), orderId: o.orderId, type: 'picked', at: after(f.events, at), batchId: state.batchId, lines: o.lines });
    kept.add(o.orderId);
  }
  const moves: StockMove[] = [];
  for (const m of facts.moves) {
    if (!kept.has(m.orderId)) continue;
    const check = checkStockMove({ kind: 'pick', qty: m.qty });
    if (!check.ok) return { ok: false, code: 'INVALID_MOVE', message: `${m.sku}: ${check.message}` };
    moves.push({ ...base, id: newId(), sku: m.sku, kind: 'pick', qty: m.qty, at, orderId: m.orderId });
  }
  const moveAuthority = await checkAuthority(db, actor, STOCK_MOVE_ACTION.pick);
  if (!moveAuthority.ok) return moveAuthority;
  return { ok: true, plan: { batchId: state.batchId, events, moves, skipped, summary: summarize(state, facts.orders.filter((o) => kept.has(o.orderId)), skipped) } };
}

/** `at`, or 1 ms after the latest event held for the order (a picked event must fold after its picking_started). */
function after(events: readonly OrderEvent[], at: string): string {
  const last = events.reduce<string | null>((m, e) => (m === null || e.at > m ? e.at : m), null);
  return last === null || last < at ? at : new Date(Date.parse(last) + 1).toISOString();
}

function summarize(state: PickState, orders: NonNullable<ReturnType<typeof pickFacts>>['orders'], skipped: FinishPlan['skipped']): PickSummary {
  return {
    batchId: state.batchId,
    orders: orders.map((o) => ({
      orderId: o.orderId,
      tote: o.tote,
      short: o.short,
      shortLines: o.lines
        .filter((l) => l.picked + (l.substitute?.qty ?? 0) < l.ordered)
        .map((l) => ({ sku: l.sku, missing: l.ordered - l.picked - (l.substitute?.qty ?? 0), reason: l.shortReason })),
    })),
    withdrawn: [...state.withdrawn, ...skipped.map((s) => s.orderId).filter((id) => !state.withdrawn.includes(id))],
    putBack: state.putBack,
    units: orders.reduce((n, o) => n + o.lines.reduce((k, l) => k + l.picked + (l.substitute?.qty ?? 0), 0), 0),
  };
}

/**
 * Writes a plan: the events in one bulk insert, then the moves in another. A fact already present (the same id,
 * from an earlier attempt that crashed halfway) counts as written, so running a plan twice is harmless.
 */
export async function writeFinish(db: TerminalDb, plan: Pick<FinishPlan, 'events' | 'moves'>): Promise<{ ok: true } | { ok: false; code: 'WRITE_FAILED'; message: string }> {
  const events = plan.events.length > 0 ? (await db.order_events.bulkInsert(plan.events)).error.filter(notDuplicate) : [];
  if (events.length > 0) return { ok: false, code: 'WRITE_FAILED', message: failures(events) };
  const moves = plan.moves.length > 0 ? (await db.stock_moves.bulkInsert(plan.moves)).error.filter(notDuplicate) : [];
  if (moves.length > 0) return { ok: false, code: 'WRITE_FAILED', message: failures(moves) };
  return { ok: true };
}

type WriteError = Pick<RxStorageWriteError<unknown>, 'status' | 'documentId'>;
const notDuplicate = (e: WriteError): boolean => e.status !== 409;
const failures = (errors: readonly WriteError[]): string => `not recorded: ${errors.map((e) => `${e.documentId} (${e.status})`).join(', ')}`;
