import type { FastifyInstance, FastifyRequest } from 'fastify';
import { COLLECTIONS, isCollectionName, type CollectionName } from '../../model/collections.js';
import { ProtocolError } from '../../protocol/errors.js';
import {
  DEFAULT_PULL_BATCH,
  MAX_PULL_BATCH,
  MAX_PUSH_BATCH,
  SYNC_BASE,
  schemaVersionOf,
  type Checkpoint,
  type DeviceInfo,
  type PullResponse,
  type PushRequest,
  type PushResponse,
} from '../../protocol/sync.js';
import { authenticateDevice, type DeviceContext } from '../auth.js';
import type { ServerContext } from '../context.js';
import { writeStore } from '../store/store-tx.js';
import { judgePush, rejectAll } from '../store/push.js';

declare module 'fastify' {
  interface FastifyRequest {
    device: DeviceContext | null;
  }
}

export function deviceOf(req: FastifyRequest): DeviceContext {
  if (!req.device) throw new ProtocolError('UNAUTHORIZED', 'missing device token', 401);
  return req.device;
}

const collectionParams = { type: 'object', properties: { collection: { type: 'string', maxLength: 64 } }, required: ['collection'] } as const;

function checkCollection(name: string, schemaVersion: number | undefined): CollectionName {
  if (!isCollectionName(name)) throw new ProtocolError('UNKNOWN_COLLECTION', `collection "${name}" does not exist`, 404, { collection: name });
  if (schemaVersion !== undefined && schemaVersion !== schemaVersionOf(name)) {
    throw new ProtocolError('UNSUPPORTED_SCHEMA_VERSION', `${name} schema v${schemaVersion} is not supported; the server has v${schemaVersionOf(name)}`, 400, {
      collection: name,
      supported: [schemaVersionOf(name)],
    });
  }
  return name;
}

export async function syncRoutes(app: FastifyInstance, ctx: ServerContext): Promise<void> {
  app.decorateRequest('device', null);
  // Before the body is parsed: an unknown or revoked device learns nothing else about the request.
  app.addHook('onRequest', async (req) => {
    req.device = await authenticateDevice(ctx.db, req);
  });
  app.addHook('preValidation', async (req) => {
    const params = req.params as { collection?: string };
    if (params.collection !== undefined && !isCollectionName(params.collection)) checkCollection(params.collection, undefined);
  });

  app.get(`${SYNC_BASE}/whoami`, { schema: { tags: ['sync'], summary: 'The device behind the token' } }, async (req) => {
    const device = deviceOf(req);
    const [store] = await ctx.db.query<{ name: string; timezone: string }>('SELECT name, timezone FROM stores WHERE id = $1', [device.storeId]);
    if (!store) throw new ProtocolError('UNKNOWN_STORE', `store "${device.storeId}" does not exist`, 404);
    const info: DeviceInfo = { deviceId: device.deviceId, deviceName: device.deviceName, storeId: device.storeId, storeName: store.name, timezone: store.timezone };
    return info;
  });

  app.get<{ Params: { collection: string }; Querystring: { position?: number; id?: string; limit: number; schemaVersion: number } }>(
    `${SYNC_BASE}/:collection/pull`,
    {
      schema: {
        tags: ['sync'],
        summary: "Documents of the device's store after a checkpoint, in position order",
        params: collectionParams,
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            position: { type: 'integer', minimum: 0 },
            id: { type: 'string', maxLength: 128 },
            limit: { type: 'integer', minimum: 1, maximum: MAX_PULL_BATCH, default: DEFAULT_PULL_BATCH },
            schemaVersion: { type: 'integer', minimum: 0 },
          },
          required: ['schemaVersion'],
        },
      },
    },
    async (req) => {
      const device = deviceOf(req);
      const collection = checkCollection(req.params.collection, req.query.schemaVersion);
      const from: Checkpoint | null = req.query.position !== undefined ? { position: req.query.position, id: req.query.id ?? '' } : null;
      // Store scoping is in the WHERE clause, before LIMIT: a short page must mean "caught up".
      const rows = await ctx.db.query<{ id: string; position: number; data: Record<string, unknown>; deleted: boolean }>(
        `SELECT id, position, data, deleted FROM docs
         WHERE store_id = $1 AND collection = $2 AND (position, id) > ($3::bigint, $4::text)
         ORDER BY position, id LIMIT $5`,
        [device.storeId, collection, from?.position ?? -1, from?.id ?? '', req.query.limit],
      );
      const last = rows.at(-1);
      const body: PullResponse = {
        documents: rows.map((r) => ({ ...r.data, _deleted: r.deleted }) as PullResponse['documents'][number]),
        checkpoint: last ? { position: Number(last.position), id: last.id } : from,
      };
      return body;
    },
  );

  app.post<{ Params: { collection: string }; Querystring: { schemaVersion?: number }; Body: PushRequest }>(
    `${SYNC_BASE}/:collection/push`,
    {
      schema: {
        tags: ['sync'],
        summary: 'Push documents; judged one by one in one transaction',
        params: collectionParams,
        querystring: { type: 'object', additionalProperties: false, properties: { schemaVersion: { type: 'integer', minimum: 0 } } },
        body: {
          type: 'object',
          additionalProperties: false,
          properties: {
            rows: {
              type: 'array',
              maxItems: MAX_PUSH_BATCH,
              items: {
                type: 'object',
                additionalProperties: false,
                properties: { newDocumentState: { type: 'object' }, assumedMasterState: { type: 'object' } },
                required: ['newDocumentState'],
              },
            },
          },
          required: ['rows'],
        },
      },
    },
    async (req) => {
      const device = deviceOf(req);
      const collection = checkCollection(req.params.collection, req.query.schemaVersion);
      if (COLLECTIONS[collection].writer !== 'terminal') {
        // Judged per document so the client can quarantine each row; nothing is written either way.
        return rejectAll(collection, req.body.rows, 'WRONG_WRITER', `${collection} is written by the centre, not by terminals`);
      }
      const { value } = await writeStore(ctx.db, device.storeId, (st) => judgePush(st, device, collection, req.body.rows));
      return value satisfies PushResponse;
    },
  );
}
