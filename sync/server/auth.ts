import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { ProtocolError } from '../protocol/errors.js';
import type { Queryable } from './db/index.js';

export interface DeviceContext {
  deviceId: string;
  deviceName: string;
  storeId: string;
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

export function requireSecret(req: FastifyRequest, expected: string, what: string): void {
  const token = bearerToken(req);
  if (!token) throw new ProtocolError('UNAUTHORIZED', `missing bearer token (${what})`, 401);
  if (!sameSecret(token, expected)) throw new ProtocolError('UNAUTHORIZED', `invalid ${what}`, 401);
}

/** For read-only views both sides of the centre use (the admin's console and the platform): any one secret will do. */
export function requireAnySecret(req: FastifyRequest, secrets: ReadonlyArray<{ expected: string; what: string }>): void {
  const what = secrets.map((s) => s.what).join(' or ');
  const token = bearerToken(req);
  if (!token) throw new ProtocolError('UNAUTHORIZED', `missing bearer token (${what})`, 401);
  // Every secret is compared, so the time taken does not tell which one nearly matched.
  const matches = secrets.map((s) => sameSecret(token, s.expected));
  if (!matches.includes(true)) throw new ProtocolError('UNAUTHORIZED', `invalid ${what}`, 401);
}

/** The device behind a sync request. The store comes from here, never from the request body. */
export async function authenticateDevice(q: Queryable, req: FastifyRequest): Promise<DeviceContext> {
  const token = bearerToken(req);
  if (!token) throw new ProtocolError('UNAUTHORIZED', 'missing device token', 401);
  const [row] = await q.query<{ id: string; name: string; store_id: string; revoked_at: Date | null }>(
    'SELECT id, name, store_id, revoked_at FROM devices WHERE token_hash = $1',
    [sha256(token)],
  );
  if (!row) throw new ProtocolError('UNAUTHORIZED', 'unknown device token', 401);
  if (row.revoked_at !== null) throw new ProtocolError('DEVICE_REVOKED', 'this device has been revoked; enroll it again', 403, { deviceId: row.id });
  return { deviceId: row.id, deviceName: row.name, storeId: row.store_id };
}
