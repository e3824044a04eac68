/**
 * The console's reports (docs/ARCHITECTURE.md, "Reports"): the rows each report route answers with, as JSON pages
 * and as CSV/XLSX exports. Amounts are integer fen; a business day is YYYY-MM-DD in the store's time zone.
 */
import type { AccountingPeriod, PeriodRule } from '../model/money/periods.js';

export const REPORTS_BASE = '/console/api/reports';

/** The longest range one report reads, in days: a year and a day, so "this month last year" still fits. */
export const MAX_REPORT_DAYS = 367;
/** Rows per JSON page; exports stream every row. */
export const DEFAULT_REPORT_PAGE = 500;
export const MAX_REPORT_PAGE = 5000;

/** One SKU's sales in one store on one business day: what was handed over (delivered or picked up) that day. */
export interface DailySalesRow {
  day: string;
  storeId: string;
  sku: string;
  name: string;
  /** Units actually handed over: picked units of the line, or of the substitute under its own SKU. */
  qty: number;
  /** qty × the order line's unit price, in fen. */
  amount: number;
  /** Orders the SKU was in. */
  orders: number;
}

/** One SKU's sales in one store over one accounting period. */
export interface PeriodSalesRow {
  /** The period's name (YYYY-MM) and its first and last business day. */
  period: string;
  from: string;
  to: string;
  storeId: string;
  sku: string;
  name: string;
  qty: number;
  amount: number;
  orders: number;
}

/** The chain's (or the user's stores') sales of one day, for the trend chart. */
export interface SalesTrendPoint {
  day: string;
  amount: number;
  qty: number;
  orders: number;
}

/**
 * Payments of one business day in one store by how they were taken: `cash`/`card`/`online` at the handover
 * (the terminal's payments), and the providers' own (`wechat`, `alipay`) once the reconciliation has stored them.
 */
export interface PaymentsByDayRow {
  day: string;
  storeId: string;
  method: string;
  payments: number;
  amount: number;
  /** What was taken beyond (or short of) the amount due, with a manager's approval. */
  difference: number;
}

/** Whether a store closed a business day, and how its drawers came out. */
export interface ClosedDayRow {
  day: string;
  storeId: string;
  closed: boolean;
  /** Drawers (terminals) closed that day. */
  drawers: number;
  closedAt: string | null;
  closedBy: string | null;
  cashExpected: number;
  cashCounted: number;
  /** counted − expected over the store's drawers. */
  variance: number;
  /** Some drawer's |variance| was beyond its tolerance (approved by a manager). */
  beyondTolerance: boolean;
}

/** The reconciliation's exceptions of one day, store and type. */
export interface ExceptionsByDayRow {
  day: string;
  /** "" for an exception of no store (a bill item no order claims). */
  storeId: string;
  type: string;
  found: number;
  amount: number;
  /** Not resolved yet. */
  open: number;
  openAmount: number;
}

/** Open exceptions of one type in one age bucket ('0-1', '2-7', '8-30', '31+' days). */
export interface ExceptionAgeRow {
  type: string;
  age: string;
  open: number;
  amount: number;
}

/** Where a page ends: pass it back as `after` for the next. */
export interface ReportPage<Row> {
  rows: Row[];
  /** Null on the last page. */
  next: string | null;
}

export interface PeriodsResponse {
  /** The rules in force, by effectiveFrom (calendar months before the first). */
  rules: (PeriodRule & { setBy: string; setAt: string; reason: string })[];
  periods: AccountingPeriod[];
}

export interface SetPeriodRuleRequest {
  effectiveFrom: string;
  startDay: number;
  reason: string;
}

const day = { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$', minLength: 10, maxLength: 10 } as const;
const storeId = { type: 'string', pattern: '^[A-Za-z0-9_-]{1,32}$', maxLength: 32 } as const;

/** The query every report route takes: a range of business days, optionally one store, and a page. */
export const reportQuerySchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    from: day,
    to: day,
    storeId,
    after: { type: 'string', maxLength: 400 },
    limit: { type: 'integer', minimum: 1, maximum: MAX_REPORT_PAGE },
    /** The language of an export's headers. */
    lang: { type: 'string', enum: ['zh-CN', 'en'] },
  },
  required: ['from', 'to'],
} as const;

export interface ReportQuery {
  from: string;
  to: string;
  storeId?: string;
  after?: string;
  limit?: number;
  lang?: 'zh-CN' | 'en';
}

export const setPeriodRuleSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    effectiveFrom: day,
    startDay: { type: 'integer', minimum: 1, maximum: 28 },
    reason: { type: 'string', minLength: 1, maxLength: 200 },
  },
  required: ['effectiveFrom', 'startDay', 'reason'],
} as const;

export const periodsQuerySchema = {
  type: 'object',
  additionalProperties: false,
  properties: { from: day, to: day },
  required: ['from', 'to'],
} as const;
