import type { TerminalDb } from '../../db/index.js';
import {
  amountDue,
  buildPayment,
  checkHandoverShape,
  checkTransition,
  EVENT_ACTION,
  paymentAction,
  type DeliveryFailReason,
  type OrderEvent,
  type OrderEventType,
  type Payment,
  type PickedLine,
  type PickupProof,
  type RestockReason,
  type StockMove,
  type Tender,
} from '../../../sync/model/index.js';
import type { QueueRow } from '../orders/queue.js';
import type { Actor, AuthorityCode } from '../approval/authorize.js';
import { checkAuthority } from '../approval/check.js';
import { netPickedBySku } from '../packing/pack-order.js';

export type HandoverRefusal = 'ILLEGAL_TRANSITION' | 'PAYMENT_NEEDED' | 'PAYMENT_INVALID' | 'SHAPE_INVALID' | AuthorityCode;
export type HandoverResult = { ok: true; event: OrderEvent; payment: Payment | null } | { ok: false; code: HandoverRefusal; message: string };

/** The money side of a handover, as the screen collected it. */
export interface MoneyTaken {
  tender: Tender;
  /** Set only when staff take an amount other than what is due (then approvedBy and reason). */
  amount?: number;
  approvedBy?: string;
  reason?: string;
}

/** The lines of the pick the order's status stands on (the last applied `picked`); undefined when marked by hand. */
export function pickedLinesOf(row: QueueRow): readonly PickedLine[] | undefined {
  return row.derived.history.filter((h) => h.applied && h.event.type === 'picked').at(-1)?.event.lines;
}

/** What the customer must pay for this order at its handover, in fen. */
export function dueOf(row: QueueRow): number {
  return amountDue(row.order, pickedLinesOf(row));
}

interface Ids {
  newId: () => string;
  now?: () => Date;
}

/**
 * Records a handover fact with the payment taken with it, after every check the server makes: the operator may do
 * it, the transition is legal, the fields belong, and the money adds up (an amount due is never skipped). The
 * payment goes in first and the event names it: if the event's write failed, the payment alone hands nothing over
 * (the centre feeds a handover only with its event), and the operator tries again with the same ids.
 */
async function recordHandover(db: TerminalDb, row: QueueRow, actor: Actor, type: OrderEventType, detail: Partial<OrderEvent>, money: (MoneyTaken & { collectedBy?: string }) | null, ids: Ids & { eventId?: string; paymentId?: string }): Promise<HandoverResult> {
  const authority = await checkAuthority(db, actor, EVENT_ACTION[type]);
  if (!authority.ok) return authority;
  const transition = checkTransition(row.derived.status, type, row.order.fulfilment.type);
  if (!transition.ok) return transition;
  const at = (ids.now ?? (() => new Date()))().toISOString();
  const due = type === 'picked_up' || type === 'delivered' ? dueOf(row) : 0;
  if (due > 0 && !money) return { ok: false, code: 'PAYMENT_NEEDED', message: `order "${row.order.id}" has ${due} fen to collect` };
  const eventId = ids.eventId ?? ids.newId();
  let payment: Payment | null = null;
  if (money && due > 0) {
    const built = buildPayment(
      { order: row.order, picked: pickedLinesOf(row), tender: money.tender, ...(money.amount !== undefined ? { amount: money.amount } : {}), ...(money.approvedBy ? { approvedBy: money.approvedBy } : {}), ...(money.reason ? { reason: money.reason } : {}), ...(money.collectedBy ? { collectedBy: money.collectedBy } : {}) },
      { id: ids.paymentId ?? ids.newId(), eventId },
      { operatorId: actor.operatorId, deviceId: actor.deviceId, at },
    );
    if (!built.ok) return { ok: false, code: 'PAYMENT_INVALID', message: `${built.code}: ${built.message}` };
    const payAuthority = await checkAuthority(db, actor, paymentAction(built.payment), built.payment.approvedBy);
    if (!payAuthority.ok) return payAuthority;
    payment = built.payment;
  }
  const event: OrderEvent = {
    id: eventId, storeId: actor.storeId, orderId: row.order.id, type, at, operatorId: actor.operatorId, deviceId: actor.deviceId,
    ...detail, ...(payment ? { paymentId: payment.id } : {}),
  };
  const shape = checkHandoverShape(event);
  if (!shape.ok) return { ok: false, code: 'SHAPE_INVALID', message: shape.message };
  if (payment && !(await db.payments.findOne(payment.id).exec())) await db.payments.insert(payment);
  await db.order_events.insert(event);
  return { ok: true, event, payment };
}

/** A pickup handed over at the counter, with how the customer proved it and the money where some is due. */
export function recordCounterPickup(db: TerminalDb, row: QueueRow, actor: Actor, proof: PickupProof, money: MoneyTaken | null, ids: Ids & { eventId?: string; paymentId?: string }): Promise<HandoverResult> {
  return recordHandover(db, row, actor, 'picked_up', { via: 'counter', proof }, money, ids);
}

/** Packed delivery orders given to a courier. */
export function recordDispatch(db: TerminalDb, row: QueueRow, actor: Actor, courierId: string, ids: Ids): Promise<HandoverResult> {
  return recordHandover(db, row, actor, 'dispatched', { courierId }, null, ids);
}

/** A delivery the courier made, with the money they collected. */
export function recordDelivered(db: TerminalDb, row: QueueRow, actor: Actor, courierId: string, money: MoneyTaken | null, ids: Ids & { eventId?: string; paymentId?: string }): Promise<HandoverResult> {
  return recordHandover(db, row, actor, 'delivered', {}, money ? { ...money, collectedBy: courierId } : null, ids);
}

/** A delivery the courier brought back: the order is packed again, back in the queue. */
export function recordDeliveryFailed(db: TerminalDb, row: QueueRow, actor: Actor, reason: DeliveryFailReason, ids: Ids): Promise<HandoverResult> {
  return recordHandover(db, row, actor, 'delivery_failed', { failReason: reason }, null, ids);
}

export type RestockResult = { ok: true; event: OrderEvent; moves: StockMove[] } | { ok: false; code: HandoverRefusal; message: string };

/**
 * Goods that never left the store go back on the shelf: `returned_to_stock` and one `unpick` move per SKU for what the
 * order's pick took off the shelf (the ledger's own net, so nothing is put back twice and a pick marked by hand, which
 * took nothing, puts nothing back).
 */
export async function recordRestock(db: TerminalDb, row: QueueRow, actor: Actor, reason: RestockReason, ids: Ids): Promise<RestockResult> {
  const authority = await checkAuthority(db, actor, 'order.restock');
  if (!authority.ok) return authority;
  const transition = checkTransition(row.derived.status, 'returned_to_stock', row.order.fulfilment.type);
  if (!transition.ok) return transition;
  const at = (ids.now ?? (() => new Date()))().toISOString();
  const booked = (await db.stock_moves.find({ selector: { orderId: row.order.id } }).exec()).map((d) => d.toJSON() as StockMove);
  const moves: StockMove[] = netPickedBySku(booked, row.order.id).map(({ sku, qty }) => ({
    id: ids.newId(), storeId: actor.storeId, sku, kind: 'unpick', qty, at, operatorId: actor.operatorId, deviceId: actor.deviceId, orderId: row.order.id, reason: `returned_to_stock: ${reason}`,
  }));
  const event: OrderEvent = { id: ids.newId(), storeId: actor.storeId, orderId: row.order.id, type: 'returned_to_stock', at, operatorId: actor.operatorId, deviceId: actor.deviceId, restockReason: reason };
  await db.order_events.insert(event);
  if (moves.length > 0) await db.stock_moves.bulkInsert(moves);
  return { ok: true, event, moves };
}
