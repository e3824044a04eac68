import { timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CSRF_HEADER, type ConsoleRole, type ConsoleUser } from '../../protocol/console.js';
import { ProtocolError } from '../../protocol/errors.js';

/** Methods that change something: each needs the CSRF token as well as the cookie (the console's and the portal's). */
export const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * CSRF: a synchronizer token kept with the session row (sessions.ts), chosen over @fastify/csrf-protection. That
 * plugin either needs @fastify/session or keeps its secret in a second cookie (double submit); we already have a
 * server-side session, so a random token stored beside it is simpler, dies with the session on sign-out, and needs
 * no extra secret or cookie. The page gets it from GET session (or sign-in) and sends it in x-csrf-token; another
 * site can neither read it (same-origin policy) nor make the browser add the header. SameSite=Strict is the
 * first line; this is the second, for browsers or set-ups where SameSite does not hold.
 */
export function csrfValid(given: unknown, expected: string): boolean {
  if (typeof given !== 'string' || given.length === 0) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * A Fastify hook (preHandler or onRequest) for console routes: 401 CONSOLE_SIGNED_OUT without a valid session;
 * on POST/PUT/PATCH/DELETE 403 CSRF_INVALID without the session's token in x-csrf-token; 403
 * CONSOLE_ROLE_FORBIDDEN when the user's role is not one of `roles` (no roles: any signed-in user). Afterwards
 * consoleUserOf(request) gives the user. A manager's store scope is the route's to check (assertConsoleStore).
 */
export function requireConsoleRole(...roles: ConsoleRole[]): (req: FastifyRequest, reply: FastifyReply) => Promise<void> {
  return async (req) => {
    const session = await req.server.consoleAuth.sessionOf(req);
    if (!session) throw new ProtocolError('CONSOLE_SIGNED_OUT', 'not signed in to the console, or the session has ended', 401);
    if (UNSAFE.has(req.method) && !csrfValid(req.headers[CSRF_HEADER], session.csrfToken)) {
      throw new ProtocolError('CSRF_INVALID', `missing or wrong ${CSRF_HEADER} header`, 403);
    }
    if (roles.length > 0 && !roles.includes(session.user.role)) {
      throw new ProtocolError('CONSOLE_ROLE_FORBIDDEN', `this needs the role ${roles.join(' or ')}`, 403, { role: session.user.role, allowed: roles });
    }
  };
}

/** The signed-in user of a request that passed requireConsoleRole. */
export function consoleUserOf(req: FastifyRequest): ConsoleUser {
  const session = req.consoleSession;
  // A route that forgot its guard must not run as nobody.
  if (!session) throw new ProtocolError('CONSOLE_SIGNED_OUT', 'not signed in to the console', 401);
  return session.user;
}

/** May this user see this store? admin and finance: every store; a manager: their own. */
export function canSeeStore(user: ConsoleUser, storeId: string): boolean {
  return user.role !== 'manager' || user.storeIds.includes(storeId);
}

/** 403 CONSOLE_ROLE_FORBIDDEN when a manager asks about a store that is not theirs. */
export function assertConsoleStore(req: FastifyRequest, storeId: string): ConsoleUser {
  const user = consoleUserOf(req);
  if (!canSeeStore(user, storeId)) throw new ProtocolError('CONSOLE_ROLE_FORBIDDEN', `store "${storeId}" is not one of yours`, 403, { storeId });
  return user;
}
