import { checkPackages, checkPickedLines } from '../../model/fulfilment-rules.js';
import type { Order } from '../../model/order.js';
import { BATCH_EVENT_TYPES, type OrderEvent } from '../../model/order-event.js';
import { amountDue } from '../../model/payment.js';
import { pickedLinesOfFold, type StatusFold } from '../../model/status.js';
import type { Refusal } from './actors.js';

const invalid = (message: string): Refusal => ({ code: 'VALIDATION_FAILED', message });

/**
 * What an order event's own fields must agree on, whatever the order: the schema cannot say that a field belongs to
 * one type only, and a terminal must not record a batch claim without its batch or lines on a packing.
 */
export function orderEventShapeRefusal(event: OrderEvent): Refusal | undefined {
  if ((BATCH_EVENT_TYPES as readonly string[]).includes(event.type) && event.batchId === undefined) {
    return invalid(`a ${event.type} event names its batch: batchId is missing`);
  }
  if (event.lines !== undefined && event.type !== 'picked') return invalid(`lines belong on a picked event, not on ${event.type}`);
  if (event.packages !== undefined && event.type !== 'packed') return invalid(`packages belong on a packed event, not on ${event.type}`);
  return undefined;
}

/**
 * The model's fulfilment rules against the order as the server holds it (fulfilment-rules.ts): a pick names the
 * order's lines as ordered, and the packages hold what that pick took off the shelf.
 */
export function orderEventRuleRefusal(event: OrderEvent, state: { order: Order; fold: StatusFold }): Refusal | undefined {
  if (event.type === 'picked' && event.lines !== undefined) {
    const check = checkPickedLines(state.order, event.lines);
    if (!check.ok) return invalid(check.message);
  }
  if (event.type === 'packed' && event.packages !== undefined) {
    const check = checkPackages(state.order.id, pickedLinesOfFold(state.order, state.fold), event.packages);
    if (!check.ok) return invalid(check.message);
  }
  if ((event.type === 'picked_up' || event.type === 'delivered') && event.paymentId === undefined) {
    // Cash on delivery: the handover that takes the money names its payment, or the day close would miss it.
    const due = amountDue(state.order, pickedLinesOfFold(state.order, state.fold));
    if (due > 0) return invalid(`order "${state.order.id}" is cash on delivery (${due} fen due): a ${event.type} event names its payment (paymentId)`);
  }
  return undefined;
}
