import { randomBytes, randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { ProtocolError } from '../../protocol/errors.js';
import { enrollRequestSchema, enrollResponseSchema, revokeDeviceResponseSchema, type EnrollRequest, type EnrollResponse, type RevokeDeviceResponse } from '../../protocol/platform.js';
import { describe } from '../openapi/describe.js';
import { requireSecret, sha256 } from '../auth.js';
import type { ServerContext } from '../context.js';
import { newMainKey } from '../pins/main-key.js';
import { hashEnrollmentCode } from './stores.js';
import { revokeDevice } from '../admin/devices.js';


export async function devicesRoutes(app: FastifyInstance, ctx: ServerContext): Promise<void> {
  app.post<{ Body: EnrollRequest }>('/devices/enroll', {
    schema: describe({
      operationId: 'enrollDevice',
      tags: ['devices'],
      summary: "Exchange a single-use enrollment code for a device token and the terminal's main key (no auth: the code is the credential)",
      access: 'open',
      body: enrollRequestSchema,
      bodyExamples: [{ code: 'ABCD-EFGH-JKMN', name: 'Till 1' }],
      responses: { 201: { description: 'The device, its token and main key', ...enrollResponseSchema } },
      // The code is the credential: a wrong one is a 401 and counts against the address like a wrong secret.
      errors: { 401: ['ENROLLMENT_CODE_INVALID'], 409: ['ENROLLMENT_CODE_USED'], 410: ['ENROLLMENT_CODE_EXPIRED'], 429: ['RATE_LIMITED'] },
    }),
  }, async (req, reply) => {
    const token = randomBytes(32).toString('base64url');
    // Issued with the token in one answer, so no one else can claim it first (pins/main-key.ts).
    const mainKey = newMainKey();
    const deviceId = randomUUID();
    // The code is the credential: an address out of failed codes is refused before this one is looked up.
    await req.server.authFailures.assertAllowed(req, ['enrollment code']);
    const result = await ctx.db.tx(async (q) => {
      const [code] = await q.query<{ store_id: string; used_at: Date | null; expired: boolean }>(
        `SELECT store_id, used_at, expires_at <= now() AS expired FROM enrollment_codes WHERE code_hash = $1 FOR UPDATE`,
        [hashEnrollmentCode(req.body.code)],
      );
      if (!code) throw new ProtocolError('ENROLLMENT_CODE_INVALID', 'this enrollment code does not exist', 401);
      if (code.used_at !== null) throw new ProtocolError('ENROLLMENT_CODE_USED', 'this enrollment code has already been used', 409);
      if (code.expired) throw new ProtocolError('ENROLLMENT_CODE_EXPIRED', 'this enrollment code has expired; ask for a new one', 410);
      await q.query('INSERT INTO devices (id, store_id, name, token_hash, main_key_hash) VALUES ($1, $2, $3, $4, $5)', [
        deviceId,
        code.store_id,
        req.body.name,
        sha256(token),
        mainKey.hash,
      ]);
      await q.query('UPDATE enrollment_codes SET used_at = now(), device_id = $2 WHERE code_hash = $1', [hashEnrollmentCode(req.body.code), deviceId]);
      return { deviceId, storeId: code.store_id, token, mainKey: mainKey.key } satisfies EnrollResponse;
    }).catch(async (err: unknown) => {
      // Only a code that does not exist was a guess; a used or expired one was real.
      if (err instanceof ProtocolError && err.code === 'ENROLLMENT_CODE_INVALID') await req.server.authFailures.fail(req, ['enrollment code']);
      throw err;
    });
    return reply.status(201).send(result);
  });

  app.post<{ Params: { deviceId: string } }>('/devices/:deviceId/revoke', {
    onRequest: async (req) => requireSecret(req, ctx.adminToken, 'admin token'),
    schema: describe({
      operationId: 'revokeDevice',
      tags: ['devices'],
      summary: 'Revoke a device (admin); its token stops working at once',
      access: 'admin',
      params: { type: 'object', properties: { deviceId: { type: 'string', maxLength: 64 } }, required: ['deviceId'] },
      responses: { 200: { description: 'Revoked (again: the first time stays)', ...revokeDeviceResponseSchema } },
      errors: { 404: ['NOT_FOUND'] },
    }),
  }, async (req): Promise<RevokeDeviceResponse> => revokeDevice(ctx.db, req.params.deviceId));
}
