import { statementDueDate } from '../../model/settlement/lifecycle.js';
import type { StatementBody, StatementStatus } from '../../model/settlement/types.js';
import type { StatementEventView, StatementListQuery, StatementSummary, StatementView } from '../../protocol/settlement.js';
import type { Queryable } from '../db/index.js';

/**
 * Reading statements: one version, a number's versions, its events, and the list finance (or the portal, with a
 * supplier id) filters. Views come from the stored row only: the body was frozen when the version was drafted.
 */

const COLUMNS = `s.id, s.number, s.version, s.counter_id, s.supplier_id, s.store_id,
  to_char(s.period_from, 'YYYY-MM-DD') AS period_from, to_char(s.period_to, 'YYYY-MM-DD') AS period_to,
  s.status, s.body, s.payable, s.correction_reason, s.created_by,
  to_char(s.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS created_at,
  to_char(s.issued_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS issued_at`;

interface StatementRow {
  id: string;
  number: string;
  version: number;
  counter_id: string;
  supplier_id: string;
  store_id: string;
  period_from: string;
  period_to: string;
  status: StatementStatus;
  body: StatementBody | string;
  payable: string | number;
  correction_reason: string | null;
  created_by: string;
  created_at: string;
  issued_at: string | null;
}

export function viewOf(r: StatementRow): StatementView {
  const body: StatementBody = typeof r.body === 'string' ? (JSON.parse(r.body) as StatementBody) : r.body;
  return {
    id: r.id, number: r.number, version: Number(r.version), counterId: r.counter_id, supplierId: r.supplier_id, storeId: r.store_id,
    periodFrom: r.period_from, periodTo: r.period_to, periodLabel: body.period.label, status: r.status, body, payable: Number(r.payable),
    correctionReason: r.correction_reason, createdBy: r.created_by, createdAt: r.created_at, issuedAt: r.issued_at,
    dueDate: statementDueDate(body.period.label),
  };
}

export async function statementById(db: Queryable, id: string, forUpdate = false): Promise<StatementView | null> {
  const rows = await db.query<StatementRow>(`SELECT ${COLUMNS} FROM statements s WHERE s.id = $1${forUpdate ? ' FOR UPDATE' : ''}`, [id]);
  return rows[0] ? viewOf(rows[0]) : null;
}

/** The current (not superseded) version of a counter's statement for a period. */
export async function currentStatement(db: Queryable, counterId: string, periodFrom: string, forUpdate = false): Promise<StatementView | null> {
  const rows = await db.query<StatementRow>(
    `SELECT ${COLUMNS} FROM statements s WHERE s.counter_id = $1 AND s.period_from = $2::date AND s.status <> 'superseded'${forUpdate ? ' FOR UPDATE' : ''}`,
    [counterId, periodFrom],
  );
  return rows[0] ? viewOf(rows[0]) : null;
}

/** The current versions of some counters' statements for a period, by counter, locked (drafting's check). */
export async function currentStatements(q: Queryable, counterIds: readonly string[], periodFrom: string): Promise<Map<string, StatementView>> {
  const rows = await q.query<StatementRow>(
    `SELECT ${COLUMNS} FROM statements s WHERE s.counter_id = ANY($1::text[]) AND s.period_from = $2::date AND s.status <> 'superseded' FOR UPDATE`,
    [[...counterIds], periodFrom],
  );
  return new Map(rows.map((r) => [r.counter_id, viewOf(r)]));
}

export async function statementEvents(db: Queryable, statementId: string): Promise<StatementEventView[]> {
  const rows = await db.query<{ id: string | number; type: StatementEventView['type']; by_name: string; comment: string | null; at: string }>(
    `SELECT id, type, by_name, comment, to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS at
     FROM statement_events WHERE statement_id = $1 ORDER BY id`,
    [statementId],
  );
  return rows.map((r) => ({ id: String(r.id), type: r.type, by: r.by_name, comment: r.comment, at: r.at }));
}

export async function statementVersions(db: Queryable, number: string): Promise<{ id: string; version: number; status: StatementStatus; correctionReason: string | null; createdAt: string }[]> {
  const rows = await db.query<{ id: string; version: number; status: StatementStatus; correction_reason: string | null; created_at: string }>(
    `SELECT id, version, status, correction_reason, to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS created_at
     FROM statements WHERE number = $1 ORDER BY version`,
    [number],
  );
  return rows.map((r) => ({ id: r.id, version: Number(r.version), status: r.status, correctionReason: r.correction_reason, createdAt: r.created_at }));
}

export interface StatementFilter extends StatementListQuery {
  /** Only versions that were issued (what a supplier may see): drafts never leave finance. */
  issuedOnly?: boolean;
  /** Superseded versions too (a supplier's history); default: current versions only. */
  withSuperseded?: boolean;
}

/** Statements matching the filter, by period (newest first), then number and version. */
export async function listStatements(db: Queryable, f: StatementFilter): Promise<StatementSummary[]> {
  const rows = await db.query<StatementRow & { counter_name: string; supplier_name: string }>(
    `SELECT ${COLUMNS}, c.name AS counter_name, sp.name AS supplier_name
     FROM statements s JOIN concession_counters c ON c.id = s.counter_id JOIN suppliers sp ON sp.id = s.supplier_id
     WHERE ($1::date IS NULL OR s.period_from = $1::date)
       AND ($2::text IS NULL OR s.supplier_id = $2) AND ($3::text IS NULL OR s.counter_id = $3)
       AND ($4::text IS NULL OR s.store_id = $4) AND ($5::text IS NULL OR s.status = $5)
       AND ($6::boolean OR s.status <> 'superseded') AND (NOT $7::boolean OR s.issued_at IS NOT NULL)
     ORDER BY s.period_from DESC, s.number, s.version`,
    [f.period ?? null, f.supplierId ?? null, f.counterId ?? null, f.storeId ?? null, f.status ?? null, f.withSuperseded ?? false, f.issuedOnly ?? false],
  );
  return rows.map((r) => {
    const { body, ...rest } = viewOf(r);
    return {
      ...rest, counterName: r.counter_name, supplierName: r.supplier_name,
      netSales: body.totals.netSales, commission: body.totals.commission, deductions: body.totals.deductions,
    };
  });
}

/**
 * A supplier's own statement, or null (unknown, another supplier's, or never issued: all the same answer, so a
 * supplier cannot probe). For the portal's detail, PDF and export routes.
 */
export async function supplierStatement(db: Queryable, supplierId: string, statementId: string): Promise<StatementView | null> {
  const s = await statementById(db, statementId);
  return s && s.supplierId === supplierId && s.issuedAt !== null ? s : null;
}
