/** Device administration shared by the Platform API's admin routes (routes/devices.ts) and the console. */
import type { ConsoleDevice } from '../../protocol/console.js';
import { ProtocolError } from '../../protocol/errors.js';
import type { RevokeDeviceResponse } from '../../protocol/platform.js';
import type { Db, Queryable } from '../db/index.js';
import { DEVICE_REVOKED_CHANNEL } from '../stream-registry.js';

/**
 * Revokes a device: its token stops working at once and every instance closes its live streams. Revoking again
 * keeps the first time. `onRevoked` runs in the same transaction (the console's audit entry).
 */
export async function revokeDevice(db: Db, deviceId: string, onRevoked?: (q: Queryable, result: RevokeDeviceResponse) => Promise<void>): Promise<RevokeDeviceResponse> {
  const result = await db.tx(async (q) => {
    const [row] = await q.query<{ id: string; store_id: string; revoked_at: Date }>(
      'UPDATE devices SET revoked_at = COALESCE(revoked_at, now()) WHERE id = $1 RETURNING id, store_id, revoked_at',
      [deviceId],
    );
    if (!row) throw new ProtocolError('NOT_FOUND', `device "${deviceId}" does not exist`, 404);
    const r: RevokeDeviceResponse = { deviceId: row.id, storeId: row.store_id, revokedAt: new Date(row.revoked_at).toISOString() };
    await onRevoked?.(q, r);
    return r;
  });
  // After the commit: a stream closed before it would reconnect with a token still valid.
  await db.notify(DEVICE_REVOKED_CHANNEL, result.deviceId);
  return result;
}

/** The devices of the stores named (all stores when absent), newest first within each store. */
export async function listDevices(q: Queryable, storeIds?: readonly string[]): Promise<ConsoleDevice[]> {
  const rows = await q.query<{ id: string; store_id: string; name: string; created_at: Date | string; last_pulled_at: Date | string | null; revoked_at: Date | string | null }>(
    `SELECT id, store_id, name, created_at, last_pulled_at, revoked_at FROM devices
     WHERE $1::text[] IS NULL OR store_id = ANY($1::text[]) ORDER BY store_id, created_at DESC, id`,
    [storeIds ? [...storeIds] : null],
  );
  const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());
  return rows.map((r) => ({ id: r.id, storeId: r.store_id, name: r.name, enrolledAt: new Date(r.created_at).toISOString(), lastPulledAt: iso(r.last_pulled_at), revokedAt: iso(r.revoked_at) }));
}
