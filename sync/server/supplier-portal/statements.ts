/**
 * The supplier's statements, read straight from the settlement's tables (migration 16), always through
 * concession_counters with supplier_id = the session's supplier. Drafts are the chain's work in progress and never
 * show: a supplier sees a version once it was issued (issued_at set), and the one before it until then.
 */
import type { StatementBody, StatementEventType } from '../../protocol/settlement.js';
import {
  SUPPLIER_LIST_MAX,
  type SupplierStatementDetail,
  type SupplierStatementEvent,
  type SupplierStatementStatus,
  type SupplierStatementSummary,
  type SupplierStatementVersion,
  type SupplierStatementsQuery,
} from '../../protocol/supplier.js';
import type { Queryable } from '../db/index.js';
import { notFound } from './scope.js';

interface VersionRow {
  id: string;
  number: string;
  version: number;
  counter_id: string;
  counter_name: string;
  store_id: string;
  store_name: string;
  supplier_id: string;
  supplier_name: string;
  period_from: string;
  period_to: string;
  status: SupplierStatementStatus;
  body: StatementBody;
  correction_reason: string | null;
  issued_at: Date | string | null;
}

const VERSION_SELECT = `SELECT s.id, s.number, s.version, s.counter_id, c.name AS counter_name, c.store_id, st.name AS store_name,
    c.supplier_id, p.name AS supplier_name, to_char(s.period_from, 'YYYY-MM-DD') AS period_from,
    to_char(s.period_to, 'YYYY-MM-DD') AS period_to, s.status, s.body, s.correction_reason, s.issued_at
  FROM statements s
  JOIN concession_counters c ON c.id = s.counter_id AND c.supplier_id = $1
  JOIN stores st ON st.id = c.store_id
  JOIN suppliers p ON p.id = c.supplier_id`;

const iso = (v: Date | string | null): string | null => (v === null ? null : new Date(v).toISOString());

function periodOfRow(r: VersionRow): { from: string; to: string; label: string } {
  return { from: r.period_from, to: r.period_to, label: r.body.period.label };
}

function versionView(r: VersionRow): SupplierStatementVersion {
  return { version: Number(r.version), status: r.status, correctionReason: r.correction_reason, issuedAt: iso(r.issued_at), body: r.body };
}

function summary(r: VersionRow): SupplierStatementSummary {
  const t = r.body.totals;
  return {
    number: r.number,
    version: Number(r.version),
    counterId: r.counter_id,
    counterName: r.counter_name,
    storeId: r.store_id,
    period: periodOfRow(r),
    status: r.status,
    netSales: t.netSales,
    commission: t.commission,
    invoiceAmount: t.invoiceAmount,
    otherDeductions: t.deductions,
    payable: t.payable,
    issuedAt: iso(r.issued_at),
  };
}

/** The latest shown version of each of the supplier's statements, newest period first; q matches number or counter. */
export async function listSupplierStatements(q: Queryable, supplierId: string, query: SupplierStatementsQuery, limit = SUPPLIER_LIST_MAX + 1): Promise<SupplierStatementSummary[]> {
  const like = query.q ? `%${query.q.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%` : null;
  const rows = await q.query<VersionRow>(
    `SELECT * FROM (
       SELECT DISTINCT ON (v.number) v.* FROM (${VERSION_SELECT} WHERE s.issued_at IS NOT NULL
         AND ($2::date IS NULL OR s.period_from = $2::date)
         AND ($3::text IS NULL OR s.number ILIKE $3 OR c.id ILIKE $3 OR c.name ILIKE $3)) v
       ORDER BY v.number, v.version DESC
     ) x ORDER BY x.period_from DESC, x.number LIMIT $4`,
    [supplierId, query.period ?? null, like, limit],
  );
  return rows.map(summary);
}

/** Every shown version of the number, newest first; [] when it is not the supplier's (or does not exist). */
async function versionsOf(q: Queryable, supplierId: string, number: string): Promise<VersionRow[]> {
  return q.query<VersionRow>(`${VERSION_SELECT} WHERE s.number = $2 AND s.issued_at IS NOT NULL ORDER BY s.version DESC`, [supplierId, number]);
}

export async function supplierStatementVersion(q: Queryable, supplierId: string, number: string, version?: number): Promise<{ row: VersionRow; view: SupplierStatementVersion }> {
  const versions = await versionsOf(q, supplierId, number);
  const row = version === undefined ? versions[0] : versions.find((v) => Number(v.version) === version);
  if (!row) throw notFound('statement of yours with that number', { number, ...(version === undefined ? {} : { version }) });
  return { row, view: versionView(row) };
}

export async function supplierStatementDetail(q: Queryable, supplierId: string, number: string): Promise<SupplierStatementDetail> {
  const versions = await versionsOf(q, supplierId, number);
  const [current, ...earlier] = versions;
  if (!current) throw notFound('statement of yours with that number', { number });
  const versionById = new Map(versions.map((v) => [v.id, Number(v.version)]));
  const events = await q.query<{ statement_id: string; type: StatementEventType; by_name: string; comment: string | null; at: Date | string }>(
    `SELECT e.statement_id, e.type, e.by_name, e.comment, e.at FROM statement_events e
     WHERE e.statement_id = ANY($1::text[]) AND e.type <> 'drafted' ORDER BY e.at, e.id`,
    [versions.map((v) => v.id)],
  );
  const eventViews: SupplierStatementEvent[] = events.map((e) => ({
    version: versionById.get(e.statement_id) ?? 0,
    type: e.type,
    by: e.by_name.startsWith('supplier:') ? 'supplier' : 'chain',
    // A correction's comment is the new version's internal id; the new version's correctionReason says why.
    comment: e.type === 'corrected' ? null : e.comment,
    at: new Date(e.at).toISOString(),
  }));
  return {
    number: current.number,
    counterId: current.counter_id,
    counterName: current.counter_name,
    storeId: current.store_id,
    storeName: current.store_name,
    supplier: { code: current.supplier_id, name: current.supplier_name },
    period: periodOfRow(current),
    current: versionView(current),
    earlier: earlier.map(versionView),
    events: eventViews,
    canRespond: current.status === 'issued',
  };
}
