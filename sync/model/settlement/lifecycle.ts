import type { StatementStatus } from './types.js';

/**
 * A statement's life: draft → issued → confirmed | disputed → resolved → paid, and confirmed → paid. An issued
 * version never changes; only its status moves, each move an event. A correction replaces a version by a new one
 * (same number, version + 1, a reason) that starts as a draft; the replaced one becomes superseded, a final state.
 * A paid statement is settled: it is not corrected here (a later period's fee bill carries any adjustment).
 */

export const STATEMENT_ACTIONS = ['issue', 'confirm', 'dispute', 'resolve', 'pay', 'correct'] as const;
export type StatementAction = (typeof STATEMENT_ACTIONS)[number];

const MOVES: Record<StatementAction, { from: readonly StatementStatus[]; to: StatementStatus }> = {
  issue: { from: ['draft'], to: 'issued' },
  confirm: { from: ['issued'], to: 'confirmed' },
  dispute: { from: ['issued'], to: 'disputed' },
  resolve: { from: ['disputed'], to: 'resolved' },
  pay: { from: ['confirmed', 'resolved'], to: 'paid' },
  correct: { from: ['issued', 'confirmed', 'disputed', 'resolved'], to: 'superseded' },
};

const PAST: Record<StatementAction, string> = { issue: 'issued', confirm: 'confirmed', dispute: 'disputed', resolve: 'resolved', pay: 'paid', correct: 'corrected' };

export type StatementMove =
  | { ok: true; to: StatementStatus }
  | { ok: false; reason: 'STATEMENT_WRONG_STATUS' | 'STATEMENT_SUPERSEDED'; message: string };

export function statementMove(status: StatementStatus, action: StatementAction): StatementMove {
  if (status === 'superseded') return { ok: false, reason: 'STATEMENT_SUPERSEDED', message: 'this version was superseded by a correction' };
  const move = MOVES[action];
  if (!move.from.includes(status)) {
    return { ok: false, reason: 'STATEMENT_WRONG_STATUS', message: `a ${status} statement cannot be ${PAST[action]}` };
  }
  return { ok: true, to: move.to };
}

/** `JS` + YYYYMM + '-' + counter id: JS202611-C001. The barcode encodes exactly this. */
export function statementNumber(periodLabel: string, counterId: string): string {
  return `JS${periodLabel.replace('-', '')}-${counterId}`;
}

/** A version's id: the number and the version, unique as (number, version) is. */
export function statementId(number: string, version: number): string {
  return `${number}-v${version}`;
}

/** Statements are issued by the 5th of the month after the period's (label) month. */
export function statementDueDate(periodLabel: string): string {
  const [y, m] = periodLabel.split('-').map(Number) as [number, number];
  const ny = m === 12 ? y + 1 : y;
  const nm = m === 12 ? 1 : m + 1;
  return `${String(ny).padStart(4, '0')}-${String(nm).padStart(2, '0')}-05`;
}

/** A period's issuing is overdue when some counter still lacks an issued statement after its due day. */
export function issuingOverdue(periodLabel: string, today: string, notIssued: number): boolean {
  return notIssued > 0 && today > statementDueDate(periodLabel);
}

/** Whether a status counts as issued (the supplier can see it). */
export const ISSUED_STATUSES: readonly StatementStatus[] = ['issued', 'confirmed', 'disputed', 'resolved', 'paid'];
