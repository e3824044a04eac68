/**
 * The settlement console's JSON contract (issue 12): the routes under /console/api/settlement/statements that the
 * console's pages call, their requests and answers, and the statement itself as every reader sees it (the console,
 * the supplier portal, the PDF and the exports). Amounts are integer fen, rates basis points (2500 = 25 %), days
 * YYYY-MM-DD business days in the store's time zone. Finance and admin may do everything here; a store manager
 * nothing. Every write carries the session's CSRF token (console.ts CSRF_HEADER).
 *
 * A refused status change answers 409 CONFLICT with details.reason one of STATEMENT_REFUSALS; an unknown statement
 * 404 NOT_FOUND.
 */
import type { JsonSchema } from '../model/json-schema.js';
import {
  STATEMENT_STATUSES,
  STATEMENT_EVENT_TYPES,
  type RateGroupKind,
  type StatementBody,
  type StatementEventType,
  type StatementStatus,
} from '../model/settlement/types.js';

export {
  STATEMENT_STATUSES,
  STATEMENT_EVENT_TYPES,
  type StatementBody,
  type StatementStatus,
  type StatementEventType,
  type RateGroupKind,
};
export type {
  StatementGroupLine,
  StatementDeductionLine,
  StatementTotals,
  DeductionKind,
} from '../model/settlement/types.js';

export const SETTLEMENT_BASE = '/console/api/settlement';

export const settlementRoutes = {
  /** GET ?period=&supplierId=&counterId=&storeId=&status= → StatementListResponse (current versions only). */
  statements: `${SETTLEMENT_BASE}/statements`,
  /** POST DraftStatementsRequest → DraftStatementsResponse: drafts (or redrafts) the period's statements. */
  draft: `${SETTLEMENT_BASE}/statements/drafts`,
  /** GET the list (same filters as `statements`) as ?format=csv|xlsx&lang=. */
  exportList: `${SETTLEMENT_BASE}/statements/export`,
  /** GET → StatementDetailResponse: the version asked for, its events, and every version of its number. */
  statement: (id: string) => `${SETTLEMENT_BASE}/statements/${encodeURIComponent(id)}`,
  /** POST IssuePeriodRequest → IssuePeriodResponse: issues every draft of the period (or of one counter). */
  issuePeriod: `${SETTLEMENT_BASE}/statements/issue`,
  /** POST {} → StatementView: draft → issued; the version is immutable from then on. */
  issue: (id: string) => `${SETTLEMENT_BASE}/statements/${encodeURIComponent(id)}/issue`,
  /** POST ResolveStatementRequest → StatementView: disputed → resolved, the figures stand (finance's answer). */
  resolve: (id: string) => `${SETTLEMENT_BASE}/statements/${encodeURIComponent(id)}/resolve`,
  /**
   * POST CorrectStatementRequest → StatementView (201, the new version, a draft): redrafts from today's data with
   * the reason; the version corrected becomes superseded (a disputed one is also marked resolved by it).
   */
  correct: (id: string) => `${SETTLEMENT_BASE}/statements/${encodeURIComponent(id)}/corrections`,
  /** POST MarkPaidRequest → StatementView: confirmed | resolved → paid. */
  paid: (id: string) => `${SETTLEMENT_BASE}/statements/${encodeURIComponent(id)}/paid`,
  /** GET the printable statement, application/pdf (Chinese, the number as a Code 128 barcode). */
  pdf: (id: string) => `${SETTLEMENT_BASE}/statements/${encodeURIComponent(id)}/pdf`,
  /** GET the statement's lines as ?format=csv|xlsx&lang=. */
  export: (id: string) => `${SETTLEMENT_BASE}/statements/${encodeURIComponent(id)}/export`,
  /** GET ?period= → PeriodStatusResponse: how far the period's statements are, and whether issuing is overdue. */
  periodStatus: `${SETTLEMENT_BASE}/periods/status`,
} as const;

/** Why a status change was refused (409 CONFLICT, details.reason). */
export const STATEMENT_REFUSALS = [
  /** The change does not start from the statement's status (e.g. confirming a draft, paying a disputed one). */
  'STATEMENT_WRONG_STATUS',
  /** The version was superseded by a correction: act on the current one. */
  'STATEMENT_SUPERSEDED',
  /** Drafting over a period whose current statement is already issued: correct it instead. */
  'STATEMENT_ALREADY_ISSUED',
] as const;
export type StatementRefusal = (typeof STATEMENT_REFUSALS)[number];

export interface StatementEventView {
  id: string;
  type: StatementEventType;
  /** A console user's name, or 'supplier:<code>'. */
  by: string;
  comment: string | null;
  at: string;
}

/** One version of a statement, as stored: its frozen body and where it stands. */
export interface StatementView {
  id: string;
  /** JS + period label YYYYMM + '-' + counter id, e.g. JS202611-C001; the barcode encodes it. */
  number: string;
  version: number;
  counterId: string;
  supplierId: string;
  storeId: string;
  periodFrom: string;
  periodTo: string;
  /** YYYY-MM, the period's name. */
  periodLabel: string;
  status: StatementStatus;
  body: StatementBody;
  payable: number;
  /** Set on a version made by a correction: why. */
  correctionReason: string | null;
  createdBy: string;
  createdAt: string;
  issuedAt: string | null;
  /** The day it must be issued by: the 5th of the month after the period's label month. */
  dueDate: string;
}

/** The list's row: the view without its body's lines. */
export type StatementSummary = Omit<StatementView, 'body'> & {
  counterName: string;
  supplierName: string;
  netSales: number;
  commission: number;
  deductions: number;
};

export interface StatementListResponse {
  statements: StatementSummary[];
}

export interface StatementDetailResponse {
  statement: StatementView;
  events: StatementEventView[];
  /** Every version of the number, oldest first (id, version, status, reason). */
  versions: { id: string; version: number; status: StatementStatus; correctionReason: string | null; createdAt: string }[];
}

export interface DraftStatementsRequest {
  /** The accounting period, by its first day (reports' periods). */
  periodFrom: string;
  /** One counter; absent, every counter. */
  counterId?: string;
}

export interface DraftStatementsResponse {
  periodFrom: string;
  periodTo: string;
  periodLabel: string;
  /** Drafted anew or redrafted (a draft is replaced by a new draft; issued ones are left as they are). */
  drafted: number;
  /** Counters whose current statement is already issued or beyond, left alone. */
  skipped: number;
  /** Counters with no contract in force for the period: no statement drafted (finance sets a contract first). */
  withoutContract: string[];
  statementIds: string[];
}

export interface IssuePeriodRequest {
  periodFrom: string;
  counterId?: string;
}

export interface IssuePeriodResponse {
  issued: number;
  statementIds: string[];
}

export interface ResolveStatementRequest {
  /** Finance's answer to the dispute, which the supplier sees. */
  comment: string;
}

export interface CorrectStatementRequest {
  /** Why the correction: shown on the new version and in its events. */
  reason: string;
}

export interface MarkPaidRequest {
  comment?: string;
}

/** What the supplier portal sends when it confirms or disputes (portal-api calls the server functions directly). */
export interface DisputeStatementRequest {
  comment: string;
}

export interface PeriodStatusResponse {
  periodFrom: string;
  periodTo: string;
  periodLabel: string;
  dueDate: string;
  counters: number;
  byStatus: Partial<Record<StatementStatus, number>>;
  /** Counters without an issued (or later) statement. */
  notIssued: number;
  /** notIssued > 0 and today (Asia/Shanghai) is past dueDate. */
  overdue: boolean;
}

const DAY = { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' } as const;
const COMMENT = { type: 'string', minLength: 1, maxLength: 1000, pattern: '\\S' } as const;
const ID = { type: 'string', minLength: 1, maxLength: 64 } as const;

export const draftStatementsRequestSchema = {
  type: 'object',
  additionalProperties: false,
  properties: { periodFrom: DAY, counterId: ID },
  required: ['periodFrom'],
} as const satisfies JsonSchema;

export const issuePeriodRequestSchema = draftStatementsRequestSchema;

export const resolveStatementRequestSchema = {
  type: 'object',
  additionalProperties: false,
  properties: { comment: COMMENT },
  required: ['comment'],
} as const satisfies JsonSchema;

export const correctStatementRequestSchema = {
  type: 'object',
  additionalProperties: false,
  properties: { reason: COMMENT },
  required: ['reason'],
} as const satisfies JsonSchema;

export const markPaidRequestSchema = {
  type: 'object',
  additionalProperties: false,
  properties: { comment: COMMENT },
} as const satisfies JsonSchema;

export const disputeStatementRequestSchema = resolveStatementRequestSchema;

export const statementListQuerySchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    period: DAY,
    supplierId: ID,
    counterId: ID,
    storeId: ID,
    status: { type: 'string', enum: STATEMENT_STATUSES },
    format: { type: 'string', enum: ['csv', 'xlsx'] },
    lang: { type: 'string', enum: ['zh-CN', 'en'] },
  },
} as const satisfies JsonSchema;

export interface StatementListQuery {
  /** The period's first day. */
  period?: string;
  supplierId?: string;
  counterId?: string;
  storeId?: string;
  status?: StatementStatus;
}
