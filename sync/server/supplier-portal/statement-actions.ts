/**
 * The supplier's answers to an issued statement: confirm, or dispute with a comment. The status rules are the
 * settlement's (model/settlement/lifecycle.ts); this checks ownership in SQL first (the row is found only through
 * the supplier's counter), then moves the status and records the event in one transaction, by 'supplier:<code>'.
 */
import { ProtocolError } from '../../protocol/errors.js';
import type { StatementRefusal, StatementStatus } from '../../protocol/settlement.js';
import type { Db } from '../db/index.js';
import { notFound } from './scope.js';

export type SupplierResponse = { kind: 'confirmed' } | { kind: 'disputed'; comment: string };

function refused(reason: StatementRefusal, status: StatementStatus): ProtocolError {
  const why = reason === 'STATEMENT_SUPERSEDED' ? 'this version was replaced by a corrected one' : `the statement is ${status}, not issued`;
  return new ProtocolError('CONFLICT', `the statement cannot be answered now: ${why}`, 409, { reason, status });
}

export async function respondToStatement(db: Db, supplierId: string, number: string, version: number, response: SupplierResponse): Promise<void> {
  await db.tx(async (q) => {
    const [row] = await q.query<{ id: string; status: StatementStatus }>(
      `SELECT s.id, s.status FROM statements s JOIN concession_counters c ON c.id = s.counter_id AND c.supplier_id = $1
       WHERE s.number = $2 AND s.version = $3 AND s.status <> 'draft' FOR UPDATE OF s`,
      [supplierId, number, version],
    );
    if (!row) throw notFound('statement of yours with that number and version', { number, version });
    if (row.status === 'superseded') throw refused('STATEMENT_SUPERSEDED', row.status);
    if (row.status !== 'issued') throw refused('STATEMENT_WRONG_STATUS', row.status);
    await q.query('UPDATE statements SET status = $2 WHERE id = $1', [row.id, response.kind]);
    await q.query('INSERT INTO statement_events (statement_id, type, by_name, comment) VALUES ($1, $2, $3, $4)', [
      row.id,
      response.kind,
      `supplier:${supplierId}`,
      response.kind === 'disputed' ? response.comment : null,
    ]);
  });
}
