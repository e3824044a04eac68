import { statementMove, type StatementAction } from '../../model/settlement/lifecycle.js';
import type { StatementEventType } from '../../model/settlement/types.js';
import { ProtocolError } from '../../protocol/errors.js';
import type { IssuePeriodResponse, StatementView } from '../../protocol/settlement.js';
import type { Db, Queryable } from '../db/index.js';
import { bodyOf, insertDraft, loadPeriodData, periodStartingOn } from './draft.js';
import { loadCounters } from './load.js';
import { statementById } from './statements.js';

/**
 * What happens to a statement after drafting, each a status move (model/settlement/lifecycle.ts) and an event, in
 * one transaction with the row locked, so two clicks cannot both pass the check. An issued version's body is never
 * written again: only `status` (and issued_at once) change.
 *
 * The supplier's two moves (confirm, dispute) take the supplier's code and answer 404 for a statement that is not
 * theirs or was never issued, the same as for one that does not exist: the portal calls them directly.
 */

const EVENT_OF: Record<Exclude<StatementAction, 'correct'>, StatementEventType> = {
  issue: 'issued', confirm: 'confirmed', dispute: 'disputed', resolve: 'resolved', pay: 'paid',
};

function notFound(id: string): ProtocolError {
  return new ProtocolError('NOT_FOUND', `statement "${id}" does not exist`, 404);
}

async function lockedForMove(q: Queryable, id: string, action: StatementAction, supplierId?: string): Promise<{ s: StatementView; to: StatementView['status'] }> {
  const s = await statementById(q, id, true);
  if (!s || (supplierId !== undefined && (s.supplierId !== supplierId || s.issuedAt === null))) throw notFound(id);
  const move = statementMove(s.status, action);
  if (!move.ok) throw new ProtocolError('CONFLICT', move.message, 409, { reason: move.reason, status: s.status });
  return { s, to: move.to };
}

async function move(db: Db, id: string, action: Exclude<StatementAction, 'correct'>, by: string, comment: string | null, supplierId?: string): Promise<StatementView> {
  return db.tx(async (q) => {
    const { to } = await lockedForMove(q, id, action, supplierId);
    await q.query(
      `UPDATE statements SET status = $2, issued_at = CASE WHEN $2 = 'issued' THEN now() ELSE issued_at END WHERE id = $1`,
      [id, to],
    );
    await q.query('INSERT INTO statement_events (statement_id, type, by_name, comment) VALUES ($1, $2, $3, $4)', [id, EVENT_OF[action], by, comment]);
    return (await statementById(q, id))!;
  });
}

export const issueStatement = (db: Db, id: string, by: string): Promise<StatementView> => move(db, id, 'issue', by, null);

/**
 * Issues every draft of a period (or of one counter of it) in one transaction: a chain's month is issued whole or
 * not at all, and without a commit per statement.
 */
export async function issuePeriod(db: Db, periodFrom: string, by: string, counterId?: string): Promise<IssuePeriodResponse> {
  await periodStartingOn(db, periodFrom);
  return db.tx(async (q) => {
    const rows = await q.query<{ id: string }>(
      `UPDATE statements SET status = 'issued', issued_at = now()
       WHERE period_from = $1::date AND status = 'draft' AND ($2::text IS NULL OR counter_id = $2)
       RETURNING id`,
      [periodFrom, counterId ?? null],
    );
    const ids = rows.map((r) => r.id).sort();
    await q.query(`INSERT INTO statement_events (statement_id, type, by_name) SELECT unnest($1::text[]), 'issued', $2`, [ids, by]);
    return { issued: ids.length, statementIds: ids };
  });
}

/** The supplier agrees with an issued statement. by: 'supplier:<code>' unless the portal names its user. */
export const confirmStatement = (db: Db, supplierId: string, statementId: string, by = `supplier:${supplierId}`): Promise<StatementView> =>
  move(db, statementId, 'confirm', by, null, supplierId);

/** The supplier disputes an issued statement, saying why. */
export function disputeStatement(db: Db, supplierId: string, statementId: string, comment: string, by = `supplier:${supplierId}`): Promise<StatementView> {
  if (!comment.trim()) throw new ProtocolError('VALIDATION_FAILED', 'a dispute says why', 400, { path: '/body/comment' });
  return move(db, statementId, 'dispute', by, comment.trim(), supplierId);
}

/** Finance answers a dispute and the figures stand. */
export const resolveStatement = (db: Db, id: string, comment: string, by: string): Promise<StatementView> => move(db, id, 'resolve', by, comment);

export const markStatementPaid = (db: Db, id: string, by: string, comment?: string): Promise<StatementView> => move(db, id, 'pay', by, comment ?? null);

/**
 * A correction: a new version drafted from the data as it is now (finance has fixed what was wrong: a fee bill, a
 * contract, a till import), with the reason; the corrected version becomes superseded and says by which. A disputed
 * version is answered by this too (its `resolved` event carries the reason). The new version is a draft: finance
 * checks it, then issues it.
 */
export async function correctStatement(db: Db, id: string, reason: string, by: string): Promise<StatementView> {
  if (!reason.trim()) throw new ProtocolError('VALIDATION_FAILED', 'a correction says why', 400, { path: '/body/reason' });
  const old = await statementById(db, id);
  if (!old) throw notFound(id);
  const [counter] = await loadCounters(db, [old.counterId]);
  const period = { from: old.periodFrom, to: old.periodTo, label: old.periodLabel };
  const data = await loadPeriodData(db, [old.counterId], period);
  const body = counter ? bodyOf(counter, period, data) : null;
  if (!body) throw new ProtocolError('CONFLICT', `counter "${old.counterId}" has no contract for the period`, 409, { reason: 'STATEMENT_WRONG_STATUS' });
  return db.tx(async (q) => {
    const { s } = await lockedForMove(q, id, 'correct');
    await q.query(`UPDATE statements SET status = 'superseded' WHERE id = $1`, [id]);
    if (s.status === 'disputed') {
      await q.query(`INSERT INTO statement_events (statement_id, type, by_name, comment) VALUES ($1, 'resolved', $2, $3)`, [id, by, reason.trim()]);
    }
    const newId = await insertDraft(q, body, s.version + 1, by, reason.trim());
    await q.query(`INSERT INTO statement_events (statement_id, type, by_name, comment) VALUES ($1, 'corrected', $2, $3)`, [id, by, newId]);
    return (await statementById(q, newId))!;
  });
}
