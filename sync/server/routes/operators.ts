import type { FastifyInstance } from 'fastify';
import { operatorsInputSchema, upsertResponseSchema, type OperatorInput } from '../../protocol/platform.js';
import { describe } from '../openapi/describe.js';
import { requireSecret } from '../auth.js';
import type { ServerContext } from '../context.js';
import { upsertOperators, type OperatorsUpsertResponse } from '../admin/operators.js';

// The logic lives in admin/operators.ts, shared with the console.
export type { OperatorsUpsertResponse } from '../admin/operators.js';

export async function operatorsRoutes(app: FastifyInstance, ctx: ServerContext): Promise<void> {
  app.put<{ Params: { storeId: string }; Body: OperatorInput[] }>('/stores/:storeId/operators', {
    onRequest: async (req) => requireSecret(req, ctx.adminToken, 'admin token'),
    schema: describe({
      operationId: 'putOperators',
      tags: ['operators'],
      access: 'admin',
      summary:
        "Bulk upsert the store's staff (admin). PINs are hashed here and never stored or returned in clear; a missing pin keeps the current one. A manager's PIN has at least 6 digits",
      params: { type: 'object', properties: { storeId: { type: 'string', maxLength: 32 } }, required: ['storeId'] },
      body: operatorsInputSchema,
      bodyExamples: [[{ id: 'op-1', name: 'Ana', roles: ['picker'], pin: '4821', active: true }]],
      responses: { 200: { description: 'How many were written and how many were already so', ...upsertResponseSchema } },
      errors: { 400: ['VALIDATION_FAILED'], 404: ['UNKNOWN_STORE'], 409: ['CONFLICT'] },
    }),
  }, async (req): Promise<OperatorsUpsertResponse> => upsertOperators(ctx.db, req.params.storeId, req.body));
}
