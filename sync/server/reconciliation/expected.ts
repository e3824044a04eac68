import type { OrderInput } from '../../protocol/platform.js';
import { ProtocolError } from '../../protocol/errors.js';
import type { Queryable } from '../db/index.js';

/**
 * What an order should bring in, kept at the centre from the platform's submission: the provider and the merchant
 * order number. Written after the order is taken, and again (a no-op) on every resubmission, so a crash between the
 * two is healed by the platform's retry. An online order without a provider has no row: nothing to match it with.
 */
export async function recordExpectedPayments(q: Queryable, taken: ReadonlyArray<{ input: OrderInput; storeId: string; placedAt: string }>): Promise<void> {
  const rows = taken.flatMap(({ input, storeId, placedAt }) => {
    const provider = input.payment.provider ?? (input.payment.method === 'cod' ? 'cod' : undefined);
    if (!provider) return [];
    return [{
      order_id: input.id,
      store_id: storeId,
      provider,
      out_trade_no: provider === 'cod' ? null : (input.payment.outTradeNo ?? input.id),
      amount: input.payment.amount,
      paid_at: placedAt,
    }];
  });
  if (rows.length === 0) return;
  await q.query(
    `INSERT INTO recon_order_payments (order_id, store_id, provider, out_trade_no, amount, paid_at)
     SELECT x.order_id, x.store_id, x.provider, x.out_trade_no, x.amount, x.paid_at
     FROM jsonb_to_recordset($1::jsonb) AS x(order_id text, store_id text, provider text, out_trade_no text, amount bigint, paid_at timestamptz)
     ON CONFLICT (order_id) DO NOTHING`,
    [JSON.stringify(rows)],
  );
}

/** A provider that contradicts the method is refused before the order is taken: cod only with cash on delivery. */
export function assertPaymentProvider(input: OrderInput, path = 'body/payment/provider'): void {
  const { method, provider } = input.payment;
  if (provider === undefined) return;
  if ((provider === 'cod') !== (method === 'cod')) {
    throw new ProtocolError('VALIDATION_FAILED', `payment.provider "${provider}" does not go with payment.method "${method}"`, 400, { path });
  }
}
