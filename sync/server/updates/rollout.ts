import { createHash } from 'node:crypto';
import { ProtocolError } from '../../protocol/errors.js';
import type { Rollout, RolloutInput } from '../../protocol/updates.js';
import type { Db, Queryable } from '../db/index.js';

/**
 * A store's bucket for a version, 0–99: the first four bytes of sha256("storeId\nversion") modulo 100. Stable across
 * instances and restarts, and different per version, so the same stores are not always the first to get an update.
 */
export function rolloutBucket(storeId: string, version: string): number {
  return createHash('sha256').update(`${storeId}\n${version}`, 'utf8').digest().readUInt32BE(0) % 100;
}

/** Named stores are in; any other store is in when its bucket falls under the percentage (100 means every store). */
export function storeInRollout(rollout: RolloutInput | undefined, storeId: string, version: string): boolean {
  if (!rollout) return false;
  return rollout.storeIds.includes(storeId) || rolloutBucket(storeId, version) < rollout.percent;
}

interface RolloutRow {
  version: string;
  store_ids: string[];
  percent: number;
  updated_at: Date | string;
}

const fromRow = (r: RolloutRow): Rollout => ({ version: r.version, storeIds: r.store_ids, percent: r.percent, updatedAt: new Date(r.updated_at).toISOString() });

export async function getRollout(q: Queryable, version: string): Promise<Rollout | undefined> {
  const [row] = await q.query<RolloutRow>('SELECT version, store_ids, percent, updated_at FROM update_rollouts WHERE version = $1', [version]);
  return row ? fromRow(row) : undefined;
}

export async function listRollouts(q: Queryable): Promise<Rollout[]> {
  const rows = await q.query<RolloutRow>('SELECT version, store_ids, percent, updated_at FROM update_rollouts ORDER BY updated_at DESC, version');
  return rows.map(fromRow);
}

/** Replaces the version's rollout: setting it again with more stores or a higher percentage widens it. */
export async function putRollout(q: Queryable, version: string, input: RolloutInput): Promise<Rollout> {
  const [row] = await q.query<RolloutRow>(
    `INSERT INTO update_rollouts (version, store_ids, percent) VALUES ($1, $2, $3)
     ON CONFLICT (version) DO UPDATE SET store_ids = EXCLUDED.store_ids, percent = EXCLUDED.percent, updated_at = now()
     RETURNING version, store_ids, percent, updated_at`,
    [version, [...input.storeIds].sort(), input.percent],
  );
  return fromRow(row!);
}

/**
 * Sets a version's rollout, for the admin-token route and the console alike: 404 UNKNOWN_STORE (naming them all)
 * when a store does not exist, then putRollout and `onWritten` (the console's audit row) in one transaction.
 */
export async function setRollout(db: Db, version: string, input: RolloutInput, onWritten?: (q: Queryable, rollout: Rollout) => Promise<void>): Promise<Rollout> {
  return db.tx(async (q) => {
    const known = await q.query<{ id: string }>('SELECT id FROM stores WHERE id = ANY($1::text[])', [input.storeIds]);
    const found = new Set(known.map((r) => r.id));
    const unknown = input.storeIds.filter((id) => !found.has(id));
    if (unknown.length) throw new ProtocolError('UNKNOWN_STORE', `no such store(s): ${unknown.join(', ')}`, 404, { storeIds: unknown });
    const rollout = await putRollout(q, version, input);
    await onWritten?.(q, rollout);
    return rollout;
  });
}
