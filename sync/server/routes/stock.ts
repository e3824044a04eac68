import type { FastifyInstance } from 'fastify';
import { ProtocolError } from '../../protocol/errors.js';
import {
  stockResponseSchema,
  storeStockResponseSchema,
  type StockLevelView,
  type StockResponse,
  type StoreStockResponse,
} from '../../protocol/platform.js';
import { requireAnySecret } from '../auth.js';
import type { ServerContext } from '../context.js';
import { describe } from '../openapi/describe.js';
import { currentPosition } from '../store/store-tx.js';
import { stockLevelsOf, type LevelRow } from '../store/stock-levels.js';

const view = (r: LevelRow): StockLevelView => ({ sku: r.level.sku, name: r.name, onHand: r.level.qty, asOfAt: r.level.asOfAt, moves: r.level.moves });

/**
 * The centre's view of stock: the stock_levels snapshots the pushes keep (store/stock-levels.ts), read only. Both
 * the admin's console and the platform read it, so either secret is accepted.
 */
export async function stockRoutes(app: FastifyInstance, ctx: ServerContext): Promise<void> {
  const centre = async (req: Parameters<typeof requireAnySecret>[0]) =>
    requireAnySecret(req, [
      { expected: ctx.adminToken, what: 'admin token' },
      { expected: ctx.platformApiKey, what: 'platform API key' },
    ]);

  app.get<{ Params: { storeId: string } }>('/stores/:storeId/stock', {
    onRequest: centre,
    schema: describe({
      operationId: 'getStoreStock',
      readOnly: true,
      tags: ['stock'],
      summary: "The store's stock on hand per SKU, as of the moves the server holds (admin token or platform key)",
      access: 'admin-or-platform',
      params: { type: 'object', properties: { storeId: { type: 'string', maxLength: 32 } }, required: ['storeId'] },
      responses: { 200: { description: "The store's levels", ...storeStockResponseSchema } },
      errors: { 404: ['UNKNOWN_STORE'] },
    }),
  }, async (req) => {
    const { storeId } = req.params;
    if ((await currentPosition(ctx.db, storeId)) === undefined) throw new ProtocolError('UNKNOWN_STORE', `store "${storeId}" does not exist`, 404, { storeId });
    const rows = await stockLevelsOf(ctx.db, storeId);
    const body: StoreStockResponse = { storeId, levels: rows.map(view) };
    return body;
  });

  app.get('/stock', {
    onRequest: centre,
    schema: describe({
      operationId: 'getStock',
      readOnly: true,
      tags: ['stock'],
      summary: "Every store's stock on hand per SKU (admin token or platform key)",
      access: 'admin-or-platform',
      responses: { 200: { description: 'Every store with its levels', ...stockResponseSchema } },
    }),
  }, async () => {
    const stores = await ctx.db.query<{ id: string }>('SELECT id FROM stores ORDER BY id');
    const byStore = new Map<string, StockLevelView[]>(stores.map((s) => [s.id, []]));
    for (const r of await stockLevelsOf(ctx.db, null)) byStore.get(r.storeId)?.push(view(r));
    const body: StockResponse = { stores: [...byStore].map(([storeId, levels]) => ({ storeId, levels })) };
    return body;
  });
}
