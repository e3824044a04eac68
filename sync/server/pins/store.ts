import type { Role } from '../../model/permissions.js';
import { minPinDigits, type PinHash } from '../../model/pin.js';
import type { OperatorVerifier } from '../../protocol/pins.js';
import type { Queryable } from '../db/index.js';

/** An operator's PIN as the server keeps it: the slow hash, and how many digits the PIN had when that is known. */
export interface StoredPin {
  pinHash: PinHash;
  /** null for a PIN set before lengths were recorded (migration 4). */
  digits: number | null;
}

/**
 * Whether terminals may check this PIN. A manager's PIN must be known to have MANAGER_PIN_MIN_DIGITS digits: one
 * carried over from before lengths were recorded may be 4 digits, so it is not used until it is set again.
 */
export function usablePin(roles: readonly Role[], pin: StoredPin | undefined): boolean {
  if (!pin) return false;
  if (pin.digits === null) return minPinDigits(roles) <= 4;
  return pin.digits >= minPinDigits(roles);
}

export async function storedPins(q: Queryable, storeId: string, ids?: readonly string[]): Promise<Map<string, StoredPin>> {
  const rows = await q.query<{ operator_id: string; pin_hash: PinHash; digits: number | null }>(
    ids
      ? `SELECT operator_id, pin_hash, digits FROM operator_pins WHERE store_id = $1 AND operator_id IN (SELECT jsonb_array_elements_text($2::jsonb))`
      : 'SELECT operator_id, pin_hash, digits FROM operator_pins WHERE store_id = $1',
    ids ? [storeId, JSON.stringify(ids)] : [storeId],
  );
  return new Map(rows.map((r) => [r.operator_id, { pinHash: r.pin_hash, digits: r.digits === null ? null : Number(r.digits) }]));
}

export async function writePins(q: Queryable, storeId: string, pins: ReadonlyArray<{ id: string; pin: StoredPin }>): Promise<void> {
  if (pins.length === 0) return;
  await q.query(
    `INSERT INTO operator_pins (operator_id, store_id, pin_hash, digits, updated_at)
     SELECT x.id, $1, x.pin_hash, x.digits, now() FROM jsonb_to_recordset($2::jsonb) AS x(id text, pin_hash jsonb, digits smallint)
     ON CONFLICT (operator_id) DO UPDATE SET pin_hash = EXCLUDED.pin_hash, digits = EXCLUDED.digits, updated_at = now()`,
    [storeId, JSON.stringify(pins.map((p) => ({ id: p.id, pin_hash: p.pin.pinHash, digits: p.pin.digits })))],
  );
}

/**
 * Every operator of the store, in id order, with the verifier only where a terminal may use it: active, with a
 * usable PIN. An inactive operator's hash never leaves the server.
 */
export async function storeVerifiers(q: Queryable, storeId: string): Promise<OperatorVerifier[]> {
  const rows = await q.query<{ id: string; active: boolean; roles: Role[]; pin_hash: PinHash | null; digits: number | null }>(
    `SELECT d.id, (d.data->>'active')::boolean AS active, d.data->'roles' AS roles, p.pin_hash, p.digits
     FROM docs d LEFT JOIN operator_pins p ON p.operator_id = d.id AND p.store_id = d.store_id
     WHERE d.store_id = $1 AND d.collection = 'operators' AND NOT d.deleted
     ORDER BY d.id`,
    [storeId],
  );
  return rows.map((r) => {
    const pin = r.pin_hash ? { pinHash: r.pin_hash, digits: r.digits === null ? null : Number(r.digits) } : undefined;
    return { id: r.id, active: r.active, pin: r.active && pin && usablePin(r.roles, pin) ? pin.pinHash : null };
  });
}
