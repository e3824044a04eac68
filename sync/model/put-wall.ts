import { skuOfCode, type ProductIndex } from './batch.js';
import { parseTote, withNotice, withRefusal, type PickState, type PutTask } from './pick-state.js';
import type { PickedLine } from './order-event.js';

/**
 * After the walk the picked items are sorted into the orders' totes (put-wall): scan an item, the screen names the
 * tote, scan the tote's label to confirm. Items owed to no remaining order are refused, so nothing lands in the
 * wrong tote. Also here: the facts the finished walk leaves for the terminal to record.
 */

export function buildPutTasks(state: Pick<PickState, 'outcomes' | 'totes' | 'withdrawn'>): PutTask[] {
  const toteOf = new Map(state.totes.map((t) => [t.orderId, t.tote]));
  const tasks = new Map<string, PutTask>();
  const add = (orderId: string, sku: string, qty: number) => {
    const tote = toteOf.get(orderId);
    if (qty <= 0 || tote === undefined || state.withdrawn.includes(orderId)) return;
    const key = `${orderId}\u0000${sku}`;
    const task = tasks.get(key);
    if (task) task.qty += qty;
    else tasks.set(key, { orderId, tote, sku, qty, put: 0 });
  };
  for (const o of state.outcomes) {
    for (const a of o.allocations) {
      add(a.orderId, o.sku, a.picked);
      if (o.substitute) add(a.orderId, o.substitute.sku, a.substituted);
    }
  }
  return [...tasks.values()].sort((a, b) => a.tote - b.tote || (a.sku < b.sku ? -1 : a.sku > b.sku ? 1 : 0));
}

export function finishWalk(state: PickState): PickState {
  const putTasks = buildPutTasks(state);
  const next: PickState = { ...state, phase: putTasks.length > 0 ? 'put' : 'done', putTasks, pendingPut: null };
  return withNotice(next, 'WALK_DONE', { units: putTasks.reduce((n, t) => n + t.qty, 0) });
}

export function putScan(state: PickState, code: string, products: ProductIndex): PickState {
  const tote = parseTote(code);
  if (tote !== null) {
    const task = state.pendingPut === null ? undefined : state.putTasks[state.pendingPut];
    if (!task) return withRefusal(state, 'SCAN_ITEM_FIRST', 'scan an item, then its tote');
    if (task.tote !== tote) return withRefusal(state, 'WRONG_TOTE', `wrong tote: this item goes to tote ${task.tote}`, { expected: task.tote, got: tote });
    const putTasks = state.putTasks.map((t, i) => (i === state.pendingPut ? { ...t, put: t.put + 1 } : t));
    const allPut = putTasks.every((t) => t.put >= t.qty);
    const next: PickState = { ...state, putTasks, pendingPut: null, phase: allPut ? 'done' : 'put' };
    return withNotice(next, allPut ? 'ALL_PUT' : 'PUT_DONE', { tote, orderId: task.orderId });
  }
  if (state.pendingPut !== null) {
    const waiting = state.putTasks[state.pendingPut];
    return withRefusal(state, 'SCAN_TOTE_FIRST', `put the item in tote ${waiting?.tote ?? '?'} and scan the tote`, { tote: waiting?.tote ?? 0 });
  }
  if (code.startsWith('LOC:')) return withRefusal(state, 'NOT_NOW', 'the walk is finished: sort the items into the totes');
  const sku = state.putTasks.some((t) => t.sku === code) ? code : skuOfCode(products, code);
  if (sku === null) return withRefusal(state, 'UNKNOWN_CODE', `unknown code ${code}`, { code });
  const i = state.putTasks.findIndex((t) => t.sku === sku && t.put < t.qty);
  if (i < 0) return withRefusal(state, 'NOTHING_TO_PUT', `no order in this batch is owed ${sku}: put it back on the shelf`, { sku });
  const task = state.putTasks[i] as PutTask;
  return withNotice({ ...state, pendingPut: i }, 'PUT_TO_TOTE', { tote: task.tote, orderId: task.orderId, sku });
}

/** One order line after the walk: the `lines` of the picked event. */
export type PickedLineFact = PickedLine;

export interface OrderPickFact {
  orderId: string;
  tote: number;
  lines: PickedLineFact[];
  /** Some unit is neither picked nor substituted: the order is picked short. */
  short: boolean;
}

/** A stock move to record (kind 'pick', negative); the caller adds id, time, operator and device. */
export interface PickMoveDraft {
  sku: string;
  qty: number;
  orderId: string;
}

export interface PickFacts {
  batchId: string;
  orders: OrderPickFact[];
  moves: PickMoveDraft[];
}

/** The facts of a finished walk (null while walking). Withdrawn orders have none: their items go back. */
export function pickFacts(state: PickState): PickFacts | null {
  if (state.phase === 'walk') return null;
  const lines = new Map<string, PickedLineFact[]>();
  const moves = new Map<string, PickMoveDraft>();
  const move = (orderId: string, sku: string, qty: number) => {
    if (qty <= 0) return;
    const key = `${orderId}\u0000${sku}`;
    const m = moves.get(key);
    if (m) m.qty -= qty;
    else moves.set(key, { orderId, sku, qty: -qty });
  };
  for (const o of state.outcomes) {
    for (const a of o.allocations) {
      if (state.withdrawn.includes(a.orderId)) continue;
      const substitute = o.substitute && a.substituted > 0 ? { sku: o.substitute.sku, qty: a.substituted } : null;
      const fact: PickedLineFact = { lineIndex: a.lineIndex, sku: o.sku, ordered: a.ordered, picked: a.picked, substitute, shortReason: a.picked < a.ordered ? o.reason : null };
      lines.set(a.orderId, [...(lines.get(a.orderId) ?? []), fact]);
      move(a.orderId, o.sku, a.picked);
      if (substitute) move(a.orderId, substitute.sku, substitute.qty);
    }
  }
  const orders = state.totes
    .filter((t) => !state.withdrawn.includes(t.orderId))
    .map(({ orderId, tote }) => {
      const ls = (lines.get(orderId) ?? []).sort((a, b) => a.lineIndex - b.lineIndex);
      return { orderId, tote, lines: ls, short: ls.some((l) => l.picked + (l.substitute?.qty ?? 0) < l.ordered) };
    });
  return { batchId: state.batchId, orders, moves: [...moves.values()] };
}
