import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { ProtocolError } from '../protocol/errors.js';
import type { Queryable } from './db/index.js';
import type { CredentialKind } from './edge/auth-limit.js';

export interface DeviceContext {
  deviceId: string;
  deviceName: string;
  storeId: string;
  /** When the device last pulled (window/offline.ts); null before its first pull. */
  lastPulledAt?: Date | null;
}

export function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

export function bearerToken(req: FastifyRequest): string | undefined {
  const header = req.headers.authorization;
  if (typeof header !== 'string') return undefined;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match?.[1];
}

/** Compares hashes, so neither the length nor the content of the secret leaks through timing. */
function sameSecret(given: string, expected: string): boolean {
  return timingSafeEqual(Buffer.from(sha256(given), 'hex'), Buffer.from(sha256(expected), 'hex'));
}

/**
 * A wrong secret counts against the client's address (edge/auth-limit.ts); a missing one does not, as nothing was
 * guessed. An address out of failures is refused before its secret is even compared.
 */
export async function requireSecret(req: FastifyRequest, expected: string, what: CredentialKind): Promise<void> {
  const token = bearerToken(req);
  if (!token) throw new ProtocolError('UNAUTHORIZED', `missing bearer token (${what})`, 401);
  await req.server.authFailures.assertAllowed(req, [what]);
  if (!sameSecret(token, expected)) {
    await req.server.authFailures.fail(req, [what]);
    throw new ProtocolError('UNAUTHORIZED', `invalid ${what}`, 401);
  }
}

/** For read-only views both sides of the centre use (the admin's console and the platform): any one secret will do. */
export async function requireAnySecret(req: FastifyRequest, secrets: ReadonlyArray<{ expected: string; what: CredentialKind }>): Promise<void> {
  const kinds = secrets.map((s) => s.what);
  const what = kinds.join(' or ');
  const token = bearerToken(req);
  if (!token) throw new ProtocolError('UNAUTHORIZED', `missing bearer token (${what})`, 401);
  await req.server.authFailures.assertAllowed(req, kinds);
  // Every secret is compared, so the time taken does not tell which one nearly matched.
  const matches = secrets.map((s) => sameSecret(token, s.expected));
  if (!matches.includes(true)) {
    // A guess here is a guess at each of them.
    await req.server.authFailures.fail(req, kinds);
    throw new ProtocolError('UNAUTHORIZED', `invalid ${what}`, 401);
  }
}

/** The device behind a sync request. The store comes from here, never from the request body. */
export async function authenticateDevice(q: Queryable, req: FastifyRequest): Promise<DeviceContext> {
  const token = bearerToken(req);
  if (!token) throw new ProtocolError('UNAUTHORIZED', 'missing device token', 401);
  const [row] = await q.query<{ id: string; name: string; store_id: string; revoked_at: Date | null; last_pulled_at: Date | string | null }>(
    'SELECT id, name, store_id, revoked_at, last_pulled_at FROM devices WHERE token_hash = $1',
    [sha256(token)],
  );
  if (!row) {
    // Only unknown tokens are limited: a known one is never refused for its neighbours' failures (auth-limit.ts).
    await req.server.authFailures.assertAllowed(req, ['device token']);
    await req.server.authFailures.fail(req, ['device token']);
    throw new ProtocolError('UNAUTHORIZED', 'unknown device token', 401);
  }
  if (row.revoked_at !== null) throw new ProtocolError('DEVICE_REVOKED', 'this device has been revoked; enroll it again', 403, { deviceId: row.id });
  return { deviceId: row.id, deviceName: row.name, storeId: row.store_id, lastPulledAt: row.last_pulled_at === null ? null : new Date(row.last_pulled_at) };
}
