import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { pinRoutes, type MainKeyResponse, type OperatorVerifiersResponse } from '../../protocol/pins.js';
import { authenticateDevice } from '../auth.js';
import type { ServerContext } from '../context.js';
import { authenticateMainKey, claimMainKey } from './main-key.js';
import { storeVerifiers } from './store.js';

/**
 * The operators' PIN verifiers, for the terminal's main side only (sync/protocol/pins.ts). Registered outside the
 * sync routes' device-token hook: these routes choose their credential themselves.
 */
export async function pinsRoutes(app: FastifyInstance, ctx: ServerContext): Promise<void> {
  app.get(pinRoutes.operatorVerifiers(), {
    schema: {
      operationId: 'operatorVerifiers',
      tags: ['sync'],
      summary: "The PIN verifiers of the device's store (main key only): every operator, the slow hash only for active ones with a usable PIN",
    },
  }, async (req, reply) => {
    const device = await authenticateMainKey(ctx.db, req);
    const body: OperatorVerifiersResponse = { storeId: device.storeId, operators: await storeVerifiers(ctx.db, device.storeId) };
    // A digest of the answer itself: it changes exactly when a terminal would have to learn something new.
    const etag = `"${createHash('sha256').update(JSON.stringify(body)).digest('base64url')}"`;
    // Verifiers are kept by the main side alone, never by a cache on the way.
    void reply.header('cache-control', 'no-store').header('etag', etag);
    if (req.headers['if-none-match'] === etag) return reply.code(304).send();
    return body;
  });

  app.post(pinRoutes.mainKey(), {
    schema: { operationId: 'issueMainKey', tags: ['sync'], summary: 'Issue the main key of a device enrolled before main keys existed (device token; once only)' },
  }, async (req, reply) => {
    const device = await authenticateDevice(ctx.db, req);
    const body: MainKeyResponse = { deviceId: device.deviceId, mainKey: await claimMainKey(ctx.db, device) };
    return reply.code(201).header('cache-control', 'no-store').send(body);
  });
}
