import type { FastifyInstance } from 'fastify';
import type { PickupPassDoc } from '../../model/pickup-pass-doc.js';
import { statusOfFold } from '../../model/status.js';
import { ProtocolError } from '../../protocol/errors.js';
import { pickupPassResponseSchema, rotatePickupKeyResponseSchema, type PickupPassResponse, type RotatePickupKeyResponse } from '../../protocol/platform.js';
import { describe } from '../openapi/describe.js';
import { requireSecret } from '../auth.js';
import type { ServerContext } from '../context.js';
import { currentFold, loadOrderFacts } from '../store/order-folds.js';
import { storeOfOrder } from '../store/orders.js';
import { codeSecret, currentSigningKey, rotatePassKey, type ConfiguredKey } from './keys.js';
import { passCode, signPass } from './pass.js';
import { publishPassKeys } from './publish.js';

const idParams = { type: 'object', properties: { id: { type: 'string', maxLength: 64 } }, required: ['id'] } as const;

/** The platform's side of pickup passes, and the admin's key rotation. */
export async function pickupRoutes(app: FastifyInstance, ctx: ServerContext, configured: ConfiguredKey | undefined): Promise<void> {
  const platform = async (req: Parameters<typeof requireSecret>[0]) => requireSecret(req, ctx.platformApiKey, 'platform API key');
  const admin = async (req: Parameters<typeof requireSecret>[0]) => requireSecret(req, ctx.adminToken, 'admin token');

  app.get<{ Params: { id: string } }>('/orders/:id/pickup-pass', {
    onRequest: platform,
    schema: describe({
      operationId: 'getPickupPass',
      readOnly: true,
      tags: ['orders'],
      summary: 'The pickup pass of a ready pickup order: the code and the QR to send the customer (platform key)',
      access: 'platform',
      params: idParams,
      responses: { 200: { description: 'The pass to send the customer', ...pickupPassResponseSchema } },
      errors: { 404: ['UNKNOWN_ORDER'], 409: ['NOT_PICKUP_ORDER', 'PICKUP_NOT_READY'] },
    }),
  }, async (req) => {
    const { id } = req.params;
    const storeId = await storeOfOrder(ctx.db, id);
    const facts = storeId ? (await loadOrderFacts(ctx.db, storeId, [id])).get(id) : undefined;
    if (!storeId || !facts) throw new ProtocolError('UNKNOWN_ORDER', `order "${id}" does not exist`, 404, { orderId: id });
    if (facts.order.fulfilment.type !== 'pickup') {
      throw new ProtocolError('NOT_PICKUP_ORDER', `order "${id}" is a ${facts.order.fulfilment.type} order; only pickup orders have a pass`, 409, { orderId: id });
    }
    const { status } = statusOfFold(facts.order, currentFold(facts));
    const [row] = await ctx.db.query<{ data: PickupPassDoc }>(
      `SELECT data FROM docs WHERE store_id = $1 AND collection = 'pickup_passes' AND id = $2 AND NOT deleted`,
      [storeId, id],
    );
    if (status !== 'ready' || !row) {
      throw new ProtocolError('PICKUP_NOT_READY', `order "${id}" is ${status}, not ready for pickup`, 409, { orderId: id, status });
    }
    const pass = row.data;
    // Signed now with the current key: deterministic, so asking twice gives the same QR until a rotation.
    const key = await currentSigningKey(ctx.db, configured);
    const body: PickupPassResponse = {
      orderId: id,
      code: passCode(await codeSecret(ctx.db), storeId, pass.passId, pass.lookup),
      qr: signPass(pass, key),
      expiresAt: pass.expiresAt,
      ...(pass.compartment ? { compartment: pass.compartment } : {}),
    };
    return body;
  });

  app.post('/pickup-keys/rotate', {
    onRequest: admin,
    schema: describe({
      operationId: 'rotatePickupKey',
      tags: ['stores'],
      summary: 'Make a new pickup pass key current; passes already issued stay valid (admin)',
      access: 'admin',
      responses: { 200: { description: 'The new current key', ...rotatePickupKeyResponseSchema } },
      // Keys from configuration are rotated by configuring a new one on every instance, not here.
      errors: { 409: ['CONFLICT'] },
    }),
  }, async () => {
    const keyId = await rotatePassKey(ctx.db, configured);
    const body: RotatePickupKeyResponse = { keyId, stores: await publishPassKeys(ctx.db) };
    return body;
  });
}
