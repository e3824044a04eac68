import type { FastifyInstance } from 'fastify';
import { platformEventsResponseSchema, type PlatformEventsResponse } from '../../protocol/platform.js';
import { describe } from '../openapi/describe.js';
import { requireSecret } from '../auth.js';
import type { ServerContext } from '../context.js';
import { platformEventsAfter } from '../store/orders.js';

export const DEFAULT_EVENTS_LIMIT = 100;
export const MAX_EVENTS_LIMIT = 1000;

export async function eventsRoutes(app: FastifyInstance, ctx: ServerContext): Promise<void> {
  app.get<{ Querystring: { after: string; limit: number } }>('/events', {
    onRequest: async (req) => requireSecret(req, ctx.platformApiKey, 'platform API key'),
    schema: describe({
      operationId: 'listEvents',
      readOnly: true,
      access: 'platform',
      tags: ['orders'],
      summary: 'Ordered feed of order status changes; pass the returned cursor as ?after= (platform key)',
      querystring: {
        type: 'object',
        additionalProperties: false,
        properties: {
          after: { type: 'string', pattern: '^[0-9]{1,15}$', default: '0' },
          limit: { type: 'integer', minimum: 1, maximum: MAX_EVENTS_LIMIT, default: DEFAULT_EVENTS_LIMIT },
        },
      },
      responses: { 200: { description: 'The next events and the cursor to continue from', ...platformEventsResponseSchema } },
    }),
  }, async (req) => {
    const events = await platformEventsAfter(ctx.db, Number(req.query.after), req.query.limit);
    const body: PlatformEventsResponse = { events, cursor: events.at(-1)?.cursor ?? String(Number(req.query.after)) };
    return body;
  });
}
