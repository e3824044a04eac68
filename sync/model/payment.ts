import type { DocumentSchema } from './json-schema.js';
import { isoTime, moneySchema, storeIdSchema, UUID_V7 } from './common.js';
import type { Order } from './order.js';
import type { PickedLine } from './order-event.js';

/**
 * Money taken for an order at its handover (design §9: payments are facts). One immutable document per payment,
 * written by the terminal that took it, in the `payments` collection: the day close and the reconciliation read a
 * store's payments of a day through the (storeId, at) index, and an order's through `orderId`. It names the handover
 * event it belongs to (`eventId`), which names it back (`paymentId`), so either can be found from the other.
 */
export const PAYMENT_TAKEN_BY = ['cash', 'card', 'online'] as const;
export type PaymentTakenBy = (typeof PAYMENT_TAKEN_BY)[number];

export interface Payment {
  /** UUIDv7 made on the terminal. */
  id: string;
  storeId: string;
  orderId: string;
  /** The handover event (picked_up or delivered) this payment was taken with. */
  eventId: string;
  method: PaymentTakenBy;
  /** What was taken, in fen. */
  amount: number;
  currency: string;
  /** What the order asked for at the handover (amountDue), in fen. */
  due: number;
  /** amount − due; non-zero only with a manager's approval (approvedBy) and a reason. */
  difference: number;
  /** Cash: what the customer handed over, and the change given back (tendered − amount). */
  tendered?: number;
  change?: number;
  /** Card: the card terminal's batch number; card and online: its reference (or the transaction id). */
  batch?: string;
  reference?: string;
  /** The manager who approved a difference. */
  approvedBy?: string;
  /** Why the amount differs from what is due. */
  reason?: string;
  /** For a delivery: the courier who collected it (the operator recorded it when the courier came back). */
  collectedBy?: string;
  operatorId: string;
  deviceId: string;
  at: string;
}

const ref = { type: 'string', minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9._:/-]+$' } as const;
const opId = { type: 'string', minLength: 1, maxLength: 64 } as const;

export const paymentDocSchema = {
  title: 'payments',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  additionalProperties: false,
  properties: {
    id: { type: 'string', minLength: 36, maxLength: 36, pattern: UUID_V7.source },
    storeId: storeIdSchema,
    orderId: { type: 'string', minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9._:-]+$' },
    eventId: { type: 'string', minLength: 36, maxLength: 36, pattern: UUID_V7.source },
    method: { type: 'string', enum: PAYMENT_TAKEN_BY },
    amount: moneySchema,
    currency: { type: 'string', pattern: '^[A-Z]{3}$', minLength: 3, maxLength: 3 },
    due: moneySchema,
    difference: { type: 'integer', minimum: -100_000_000_00, maximum: 100_000_000_00 },
    tendered: moneySchema,
    change: moneySchema,
    batch: ref,
    reference: ref,
    approvedBy: opId,
    reason: { type: 'string', minLength: 1, maxLength: 200 },
    collectedBy: opId,
    operatorId: opId,
    deviceId: opId,
    at: isoTime,
  },
  required: ['id', 'storeId', 'orderId', 'eventId', 'method', 'amount', 'currency', 'due', 'difference', 'operatorId', 'deviceId', 'at'],
  indexes: [['storeId', 'at'], 'orderId'],
} as const satisfies DocumentSchema;

/**
 * What an order asks the customer to pay at the handover, in fen: nothing when it was paid online; for cash on
 * delivery the platform's amount less what the store could not supply (each missing unit at its line's unit price;
 * a substitute is charged at the line's price). The one place the amount due is computed; never below zero.
 */
export function amountDue(order: Pick<Order, 'payment'> & { readonly lines: readonly Order['lines'][number][] }, picked: readonly PickedLine[] | undefined): number {
  if (order.payment.method !== 'cod' || order.payment.paid) return 0;
  let missing = 0;
  for (const line of picked ?? []) {
    const ordered = order.lines[line.lineIndex];
    if (!ordered) continue;
    const short = line.ordered - line.picked - (line.substitute?.qty ?? 0);
    if (short > 0) missing += short * ordered.unitPrice;
  }
  return Math.max(0, order.payment.amount - missing);
}

/** Change for cash, or null when the customer handed over too little. */
export function changeFor(tendered: number, amount: number): number | null {
  return Number.isSafeInteger(tendered) && tendered >= amount ? tendered - amount : null;
}

export type PaymentRefusalCode = 'CHANGE_WRONG' | 'TENDERED_SHORT' | 'FIELD_MISSING' | 'FIELD_FORBIDDEN' | 'DIFFERENCE_WRONG' | 'REASON_MISSING';
export type PaymentCheck = { ok: true } | { ok: false; code: PaymentRefusalCode; message: string };

const refuse = (code: PaymentRefusalCode, message: string): PaymentCheck => ({ ok: false, code, message });

/**
 * What a payment's own fields must agree on (the terminal before recording, the server before storing): cash has
 * tendered and change = tendered − amount ≥ 0 and no card fields; card has its batch and reference; online a
 * reference; difference = amount − due, and a non-zero one carries a reason (the approval is the permission table's
 * `payment.difference`, judged with the operators).
 */
export function checkPayment(p: Omit<Payment, 'id' | 'storeId' | 'orderId' | 'eventId' | 'operatorId' | 'deviceId' | 'at' | 'currency'>): PaymentCheck {
  if (p.method === 'cash') {
    if (p.tendered === undefined || p.change === undefined) return refuse('FIELD_MISSING', 'a cash payment records what was tendered and the change');
    if (p.tendered < p.amount) return refuse('TENDERED_SHORT', `tendered ${p.tendered} is less than the amount ${p.amount}`);
    if (p.change !== p.tendered - p.amount) return refuse('CHANGE_WRONG', `change ${p.change} is not tendered ${p.tendered} − amount ${p.amount}`);
    if (p.batch !== undefined || p.reference !== undefined) return refuse('FIELD_FORBIDDEN', 'a cash payment has no card batch or reference');
  } else {
    if (p.tendered !== undefined || p.change !== undefined) return refuse('FIELD_FORBIDDEN', `a ${p.method} payment has no tendered amount or change`);
    if (p.reference === undefined) return refuse('FIELD_MISSING', `a ${p.method} payment records its reference`);
    if (p.method === 'card' && p.batch === undefined) return refuse('FIELD_MISSING', "a card payment records the card terminal's batch");
    if (p.method === 'online' && p.batch !== undefined) return refuse('FIELD_FORBIDDEN', 'an online payment has no card batch');
  }
  if (p.difference !== p.amount - p.due) return refuse('DIFFERENCE_WRONG', `difference ${p.difference} is not amount ${p.amount} − due ${p.due}`);
  if (p.difference !== 0 && !p.reason?.trim()) return refuse('REASON_MISSING', 'a payment that differs from the amount due says why');
  if (p.difference === 0 && (p.approvedBy !== undefined || p.reason !== undefined)) return refuse('FIELD_FORBIDDEN', 'a payment of exactly the amount due takes no approval or reason');
  return { ok: true };
}

/** The permission a payment is judged under: a difference needs a manager (permissions.ts). */
export function paymentAction(p: Pick<Payment, 'difference'>): 'payment.collect' | 'payment.difference' {
  return p.difference === 0 ? 'payment.collect' : 'payment.difference';
}

/** Total order on payments, independent of arrival: time, then id. */
export function comparePayments(a: Pick<Payment, 'at' | 'id'>, b: Pick<Payment, 'at' | 'id'>): number {
  if (a.at !== b.at) return a.at < b.at ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}
