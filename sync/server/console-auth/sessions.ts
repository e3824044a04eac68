import { randomBytes } from 'node:crypto';
import cookie from '@fastify/cookie';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { CONSOLE_PATH, CONSOLE_SESSION_COOKIE, type ConsoleRole, type ConsoleUser } from '../../protocol/console.js';
import { ProtocolError } from '../../protocol/errors.js';
import { sha256 } from '../auth.js';
import type { Db } from '../db/index.js';

/** A window of failed sign-ins allowed before every attempt is refused until it ends. */
export interface SignInLimit {
  max: number;
  windowMs: number;
}

export interface ConsoleAuthOptions {
  /** How long a session lasts from sign-in; signing out or disabling the user ends it sooner. */
  sessionTtlMs: number;
  /** Failed sign-ins per client address (guessing many names) and per name (one name from many addresses). */
  signInLimit: { perAddress: SignInLimit; perName: SignInLimit };
}

/**
 * A working day and some: a console left signed in overnight is signed out by morning. 10 failures per address and
 * per name in 15 minutes: a person who mistypes gets several tries, a guesser about one a minute and a half.
 */
export const DEFAULT_CONSOLE_AUTH_OPTIONS: ConsoleAuthOptions = {
  sessionTtlMs: 10 * 60 * 60_000,
  signInLimit: { perAddress: { max: 10, windowMs: 15 * 60_000 }, perName: { max: 10, windowMs: 15 * 60_000 } },
};

/** A session found from its cookie: the user it signs in, and its CSRF token. */
export interface ConsoleSession {
  tokenHash: string;
  csrfToken: string;
  expiresAt: Date;
  user: ConsoleUser;
}

type Limiter = ReturnType<FastifyInstance['createRateLimit']>;

declare module 'fastify' {
  interface FastifyInstance {
    consoleAuth: ConsoleAuth;
  }
  interface FastifyRequest {
    /** Set by the console guard (guard.ts) once it has found the request's session; read with consoleUserOf. */
    consoleSession: ConsoleSession | null;
  }
}

interface SessionRow {
  token_hash: string;
  csrf_token: string;
  expires_at: Date | string;
  id: string;
  name: string;
  role: ConsoleRole;
  store_ids: string[];
}

/** The console's sessions and sign-in limits; installed once on the root instance, found as app.consoleAuth. */
export class ConsoleAuth {
  private constructor(
    readonly db: Db,
    readonly options: ConsoleAuthOptions,
    private readonly perAddress: Limiter,
    private readonly perName: Limiter,
  ) {}

  /**
   * Registers @fastify/cookie on the root (the guard reads the cookie in whichever plugin a feature registers its
   * routes) and decorates app.consoleAuth. Call after AuthFailures.install, which registers @fastify/rate-limit.
   */
  static async install(app: FastifyInstance, db: Db, options: ConsoleAuthOptions): Promise<ConsoleAuth> {
    await app.register(cookie);
    const { perAddress, perName } = options.signInLimit;
    // Separate counters (each limiter has its own store): the address's default key, and the name as typed, folded
    // to lower case as the unique index folds it.
    const byAddress = app.createRateLimit({ max: perAddress.max, timeWindow: perAddress.windowMs });
    const byName = app.createRateLimit({ max: perName.max, timeWindow: perName.windowMs, keyGenerator: (req) => `name:${signInNameOf(req)}` });
    const auth = new ConsoleAuth(db, options, byAddress, byName);
    app.decorate('consoleAuth', auth);
    app.decorateRequest('consoleSession', null);
    return auth;
  }

  /** The request's session, or undefined: no cookie, unknown, expired, revoked, or its user disabled. */
  async sessionOf(req: FastifyRequest): Promise<ConsoleSession | undefined> {
    if (req.consoleSession) return req.consoleSession;
    const token = req.cookies[CONSOLE_SESSION_COOKIE];
    if (!token) return undefined;
    const session = await this.byToken(token);
    if (session) req.consoleSession = session;
    return session;
  }

  /** The live session a cookie's token opens, or undefined. */
  async byToken(token: string): Promise<ConsoleSession | undefined> {
    const [row] = await this.db.query<SessionRow>(
      `SELECT s.token_hash, s.csrf_token, s.expires_at, u.id, u.name, u.role, u.store_ids
       FROM console_sessions s JOIN console_users u ON u.id = s.user_id
       WHERE s.token_hash = $1 AND s.revoked_at IS NULL AND s.expires_at > now() AND u.disabled_at IS NULL`,
      [sha256(token)],
    );
    if (!row) return undefined;
    return {
      tokenHash: row.token_hash,
      csrfToken: row.csrf_token,
      expiresAt: new Date(row.expires_at),
      user: { id: row.id, name: row.name, role: row.role, storeIds: row.role === 'manager' ? row.store_ids : [] },
    };
  }

  /** A new session for the user: the cookie's token (kept only hashed) and its CSRF token. */
  async open(userId: string, req: FastifyRequest): Promise<{ token: string; csrfToken: string; expiresAt: Date }> {
    const token = randomBytes(32).toString('base64url');
    const csrfToken = randomBytes(32).toString('base64url');
    const expiresAt = new Date(Date.now() + this.options.sessionTtlMs);
    await this.db.query('INSERT INTO console_sessions (token_hash, user_id, csrf_token, expires_at, ip) VALUES ($1, $2, $3, $4, $5)', [
      sha256(token),
      userId,
      csrfToken,
      expiresAt.toISOString(),
      req.ip,
    ]);
    return { token, csrfToken, expiresAt };
  }

  async revoke(tokenHash: string): Promise<void> {
    await this.db.query('UPDATE console_sessions SET revoked_at = now() WHERE token_hash = $1 AND revoked_at IS NULL', [tokenHash]);
  }

  /**
   * HttpOnly: the page's script never sees it. SameSite=Strict: no other site's page makes the browser send it.
   * Secure when the request came over TLS (request.protocol, which follows X-Forwarded-Proto only when the server
   * trusts its proxy: BuildServerOptions.trustProxy, TRUST_PROXY=1). Path /console: the API and the pages only.
   */
  setCookie(req: FastifyRequest, reply: FastifyReply, token: string, expiresAt: Date): void {
    void reply.setCookie(CONSOLE_SESSION_COOKIE, token, { httpOnly: true, sameSite: 'strict', secure: req.protocol === 'https', path: CONSOLE_PATH, expires: expiresAt });
  }

  clearCookie(req: FastifyRequest, reply: FastifyReply): void {
    void reply.clearCookie(CONSOLE_SESSION_COOKIE, { httpOnly: true, sameSite: 'strict', secure: req.protocol === 'https', path: CONSOLE_PATH });
  }

  /** Throws RATE_LIMITED (429, Retry-After) when the address or the name has no failed sign-ins left. */
  async assertSignInAllowed(req: FastifyRequest): Promise<void> {
    for (const [limiter, what] of [
      [this.perAddress, 'from this address'],
      [this.perName, 'for this name'],
    ] as const) {
      const state = await limiter(req, { increment: false });
      if (state.isAllowed || state.remaining > 0 || state.ttl <= 0) continue;
      const retryAfterSeconds = Math.max(1, state.ttlInSeconds);
      throw new ProtocolError('RATE_LIMITED', `too many failed sign-ins ${what}; try again in ${retryAfterSeconds} s`, 429, { retryAfterSeconds });
    }
  }

  async signInFailed(req: FastifyRequest): Promise<void> {
    await this.perAddress(req);
    await this.perName(req);
  }
}

/** The sign-in body's name, folded; '' when absent (the schema refuses that body anyway). */
function signInNameOf(req: FastifyRequest): string {
  const body = req.body as { name?: unknown } | undefined;
  return typeof body?.name === 'string' ? body.name.trim().toLowerCase() : '';
}
