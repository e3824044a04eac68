import type { Compartment, HandoverField } from './handover-fields.js';
import type { OrderEvent, OrderFactType } from './order-event.js';
import type { DerivedStatus } from './status.js';
import type { Order } from './order.js';

/**
 * The handover facts' rules that the schema cannot say: which event type carries which field. The terminal checks
 * before recording and the server refuses what fails (order-facts.ts), with the same words.
 */
const FIELD_TYPES: Record<HandoverField, readonly OrderFactType[]> = {
  compartment: ['ready', 'picked_up'],
  via: ['picked_up'],
  proof: ['picked_up'],
  courierId: ['dispatched'],
  failReason: ['delivery_failed'],
  restockReason: ['returned_to_stock'],
  paymentId: ['picked_up', 'delivered'],
};

/** Fields a type cannot go without (v2 terminals always send them; a v0/v1 picked_up or dispatched has none). */
const REQUIRED: Partial<Record<OrderFactType, readonly HandoverField[]>> = {
  delivery_failed: ['failReason'],
  returned_to_stock: ['restockReason'],
};

export type HandoverShapeCheck = { ok: true } | { ok: false; message: string };

export function checkHandoverShape(event: OrderEvent): HandoverShapeCheck {
  for (const [field, types] of Object.entries(FIELD_TYPES) as [HandoverField, readonly OrderFactType[]][]) {
    if (event[field] !== undefined && !types.includes(event.type)) {
      return { ok: false, message: `${field} belongs on ${types.join(' or ')}, not on ${event.type}` };
    }
  }
  for (const field of REQUIRED[event.type] ?? []) {
    if (event[field] === undefined) return { ok: false, message: `a ${event.type} event says ${field}` };
  }
  if (event.type === 'picked_up') {
    if (event.via === 'locker' && event.compartment === undefined) return { ok: false, message: 'a pickup through a locker names its compartment' };
    if (event.via !== 'locker' && event.compartment !== undefined) return { ok: false, message: 'a compartment belongs on a pickup through a locker (via "locker")' };
  }
  return { ok: true };
}

/** Where a ready pickup order waits: in a locker compartment, or on the counter shelf. */
export type PickupPlace = { at: 'locker'; compartment: Compartment } | { at: 'counter' };

/**
 * Where a ready order is, from its applied facts: the compartment of the last `ready` that named one, unless a later
 * `ready` put it on the counter shelf or a locker's door failed to open for it (then it waits at the counter).
 * null when the order is not ready.
 */
export function pickupPlace(derived: Pick<DerivedStatus, 'status' | 'history'>): PickupPlace | null {
  if (derived.status !== 'ready') return null;
  let place: PickupPlace = { at: 'counter' };
  for (const h of derived.history) {
    if (!h.applied) continue;
    if (h.event.type === 'ready') place = h.event.compartment ? { at: 'locker', compartment: h.event.compartment } : { at: 'counter' };
    if (h.event.type === 'locker_failed') place = { at: 'counter' };
  }
  return place;
}

/** The courier who holds a dispatched order: the `courierId` of the dispatch its status stands on. */
export function courierOf(derived: Pick<DerivedStatus, 'status' | 'history'>): string | null {
  if (derived.status !== 'dispatched') return null;
  const dispatch = derived.history.filter((h) => h.applied && h.event.type === 'dispatched').at(-1);
  return dispatch?.event.courierId ?? null;
}

/** Handover facts that need their detail (a reason, a compartment, a courier's run): never a one-key quick action. */
export const DETAIL_ONLY_TYPES: ReadonlySet<OrderFactType> = new Set<OrderFactType>(['delivery_failed', 'locker_failed', 'returned_to_stock']);

/**
 * Whether the order screen's quick actions may offer this type for the order: not the detailed handover facts, and
 * not a handover of an order with cash still to collect, which goes through the counter or the courier return so
 * that its payment is taken with it.
 */
export function offeredAsQuickAction(type: OrderFactType, order: Pick<Order, 'payment'>): boolean {
  if (DETAIL_ONLY_TYPES.has(type)) return false;
  const moneyDue = order.payment.method === 'cod' && !order.payment.paid;
  return !(moneyDue && (type === 'picked_up' || type === 'delivered'));
}
