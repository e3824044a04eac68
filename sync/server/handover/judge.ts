import type { OrderEvent } from '../../model/order-event.js';
import { amountDue, checkPayment, paymentAction, type Payment } from '../../model/payment.js';
import { checkHandoverShape } from '../../model/handover.js';
import { pickedLinesOfFold } from '../../model/status.js';
import { checkActor, type OperatorBook, type Refusal } from '../store/actors.js';
import { currentFold, type OrderFacts } from '../store/order-folds.js';

const invalid = (message: string): Refusal => ({ code: 'VALIDATION_FAILED', message });

/** Which handover fields an order event's type may carry (handover.ts), in the server's words. */
export function handoverShapeRefusal(event: OrderEvent): Refusal | undefined {
  const check = checkHandoverShape(event);
  return check.ok ? undefined : invalid(check.message);
}

/** A dispatch names a courier: an active operator of the store who held the courier role when it happened. */
export async function courierRefusal(book: OperatorBook, event: OrderEvent): Promise<Refusal | undefined> {
  if (event.courierId === undefined) return undefined;
  const who = `courierId "${event.courierId}"`;
  const op = await book.at(event.courierId, event.at);
  if (op.kind !== 'known') return { code: 'UNKNOWN_OPERATOR', message: `${who} is not an operator of store "${book.storeId}" at ${event.at}` };
  if (!op.active) return { code: 'OPERATOR_INACTIVE', message: `${who} was inactive at ${event.at}` };
  if (!op.roles.includes('courier')) return { code: 'FORBIDDEN', message: `${who} (${op.roles.join(', ')}) is not a courier` };
  return undefined;
}

/**
 * A payment against the order as the centre holds it: its own fields agree (checkPayment), it is in the order's
 * currency, `due` is what the order asked for (amountDue over the pick the status stands on), and the operator may
 * take it, with a manager's approval where it differs from the amount due.
 */
export async function paymentRefusal(book: OperatorBook, payment: Payment, order: OrderFacts | undefined, storeId: string): Promise<Refusal | undefined> {
  const own = checkPayment(payment);
  if (!own.ok) return invalid(`${own.code}: ${own.message}`);
  if (!order) return { code: 'UNKNOWN_ORDER', message: `order "${payment.orderId}" does not exist in store "${storeId}"` };
  if (payment.currency !== order.order.payment.currency) return invalid(`currency ${payment.currency} is not the order's ${order.order.payment.currency}`);
  // Payments and order events replicate separately: a payment may arrive before the pick it was computed over (a
  // terminal back from offline). Without the pick the centre knows only the most that can be due.
  const picked = pickedLinesOfFold(order.order, currentFold(order));
  const due = amountDue(order.order, picked);
  if (picked === undefined ? payment.due > due : payment.due !== due) {
    return invalid(`due ${payment.due} is not what order "${payment.orderId}" asks for: ${picked === undefined ? 'at most ' : ''}${due}`);
  }
  if (payment.collectedBy !== undefined) {
    const courier = await book.at(payment.collectedBy, payment.at);
    if (courier.kind !== 'known' || !courier.roles.includes('courier')) return invalid(`collectedBy "${payment.collectedBy}" was not a courier of store "${storeId}" at ${payment.at}`);
  }
  return checkActor(book, payment, paymentAction(payment));
}
