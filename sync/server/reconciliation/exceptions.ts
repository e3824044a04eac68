import { randomUUID } from 'node:crypto';
import { ageInDays } from '../../model/money/matching.js';
import { ProtocolError } from '../../protocol/errors.js';
import type {
  ExceptionStatus,
  ExceptionType,
  ExceptionView,
  OrderReconciliationView,
  PaymentProvider,
  ResolutionKind,
  ResolutionView,
} from '../../protocol/reconciliation.js';
import type { Db, Queryable } from '../db/index.js';

export interface ExceptionFilter {
  type?: ExceptionType;
  storeId?: string;
  /** A manager's stores: only these (undefined: every store). */
  storeIds?: readonly string[];
  status?: ExceptionStatus;
  from?: string;
  to?: string;
}

interface ExceptionRow {
  key: string; type: ExceptionType; amount: string | number; ours: string | number | null; theirs: string | number | null; order_id: string | null;
  store_id: string | null; provider: PaymentProvider | null; day: string; detail: string; as_of: string; first_seen_at: Date | string;
  r_id: string | null; r_kind: ResolutionKind | null; r_reason: string | null; r_by: string | null; r_at: Date | string | null;
}

const num = (v: string | number | null) => (v === null ? null : Number(v));

function exceptionView(r: ExceptionRow): ExceptionView {
  const resolution: ResolutionView | null = r.r_id
    ? { id: r.r_id, exceptionKey: r.key, kind: r.r_kind!, reason: r.r_reason, by: r.r_by!, at: new Date(r.r_at!).toISOString() }
    : null;
  return {
    key: r.key, type: r.type, status: resolution ? 'resolved' : 'open', amount: Number(r.amount), ours: num(r.ours), theirs: num(r.theirs),
    orderId: r.order_id, storeId: r.store_id, provider: r.provider, day: r.day, ageDays: ageInDays(r.day, r.as_of), detail: r.detail,
    firstSeenAt: new Date(r.first_seen_at).toISOString(), resolution,
  };
}

/** Current exceptions with their latest resolution; the filter is applied in SQL before the page (LIMIT). */
function filtered(f: ExceptionFilter): { where: string; params: unknown[] } {
  const params: unknown[] = [];
  const conds = ['e.current'];
  const add = (sql: string, v: unknown) => {
    params.push(v);
    conds.push(sql.replace('?', `$${params.length}`));
  };
  if (f.type) add('e.type = ?', f.type);
  if (f.storeId) add('e.store_id = ?', f.storeId);
  if (f.storeIds) add('e.store_id = ANY(?::text[])', [...f.storeIds]);
  if (f.from) add('e.day >= ?', f.from);
  if (f.to) add('e.day <= ?', f.to);
  if (f.status === 'open') conds.push('r.id IS NULL');
  if (f.status === 'resolved') conds.push('r.id IS NOT NULL');
  return { where: conds.join(' AND '), params };
}

const LATEST = `LEFT JOIN LATERAL (
    SELECT id, kind, reason, resolved_by, at FROM recon_resolutions WHERE exception_key = e.key ORDER BY seq DESC LIMIT 1
  ) r ON true`;

const SELECT = `SELECT e.*, r.id AS r_id, r.kind AS r_kind, r.reason AS r_reason, r.resolved_by AS r_by, r.at AS r_at FROM recon_exceptions e ${LATEST}`;

export async function listExceptions(q: Queryable, f: ExceptionFilter, page: { page: number; pageSize: number }): Promise<{ exceptions: ExceptionView[]; total: number }> {
  const { where, params } = filtered(f);
  const [count] = await q.query<{ n: string | number }>(`SELECT count(*) AS n FROM recon_exceptions e ${LATEST} WHERE ${where}`, params);
  const rows = await q.query<ExceptionRow>(
    `${SELECT} WHERE ${where} ORDER BY e.day, e.type, e.key LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
    [...params, page.pageSize, (page.page - 1) * page.pageSize],
  );
  return { exceptions: rows.map(exceptionView), total: Number(count?.n ?? 0) };
}

/** Every matching exception, a chunk at a time in key order (for exports that must not hold the list). */
export async function* eachException(q: Queryable, f: ExceptionFilter, chunk = 1000): AsyncGenerator<ExceptionView> {
  const { where, params } = filtered(f);
  let after = '';
  for (;;) {
    const rows = await q.query<ExceptionRow>(`${SELECT} WHERE ${where} AND e.key > $${params.length + 1} ORDER BY e.key LIMIT $${params.length + 2}`, [...params, after, chunk]);
    for (const r of rows) yield exceptionView(r);
    if (rows.length < chunk) return;
    after = rows[rows.length - 1]!.key;
  }
}

export async function exceptionByKey(q: Queryable, key: string): Promise<ExceptionView | undefined> {
  const [row] = await q.query<ExceptionRow>(`${SELECT} WHERE e.key = $1`, [key]);
  return row ? exceptionView(row) : undefined;
}

/**
 * A resolution is a fact: appended, never changed; resolving again appends another, and the latest counts. The
 * audit gets the exception's figures as they stood, so what was decided can be read against what was seen.
 */
export async function resolveException(db: Db, key: string, kind: ResolutionKind, reason: string | undefined, by: { id: string; name: string }): Promise<ResolutionView> {
  if (kind === 'write_off' && !reason?.trim()) throw new ProtocolError('VALIDATION_FAILED', 'a write-off says why (reason)', 400, { path: 'body/reason' });
  return db.tx(async (q) => {
    const [e] = await q.query<{ key: string; type: string; amount: string; ours: string | null; theirs: string | null; order_id: string | null }>(
      'SELECT key, type, amount, ours, theirs, order_id FROM recon_exceptions WHERE key = $1 FOR UPDATE',
      [key],
    );
    if (!e) throw new ProtocolError('NOT_FOUND', `exception "${key}" does not exist`, 404);
    const id = randomUUID();
    const [row] = await q.query<{ at: Date | string }>(
      'INSERT INTO recon_resolutions (id, exception_key, kind, reason, resolved_by) VALUES ($1, $2, $3, $4, $5) RETURNING at',
      [id, key, kind, reason?.trim() || null, by.name],
    );
    await q.query(`INSERT INTO recon_audit (actor, action, subject, detail) VALUES ($1, 'exception.resolved', $2, $3)`, [
      by.name, key, JSON.stringify({ resolutionId: id, userId: by.id, kind, reason: reason ?? null, type: e.type, amount: Number(e.amount), ours: num(e.ours), theirs: num(e.theirs), orderId: e.order_id }),
    ]);
    return { id, exceptionKey: key, kind, reason: reason?.trim() || null, by: by.name, at: new Date(row!.at).toISOString() };
  });
}

export async function resolutionsOf(q: Queryable, key: string): Promise<ResolutionView[]> {
  const rows = await q.query<{ id: string; kind: ResolutionKind; reason: string | null; resolved_by: string; at: Date | string }>(
    'SELECT id, kind, reason, resolved_by, at FROM recon_resolutions WHERE exception_key = $1 ORDER BY seq',
    [key],
  );
  return rows.map((r) => ({ id: r.id, exceptionKey: key, kind: r.kind, reason: r.reason, by: r.resolved_by, at: new Date(r.at).toISOString() }));
}

/** Each order's standing after the last run, an exception whose every key is resolved counting as `resolved`. */
export async function orderStandings(q: Queryable, f: { from?: string; to?: string; storeId?: string; storeIds?: readonly string[] }): Promise<OrderReconciliationView[]> {
  const rows = await q.query<{ order_id: string; store_id: string; provider: PaymentProvider; standing: OrderReconciliationView['standing']; exception_keys: string[]; open: string | number }>(
    `SELECT s.order_id, s.store_id, s.provider, s.standing, s.exception_keys,
       (SELECT count(*) FROM jsonb_array_elements_text(s.exception_keys) k(key)
         WHERE NOT EXISTS (SELECT 1 FROM recon_resolutions r WHERE r.exception_key = k.key)) AS open
     FROM recon_order_standings s
     WHERE ($1::text IS NULL OR s.day >= $1) AND ($2::text IS NULL OR s.day <= $2) AND ($3::text IS NULL OR s.store_id = $3)
       AND ($4::text[] IS NULL OR s.store_id = ANY($4::text[]))
     ORDER BY s.order_id`,
    [f.from ?? null, f.to ?? null, f.storeId ?? null, f.storeIds ? [...f.storeIds] : null],
  );
  return rows.map((r) => ({
    orderId: r.order_id, storeId: r.store_id, provider: r.provider,
    standing: r.standing === 'exception' && Number(r.open) === 0 ? 'resolved' : r.standing,
    exceptionKeys: r.exception_keys,
  }));
}
