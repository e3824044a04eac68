import type { FastifyInstance } from 'fastify';
import type { OrderEvent } from '../../model/order-event.js';
import { compareEvents } from '../../model/status.js';
import type { StockMove } from '../../model/stock.js';
import { ProtocolError } from '../../protocol/errors.js';
import { MAX_HISTORY_PAGE, historyRoutes as paths, type HistoryActivityResponse, type HistoryOrderResponse } from '../../protocol/history.js';
import { isoTime } from '../../model/common.js';
import { SYNC_BASE } from '../../protocol/sync.js';
import type { ServerContext } from '../context.js';
import { deviceOf } from '../routes/sync.js';
import { loadOrderState } from '../store/orders.js';

/**
 * History online: an order or a past day the terminal's window no longer holds. Registered beside the sync routes,
 * so the device token authenticates it and the device's store scopes it: another store's order is NOT_FOUND, the
 * same answer as an order that does not exist.
 */
export async function historyRoutes(app: FastifyInstance, ctx: ServerContext): Promise<void> {
  app.get<{ Params: { id: string } }>(`${SYNC_BASE}/history/orders/:id`, {
    schema: {
      operationId: 'historyOrder',
      tags: ['sync'],
      summary: "One of the device's store's orders, with its facts, whether or not terminals still hold it",
      params: { type: 'object', properties: { id: { type: 'string', minLength: 1, maxLength: 64 } }, required: ['id'] },
    },
  }, async (req): Promise<HistoryOrderResponse> => {
    const device = deviceOf(req);
    const id = req.params.id;
    const state = await loadOrderState(ctx.db, device.storeId, id);
    if (!state) throw new ProtocolError('NOT_FOUND', `order "${id}" does not exist in store "${device.storeId}"`, 404);
    const [row] = await ctx.db.query<{ in_window: boolean }>(
      `SELECT in_window FROM docs WHERE store_id = $1 AND collection = 'orders' AND id = $2`,
      [device.storeId, id],
    );
    const moves = await ctx.db.query<{ data: StockMove }>(
      `SELECT data FROM docs WHERE store_id = $1 AND collection = 'stock_moves' AND data->>'orderId' = $2 AND NOT deleted ORDER BY (data->>'at') COLLATE "C", id`,
      [device.storeId, id],
    );
    return {
      order: state.order,
      events: [...state.events].sort(compareEvents),
      moves: moves.map((m) => m.data),
      status: state.derived.status,
      returnRequested: state.derived.returnRequested,
      inWindow: row?.in_window ?? false,
    };
  });

  app.get<{ Querystring: { before?: string; beforeId?: string; orderId?: string; limit: number } }>(paths.activity(), {
    schema: {
      operationId: 'historyActivity',
      tags: ['sync'],
      summary: "The device's store's facts (order events and stock moves), newest first, older than a cursor",
      querystring: {
        type: 'object',
        additionalProperties: false,
        properties: {
          before: isoTime,
          beforeId: { type: 'string', maxLength: 128 },
          orderId: { type: 'string', minLength: 1, maxLength: 64 },
          limit: { type: 'integer', minimum: 1, maximum: MAX_HISTORY_PAGE, default: 200 },
        },
      },
    },
  }, async (req): Promise<HistoryActivityResponse> => {
    const device = deviceOf(req);
    const { before, beforeId, orderId, limit } = req.query;
    // Without a cursor: from now. The id breaks ties among facts of one millisecond (UUIDv7 ids sort by time).
    const at = before ?? '9999-12-31T23:59:59.999Z';
    const id = before !== undefined ? (beforeId ?? '') : '';
    const params: unknown[] = [device.storeId, at, id, limit];
    if (orderId !== undefined) params.push(orderId);
    const rows = await ctx.db.query<{ collection: string; id: string; data: Record<string, unknown> }>(
      `SELECT collection, id, data FROM docs
       WHERE store_id = $1 AND collection IN ('order_events', 'stock_moves') AND NOT deleted
         AND ((data->>'at') COLLATE "C", id) < ($2::text COLLATE "C", $3::text)
         ${orderId !== undefined ? `AND data->>'orderId' = $5` : ''}
       ORDER BY (data->>'at') COLLATE "C" DESC, id DESC
       LIMIT $4`,
      params,
    );
    const last = rows.at(-1);
    return {
      events: rows.filter((r) => r.collection === 'order_events').map((r) => r.data as unknown as OrderEvent),
      moves: rows.filter((r) => r.collection === 'stock_moves').map((r) => r.data as unknown as StockMove),
      next: rows.length === limit && last ? { at: String(last.data.at), id: last.id } : null,
    };
  });
}
