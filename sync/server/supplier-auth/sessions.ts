import { randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ProtocolError } from '../../protocol/errors.js';
import { CSRF_HEADER, SUPPLIER_API_BASE, SUPPLIER_PATH, SUPPLIER_SESSION_COOKIE, type SupplierIdentity } from '../../protocol/supplier.js';
import { sha256 } from '../auth.js';
import { csrfValid, UNSAFE } from '../console-auth/guard.js';
import type { SignInLimit } from '../console-auth/sessions.js';
import type { Db } from '../db/index.js';

export interface SupplierAuthOptions {
  /** How long a session lasts from sign-in; signing out, a new password or a disabled account ends it sooner. */
  sessionTtlMs: number;
  /** Failed sign-ins per client address (one address trying many supplier codes). */
  perAddress: SignInLimit;
  /** Wrong passwords in a row that lock an account, and for how long (the per-account side, kept in the database
   *  so it holds across instances and restarts). */
  lockoutFailures: number;
  lockoutMs: number;
}

/**
 * A supplier's staff check a statement and leave: 4 hours. 20 failures per address in 15 minutes (a supplier's
 * office shares one address, and several people may mistype); 5 wrong in a row lock the account 15 minutes.
 */
export const DEFAULT_SUPPLIER_AUTH_OPTIONS: SupplierAuthOptions = {
  sessionTtlMs: 4 * 60 * 60_000,
  perAddress: { max: 20, windowMs: 15 * 60_000 },
  lockoutFailures: 5,
  lockoutMs: 15 * 60_000,
};

export interface SupplierSession {
  tokenHash: string;
  csrfToken: string;
  expiresAt: Date;
  supplier: SupplierIdentity;
  mustChangePassword: boolean;
}

type Limiter = ReturnType<FastifyInstance['createRateLimit']>;

declare module 'fastify' {
  interface FastifyInstance {
    supplierAuth: SupplierAuth;
  }
  interface FastifyRequest {
    /** Set by requireSupplier once it found the request's session; read with supplierOf. */
    supplierSession: SupplierSession | null;
  }
}

interface SessionRow {
  token_hash: string;
  csrf_token: string;
  expires_at: Date | string;
  supplier_id: string;
  name: string;
  must_change: boolean;
}

const UNGUARDED = new Set(['/sign-in', '/sign-out']);

/**
 * The portal's sessions, made like the console's (console-auth/sessions.ts) but separate: their own table, cookie
 * (path /supplier, so neither app's cookie reaches the other's API) and sign-in limits. A console session never
 * opens a portal route, nor the other way round.
 */
export class SupplierAuth {
  private constructor(
    readonly db: Db,
    readonly options: SupplierAuthOptions,
    private readonly perAddress: Limiter,
  ) {}

  /** Every route registered under SUPPLIER_API_BASE, whoever registered it (the isolation test walks them all). */
  readonly routes: { method: string; url: string }[] = [];

  /**
   * Call on the root after ConsoleAuth.install (which registers @fastify/cookie) and AuthFailures.install, before
   * any route: a root onRoute hook sees every route of every plugin, records those under /supplier/api, and refuses
   * to start a server with one that has no guard (only sign-in, which has no session yet, and sign-out, which checks
   * the session itself, go without).
   */
  static install(app: FastifyInstance, db: Db, options: SupplierAuthOptions): SupplierAuth {
    const limiter = app.createRateLimit({ max: options.perAddress.max, timeWindow: options.perAddress.windowMs, keyGenerator: (req) => `supplier:${req.ip}` });
    const auth = new SupplierAuth(db, options, limiter);
    app.decorateRequest('supplierSession', null);
    app.decorate('supplierAuth', auth);
    app.addHook('onRoute', (route) => {
      if (!route.url.startsWith(`${SUPPLIER_API_BASE}/`)) return;
      for (const method of [route.method].flat()) {
        if (method === 'HEAD') continue;
        auth.routes.push({ method, url: route.url });
        if (!route.onRequest && !UNGUARDED.has(route.url.slice(SUPPLIER_API_BASE.length))) {
          throw new Error(`supplier portal route ${method} ${route.url} has no guard (SupplierAuth.guard)`);
        }
      }
    });
    return auth;
  }

  async sessionOf(req: FastifyRequest): Promise<SupplierSession | undefined> {
    if (req.supplierSession) return req.supplierSession;
    const token = req.cookies[SUPPLIER_SESSION_COOKIE];
    if (!token) return undefined;
    const session = await this.byToken(token);
    if (session) req.supplierSession = session;
    return session;
  }

  async byToken(token: string): Promise<SupplierSession | undefined> {
    const [row] = await this.db.query<SessionRow>(
      `SELECT s.token_hash, s.csrf_token, s.expires_at, a.supplier_id, p.name, a.must_change
       FROM supplier_sessions s JOIN supplier_accounts a ON a.supplier_id = s.supplier_id JOIN suppliers p ON p.id = a.supplier_id
       WHERE s.token_hash = $1 AND s.revoked_at IS NULL AND s.expires_at > now() AND a.disabled_at IS NULL`,
      [sha256(token)],
    );
    if (!row) return undefined;
    return {
      tokenHash: row.token_hash,
      csrfToken: row.csrf_token,
      expiresAt: new Date(row.expires_at),
      supplier: { code: row.supplier_id, name: row.name },
      mustChangePassword: row.must_change,
    };
  }

  async open(supplierId: string, req: FastifyRequest): Promise<{ token: string; expiresAt: Date }> {
    const token = randomBytes(32).toString('base64url');
    const expiresAt = new Date(Date.now() + this.options.sessionTtlMs);
    await this.db.query('INSERT INTO supplier_sessions (token_hash, supplier_id, csrf_token, expires_at, ip) VALUES ($1, $2, $3, $4, $5)', [
      sha256(token),
      supplierId,
      randomBytes(32).toString('base64url'),
      expiresAt.toISOString(),
      req.ip,
    ]);
    return { token, expiresAt };
  }

  async revoke(tokenHash: string): Promise<void> {
    await this.db.query('UPDATE supplier_sessions SET revoked_at = now() WHERE token_hash = $1 AND revoked_at IS NULL', [tokenHash]);
  }

  /** HttpOnly, SameSite=Strict, Secure over TLS, as the console's; path /supplier. */
  setCookie(req: FastifyRequest, reply: FastifyReply, token: string, expiresAt: Date): void {
    void reply.setCookie(SUPPLIER_SESSION_COOKIE, token, { httpOnly: true, sameSite: 'strict', secure: req.protocol === 'https', path: SUPPLIER_PATH, expires: expiresAt });
  }

  clearCookie(req: FastifyRequest, reply: FastifyReply): void {
    void reply.clearCookie(SUPPLIER_SESSION_COOKIE, { httpOnly: true, sameSite: 'strict', secure: req.protocol === 'https', path: SUPPLIER_PATH });
  }

  /** 429 RATE_LIMITED (Retry-After) when the address has no failed sign-ins left; checked before any password. */
  async assertSignInAllowed(req: FastifyRequest): Promise<void> {
    const state = await this.perAddress(req, { increment: false });
    if (state.isAllowed || state.remaining > 0 || state.ttl <= 0) return;
    const retryAfterSeconds = Math.max(1, state.ttlInSeconds);
    throw new ProtocolError('RATE_LIMITED', `too many failed sign-ins from this address; try again in ${retryAfterSeconds} s`, 429, { retryAfterSeconds });
  }

  async signInFailed(req: FastifyRequest): Promise<void> {
    await this.perAddress(req);
  }

  /**
   * The hook of every portal route but sign-in: 401 SUPPLIER_SIGNED_OUT without a live session; 403 CSRF_INVALID
   * on a write without the session's token in x-csrf-token; 403 SUPPLIER_PASSWORD_CHANGE_REQUIRED while the
   * password is still the one the chain issued (unless the route is one of the few that must answer then).
   */
  guard(opts: { whileMustChange?: boolean } = {}): (req: FastifyRequest) => Promise<void> {
    return async (req) => {
      const session = await this.sessionOf(req);
      if (!session) throw new ProtocolError('SUPPLIER_SIGNED_OUT', 'not signed in to the supplier portal, or the session has ended', 401);
      if (UNSAFE.has(req.method) && !csrfValid(req.headers[CSRF_HEADER], session.csrfToken)) {
        throw new ProtocolError('CSRF_INVALID', `missing or wrong ${CSRF_HEADER} header`, 403);
      }
      if (session.mustChangePassword && !opts.whileMustChange) {
        throw new ProtocolError('SUPPLIER_PASSWORD_CHANGE_REQUIRED', 'the password issued by the chain must be changed first', 403);
      }
    };
  }
}

/** The signed-in supplier of a request that passed the guard; a route that forgot its guard fails, never runs as nobody. */
export function supplierOf(req: FastifyRequest): SupplierSession {
  const session = req.supplierSession;
  if (!session) throw new ProtocolError('SUPPLIER_SIGNED_OUT', 'not signed in to the supplier portal', 401);
  return session;
}
