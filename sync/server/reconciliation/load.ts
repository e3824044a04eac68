import type { BillProvider } from '../../model/money/bill.js';
import { billDayOf, nextDay, type BilledItem, type ExpectedOrder, type PlatformRefund } from '../../model/money/matching.js';
import type { Order } from '../../model/order.js';
import { amountDue, type Payment } from '../../model/payment.js';
import { emptyFold, pickedLinesOfFold, statusOfFold, type StatusFold } from '../../model/status.js';
import { zonedParts } from '../../model/zoned-time.js';
import type { Queryable } from '../db/index.js';

/** Midnight starting a bill day (Beijing, UTC+8), as an instant. */
export const billDayStart = (day: string): string => new Date(Date.parse(`${day}T00:00:00+08:00`)).toISOString();

const dayIn = (iso: string, timeZone: string): string => {
  const p = zonedParts(new Date(iso), timeZone);
  return `${p.year}-${p.month}-${p.day}`;
};

interface ExpectedRow {
  order_id: string;
  store_id: string;
  provider: ExpectedOrder['provider'];
  out_trade_no: string | null;
  amount: string | number;
  paid_at: Date | string;
  /** The order's fields the judging reads: id, fulfilment.type, cancel, receivedAt, payment, lines. */
  data: Pick<Order, 'id' | 'fulfilment' | 'cancel' | 'receivedAt' | 'payment' | 'lines'>;
  fold: StatusFold | null;
  timezone: string;
}

/**
 * The orders whose payment falls in the bill days [from, to], each with what became of it: the status (the kept
 * fold, merged with the platform's cancellation), what the store could not supply, and for cash on delivery what
 * was due at the handover and the store's business day of it (from the payment the terminal recorded).
 */
export async function loadExpectedOrders(q: Queryable, from: string, to: string): Promise<ExpectedOrder[]> {
  const rows = await q.query<ExpectedRow>(
    // Only what the judging reads of the order (not its customer or address): a day of 100,000 orders is
    // otherwise some 100 MB of JSON across the wire.
    `SELECT p.order_id, i.store_id, p.provider, p.out_trade_no, p.amount, p.paid_at, f.fold, s.timezone,
       jsonb_strip_nulls(jsonb_build_object('id', o.id, 'fulfilment', jsonb_build_object('type', o.data->'fulfilment'->'type'),
         'cancel', o.data->'cancel', 'receivedAt', o.data->'receivedAt', 'payment', o.data->'payment', 'lines', o.data->'lines')) AS data
     FROM recon_order_payments p
     JOIN order_index i ON i.id = p.order_id
     JOIN docs o ON o.store_id = i.store_id AND o.collection = 'orders' AND o.id = p.order_id
     JOIN stores s ON s.id = i.store_id
     LEFT JOIN order_folds f ON f.store_id = o.store_id AND f.order_id = o.id
     WHERE p.paid_at >= $1 AND p.paid_at < $2
     ORDER BY p.order_id`,
    [billDayStart(from), billDayStart(nextDay(to))],
  );
  const cod = rows.filter((r) => r.provider === 'cod');
  const payments = new Map<string, Payment>();
  if (cod.length > 0) {
    const found = await q.query<{ data: Payment }>(
      `SELECT d.data FROM docs d JOIN jsonb_to_recordset($1::jsonb) AS x(store_id text, order_id text)
         ON d.store_id = x.store_id AND d.collection = 'payments' AND d.data->>'orderId' = x.order_id
       WHERE NOT d.deleted ORDER BY d.data->>'at'`,
      [JSON.stringify(cod.map((r) => ({ store_id: r.store_id, order_id: r.order_id })))],
    );
    for (const p of found) payments.set(p.data.orderId, p.data);
  }
  return rows.map((r) => {
    const fold = r.fold ?? emptyFold(r.data);
    const status = statusOfFold(r.data, fold).status;
    const picked = pickedLinesOfFold(r.data, fold);
    let shortValue = 0;
    for (const line of picked ?? []) {
      const missing = line.ordered - line.picked - (line.substitute?.qty ?? 0);
      if (missing > 0) shortValue += missing * (r.data.lines[line.lineIndex]?.unitPrice ?? 0);
    }
    const order: ExpectedOrder = {
      orderId: r.order_id,
      storeId: r.store_id,
      provider: r.provider,
      outTradeNo: r.out_trade_no,
      transactionId: null,
      amount: Number(r.amount),
      paidAt: new Date(r.paid_at).toISOString(),
      status,
      shortValue,
    };
    if (r.provider === 'cod') {
      const payment = payments.get(r.order_id);
      order.codDue = payment?.due ?? amountDue({ ...r.data, payment: { ...r.data.payment, paid: false } }, picked);
      order.handoverDay = dayIn(payment?.at ?? fold.changedAt, r.timezone);
    }
    return order;
  });
}

export async function loadRefunds(q: Queryable, orderIds: readonly string[]): Promise<PlatformRefund[]> {
  if (orderIds.length === 0) return [];
  const rows = await q.query<{ refund_id: string; order_id: string; amount: string | number; at: Date | string }>(
    'SELECT refund_id, order_id, amount, at FROM recon_refunds WHERE order_id = ANY($1::text[]) ORDER BY refund_id',
    [[...orderIds]],
  );
  return rows.map((r) => ({ refundId: r.refund_id, orderId: r.order_id, amount: Number(r.amount), at: new Date(r.at).toISOString() }));
}

/** Every item of the current bills from `from` on: a refund or a late payment of the range may be in a later bill. */
export async function loadBillItems(q: Queryable, from: string): Promise<BilledItem[]> {
  const rows = await q.query<{
    provider: BillProvider; bill_date: string; kind: BilledItem['kind']; at: Date | string; transaction_id: string; out_trade_no: string;
    refund_id: string | null; out_refund_no: string | null; amount: string | number; fee: string | number; fee_exact: string; status: string; line: number;
  }>(
    `SELECT b.provider, b.bill_date, i.kind, i.at, i.transaction_id, i.out_trade_no, i.refund_id, i.out_refund_no, i.amount, i.fee, i.fee_exact, i.status, i.line
     FROM recon_bills b JOIN recon_bill_items i ON i.bill_id = b.id
     WHERE b.replaced_by IS NULL AND b.bill_date >= $1`,
    [from],
  );
  return rows.map((r) => ({
    provider: r.provider,
    billDate: r.bill_date,
    kind: r.kind,
    at: new Date(r.at).toISOString(),
    transactionId: r.transaction_id,
    outTradeNo: r.out_trade_no,
    ...(r.refund_id !== null ? { refundId: r.refund_id } : {}),
    ...(r.out_refund_no !== null ? { outRefundNo: r.out_refund_no } : {}),
    amount: Number(r.amount),
    fee: Number(r.fee),
    feeExact: r.fee_exact,
    status: r.status,
    line: r.line,
  }));
}

/** The latest current bill day per provider: what is missing before the day after it will not come. */
export async function loadAsOf(q: Queryable): Promise<Partial<Record<BillProvider, string>>> {
  const rows = await q.query<{ provider: BillProvider; day: string }>('SELECT provider, max(bill_date) AS day FROM recon_bills WHERE replaced_by IS NULL GROUP BY provider');
  return Object.fromEntries(rows.map((r) => [r.provider, r.day]));
}

export { billDayOf };
