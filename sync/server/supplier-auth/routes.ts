import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ProtocolError } from '../../protocol/errors.js';
import {
  supplierChangePasswordRequestSchema,
  supplierSignInRequestSchema,
  type SupplierChangePasswordRequest,
  type SupplierSessionResponse,
  type SupplierSignInRequest,
  type SupplierSignOutResponse,
} from '../../protocol/supplier.js';
import type { ServerContext } from '../context.js';
import { changeSupplierPassword, checkSupplierPassword, lockedError } from './accounts.js';
import { supplierOf, type SupplierAuth, type SupplierSession } from './sessions.js';

function sessionBody(s: SupplierSession): SupplierSessionResponse {
  return { supplier: s.supplier, csrfToken: s.csrfToken, expiresAt: s.expiresAt.toISOString(), mustChangePassword: s.mustChangePassword };
}

/** POST sign-in, change-password, sign-out; GET session. Registered under SUPPLIER_API_BASE (app.ts). */
export async function supplierSessionRoutes(app: FastifyInstance, ctx: ServerContext, auth: SupplierAuth): Promise<void> {
  const lockout = { failures: auth.options.lockoutFailures, ms: auth.options.lockoutMs };

  app.post<{ Body: SupplierSignInRequest }>('/sign-in', { schema: { body: supplierSignInRequestSchema } }, async (req, reply) => {
    await auth.assertSignInAllowed(req);
    const check = await checkSupplierPassword(ctx.db, req.body.supplierCode, req.body.password, lockout);
    if (!check.ok) {
      await auth.signInFailed(req);
      if (check.lockedUntil) throw lockedError(check.lockedUntil);
      throw new ProtocolError('SUPPLIER_SIGN_IN_FAILED', 'wrong supplier code or password', 401);
    }
    const previous = await auth.sessionOf(req);
    if (previous) await auth.revoke(previous.tokenHash);
    req.supplierSession = null;
    return openSession(auth, req, reply, check.supplierId);
  });

  app.post<{ Body: SupplierChangePasswordRequest }>(
    '/change-password',
    { onRequest: auth.guard({ whileMustChange: true }), schema: { body: supplierChangePasswordRequestSchema } },
    async (req, reply) => {
      const session = supplierOf(req);
      await changeSupplierPassword(ctx.db, session.supplier.code, req.body.currentPassword, req.body.newPassword, session.tokenHash, lockout);
      // A fresh session (and CSRF token) for the new password: the one opened with the issued password ends.
      await auth.revoke(session.tokenHash);
      req.supplierSession = null;
      return openSession(auth, req, reply, session.supplier.code);
    },
  );

  app.post('/sign-out', async (req, reply): Promise<SupplierSignOutResponse> => {
    const session = await auth.sessionOf(req);
    // An ended session just clears the cookie; a live one needs the CSRF token, so no other page signs anyone out.
    if (session) {
      await auth.guard({ whileMustChange: true })(req);
      await auth.revoke(session.tokenHash);
    }
    auth.clearCookie(req, reply);
    return { signedOut: true };
  });

  app.get('/session', { onRequest: auth.guard({ whileMustChange: true }) }, async (req): Promise<SupplierSessionResponse> => sessionBody(supplierOf(req)));
}

async function openSession(auth: SupplierAuth, req: FastifyRequest, reply: FastifyReply, supplierId: string): Promise<SupplierSessionResponse> {
  const opened = await auth.open(supplierId, req);
  auth.setCookie(req, reply, opened.token, opened.expiresAt);
  const session = await auth.byToken(opened.token);
  if (!session) throw new ProtocolError('INTERNAL', 'the new session could not be read back', 500);
  return sessionBody(session);
}
