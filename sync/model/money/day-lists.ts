import type { Order } from '../order.js';
import type { OrderEvent, PickedLine } from '../order-event.js';
import type { OrderStatus } from '../status.js';
import { businessDayOf } from './till.js';

/**
 * What the store's day close lists beside the drawer (read from the orders and their facts, nothing recorded):
 * prepaid orders handed over that day, locker pickups, orders still out with couriers, and the refunds the platform
 * owes customers for short picks and for cancellations of paid orders, amount per order. Pure.
 */
export interface DayOrder {
  order: Pick<Order, 'id' | 'payment' | 'cancel' | 'fulfilment'> & { readonly lines: readonly Order['lines'][number][] };
  status: OrderStatus;
  /** The order's applied facts, in order. */
  events: readonly OrderEvent[];
}

export interface DayLists {
  prepaidHandedOver: { orderId: string; amount: number; at: string }[];
  lockerPickups: { orderId: string; at: string }[];
  outWithCouriers: { orderId: string; courierId?: string; since: string }[];
  refundsOwed: { orderId: string; amount: number; why: 'short_pick' | 'cancelled' }[];
}

/** What a paid order's pick could not supply, in fen: each missing unit at its line's price (a substitute is charged). */
export function shortPickAmount(order: DayOrder['order'], picked: readonly PickedLine[]): number {
  let missing = 0;
  for (const line of picked) {
    const ordered = order.lines[line.lineIndex];
    const short = line.ordered - line.picked - (line.substitute?.qty ?? 0);
    if (ordered && short > 0) missing += short * ordered.unitPrice;
  }
  return Math.min(missing, order.payment.amount);
}

export function dayLists(orders: readonly DayOrder[], businessDay: string, timeZone: string): DayLists {
  const onDay = (at: string) => businessDayOf(at, timeZone) === businessDay;
  const out: DayLists = { prepaidHandedOver: [], lockerPickups: [], outWithCouriers: [], refundsOwed: [] };
  for (const { order, status, events } of orders) {
    const paid = order.payment.paid;
    const handover = events.filter((e) => e.type === 'picked_up' || e.type === 'delivered').at(-1);
    if (handover && onDay(handover.at)) {
      if (paid) out.prepaidHandedOver.push({ orderId: order.id, amount: order.payment.amount, at: handover.at });
      if (handover.type === 'picked_up' && handover.via === 'locker') out.lockerPickups.push({ orderId: order.id, at: handover.at });
    }
    if (status === 'dispatched') {
      const d = events.filter((e) => e.type === 'dispatched').at(-1);
      out.outWithCouriers.push({ orderId: order.id, ...(d?.courierId ? { courierId: d.courierId } : {}), since: d?.at ?? '' });
    }
    if (!paid) continue;
    if (order.cancel && onDay(order.cancel.requestedAt)) {
      // A paid order cancelled: the whole amount goes back to the customer.
      out.refundsOwed.push({ orderId: order.id, amount: order.payment.amount, why: 'cancelled' });
      continue;
    }
    const pick = events.filter((e) => e.type === 'picked').at(-1);
    if (pick?.lines && onDay(pick.at)) {
      const amount = shortPickAmount(order, pick.lines);
      if (amount > 0) out.refundsOwed.push({ orderId: order.id, amount, why: 'short_pick' });
    }
  }
  const byId = <T extends { orderId: string }>(a: T, b: T) => (a.orderId < b.orderId ? -1 : a.orderId > b.orderId ? 1 : 0);
  out.prepaidHandedOver.sort(byId);
  out.lockerPickups.sort(byId);
  out.outWithCouriers.sort(byId);
  out.refundsOwed.sort(byId);
  return out;
}
