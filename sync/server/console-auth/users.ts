import { randomUUID } from 'node:crypto';
import { CONSOLE_PASSWORD_MIN, type ConsoleRole, type ConsoleUserView } from '../../protocol/console.js';
import { ProtocolError } from '../../protocol/errors.js';
import type { Db, Queryable } from '../db/index.js';
import { audit, type AuditActor } from './audit.js';
import { dummyPasswordHash, generatePassword, hashPassword, verifyPassword } from './password.js';

interface UserRow {
  id: string;
  name: string;
  role: ConsoleRole;
  store_ids: string[];
  disabled_at: Date | string | null;
  created_at: Date | string;
  updated_at: Date | string;
}

const COLUMNS = 'id, name, role, store_ids, disabled_at, created_at, updated_at';

function toView(r: UserRow): ConsoleUserView {
  return {
    id: r.id,
    name: r.name,
    role: r.role,
    storeIds: r.store_ids,
    disabled: r.disabled_at !== null,
    createdAt: new Date(r.created_at).toISOString(),
    updatedAt: new Date(r.updated_at).toISOString(),
  };
}

export async function listConsoleUsers(q: Queryable): Promise<ConsoleUserView[]> {
  const rows = await q.query<UserRow>(`SELECT ${COLUMNS} FROM console_users ORDER BY lower(name)`);
  return rows.map(toView);
}

/** A manager names at least one store and only stores that exist; the other roles name none (they see all). */
async function assertStoreScope(q: Queryable, role: ConsoleRole, storeIds: readonly string[]): Promise<void> {
  if (role !== 'manager') {
    if (storeIds.length > 0) throw new ProtocolError('VALIDATION_FAILED', `body/storeIds must be empty for the role ${role}: it sees every store`, 400, { path: 'body/storeIds' });
    return;
  }
  if (storeIds.length === 0) throw new ProtocolError('VALIDATION_FAILED', 'body/storeIds must name at least one store for a manager', 400, { path: 'body/storeIds' });
  const found = await q.query<{ id: string }>('SELECT id FROM stores WHERE id = ANY($1::text[])', [storeIds]);
  const known = new Set(found.map((r) => r.id));
  const missing = storeIds.filter((id) => !known.has(id));
  if (missing.length > 0) throw new ProtocolError('UNKNOWN_STORE', `store "${missing[0]}" does not exist`, 404, { storeId: missing[0] });
}

export interface NewConsoleUser {
  name: string;
  role: ConsoleRole;
  storeIds?: readonly string[];
  /** Absent: one is generated and returned (shown once). */
  password?: string;
}

/**
 * Creates a console user: the command line's create-admin and the console's users page both come here. A password
 * given must have CONSOLE_PASSWORD_MIN characters; none is ever a default. Audited as `action`.
 */
export async function createConsoleUser(db: Db, who: AuditActor, input: NewConsoleUser, action = 'user.create'): Promise<{ user: ConsoleUserView; generatedPassword?: string }> {
  const name = input.name.trim();
  if (name.length === 0) throw new ProtocolError('VALIDATION_FAILED', 'body/name must not be blank', 400, { path: 'body/name' });
  if (input.password !== undefined && input.password.length < CONSOLE_PASSWORD_MIN) {
    throw new ProtocolError('VALIDATION_FAILED', `body/password must have at least ${CONSOLE_PASSWORD_MIN} characters`, 400, { path: 'body/password' });
  }
  const generatedPassword = input.password === undefined ? generatePassword() : undefined;
  const passwordHash = await hashPassword(input.password ?? generatedPassword ?? '');
  const storeIds = [...new Set(input.storeIds ?? [])];
  const user = await db.tx(async (q) => {
    await assertStoreScope(q, input.role, storeIds);
    const [row] = await q.query<UserRow>(
      `INSERT INTO console_users (id, name, password_hash, role, store_ids) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT DO NOTHING RETURNING ${COLUMNS}`,
      [randomUUID(), name, passwordHash, input.role, JSON.stringify(storeIds)],
    );
    if (!row) throw new ProtocolError('CONFLICT', `a console user named "${name}" already exists`, 409, { name });
    await audit(q, who, action, row.id, { name, role: input.role, storeIds, passwordGenerated: generatedPassword !== undefined });
    return toView(row);
  });
  return generatedPassword === undefined ? { user } : { user, generatedPassword };
}

export interface ConsoleUserChange {
  role?: ConsoleRole;
  storeIds?: readonly string[];
  disabled?: boolean;
}

/** Changes a user's role, stores or disabled flag. Disabling ends their sessions at once; no one disables themself. */
export async function updateConsoleUser(db: Db, who: AuditActor, userId: string, change: ConsoleUserChange): Promise<ConsoleUserView> {
  if (who.id === userId && (change.disabled === true || (change.role !== undefined && change.role !== 'admin'))) {
    // The last admin locking themself out would need the command line to recover.
    throw new ProtocolError('CONFLICT', 'you cannot disable yourself or take away your own admin role', 409);
  }
  return db.tx(async (q) => {
    const [old] = await q.query<UserRow>(`SELECT ${COLUMNS} FROM console_users WHERE id = $1 FOR UPDATE`, [userId]);
    if (!old) throw new ProtocolError('NOT_FOUND', `console user "${userId}" does not exist`, 404);
    const role = change.role ?? old.role;
    // A role changed away from manager drops the stores; to manager it needs them.
    const storeIds = [...new Set(change.storeIds ?? (role === 'manager' ? old.store_ids : []))];
    await assertStoreScope(q, role, storeIds);
    const disabled = change.disabled ?? old.disabled_at !== null;
    const [row] = await q.query<UserRow>(
      `UPDATE console_users SET role = $2, store_ids = $3,
         disabled_at = CASE WHEN $4::boolean THEN COALESCE(disabled_at, now()) ELSE NULL END, updated_at = now()
       WHERE id = $1 RETURNING ${COLUMNS}`,
      [userId, role, JSON.stringify(storeIds), disabled],
    );
    if (!row) throw new ProtocolError('NOT_FOUND', `console user "${userId}" does not exist`, 404);
    // A disabled user, or one whose role changed, signs in again: what a session may do follows from its sign-in.
    if (disabled || role !== old.role) await q.query('UPDATE console_sessions SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL', [userId]);
    await audit(q, who, 'user.update', userId, {
      name: old.name,
      before: { role: old.role, storeIds: old.store_ids, disabled: old.disabled_at !== null },
      after: { role, storeIds, disabled },
    });
    return toView(row);
  });
}

/** Sets a new password (given, or generated and returned once) and ends the user's sessions. */
export async function resetConsolePassword(db: Db, who: AuditActor, userId: string, password?: string): Promise<{ user: ConsoleUserView; generatedPassword?: string }> {
  if (password !== undefined && password.length < CONSOLE_PASSWORD_MIN) {
    throw new ProtocolError('VALIDATION_FAILED', `body/password must have at least ${CONSOLE_PASSWORD_MIN} characters`, 400, { path: 'body/password' });
  }
  const generatedPassword = password === undefined ? generatePassword() : undefined;
  const passwordHash = await hashPassword(password ?? generatedPassword ?? '');
  const user = await db.tx(async (q) => {
    const [row] = await q.query<UserRow>(`UPDATE console_users SET password_hash = $2, updated_at = now() WHERE id = $1 RETURNING ${COLUMNS}`, [userId, passwordHash]);
    if (!row) throw new ProtocolError('NOT_FOUND', `console user "${userId}" does not exist`, 404);
    await q.query('UPDATE console_sessions SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL', [userId]);
    await audit(q, who, 'user.reset-password', userId, { name: row.name, passwordGenerated: generatedPassword !== undefined });
    return toView(row);
  });
  return generatedPassword === undefined ? { user } : { user, generatedPassword };
}

/**
 * The user a name and password sign in, or undefined. An unknown or disabled name is checked against a dummy hash,
 * so every answer costs one scrypt and timing does not tell which names exist.
 */
export async function checkConsolePassword(q: Queryable, name: string, password: string): Promise<{ id: string; name: string } | undefined> {
  const [row] = await q.query<{ id: string; name: string; password_hash: string; disabled_at: Date | string | null }>(
    'SELECT id, name, password_hash, disabled_at FROM console_users WHERE lower(name) = lower($1)',
    [name.trim()],
  );
  const ok = await verifyPassword(password, row?.password_hash ?? (await dummyPasswordHash()));
  if (!row || !ok || row.disabled_at !== null) return undefined;
  return { id: row.id, name: row.name };
}
