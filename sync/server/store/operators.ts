import { ROLES, type Role } from '../../model/permissions.js';
import { ProtocolError } from '../../protocol/errors.js';
import type { Queryable } from '../db/index.js';

/** What the server knows about an operator at one moment. */
export type OperatorAt =
  | { kind: 'unknown' }
  | { kind: 'other_store' }
  /** Known to this store, but created after that moment. */
  | { kind: 'not_yet' }
  | { kind: 'known'; active: boolean; roles: Role[] };

/** Roles in the table's order, so the same set always makes the same document. */
export function normaliseRoles(roles: readonly Role[]): Role[] {
  return ROLES.filter((r) => roles.includes(r));
}

/** The operator's store and their latest recorded state at or before `at` (inclusive). */
export async function operatorAt(q: Queryable, storeId: string, operatorId: string, at: string): Promise<OperatorAt> {
  const [row] = await q.query<{ store_id: string; active: boolean | null; roles: Role[] | null }>(
    `SELECT i.store_id, h.active, h.roles FROM operator_index i
     LEFT JOIN LATERAL (
       SELECT active, roles FROM operator_history
       WHERE operator_id = i.id AND changed_at <= $2::timestamptz
       ORDER BY changed_at DESC, seq DESC LIMIT 1
     ) h ON true
     WHERE i.id = $1`,
    [operatorId, at],
  );
  if (!row) return { kind: 'unknown' };
  if (row.store_id !== storeId) return { kind: 'other_store' };
  if (row.active === null || row.roles === null) return { kind: 'not_yet' };
  return { kind: 'known', active: row.active, roles: row.roles };
}

/** Refuses, with 409 CONFLICT, operator ids that already belong to another store. */
export async function assertOwnOperators(q: Queryable, storeId: string, ids: readonly string[]): Promise<void> {
  const rows = await q.query<{ id: string }>(
    `SELECT id FROM operator_index WHERE id IN (SELECT jsonb_array_elements_text($1::jsonb)) AND store_id <> $2 ORDER BY id`,
    [JSON.stringify(ids), storeId],
  );
  if (rows.length === 0) return;
  const taken = rows.map((r) => r.id);
  throw new ProtocolError('CONFLICT', `operator id${taken.length > 1 ? 's' : ''} ${taken.map((id) => `"${id}"`).join(', ')} already belong${taken.length > 1 ? '' : 's'} to another store`, 409, {
    operatorIds: taken,
  });
}

/**
 * Claims the ids for the store inside the writing transaction. The primary key makes a concurrent claim by
 * another store wait for this one, so the check after the insert is authoritative.
 */
export async function claimOperatorIds(q: Queryable, storeId: string, ids: readonly string[]): Promise<void> {
  await q.query(
    `INSERT INTO operator_index (id, store_id) SELECT x, $2 FROM jsonb_array_elements_text($1::jsonb) AS x ON CONFLICT (id) DO NOTHING`,
    [JSON.stringify(ids), storeId],
  );
  await assertOwnOperators(q, storeId, ids);
}

/**
 * Appends history rows and returns when each took effect. One operator's changes are stamped strictly in order
 * (at least 1 ms apart), so "active at t" has exactly one answer even for changes made in the same millisecond.
 */
export async function recordOperatorChanges(
  q: Queryable,
  storeId: string,
  changes: ReadonlyArray<{ id: string; active: boolean; roles: Role[] }>,
  now: string,
): Promise<Map<string, string>> {
  if (changes.length === 0) return new Map();
  const rows = await q.query<{ operator_id: string; changed_at: Date | string }>(
    `INSERT INTO operator_history (operator_id, store_id, active, roles, changed_at)
     SELECT x.id, $1, x.active, x.roles, GREATEST($2::timestamptz, COALESCE(
       (SELECT max(h.changed_at) + interval '1 millisecond' FROM operator_history h WHERE h.operator_id = x.id), $2::timestamptz))
     FROM jsonb_to_recordset($3::jsonb) AS x(id text, active boolean, roles jsonb)
     RETURNING operator_id, changed_at`,
    [storeId, now, JSON.stringify(changes)],
  );
  return new Map(rows.map((r) => [r.operator_id, new Date(r.changed_at).toISOString()]));
}
