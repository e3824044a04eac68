import type { ConsoleAuditEntry, ConsoleUser } from '../../protocol/console.js';
import type { Queryable } from '../db/index.js';

/** Who did it: a signed-in console user, or the command line (create-admin), which has no user. */
export type AuditActor = Pick<ConsoleUser, 'id' | 'name'> | { id: null; name: string };

/**
 * One row of console_audit. Called in the transaction of the change where there is one, so a change is never
 * without its entry. detail never carries a secret (password, PIN, enrollment code).
 */
export async function audit(q: Queryable, who: AuditActor, action: string, target: string, detail: Record<string, unknown> = {}): Promise<void> {
  await q.query('INSERT INTO console_audit (user_id, user_name, action, target, detail) VALUES ($1, $2, $3, $4, $5)', [
    who.id,
    who.name,
    action,
    target,
    JSON.stringify(detail),
  ]);
}

export async function latestAudit(q: Queryable, limit: number): Promise<ConsoleAuditEntry[]> {
  const rows = await q.query<{ id: string | number; at: Date | string; user_id: string | null; user_name: string; action: string; target: string; detail: Record<string, unknown> }>(
    'SELECT id, at, user_id, user_name, action, target, detail FROM console_audit ORDER BY at DESC, id DESC LIMIT $1',
    [limit],
  );
  return rows.map((r) => ({ id: Number(r.id), at: new Date(r.at).toISOString(), userId: r.user_id, userName: r.user_name, action: r.action, target: r.target, detail: r.detail }));
}
