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

/** An operator's store and every recorded change, oldest first: enough to answer "who were they at t" in memory. */
export interface OperatorTimeline {
  storeId: string;
  changes: ReadonlyArray<{ atMicros: number; active: boolean; roles: Role[] }>;
}

/**
 * An ISO-8601 UTC time in microseconds since the epoch, exactly as PostgreSQL's timestamptz compares it (a fact's
 * `at` may carry up to six fraction digits; Date.parse keeps three).
 */
export function isoMicros(iso: string): number {
  const m = /^(.*T\d\d:\d\d:\d\d)(?:\.(\d+))?Z$/.exec(iso);
  if (!m) return Date.parse(iso) * 1000;
  const digits = (m[2] ?? '').padEnd(6, '0');
  return Date.parse(`${m[1]}.${digits.slice(0, 3)}Z`) * 1000 + Number(digits.slice(3, 6));
}

/** The timelines of the given operators in one query; an id with no row is unknown everywhere. */
export async function loadOperatorTimelines(q: Queryable, ids: readonly string[]): Promise<Map<string, OperatorTimeline>> {
  const out = new Map<string, OperatorTimeline>();
  if (ids.length === 0) return out;
  const rows = await q.query<{ id: string; store_id: string; at_us: number | null; active: boolean | null; roles: Role[] | null }>(
    `SELECT i.id, i.store_id, (extract(epoch FROM h.changed_at) * 1000000)::bigint AS at_us, h.active, h.roles
     FROM operator_index i LEFT JOIN operator_history h ON h.operator_id = i.id
     WHERE i.id = ANY($1::text[])
     ORDER BY i.id, h.changed_at, h.seq`,
    [[...new Set(ids)]],
  );
  for (const r of rows) {
    let t = out.get(r.id) as { storeId: string; changes: OperatorTimeline['changes'][number][] } | undefined;
    if (!t) out.set(r.id, (t = { storeId: r.store_id, changes: [] }));
    if (r.at_us !== null && r.active !== null && r.roles !== null) t.changes.push({ atMicros: Number(r.at_us), active: r.active, roles: r.roles });
  }
  return out;
}

/** What a timeline says about the operator at `at` (inclusive), from the store's point of view. */
export function operatorAtFrom(timeline: OperatorTimeline | undefined, storeId: string, at: string): OperatorAt {
  if (!timeline) return { kind: 'unknown' };
  if (timeline.storeId !== storeId) return { kind: 'other_store' };
  const t = isoMicros(at);
  // Changes are oldest first, and two of one operator are never stamped alike: the last one not after t holds.
  let found: OperatorTimeline['changes'][number] | undefined;
  for (const c of timeline.changes) {
    if (c.atMicros > t) break;
    found = c;
  }
  return found ? { kind: 'known', active: found.active, roles: found.roles } : { kind: 'not_yet' };
}

/** The operator's store and their latest recorded state at or before `at` (inclusive). */
export async function operatorAt(q: Queryable, storeId: string, operatorId: string, at: string): Promise<OperatorAt> {
  const timelines = await loadOperatorTimelines(q, [operatorId]);
  return operatorAtFrom(timelines.get(operatorId), storeId, at);
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
