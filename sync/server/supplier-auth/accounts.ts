import { ProtocolError } from '../../protocol/errors.js';
import { supplierPasswordRefusal } from '../../protocol/supplier.js';
import { type SupplierAccountView } from '../../protocol/supplier-console.js';
import { dummyPasswordHash, generatePassword, hashPassword, verifyPassword } from '../console-auth/password.js';
import type { Db, Queryable } from '../db/index.js';

interface AccountRow {
  supplier_id: string;
  supplier_name: string;
  has_account: boolean;
  must_change: boolean | null;
  disabled_at: Date | string | null;
  locked_until: Date | string | null;
  last_sign_in_at: Date | string | null;
  password_issued_at: Date | string | null;
}

const iso = (v: Date | string | null): string | null => (v === null ? null : new Date(v).toISOString());

const ACCOUNT_SELECT = `SELECT s.id AS supplier_id, s.name AS supplier_name, a.supplier_id IS NOT NULL AS has_account, a.must_change,
  a.disabled_at, CASE WHEN a.locked_until > now() THEN a.locked_until END AS locked_until, a.last_sign_in_at, a.password_issued_at
  FROM suppliers s LEFT JOIN supplier_accounts a ON a.supplier_id = s.id`;

function view(r: AccountRow): SupplierAccountView {
  return {
    supplierId: r.supplier_id,
    supplierName: r.supplier_name,
    hasAccount: r.has_account,
    mustChangePassword: r.must_change ?? false,
    disabled: r.disabled_at !== null,
    lockedUntil: iso(r.locked_until),
    lastSignInAt: iso(r.last_sign_in_at),
    passwordIssuedAt: iso(r.password_issued_at),
  };
}

export async function listSupplierAccounts(q: Queryable): Promise<SupplierAccountView[]> {
  return (await q.query<AccountRow>(`${ACCOUNT_SELECT} ORDER BY s.id`)).map(view);
}

export async function supplierAccount(q: Queryable, supplierId: string): Promise<SupplierAccountView> {
  const [row] = await q.query<AccountRow>(`${ACCOUNT_SELECT} WHERE s.id = $1`, [supplierId]);
  if (!row) throw new ProtocolError('NOT_FOUND', `no supplier "${supplierId}"`, 404, { supplierId });
  return view(row);
}

/**
 * Creates the supplier's account or resets its password: a random one (console-auth's generator, ~116 bits) that
 * must be changed at the next sign-in. There is never a default: without this, a supplier has no account at all.
 * The supplier's sessions end and a lockout is lifted. Returns the password, which is not stored in clear.
 */
export async function issueSupplierPassword(q: Queryable, supplierId: string): Promise<{ account: SupplierAccountView; password: string; created: boolean }> {
  const before = await supplierAccount(q, supplierId);
  const password = generatePassword();
  const hash = await hashPassword(password);
  await q.query(
    `INSERT INTO supplier_accounts (supplier_id, password_hash, must_change) VALUES ($1, $2, true)
     ON CONFLICT (supplier_id) DO UPDATE SET password_hash = EXCLUDED.password_hash, must_change = true, failed_count = 0,
       locked_until = NULL, password_issued_at = now(), updated_at = now()`,
    [supplierId, hash],
  );
  await q.query('UPDATE supplier_sessions SET revoked_at = now() WHERE supplier_id = $1 AND revoked_at IS NULL', [supplierId]);
  return { account: await supplierAccount(q, supplierId), password, created: !before.hasAccount };
}

export async function setSupplierAccountDisabled(q: Queryable, supplierId: string, disabled: boolean): Promise<SupplierAccountView> {
  const rows = await q.query(
    `UPDATE supplier_accounts SET disabled_at = CASE WHEN $2::boolean THEN coalesce(disabled_at, now()) END, updated_at = now()
     WHERE supplier_id = $1 RETURNING supplier_id`,
    [supplierId, disabled],
  );
  if (rows.length === 0) throw new ProtocolError('NOT_FOUND', `supplier "${supplierId}" has no portal account`, 404, { supplierId });
  if (disabled) await q.query('UPDATE supplier_sessions SET revoked_at = now() WHERE supplier_id = $1 AND revoked_at IS NULL', [supplierId]);
  return supplierAccount(q, supplierId);
}

export interface Lockout {
  failures: number;
  ms: number;
}

/** The failure count after one more wrong password: 1 when the last lock has expired, else one more. */
const NEXT_COUNT = 'CASE WHEN locked_until <= now() THEN 1 ELSE failed_count + 1 END';

export type PasswordCheck = { ok: true; supplierId: string } | { ok: false; lockedUntil?: Date };

interface CheckRow {
  supplier_id: string;
  password_hash: string;
  disabled_at: Date | string | null;
  locked_until: Date | string | null;
}

/**
 * The supplier code and password, checked with the account's lockout. An unknown code is checked against a dummy
 * hash so the time taken does not tell which codes exist. A locked account is refused before its password is
 * looked at, the right one too: otherwise the answer would tell a guesser when they had it. A wrong password counts
 * one more failure in a row, atomically (two instances, two guesses at once: both count); the one that reaches
 * `lockout.failures` sets locked_until. A right one resets the count.
 */
export async function checkSupplierPassword(db: Db, code: string, password: string, lockout: Lockout): Promise<PasswordCheck> {
  const [row] = await db.query<CheckRow>(
    `SELECT supplier_id, password_hash, disabled_at, CASE WHEN locked_until > now() THEN locked_until END AS locked_until
     FROM supplier_accounts WHERE supplier_id = $1`,
    [code.trim()],
  );
  if (row?.locked_until) return { ok: false, lockedUntil: new Date(row.locked_until) };
  const matches = await verifyPassword(password, row?.password_hash ?? (await dummyPasswordHash()));
  if (!row || row.disabled_at !== null) return { ok: false };
  if (!matches) {
    // A lock that has run out ends the run of failures it punished: this wrong password is the first of a new run,
    // not the sixth of the old one (which would lock again at once). SET expressions all read the row as it was.
    const [after] = await db.query<{ locked_until: Date | string | null }>(
      `UPDATE supplier_accounts SET failed_count = ${NEXT_COUNT},
         locked_until = CASE WHEN ${NEXT_COUNT} >= $2 THEN now() + make_interval(secs => $3::double precision / 1000)
                             WHEN locked_until <= now() THEN NULL ELSE locked_until END
       WHERE supplier_id = $1 RETURNING CASE WHEN locked_until > now() THEN locked_until END AS locked_until`,
      [row.supplier_id, lockout.failures, lockout.ms],
    );
    return after?.locked_until ? { ok: false, lockedUntil: new Date(after.locked_until) } : { ok: false };
  }
  await db.query('UPDATE supplier_accounts SET failed_count = 0, locked_until = NULL, last_sign_in_at = now() WHERE supplier_id = $1', [row.supplier_id]);
  return { ok: true, supplierId: row.supplier_id };
}

/**
 * A new password of the supplier's choosing (the current one checked first, counting towards the lockout like a
 * sign-in): the rules are supplierPasswordRefusal's (protocol/supplier.ts). The other sessions end; the one that
 * changed it stays.
 */
export async function changeSupplierPassword(db: Db, supplierId: string, current: string, next: string, keepSession: string, lockout: Lockout): Promise<void> {
  const check = await checkSupplierPassword(db, supplierId, current, lockout);
  if (!check.ok) {
    if (check.lockedUntil) throw lockedError(check.lockedUntil);
    throw new ProtocolError('SUPPLIER_SIGN_IN_FAILED', 'the current password is wrong', 401);
  }
  const reason = supplierPasswordRefusal(next, supplierId, current);
  if (reason) throw new ProtocolError('SUPPLIER_PASSWORD_REJECTED', `the new password is not acceptable: ${reason}`, 400, { reason, path: 'body/newPassword' });
  const hash = await hashPassword(next);
  await db.tx(async (q) => {
    await q.query('UPDATE supplier_accounts SET password_hash = $2, must_change = false, updated_at = now() WHERE supplier_id = $1', [supplierId, hash]);
    await q.query('UPDATE supplier_sessions SET revoked_at = now() WHERE supplier_id = $1 AND revoked_at IS NULL AND token_hash <> $2', [supplierId, keepSession]);
  });
}

export function lockedError(until: Date): ProtocolError {
  return new ProtocolError('SUPPLIER_ACCOUNT_LOCKED', `too many wrong passwords; the account is locked until ${until.toISOString()}`, 423, {
    lockedUntil: until.toISOString(),
    retryAfterSeconds: Math.max(1, Math.ceil((until.getTime() - Date.now()) / 1000)),
  });
}
