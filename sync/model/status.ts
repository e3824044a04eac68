import type { FulfilmentType, Order } from './order.js';
import { isStatusEvent, type OrderEvent, type OrderEventType } from './order-event.js';

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
  'rejected',
  'cancelled',
] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

/** Statuses in which the goods have left the store: a cancellation can no longer stop them (it becomes a return). */
export const HANDED_OVER: ReadonlySet<OrderStatus> = new Set(['dispatched', 'delivered', 'picked_up']);
/** Statuses in which nothing more happens in the store. */
export const FINAL: ReadonlySet<OrderStatus> = new Set(['delivered', 'picked_up', 'rejected', 'cancelled']);

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
  ready: { from: ['picking', 'picked', 'packed'], to: 'ready' },
  dispatched: { from: ['packed', 'ready'], to: 'dispatched', only: 'delivery' },
  delivered: { from: ['dispatched'], to: 'delivered', only: 'delivery' },
  picked_up: { from: ['ready'], to: 'picked_up', only: 'pickup' },
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
 * Derives the fulfilment status of an order from its events. Pure and order-independent: the events are sorted
 * by (at, id) and folded through the transition table, so every replica that holds the same set of events and
 * the same order document gets the same answer.
 *
 * Merge rule for a cancellation racing with store work: the platform's cancellation wins over everything the
 * store did unless the goods were already handed over; then the order keeps its handed-over status and is
 * flagged as a return.
 */
export function deriveStatus(order: Pick<Order, 'id' | 'fulfilment' | 'cancel' | 'receivedAt'>, events: readonly OrderEvent[]): DerivedStatus {
  const sorted = events.filter((e) => e.orderId === order.id).sort(compareEvents);
  let status: OrderStatus = 'new';
  let changedAt = order.receivedAt;
  const history: HistoryEntry[] = [];
  let previous: OrderEvent | undefined;
  for (const event of sorted) {
    if (previous && previous.id === event.id) continue; // the same fact delivered twice
    previous = event;
    if (!isStatusEvent(event)) continue; // batch claims say who picks the order, not where it stands
    const check = checkTransition(status, event.type, order.fulfilment.type);
    if (check.ok) {
      status = check.to;
      changedAt = event.at;
      history.push({ event, applied: true });
    } else {
      history.push({ event, applied: false, ignoredReason: check.message });
    }
  }
  if (!order.cancel) return { status, returnRequested: false, history, changedAt };
  if (HANDED_OVER.has(status)) return { status, returnRequested: true, history, changedAt };
  if (status === 'rejected') return { status, returnRequested: false, history, changedAt };
  const cancelledAt = order.cancel.requestedAt;
  const overruled = history.map((h) =>
    h.applied && h.event.at > cancelledAt ? { ...h, applied: false, ignoredReason: 'the order was cancelled by the platform' } : h,
  );
  return { status: 'cancelled', returnRequested: false, history: overruled, changedAt: cancelledAt > changedAt ? cancelledAt : changedAt };
}

/** Outcome of a platform cancellation request, decided by the same rule as deriveStatus. */
export function cancellationOutcome(current: OrderStatus): 'cancelled' | 'return' | 'already_final' {
  if (HANDED_OVER.has(current)) return 'return';
  if (current === 'rejected' || current === 'cancelled') return 'already_final';
  return 'cancelled';
}
