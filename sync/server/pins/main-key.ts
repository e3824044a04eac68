import { randomBytes } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { ProtocolError } from '../../protocol/errors.js';
import { bearerToken, sha256, type DeviceContext } from '../auth.js';
import type { Queryable } from '../db/index.js';

/** A fresh main key: 256 random bits, so it is looked up by its SHA-256 like the device token. */
export function newMainKey(): { key: string; hash: string } {
  const key = randomBytes(32).toString('base64url');
  return { key, hash: sha256(key) };
}

/**
 * The device behind a main key. The device token is refused here on purpose: the renderer holds that one, and
 * this credential is what keeps PIN verifiers out of the renderer's reach.
 */
export async function authenticateMainKey(q: Queryable, req: FastifyRequest): Promise<DeviceContext> {
  const key = bearerToken(req);
  if (!key) throw new ProtocolError('UNAUTHORIZED', 'missing main key', 401);
  const [row] = await q.query<{ id: string; name: string; store_id: string; revoked_at: Date | null }>(
    'SELECT id, name, store_id, revoked_at FROM devices WHERE main_key_hash = $1',
    [sha256(key)],
  );
  if (!row) throw new ProtocolError('UNAUTHORIZED', 'unknown main key (the device token is not accepted here)', 401);
  if (row.revoked_at !== null) throw new ProtocolError('DEVICE_REVOKED', 'this device has been revoked; enroll it again', 403, { deviceId: row.id });
  return { deviceId: row.id, deviceName: row.name, storeId: row.store_id };
}

/** Issues the main key of a device enrolled before main keys existed; once only, whoever asks first. */
export async function claimMainKey(q: Queryable, device: DeviceContext): Promise<string> {
  const { key, hash } = newMainKey();
  const rows = await q.query('UPDATE devices SET main_key_hash = $2 WHERE id = $1 AND main_key_hash IS NULL RETURNING id', [device.deviceId, hash]);
  if (rows.length === 0) {
    throw new ProtocolError('CONFLICT', 'this device already has a main key; if the terminal lost it, revoke the device and enroll it again', 409, {
      deviceId: device.deviceId,
    });
  }
  return key;
}
