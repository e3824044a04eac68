import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ProtocolError } from '../../protocol/errors.js';

export type CredentialKind = 'admin token' | 'platform API key' | 'device token' | 'enrollment code';
const KINDS: readonly CredentialKind[] = ['admin token', 'platform API key', 'device token', 'enrollment code'];

export interface AuthFailureLimit {
  /** Failed attempts of one kind that one client address may make per window; the next is answered 429. */
  max: number;
  windowMs: number;
}

export const DEFAULT_AUTH_FAILURE_LIMIT: AuthFailureLimit = { max: 10, windowMs: 60_000 };

type Limiter = ReturnType<FastifyInstance['createRateLimit']>;

declare module 'fastify' {
  interface FastifyInstance {
    authFailures: AuthFailures;
  }
}

/**
 * Failed authentication, limited per client address and kind of credential with @fastify/rate-limit's counters
 * (its store, its IPv6 /64 grouping, its window). Only failures are counted: a terminal's sync or the platform's
 * order posting, however busy, never moves a counter.
 *
 * Once an address has used up its failures, what happens depends on what a guess could learn:
 * - admin token, platform key, enrollment code: every attempt of that kind is refused until the window ends,
 *   the right one too; otherwise a 429 would mean "wrong" and a 200 "right", and guessing would go on at full speed.
 * - device token: only unknown tokens are refused. A device token is 256 random bits, so no answer helps a guess,
 *   while a store's terminals usually share one address: one terminal holding a stale token must not cut the
 *   others off.
 *
 * The counters live in this process: several instances behind one address each count on their own.
 */
export class AuthFailures {
  private constructor(private readonly limiters: ReadonlyMap<CredentialKind, Limiter>) {}

  static async install(app: FastifyInstance, limit: AuthFailureLimit): Promise<AuthFailures> {
    // global: false — nothing is limited by route; only the checks below count, and only failures.
    await app.register(rateLimit, { global: false });
    const limiters = new Map(KINDS.map((kind) => [kind, app.createRateLimit({ max: limit.max, timeWindow: limit.windowMs })] as const));
    const failures = new AuthFailures(limiters);
    app.decorate('authFailures', failures);
    return failures;
  }

  private limiter(kind: CredentialKind): Limiter {
    const limiter = this.limiters.get(kind);
    if (!limiter) throw new Error(`no failure limiter for ${kind}`);
    return limiter;
  }

  /** Throws RATE_LIMITED (429, with the seconds until the window ends) if this address has no failures left. */
  async assertAllowed(req: FastifyRequest, kinds: readonly CredentialKind[]): Promise<void> {
    for (const kind of kinds) {
      const state = await this.limiter(kind)(req, { increment: false });
      if (state.isAllowed || state.remaining > 0 || state.ttl <= 0) continue;
      const retryAfterSeconds = Math.max(1, state.ttlInSeconds);
      throw new ProtocolError('RATE_LIMITED', `too many failed ${kind} attempts from this address; try again in ${retryAfterSeconds} s`, 429, { retryAfterSeconds });
    }
  }

  /** Counts one failed attempt of each kind named. */
  async fail(req: FastifyRequest, kinds: readonly CredentialKind[]): Promise<void> {
    for (const kind of kinds) await this.limiter(kind)(req);
  }
}
