import { createReadStream } from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { ProtocolError } from '../../protocol/errors.js';
import {
  HELD_BACK_STATUS,
  ROLLOUTS_PATH,
  UPDATES_BASE,
  VERSION_PATTERN,
  isFeedName,
  rolloutInputSchema,
  type Rollout,
  type RolloutInput,
  type RolloutsResponse,
} from '../../protocol/updates.js';
import { authenticateDevice, requireSecret } from '../auth.js';
import type { ServerContext } from '../context.js';
import { fileSize, isPlainFileName, readFeed, readFeeds } from './feed.js';
import { getRollout, listRollouts, setRollout, storeInRollout } from './rollout.js';

/**
 * The update feeds (sync/protocol/updates.ts): electron-updater's generic provider files from `dir`, to enrolled
 * devices, each feed only to the stores its version is rolled out to; and the admin's rollouts. Out of the OpenAPI
 * description: the feeds are electron-builder's format, not the Platform API's.
 */
export async function updatesRoutes(app: FastifyInstance, ctx: ServerContext, dir: string | undefined): Promise<void> {
  const folder = (): string => {
    if (!dir) throw new ProtocolError('NOT_FOUND', 'this centre serves no updates (UPDATES_DIR is not set)', 404);
    return dir;
  };

  app.get<{ Params: { name: string } }>(`${UPDATES_BASE}/:name`, {
    schema: { hide: true, params: { type: 'object', properties: { name: { type: 'string', maxLength: 255 } }, required: ['name'] } },
  }, async (req, reply) => {
    const device = await authenticateDevice(ctx.db, req);
    const root = folder();
    const { name } = req.params;
    // Feeds and files change when an update is published or a rollout widens: never from a cache on the way.
    void reply.header('cache-control', 'no-store');
    if (isFeedName(name)) {
      const feed = await readFeed(root, name);
      if (!feed) throw new ProtocolError('NOT_FOUND', `no ${name} in the updates folder`, 404);
      const rollout = await getRollout(ctx.db, feed.version);
      if (!storeInRollout(rollout, device.storeId, feed.version)) return reply.code(HELD_BACK_STATUS).send();
      return reply.type('text/yaml; charset=utf-8').send(feed.text);
    }
    // A file is served only through a feed this store gets: a held-back store cannot fetch the new version by name.
    if (!isPlainFileName(name)) throw new ProtocolError('NOT_FOUND', 'no such update file', 404);
    let allowed = false;
    for (const feed of await readFeeds(root)) {
      if (!feed.files.includes(name)) continue;
      if (storeInRollout(await getRollout(ctx.db, feed.version), device.storeId, feed.version)) allowed = true;
    }
    const size = allowed ? await fileSize(root, name) : undefined;
    if (size === undefined) throw new ProtocolError('NOT_FOUND', 'no such update file', 404);
    return reply.type('application/octet-stream').header('content-length', size).send(createReadStream(path.join(root, name)));
  });

  const admin = { onRequest: async (req: Parameters<typeof requireSecret>[0]) => requireSecret(req, ctx.adminToken, 'admin token') };

  app.get(ROLLOUTS_PATH, { ...admin, schema: { hide: true } }, async (): Promise<RolloutsResponse> => ({ rollouts: await listRollouts(ctx.db) }));

  app.put<{ Params: { version: string }; Body: RolloutInput }>(`${ROLLOUTS_PATH}/:version`, {
    ...admin,
    schema: {
      hide: true,
      params: { type: 'object', properties: { version: { type: 'string', maxLength: 64, pattern: VERSION_PATTERN } }, required: ['version'] },
      body: rolloutInputSchema,
    },
  }, async (req): Promise<Rollout> => {
    return setRollout(ctx.db, req.params.version, req.body);
  });
}
