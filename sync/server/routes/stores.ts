import type { FastifyInstance } from 'fastify';
import {
  enrollmentCodeRequestSchema,
  storeInputSchema,
  storeResponseSchema,
  enrollmentCodeResponseSchema,
  type EnrollmentCodeResponse,
  type StoreInput,
} from '../../protocol/platform.js';
import { requireSecret } from '../auth.js';
import type { ServerContext } from '../context.js';
import { emptyBodyAsObject } from '../validation.js';
import { describe } from '../openapi/describe.js';
import { DEFAULT_CODE_TTL_MINUTES, issueEnrollmentCode, writeStore } from '../admin/stores.js';

// Moved to admin/stores.ts, shared with the console; re-exported for the modules that import them from here.
export { DEFAULT_CODE_TTL_MINUTES, hashEnrollmentCode, newEnrollmentCode } from '../admin/stores.js';

export async function storesRoutes(app: FastifyInstance, ctx: ServerContext): Promise<void> {
  const admin = async (req: Parameters<typeof requireSecret>[0]) => requireSecret(req, ctx.adminToken, 'admin token');

  app.post<{ Body: StoreInput }>('/stores', {
    onRequest: admin,
    schema: describe({
      operationId: 'upsertStore',
      tags: ['stores'],
      summary: 'Create or update a store (admin)',
      access: 'admin',
      body: storeInputSchema,
      bodyExamples: [{ id: 'store-1', name: 'Riverside', timezone: 'Europe/Berlin', location: { lat: 52.52, lon: 13.4 }, serviceRadiusKm: 5 }],
      responses: { 200: { description: 'Updated', ...storeResponseSchema }, 201: { description: 'Created', ...storeResponseSchema } },
    }),
  }, async (req, reply) => {
    const s = req.body;
    const { created, settings, window } = await writeStore(ctx.db, s);
    return reply.status(created ? 201 : 200).send({ ...s, settings, window });
  });

  app.post<{ Params: { storeId: string }; Body: { ttlMinutes?: number } | undefined }>('/stores/:storeId/enrollment-codes', {
    onRequest: admin,
    preValidation: emptyBodyAsObject,
    schema: describe({
      operationId: 'issueEnrollmentCode',
      tags: ['devices'],
      summary: 'Issue a single-use enrollment code for a store (admin)',
      access: 'admin',
      params: { type: 'object', properties: { storeId: { type: 'string', maxLength: 32 } }, required: ['storeId'] },
      body: enrollmentCodeRequestSchema,
      bodyOptional: true,
      bodyExamples: [{ ttlMinutes: 60 }],
      responses: { 201: { description: 'The code, shown once', ...enrollmentCodeResponseSchema } },
      errors: { 404: ['UNKNOWN_STORE'] },
    }),
  }, async (req, reply) => {
    const body: EnrollmentCodeResponse = await issueEnrollmentCode(ctx.db, req.params.storeId, req.body?.ttlMinutes ?? DEFAULT_CODE_TTL_MINUTES);
    return reply.status(201).send(body);
  });
}
