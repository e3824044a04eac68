import type { FastifyInstance } from 'fastify';
import { ProtocolError } from '../../protocol/errors.js';
import { windowSweepResponseSchema, type WindowSweepResponse } from '../../protocol/platform.js';
import { describe } from '../openapi/describe.js';
import { requireSecret } from '../auth.js';
import type { ServerContext } from '../context.js';
import { sweepStore } from './sweep.js';

/**
 * The sweep on demand (admin): after a store shortens its history days, or to see what tonight's sweep would move.
 * The timer (sweeper.ts) runs the same sweep every hour.
 */
export async function windowRoutes(app: FastifyInstance, ctx: ServerContext): Promise<void> {
  app.post<{ Params: { storeId: string } }>('/stores/:storeId/window-sweep', {
    onRequest: async (req) => requireSecret(req, ctx.adminToken, 'admin token'),
    schema: describe({
      operationId: 'sweepStoreWindow',
      tags: ['stores'],
      summary: "Move the store's finished work out of its terminals' window now (admin)",
      access: 'admin',
      params: { type: 'object', properties: { storeId: { type: 'string', maxLength: 32 } }, required: ['storeId'] },
      responses: { 200: { description: 'What left the window', ...windowSweepResponseSchema } },
      errors: { 404: ['UNKNOWN_STORE'] },
    }),
  }, async (req): Promise<WindowSweepResponse> => {
    const { storeId } = req.params;
    const [store] = await ctx.db.query('SELECT id FROM stores WHERE id = $1', [storeId]);
    if (!store) throw new ProtocolError('UNKNOWN_STORE', `store "${storeId}" does not exist`, 404, { storeId });
    const started = Date.now();
    const r = await sweepStore(ctx.db, storeId);
    return { storeId, orders: r.orders, events: r.events, moves: r.moves, ms: Date.now() - started };
  });
}
