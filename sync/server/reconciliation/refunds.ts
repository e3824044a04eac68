import type { Order } from '../../model/order.js';
import { ProtocolError } from '../../protocol/errors.js';
import type { RefundRequest, RefundResponse } from '../../protocol/platform.js';
import type { Db } from '../db/index.js';

interface RefundRow {
  refund_id: string;
  order_id: string;
  amount: string | number;
  reason: string;
  at: Date | string;
}

const view = (r: RefundRow) => ({ refundId: r.refund_id, orderId: r.order_id, amount: Number(r.amount), reason: r.reason, at: new Date(r.at).toISOString() });

/**
 * Records a refund the platform made, a fact keyed by its refundId: the same refund again answers what was stored;
 * the same refundId with other content is a conflict. Refused when the order was not paid online, or when with the
 * order's earlier refunds it would give back more than was paid. The order's index row is locked, so two refunds
 * of one order racing cannot both fit under what was paid.
 */
export async function recordRefund(db: Db, orderId: string, input: RefundRequest): Promise<{ created: boolean; body: RefundResponse }> {
  return db.tx(async (q) => {
    const [order] = await q.query<{ store_id: string; data: Order }>(
      `SELECT i.store_id, d.data FROM order_index i JOIN docs d ON d.store_id = i.store_id AND d.collection = 'orders' AND d.id = i.id
       WHERE i.id = $1 FOR UPDATE OF i`,
      [orderId],
    );
    if (!order) throw new ProtocolError('NOT_FOUND', `order "${orderId}" does not exist`, 404);
    const at = new Date(input.at).toISOString();
    const [same] = await q.query<RefundRow>('SELECT * FROM recon_refunds WHERE refund_id = $1', [input.refundId]);
    const all = await q.query<RefundRow>('SELECT * FROM recon_refunds WHERE order_id = $1', [orderId]);
    const paid = order.data.payment.method === 'online' && order.data.payment.paid ? order.data.payment.amount : 0;
    const refunded = all.reduce((s, r) => s + Number(r.amount), 0);
    if (same) {
      const stored = view(same);
      if (stored.orderId !== orderId || stored.amount !== input.amount || stored.reason !== input.reason || stored.at !== at) {
        throw new ProtocolError('REFUND_CONFLICT', `refund "${input.refundId}" was already reported with different content`, 409, { documentId: input.refundId });
      }
      return { created: false, body: { ...stored, refunded, paid } };
    }
    if (paid === 0) throw new ProtocolError('PAYMENT_NOT_ONLINE', `order "${orderId}" was not paid online: the store refunds cash on delivery itself`, 422);
    if (refunded + input.amount > paid) {
      throw new ProtocolError('REFUND_EXCEEDS_PAID', `refunding ${input.amount} fen on top of ${refunded} would exceed the ${paid} paid`, 422, { paid, refunded });
    }
    await q.query('INSERT INTO recon_refunds (refund_id, order_id, store_id, amount, reason, at) VALUES ($1, $2, $3, $4, $5, $6)', [
      input.refundId, orderId, order.store_id, input.amount, input.reason, at,
    ]);
    return { created: true, body: { refundId: input.refundId, orderId, amount: input.amount, reason: input.reason, at, refunded: refunded + input.amount, paid } };
  });
}
