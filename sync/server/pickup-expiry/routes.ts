import type { FastifyInstance } from 'fastify';
import { ProtocolError } from '../../protocol/errors.js';
import { pickupRemindersResponseSchema, type PickupRemindersResponse } from '../../protocol/platform.js';
import { describe } from '../openapi/describe.js';
import { requireSecret } from '../auth.js';
import type { ServerContext } from '../context.js';
import { remindStore } from './remind.js';

/**
 * The reminder sweep on demand (admin): what the timer (sweeper.ts) does every ten minutes, for one store now.
 * A reminder already on the feed is not written again.
 */
export async function pickupExpiryRoutes(app: FastifyInstance, ctx: ServerContext): Promise<void> {
  app.post<{ Params: { storeId: string } }>('/stores/:storeId/pickup-reminders', {
    onRequest: async (req) => requireSecret(req, ctx.adminToken, 'admin token'),
    schema: describe({
      operationId: 'remindPickups',
      tags: ['stores'],
      summary: "Put reminders for the store's uncollected pickup orders on the events feed now (admin)",
      access: 'admin',
      params: { type: 'object', properties: { storeId: { type: 'string', maxLength: 32 } }, required: ['storeId'] },
      responses: { 200: { description: 'The reminders put on the feed now', ...pickupRemindersResponseSchema } },
      errors: { 404: ['UNKNOWN_STORE'] },
    }),
  }, async (req): Promise<PickupRemindersResponse> => {
    const { storeId } = req.params;
    const [store] = await ctx.db.query('SELECT id FROM stores WHERE id = $1', [storeId]);
    if (!store) throw new ProtocolError('UNKNOWN_STORE', `store "${storeId}" does not exist`, 404, { storeId });
    const reminded = await remindStore(ctx.db, storeId);
    return { storeId, reminded: reminded.map(({ orderId, remindAt, expiresAt }) => ({ orderId, remindAt, expiresAt })) };
  });
}
