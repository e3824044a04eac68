import type { Order } from './order.js';
import type { PickedLine } from './order-event.js';
import { amountDue, changeFor, checkPayment, type Payment, type PaymentRefusalCode } from './payment.js';

/**
 * Money as staff type it (yuan, e.g. "200" or "128.5") to fen, exactly: digits only, at most two decimals, no sign.
 * The one place a screen's yuan become fen; null when the text is not an amount.
 */
export function parseYuan(text: string): number | null {
  const m = /^\s*[¥￥]?\s*(\d{1,9})(?:[.,](\d{1,2}))?\s*$/.exec(text);
  if (!m) return null;
  const fen = Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
  return Number.isSafeInteger(fen) ? fen : null;
}

/** How the customer pays at the handover: cash (what they handed over), or card (the slip's batch and reference). */
export type Tender = { method: 'cash'; tendered: number } | { method: 'card'; batch: string; reference: string };

/** What a card slip's batch or reference may hold (the payments schema's pattern). */
const SLIP_REF = /^[A-Za-z0-9._:/-]{1,64}$/;

export interface PaymentDraft {
  order: Pick<Order, 'id' | 'storeId' | 'payment'> & { readonly lines: readonly Order['lines'][number][] };
  /** The lines of the pick the order stands on (amountDue takes off what was short). */
  picked: readonly PickedLine[] | undefined;
  tender: Tender;
  /** What is taken; the amount due unless staff change it (then a manager approves and a reason is given). */
  amount?: number;
  approvedBy?: string;
  reason?: string;
  collectedBy?: string;
}

export type PaymentBuild = { ok: true; payment: Payment } | { ok: false; code: PaymentRefusalCode | 'NOTHING_DUE' | 'APPROVAL_MISSING'; message: string };

/**
 * The payment a handover records, built and checked by the model's rules before anything is written: the amount
 * defaults to what is due, change is tendered − amount, and a different amount needs the approving manager and a
 * reason. The server applies the same rules to the stored document.
 */
export function buildPayment(d: PaymentDraft, ids: { id: string; eventId: string }, who: { operatorId: string; deviceId: string; at: string }): PaymentBuild {
  const due = amountDue(d.order, d.picked);
  if (due === 0 && d.amount === undefined) return { ok: false, code: 'NOTHING_DUE', message: `order "${d.order.id}" has nothing to collect` };
  const amount = d.amount ?? due;
  const difference = amount - due;
  if (difference !== 0 && !d.approvedBy) return { ok: false, code: 'APPROVAL_MISSING', message: `taking ${amount} instead of ${due} needs a manager's approval` };
  const cash = d.tender.method === 'cash' ? { tendered: d.tender.tendered, change: changeFor(d.tender.tendered, amount) ?? -1 } : {};
  const card = d.tender.method === 'card' ? { batch: d.tender.batch.trim(), reference: d.tender.reference.trim() } : {};
  const payment: Payment = {
    id: ids.id,
    storeId: d.order.storeId,
    orderId: d.order.id,
    eventId: ids.eventId,
    method: d.tender.method,
    amount,
    currency: d.order.payment.currency,
    due,
    difference,
    ...cash,
    ...card,
    ...(difference !== 0 ? { approvedBy: d.approvedBy, reason: d.reason?.trim() ?? '' } : {}),
    ...(d.collectedBy ? { collectedBy: d.collectedBy } : {}),
    ...who,
  };
  if (cash.change === -1) return { ok: false, code: 'TENDERED_SHORT', message: `tendered ${cash.tendered} is less than ${amount}` };
  if (d.tender.method === 'card' && (!card.batch || !card.reference)) return { ok: false, code: 'FIELD_MISSING', message: "a card payment records the card terminal's batch and reference" };
  if (d.tender.method === 'card' && ![card.batch, card.reference].every((v) => v !== undefined && SLIP_REF.test(v))) {
    return { ok: false, code: 'FIELD_MISSING', message: 'a card slip reference has letters, digits and . _ : / - only, at most 64' };
  }
  const check = checkPayment(payment);
  return check.ok ? { ok: true, payment } : check;
}
