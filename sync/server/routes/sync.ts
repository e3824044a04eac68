import type { FastifyInstance, FastifyRequest } from 'fastify';
import { COLLECTIONS, isCollectionName, type CollectionName } from '../../model/collections.js';
import { ProtocolError } from '../../protocol/errors.js';
import {
  DEFAULT_PULL_BATCH,
  MAX_PULL_BATCH,
  MAX_PUSH_BATCH,
  SYNC_BASE,
  readingWindow,
  schemaVersionOf,
  supportedSchemaVersions,
  type Checkpoint,
  type DeviceInfo,
  type PushRequest,
  type PushResponse,
  type PushRow,
} from '../../protocol/sync.js';
import { authenticateDevice, type DeviceContext } from '../auth.js';
import type { ServerContext } from '../context.js';
import { writeStore } from '../store/store-tx.js';
import { judgePush, preparePush, rejectAll } from '../store/push.js';
import { rerouteRejected } from '../store/reroute.js';
import { pullPage, windowCheckpoint } from '../store/feed.js';
import { assertWithinOfflineLimit, notePulled } from '../window/offline.js';

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

function checkCollection(name: string): CollectionName {
  if (!isCollectionName(name)) throw new ProtocolError('UNKNOWN_COLLECTION', `collection "${name}" does not exist`, 404, { collection: name });
  return name;
}

/** The schema version the client speaks, if the server still speaks it (design §4); absent means the current one. */
function checkSchemaVersion(collection: CollectionName, schemaVersion: number | undefined): number {
  const supported = supportedSchemaVersions(collection);
  if (schemaVersion === undefined) return schemaVersionOf(collection);
  if (!supported.includes(schemaVersion)) {
    throw new ProtocolError('UNSUPPORTED_SCHEMA_VERSION', `${collection} schema v${schemaVersion} is not supported; the server speaks ${supported.map((v) => `v${v}`).join(', ')}`, 400, {
      collection,
      supported: [...supported],
    });
  }
  return schemaVersion;
}

export async function syncRoutes(app: FastifyInstance, ctx: ServerContext): Promise<void> {
  app.decorateRequest('device', null);
  // Before the body is parsed: an unknown or revoked device learns nothing else about the request.
  app.addHook('onRequest', async (req) => {
    req.device = await authenticateDevice(ctx.db, req);
  });
  app.addHook('preValidation', async (req) => {
    const params = req.params as { collection?: string };
    if (params.collection !== undefined) checkCollection(params.collection);
  });

  app.get(`${SYNC_BASE}/whoami`, { schema: { operationId: 'whoami', tags: ['sync'], summary: 'The device behind the token' } }, async (req) => {
    const device = deviceOf(req);
    const [store] = await ctx.db.query<{ name: string; timezone: string }>('SELECT name, timezone FROM stores WHERE id = $1', [device.storeId]);
    if (!store) throw new ProtocolError('UNKNOWN_STORE', `store "${device.storeId}" does not exist`, 404);
    const info: DeviceInfo = { deviceId: device.deviceId, deviceName: device.deviceName, storeId: device.storeId, storeName: store.name, timezone: store.timezone };
    return info;
  });

  app.get<{ Params: { collection: string }; Querystring: { position?: number; id?: string; limit: number; schemaVersion: number; until?: number } }>(
    `${SYNC_BASE}/:collection/pull`,
    {
      schema: {
        operationId: 'pull',
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
            until: { type: 'integer', minimum: 0 },
          },
          required: ['schemaVersion'],
        },
      },
    },
    async (req) => {
      const device = deviceOf(req);
      const collection = checkCollection(req.params.collection);
      const version = checkSchemaVersion(collection, req.query.schemaVersion);
      const { position, id, until } = req.query;
      let from: Checkpoint;
      if (position === undefined) from = await windowCheckpoint(ctx.db, device.storeId);
      else {
        from = { position, id: id ?? '', ...(until !== undefined ? { until } : {}) };
        // A terminal catching up by checkpoint must not have been away longer than the store keeps its evictions.
        if (!readingWindow(from)) await assertWithinOfflineLimit(ctx.db, device);
      }
      const page = await pullPage(ctx.db, device.storeId, collection, version, from, req.query.limit);
      // An empty pull from no checkpoint is what RxDB repeats for a collection it never received anything of: it says
      // nothing of how current the terminal is, and counting it would hide a long absence from the next real pull.
      if (position !== undefined || page.documents.length > 0) await notePulled(ctx.db, device);
      return page;
    },
  );

  app.post<{ Params: { collection: string }; Querystring: { schemaVersion?: number }; Body: PushRequest }>(
    `${SYNC_BASE}/:collection/push`,
    {
      schema: {
        operationId: 'push',
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
      const collection = checkCollection(req.params.collection);
      const version = checkSchemaVersion(collection, req.query.schemaVersion);
      if (COLLECTIONS[collection].writer !== 'terminal') {
        // Judged per document so the client can quarantine each row; nothing is written either way.
        return rejectAll(collection, req.body.rows, 'WRONG_WRITER', `${collection} is written by the centre, not by terminals`);
      }
      const prepared = preparePush(collection, version, device, req.body.rows);
      const { value } = await writeStore(ctx.db, device.storeId, (st) => judgePush(st, device, collection, prepared, version));
      if (collection === 'order_events') await rerouteAfterPush(ctx.db, req.body.rows, value, req.log);
      return value satisfies PushResponse;
    },
  );
}

/**
 * After the push has committed: each order this push rejected goes to the next store (store/reroute.ts). A
 * failure here leaves the rejection stored and is finished by the start-up sweep, so it must not fail the push.
 */
async function rerouteAfterPush(db: ServerContext['db'], rows: readonly PushRow[], result: PushResponse, log: FastifyRequest['log']): Promise<void> {
  const refused = new Set(result.rejected.map((r) => r.documentId));
  for (const row of rows) {
    const doc = row.newDocumentState as { id?: unknown; type?: unknown; orderId?: unknown };
    if (doc.type !== 'rejected' || typeof doc.orderId !== 'string' || refused.has(String(doc.id))) continue;
    try {
      await rerouteRejected(db, doc.orderId);
    } catch (err) {
      log.error({ err, orderId: doc.orderId }, 'reroute of a rejected order failed; the start-up sweep will retry');
    }
  }
}
