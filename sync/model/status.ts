import type { FulfilmentType, Order } from './order.js';
import { isStatusEvent, type OrderEvent, type OrderEventType, type PickedLine } from './order-event.js';

export const ORDER_STATUSES = [
  'new',
  'accepted',
  'picking',
  'picked',
  'packed',
  'ready',
  'dispatched',
  'delivered',
  'picked_up',
  /** The goods went back on the shelf without leaving the store (an uncollected pickup, a delivery given up). */
  'returned',
  'rejected',
  'cancelled',
] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

/** Statuses in which the goods have left the store: a cancellation can no longer stop them (it becomes a return). */
export const HANDED_OVER: ReadonlySet<OrderStatus> = new Set(['dispatched', 'delivered', 'picked_up']);
/** Statuses in which nothing more happens in the store. */
export const FINAL: ReadonlySet<OrderStatus> = new Set(['delivered', 'picked_up', 'returned', 'rejected', 'cancelled']);

interface Transition {
  from: readonly OrderStatus[];
  to: OrderStatus;
  only?: FulfilmentType;
}

const TRANSITIONS: Record<OrderEventType, Transition> = {
  accepted: { from: ['new'], to: 'accepted' },
  rejected: { from: ['new', 'accepted'], to: 'rejected' },
  picking_started: { from: ['accepted'], to: 'picking' },
  picked: { from: ['picking'], to: 'picked' },
  packed: { from: ['picked'], to: 'packed' },
  // Ready again from ready: the order moved (from the counter shelf into a locker, or to another compartment).
  ready: { from: ['picking', 'picked', 'packed', 'ready'], to: 'ready' },
  dispatched: { from: ['packed', 'ready'], to: 'dispatched', only: 'delivery' },
  delivered: { from: ['dispatched'], to: 'delivered', only: 'delivery' },
  // Back from the run undelivered: packed again, so it can go out on another run or be restocked.
  delivery_failed: { from: ['dispatched'], to: 'packed', only: 'delivery' },
  picked_up: { from: ['ready'], to: 'picked_up', only: 'pickup' },
  // The door did not open: still ready, now at the counter (handover.ts: pickupPlace).
  locker_failed: { from: ['ready'], to: 'ready', only: 'pickup' },
  returned_to_stock: { from: ['packed', 'ready'], to: 'returned' },
};

export type TransitionCheck =
  | { ok: true; to: OrderStatus }
  | { ok: false; code: 'ILLEGAL_TRANSITION'; message: string };

/** Whether an event of this type may be recorded now. The UI offers only these; the fold ignores the rest. */
export function checkTransition(status: OrderStatus, type: OrderEventType, fulfilment: FulfilmentType): TransitionCheck {
  const t = TRANSITIONS[type];
  if (t.only && t.only !== fulfilment) {
    return { ok: false, code: 'ILLEGAL_TRANSITION', message: `"${type}" does not apply to a ${fulfilment} order` };
  }
  if (!t.from.includes(status)) {
    return { ok: false, code: 'ILLEGAL_TRANSITION', message: `cannot record "${type}" on an order that is ${status}` };
  }
  return { ok: true, to: t.to };
}

/** The event types that are legal next, in lifecycle order. */
export function nextEventTypes(status: OrderStatus, fulfilment: FulfilmentType): OrderEventType[] {
  return (Object.keys(TRANSITIONS) as OrderEventType[]).filter((type) => checkTransition(status, type, fulfilment).ok);
}

export interface HistoryEntry {
  event: OrderEvent;
  applied: boolean;
  /** Why the event did not change the status (a race lost to another terminal, or to the cancellation). */
  ignoredReason?: string;
}

export interface DerivedStatus {
  status: OrderStatus;
  /** The platform cancelled after the goods left: the order stays handed over and becomes a return. */
  returnRequested: boolean;
  history: HistoryEntry[];
  /** Time of the last event that changed the status. */
  changedAt: string;
}

/** Total order on events, independent of arrival order: time first, then the (unique) id. */
export function compareEvents(a: OrderEvent, b: OrderEvent): number {
  if (a.at !== b.at) return a.at < b.at ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/**
 * The fold of an order's status facts in (at, id) order, before the cancellation merge: everything a judge of the
 * next fact needs, without the history. Kept per order by the centre so that one more fact costs the same however
 * long the order's history is (foldEvent extends it); a fact that sorts before `last` arrived late and needs a
 * fold from the start.
 */
export interface StatusFold {
  status: OrderStatus;
  /** Time of the last fact that changed the status (the order's receipt before any). */
  changedAt: string;
  /** The last fact folded, by (at, id); null before the first. */
  last: { at: string; id: string } | null;
  /** The applied `picked` fact: its time and lines (null when it was marked picked by hand). */
  picked: { at: string; lines: readonly PickedLine[] | null } | null;
}

type FoldOrder = Pick<Order, 'id' | 'fulfilment' | 'cancel' | 'receivedAt'>;

export function emptyFold(order: Pick<Order, 'receivedAt'>): StatusFold {
  return { status: 'new', changedAt: order.receivedAt, last: null, picked: null };
}

/** Whether the event sorts after everything the fold holds, so foldEvent may extend it. */
export function extendsFold(fold: StatusFold, event: Pick<OrderEvent, 'at' | 'id'>): boolean {
  return fold.last === null || compareEvents(event as OrderEvent, fold.last as OrderEvent) > 0;
}

export interface FoldStep {
  fold: StatusFold;
  /** undefined for a fact that does not move the status (a batch claim). */
  applied?: boolean;
  ignoredReason?: string;
}

/** Folds one more fact, which must sort after the fold's last (extendsFold). */
export function foldEvent(fold: StatusFold, event: OrderEvent, fulfilment: FulfilmentType): FoldStep {
  const last = { at: event.at, id: event.id };
  if (!isStatusEvent(event)) return { fold: { ...fold, last } };
  const check = checkTransition(fold.status, event.type, fulfilment);
  if (!check.ok) return { fold: { ...fold, last }, applied: false, ignoredReason: check.message };
  const picked = event.type === 'picked' ? { at: event.at, lines: event.lines ?? null } : fold.picked;
  // A fact that keeps the status (ready again, a locker that failed) does not restart the time in that status.
  const changedAt = check.to === fold.status ? fold.changedAt : event.at;
  return { fold: { status: check.to, changedAt, last, picked }, applied: true };
}

/** The fold of all of an order's facts, whatever order they arrived in. */
export function foldEvents(order: FoldOrder, events: readonly OrderEvent[]): StatusFold {
  let fold = emptyFold(order);
  for (const event of sortedFacts(order, events)) fold = foldEvent(fold, event, order.fulfilment.type).fold;
  return fold;
}

function sortedFacts(order: Pick<Order, 'id'>, events: readonly OrderEvent[]): OrderEvent[] {
  const sorted = events.filter((e) => e.orderId === order.id).sort(compareEvents);
  // The same fact delivered twice counts once.
  return sorted.filter((e, i) => i === 0 || sorted[i - 1]!.id !== e.id);
}

/** Whether the platform's cancellation overrules store work: it does unless the goods left or the store refused. */
function cancelWins(order: FoldOrder, status: OrderStatus): order is FoldOrder & { cancel: NonNullable<Order['cancel']> } {
  return order.cancel !== undefined && !HANDED_OVER.has(status) && status !== 'rejected';
}

/** The status a fold stands for once the platform's cancellation is merged (the rule deriveStatus states). */
export function statusOfFold(order: FoldOrder, fold: StatusFold): Omit<DerivedStatus, 'history'> {
  if (!order.cancel) return { status: fold.status, returnRequested: false, changedAt: fold.changedAt };
  if (HANDED_OVER.has(fold.status)) return { status: fold.status, returnRequested: true, changedAt: fold.changedAt };
  if (fold.status === 'rejected') return { status: fold.status, returnRequested: false, changedAt: fold.changedAt };
  const cancelledAt = order.cancel.requestedAt;
  return { status: 'cancelled', returnRequested: false, changedAt: cancelledAt > fold.changedAt ? cancelledAt : fold.changedAt };
}

/** The lines of the pick the order's status stands on: undefined when marked picked by hand, not yet picked, or overruled. */
export function pickedLinesOfFold(order: FoldOrder, fold: StatusFold): readonly PickedLine[] | undefined {
  if (!fold.picked?.lines) return undefined;
  if (cancelWins(order, fold.status) && fold.picked.at > order.cancel.requestedAt) return undefined;
  return fold.picked.lines;
}

/**
 * Derives the fulfilment status of an order from its events. Pure and order-independent: the events are sorted
 * by (at, id) and folded through the transition table, so every replica that holds the same set of events and
 * the same order document gets the same answer.
 *
 * Merge rule for a cancellation racing with store work: the platform's cancellation wins over everything the
 * store did unless the goods were already handed over; then the order keeps its handed-over status and is
 * flagged as a return.
 */
export function deriveStatus(order: FoldOrder, events: readonly OrderEvent[]): DerivedStatus {
  let fold = emptyFold(order);
  const history: HistoryEntry[] = [];
  for (const event of sortedFacts(order, events)) {
    const step = foldEvent(fold, event, order.fulfilment.type);
    fold = step.fold;
    if (step.applied === true) history.push({ event, applied: true });
    else if (step.applied === false) history.push({ event, applied: false, ignoredReason: step.ignoredReason! });
  }
  const merged = statusOfFold(order, fold);
  if (!cancelWins(order, fold.status)) return { ...merged, history };
  const cancelledAt = order.cancel.requestedAt;
  const overruled = history.map((h) =>
    h.applied && h.event.at > cancelledAt ? { ...h, applied: false, ignoredReason: 'the order was cancelled by the platform' } : h,
  );
  return { ...merged, history: overruled };
}

/** Outcome of a platform cancellation request, decided by the same rule as deriveStatus. */
export function cancellationOutcome(current: OrderStatus): 'cancelled' | 'return' | 'already_final' {
  if (HANDED_OVER.has(current)) return 'return';
  if (current === 'rejected' || current === 'cancelled') return 'already_final';
  return 'cancelled';
}
