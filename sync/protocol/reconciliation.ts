/**
 * The reconciliation console's JSON contract (issue 11 §3): the routes under /console/api/reconciliation/ that the
 * console's pages call, their requests and answers. Amounts are fen; days are YYYY-MM-DD (a bill day is Beijing
 * time, a business day the store's). The console signs in first (console-auth): finance and admin may do
 * everything here, a store manager may read their own stores' bills and exceptions.
 */
import type { BillProvider, BillRefusalCode } from '../model/money/bill.js';
import { MATCH_EXCEPTION_TYPES } from '../model/money/matching.js';

export const RECON_BASE = '/console/api/reconciliation';

export const reconRoutes = {
  /** POST, raw body (the provider's file as downloaded), ?provider=wechat|alipay → BillImportResponse. */
  importBill: `${RECON_BASE}/bills`,
  /** GET ?provider=&from=&to= → BillListResponse. */
  bills: `${RECON_BASE}/bills`,
  /** POST {from, to} → MatchRunResponse: matches every order, bill and close in the range, refreshes exceptions. */
  run: `${RECON_BASE}/runs`,
  /** GET ?type=&storeId=&status=&from=&to=&page=&pageSize= → ExceptionListResponse. */
  exceptions: `${RECON_BASE}/exceptions`,
  /** POST ResolveRequest → ResolutionView (201). Re-resolving is a new resolution; the latest one counts. */
  resolve: (key: string) => `${RECON_BASE}/exceptions/${encodeURIComponent(key)}/resolutions`,
  /** GET → ResolutionAuditResponse: every resolution of the exception, oldest first, with who and when. */
  audit: (key: string) => `${RECON_BASE}/exceptions/${encodeURIComponent(key)}/resolutions`,
  /** GET the exceptions list (same filters as `exceptions`, unpaged) as ?format=csv|xlsx. */
  exportExceptions: `${RECON_BASE}/exceptions/export`,
  /** GET ?from=&to=&storeId= → OrderReconciliationResponse: each order's standing. */
  orders: `${RECON_BASE}/orders`,
} as const;

/** The exception types are the matching's own (model/money/matching.ts, where each is explained): one list. */
export const EXCEPTION_TYPES = MATCH_EXCEPTION_TYPES;
export type ExceptionType = (typeof EXCEPTION_TYPES)[number];

export const EXCEPTION_STATUSES = ['open', 'resolved'] as const;
export type ExceptionStatus = (typeof EXCEPTION_STATUSES)[number];

export const RESOLUTION_KINDS = ['accept_provider', 'accept_ours', 'write_off'] as const;
export type ResolutionKind = (typeof RESOLUTION_KINDS)[number];

export const PAYMENT_PROVIDERS = ['wechat', 'alipay', 'cod'] as const;
export type PaymentProvider = (typeof PAYMENT_PROVIDERS)[number];

export interface ExceptionView {
  /** Stable across runs: TYPE:subject (an order id, a transaction, a store day and terminal). */
  key: string;
  type: ExceptionType;
  status: ExceptionStatus;
  /** Fen: the difference at stake (always ≥ 0; `ours`/`theirs` give the two figures where there are two). */
  amount: number;
  ours: number | null;
  theirs: number | null;
  orderId: string | null;
  storeId: string | null;
  provider: PaymentProvider | null;
  /** The day it belongs to (a bill day, or the store's business day for a close). */
  day: string;
  /** Whole days from `day` to the last run's as-of day. */
  ageDays: number;
  detail: string;
  firstSeenAt: string;
  /** The latest resolution, when resolved. */
  resolution: ResolutionView | null;
}

export interface ResolutionView {
  id: string;
  exceptionKey: string;
  kind: ResolutionKind;
  reason: string | null;
  /** The console user who resolved it, and when. */
  by: string;
  at: string;
}

export interface ResolveRequest {
  kind: ResolutionKind;
  /** Required for write_off; optional otherwise. */
  reason?: string;
}

export interface BillImportResponse {
  /** `imported`: new; `unchanged`: the same file again (nothing changed); `replaced`: a corrected bill of the day. */
  outcome: 'imported' | 'unchanged' | 'replaced';
  billId: string;
  provider: BillProvider;
  billDate: string;
  hash: string;
  counts: { items: number; payments: number; refunds: number };
  totals: { paid: number; refunded: number; fees: number };
}

/** A refused bill answers 422 with the error body { code: BILL_*, message, details: { line? } }. */
export type BillRefusalErrorCode = BillRefusalCode;

export interface BillView {
  id: string;
  provider: BillProvider;
  billDate: string;
  hash: string;
  items: number;
  paid: number;
  refunded: number;
  fees: number;
  importedAt: string;
  importedBy: string;
  /** Set on a bill a corrected one replaced. */
  replacedBy: string | null;
}

export interface BillListResponse {
  bills: BillView[];
}

export interface MatchRunRequest {
  from: string;
  to: string;
}

export interface MatchRunResponse {
  from: string;
  to: string;
  /** The latest bill day per provider the run could see: what is held waits for the next. */
  asOf: Partial<Record<BillProvider, string>>;
  orders: number;
  matched: number;
  held: number;
  exceptions: number;
  byType: Partial<Record<ExceptionType, number>>;
}

export interface ExceptionListResponse {
  exceptions: ExceptionView[];
  total: number;
  page: number;
  pageSize: number;
}

export interface ResolutionAuditResponse {
  exceptionKey: string;
  resolutions: ResolutionView[];
}

export const ORDER_STANDINGS = ['reconciled', 'held', 'exception', 'resolved'] as const;
export type OrderStanding = (typeof ORDER_STANDINGS)[number];

export interface OrderReconciliationView {
  orderId: string;
  storeId: string;
  provider: PaymentProvider;
  standing: OrderStanding;
  exceptionKeys: string[];
}

export interface OrderReconciliationResponse {
  orders: OrderReconciliationView[];
}

export const MAX_EXCEPTION_PAGE_SIZE = 200;
