import type { FastifyInstance } from 'fastify';
import {
  consoleSignInRequestSchema,
  type ConsoleSessionResponse,
  type ConsoleSignInRequest,
  type ConsoleSignOutResponse,
} from '../../protocol/console.js';
import { ProtocolError } from '../../protocol/errors.js';
import type { ServerContext } from '../context.js';
import { audit } from './audit.js';
import { consoleUserOf, requireConsoleRole } from './guard.js';
import type { ConsoleSession } from './sessions.js';
import { checkConsolePassword } from './users.js';

function sessionBody(s: ConsoleSession): ConsoleSessionResponse {
  return { user: s.user, csrfToken: s.csrfToken, expiresAt: s.expiresAt.toISOString() };
}

/** POST sign-in, POST sign-out, GET session; registered under CONSOLE_API_BASE (app.ts). */
export async function consoleSessionRoutes(app: FastifyInstance, ctx: ServerContext): Promise<void> {
  const auth = app.consoleAuth;

  app.post<{ Body: ConsoleSignInRequest }>('/sign-in', { schema: { body: consoleSignInRequestSchema, hide: true } }, async (req, reply) => {
    // An address or name out of failures is refused before the password is even looked at, the right one too:
    // otherwise the answer would still tell a guesser when they had it.
    await auth.assertSignInAllowed(req);
    const user = await checkConsolePassword(ctx.db, req.body.name, req.body.password);
    if (!user) {
      await auth.signInFailed(req);
      throw new ProtocolError('CONSOLE_SIGN_IN_FAILED', 'wrong name or password', 401);
    }
    // A session this browser already had ends: one cookie, one session.
    const previous = await auth.sessionOf(req);
    if (previous) await auth.revoke(previous.tokenHash);
    req.consoleSession = null;
    const opened = await auth.open(user.id, req);
    await audit(ctx.db, user, 'session.sign-in', user.id, { ip: req.ip });
    auth.setCookie(req, reply, opened.token, opened.expiresAt);
    const session = await auth.byToken(opened.token);
    if (!session) throw new ProtocolError('INTERNAL', 'the new session could not be read back', 500);
    return sessionBody(session);
  });

  app.post('/sign-out', async (req, reply): Promise<ConsoleSignOutResponse> => {
    const session = await auth.sessionOf(req);
    // Signing out of a session that has already ended just clears the cookie; a live one needs the CSRF token, so
    // no other page can sign a user out.
    if (session) {
      await requireConsoleRole()(req, reply);
      await auth.revoke(session.tokenHash);
    }
    auth.clearCookie(req, reply);
    return { signedOut: true };
  });

  app.get('/session', { onRequest: requireConsoleRole() }, async (req): Promise<ConsoleSessionResponse> => {
    consoleUserOf(req);
    const session = req.consoleSession;
    if (!session) throw new ProtocolError('CONSOLE_SIGNED_OUT', 'not signed in to the console', 401);
    return sessionBody(session);
  });
}
