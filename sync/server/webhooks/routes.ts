import { randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ProtocolError } from '../../protocol/errors.js';
import {
  webhookDeliveriesResponseSchema,
  webhookInputSchema,
  webhookListResponseSchema,
  webhookReplayInputSchema,
  webhookReplayResponseSchema,
  webhookViewSchema,
  type WebhookDeliveriesResponse,
  type WebhookDeliveryView,
  type WebhookEventType,
  type WebhookInput,
  type WebhookListResponse,
  type WebhookReplayInput,
  type WebhookReplayResponse,
  type WebhookView,
} from '../../protocol/webhooks.js';
import { requireSecret } from '../auth.js';
import type { ServerContext } from '../context.js';
import type { Queryable } from '../db/index.js';
import { toIso } from '../store/orders.js';
import { replayFrom } from './outbox.js';
import { describe } from '../openapi/describe.js';

const idParams = { type: 'object', additionalProperties: false, properties: { webhookId: { type: 'string', minLength: 1, maxLength: 64 } }, required: ['webhookId'] } as const;
const DEFAULT_DELIVERIES_LIMIT = 100;
const MAX_DELIVERIES_LIMIT = 1000;

interface WebhookRow { id: string; url: string; events: WebhookEventType[]; created_at: Date | string; pending: number }

function view(r: WebhookRow): WebhookView {
  return { id: r.id, url: r.url, events: r.events, createdAt: toIso(r.created_at), pending: Number(r.pending) };
}

/** The schema's pattern lets through what only a URL parser can judge (a host, a port); this is that judge. */
function checkUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ProtocolError('VALIDATION_FAILED', 'body/url is not a URL', 400, { path: 'body/url' });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ProtocolError('VALIDATION_FAILED', 'body/url must be http or https', 400, { path: 'body/url' });
  }
  if (url.username || url.password) throw new ProtocolError('VALIDATION_FAILED', 'body/url must not carry credentials; the secret signs each call', 400, { path: 'body/url' });
  return url.toString();
}

async function assertWebhook(q: Queryable, id: string): Promise<void> {
  const [row] = await q.query('SELECT 1 FROM webhooks WHERE id = $1', [id]);
  if (!row) throw new ProtocolError('NOT_FOUND', `webhook "${id}" does not exist`, 404, { webhookId: id });
}

/** Registration, the delivery log and replay (platform key). The outbox and its worker: outbox.ts, worker.ts. */
export async function webhookRoutes(app: FastifyInstance, ctx: ServerContext): Promise<void> {
  const platform = async (req: FastifyRequest) => requireSecret(req, ctx.platformApiKey, 'platform API key');

  app.post<{ Body: WebhookInput }>('/webhooks', {
    onRequest: platform,
    schema: describe({
      operationId: 'createWebhook',
      tags: ['webhooks'],
      summary: 'Register an endpoint for signed callbacks of the given event types (platform key)',
      access: 'platform',
      body: webhookInputSchema,
      bodyExamples: [{ url: 'https://platform.example/storeops/callbacks', events: ['order.status_changed'], secret: 'a-long-random-secret-of-32-characters-or-more' }],
      responses: { 201: { description: 'Registered', ...webhookViewSchema } },
    }),
  }, async (req, reply) => {
    const url = checkUrl(req.body.url);
    const id = `wh_${randomBytes(12).toString('base64url')}`;
    const [row] = await ctx.db.query<WebhookRow>(
      'INSERT INTO webhooks (id, url, events, secret) VALUES ($1, $2, $3::jsonb, $4) RETURNING id, url, events, created_at, 0 AS pending',
      [id, url, JSON.stringify(req.body.events), req.body.secret],
    );
    if (!row) throw new Error('webhook insert returned nothing');
    return reply.code(201).send(view(row));
  });

  app.get('/webhooks', {
    onRequest: platform,
    schema: describe({
      operationId: 'listWebhooks',
      readOnly: true,
      tags: ['webhooks'],
      summary: 'The registered endpoints, with the deliveries each one is owed (platform key)',
      access: 'platform',
      responses: { 200: { description: 'The endpoints', ...webhookListResponseSchema } },
    }),
  }, async () => {
    const rows = await ctx.db.query<WebhookRow>(
      `SELECT w.id, w.url, w.events, w.created_at,
         (SELECT count(*)::int FROM webhook_outbox o WHERE o.webhook_id = w.id AND o.delivered_at IS NULL) AS pending
       FROM webhooks w ORDER BY w.created_at, w.id`,
    );
    const body: WebhookListResponse = { webhooks: rows.map(view) };
    return body;
  });

  app.delete<{ Params: { webhookId: string } }>('/webhooks/:webhookId', {
    onRequest: platform,
    schema: describe({
      operationId: 'deleteWebhook',
      tags: ['webhooks'],
      summary: 'Remove an endpoint; what it was still owed is dropped with it (platform key)',
      access: 'platform',
      params: idParams,
      responses: { 204: { type: 'null', description: 'Removed' } },
      errors: { 404: ['NOT_FOUND'] },
    }),
  }, async (req, reply) => {
    const rows = await ctx.db.query('DELETE FROM webhooks WHERE id = $1 RETURNING id', [req.params.webhookId]);
    if (rows.length === 0) throw new ProtocolError('NOT_FOUND', `webhook "${req.params.webhookId}" does not exist`, 404, { webhookId: req.params.webhookId });
    return reply.code(204).send();
  });

  app.get<{ Params: { webhookId: string }; Querystring: { after: string; limit: number; state?: 'pending' | 'delivered' } }>('/webhooks/:webhookId/deliveries', {
    onRequest: platform,
    schema: describe({
      operationId: 'listWebhookDeliveries',
      readOnly: true,
      tags: ['webhooks'],
      summary: 'The delivery log of an endpoint in feed order: attempts, last status code and error (platform key)',
      access: 'platform',
      params: idParams,
      querystring: {
        type: 'object',
        additionalProperties: false,
        properties: {
          after: { type: 'string', pattern: '^[0-9]{1,15}$', default: '0' },
          limit: { type: 'integer', minimum: 1, maximum: MAX_DELIVERIES_LIMIT, default: DEFAULT_DELIVERIES_LIMIT },
          state: { type: 'string', enum: ['pending', 'delivered'] },
        },
      },
      responses: { 200: { description: 'The deliveries and the cursor to continue from', ...webhookDeliveriesResponseSchema } },
      errors: { 404: ['NOT_FOUND'] },
    }),
  }, async (req) => {
    await assertWebhook(ctx.db, req.params.webhookId);
    const rows = await ctx.db.query<{
      cursor: string | number; type: WebhookEventType; order_key: string; attempts: number; last_status: number | null; last_error: string | null;
      last_attempt_at: Date | string | null; next_attempt_at: Date | string; delivered_at: Date | string | null;
    }>(
      `SELECT cursor, type, order_key, attempts, last_status, last_error, last_attempt_at, next_attempt_at, delivered_at FROM webhook_outbox
       WHERE webhook_id = $1 AND cursor > $2
         AND ($4::text IS NULL OR ($4 = 'pending') = (delivered_at IS NULL))
       ORDER BY cursor LIMIT $3`,
      [req.params.webhookId, Number(req.query.after), req.query.limit, req.query.state ?? null],
    );
    const deliveries = rows.map((r): WebhookDeliveryView => ({
      cursor: String(r.cursor),
      type: r.type,
      orderId: r.order_key,
      state: r.delivered_at === null ? 'pending' : 'delivered',
      attempts: r.attempts,
      ...(r.last_status !== null ? { lastStatusCode: r.last_status } : {}),
      ...(r.last_error !== null ? { lastError: r.last_error } : {}),
      ...(r.last_attempt_at !== null ? { lastAttemptAt: toIso(r.last_attempt_at) } : {}),
      ...(r.delivered_at === null ? { nextAttemptAt: toIso(r.next_attempt_at) } : { deliveredAt: toIso(r.delivered_at) }),
    }));
    const body: WebhookDeliveriesResponse = { deliveries, cursor: deliveries.at(-1)?.cursor ?? String(Number(req.query.after)) };
    return body;
  });

  app.post<{ Params: { webhookId: string }; Body: WebhookReplayInput }>('/webhooks/:webhookId/replay', {
    onRequest: platform,
    schema: describe({
      operationId: 'replayWebhook',
      tags: ['webhooks'],
      summary: 'Deliver every event from a feed position on again, in order per order (platform key)',
      access: 'platform',
      params: idParams,
      body: webhookReplayInputSchema,
      bodyExamples: [{ fromCursor: '0' }],
      responses: { 202: { description: 'How many deliveries were queued', ...webhookReplayResponseSchema } },
      errors: { 404: ['NOT_FOUND'] },
    }),
  }, async (req, reply) => {
    await assertWebhook(ctx.db, req.params.webhookId);
    const body: WebhookReplayResponse = { queued: await replayFrom(ctx.db, req.params.webhookId, Number(req.body.fromCursor)) };
    return reply.code(202).send(body);
  });
}
