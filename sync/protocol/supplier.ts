/**
 * The supplier portal's API (issue 12, "The supplier portal"), for the web pages at /supplier/ only. The console's
 * routes with which the chain runs the portal (accounts, notices, feedback) are in supplier-console.ts, which reads
 * this file.
 * Like the console's API it is not part of the Platform API: everything under /supplier (and /console) is left out
 * of /openapi.json (openapi/describe.ts), and it may change with the pages.
 *
 * Authentication: a session cookie (HttpOnly, SameSite=Strict, Secure over TLS, path /supplier, so the console's
 * cookie and this one never travel to the other app) plus, on every POST, the session's CSRF token in the same
 * x-csrf-token header the console uses. A supplier signs in with their supplier code; a first password (or a reset
 * one) is issued by the chain, shown once, and must be changed before anything else answers: while
 * `mustChangePassword` is true every route but session, change-password and sign-out refuses with 403
 * SUPPLIER_PASSWORD_CHANGE_REQUIRED.
 *
 * Isolation: a supplier sees their own counters and what hangs off them, nothing else. Anything of another supplier
 * (a statement number, a counter code as a filter, a fee bill, a feedback id, a store they have no counter in) is
 * answered 404 NOT_FOUND, exactly as something that does not exist, so the answer does not even tell it exists.
 *
 * Money is integer fen; rates are basis points (2500 = 25 %). Days are YYYY-MM-DD business days (the store's time
 * zone). An accounting period is addressed by its first day (`period` = AccountingPeriod.from, e.g. 2026-11-01)
 * and named by its label (YYYY-MM). Lists are answered whole (a supplier's month is hundreds of rows, not
 * millions) up to SUPPLIER_LIST_MAX rows, with `truncated` when there were more; exports are never truncated.
 */
import type { JsonSchema } from '../model/json-schema.js';
import { CSRF_HEADER } from './console.js';
import type { StatementBody, StatementEventType } from './settlement.js';

/** A feedback question's and an answer's length limit (both sides). */
export const SUPPLIER_FEEDBACK_TEXT_MAX = 4000;

export { CSRF_HEADER };

export const SUPPLIER_PATH = '/supplier';
export const SUPPLIER_API_BASE = '/supplier/api';
/** The session cookie's name (HttpOnly; the page never reads it). Path SUPPLIER_PATH. */
export const SUPPLIER_SESSION_COOKIE = 'storeops_supplier';

/** A list answers at most this many rows; `truncated: true` says there were more (narrow the filter or export). */
export const SUPPLIER_LIST_MAX = 5000;

// ---------------------------------------------------------------------------------------------------------------
// Password rules (checked on the server; the page may check them first to explain)

export const SUPPLIER_PASSWORD_MIN = 10;
export const SUPPLIER_PASSWORD_MAX = 256;
/** Wrong passwords in a row that lock the account, and for how long. */
export const SUPPLIER_LOCKOUT_FAILURES = 5;
export const SUPPLIER_LOCKOUT_MINUTES = 15;

/**
 * Why a new password was refused (details.reason of 400 SUPPLIER_PASSWORD_REJECTED):
 * too_short (< SUPPLIER_PASSWORD_MIN), too_long, same_as_old, is_supplier_code (equal to the code, any case),
 * one_character (all one character, like 1111111111).
 */
export const SUPPLIER_PASSWORD_REFUSALS = ['too_short', 'too_long', 'same_as_old', 'is_supplier_code', 'one_character'] as const;
export type SupplierPasswordRefusal = (typeof SUPPLIER_PASSWORD_REFUSALS)[number];

/** The first rule a new password breaks, or null when it is acceptable. Pure: the server and the page share it. */
export function supplierPasswordRefusal(newPassword: string, supplierCode: string, oldPassword?: string): SupplierPasswordRefusal | null {
  const pw = newPassword.normalize('NFC');
  const chars = [...pw];
  if (chars.length < SUPPLIER_PASSWORD_MIN) return 'too_short';
  if (chars.length > SUPPLIER_PASSWORD_MAX) return 'too_long';
  if (oldPassword !== undefined && pw === oldPassword.normalize('NFC')) return 'same_as_old';
  if (pw.trim().toLowerCase() === supplierCode.trim().toLowerCase()) return 'is_supplier_code';
  if (chars.every((c) => c === chars[0])) return 'one_character';
  return null;
}

// ---------------------------------------------------------------------------------------------------------------
// Routes

const enc = encodeURIComponent;

/**
 * Every route of the portal. Exports answer a download (`?format=xlsx|csv`, default xlsx; `&lang=zh-CN|en`,
 * default zh-CN) with the same filters as the list they export. GET unless said.
 */
export const supplierRoutes = {
  /** POST SupplierSignInRequest → SupplierSessionResponse (sets the cookie). 401 SUPPLIER_SIGN_IN_FAILED,
   * 423 SUPPLIER_ACCOUNT_LOCKED (details.lockedUntil), 429 RATE_LIMITED (Retry-After). */
  signIn: `${SUPPLIER_API_BASE}/sign-in`,
  /** POST SupplierChangePasswordRequest → SupplierSessionResponse (mustChangePassword false; other sessions end). */
  changePassword: `${SUPPLIER_API_BASE}/change-password`,
  /** POST {} → SupplierSignOutResponse (clears the cookie). */
  signOut: `${SUPPLIER_API_BASE}/sign-out`,
  /** → SupplierSessionResponse; 401 SUPPLIER_SIGNED_OUT without a session. */
  session: `${SUPPLIER_API_BASE}/session`,

  /** → SupplierPeriodsResponse: the accounting periods the supplier has anything in, newest first (for pickers). */
  periods: `${SUPPLIER_API_BASE}/periods`,
  /** → SupplierCountersResponse: the supplier's own counters (for pickers and filters). */
  counters: `${SUPPLIER_API_BASE}/counters`,

  /** ?period=&q= (q: part of a statement number or counter code/name) → SupplierStatementsResponse. */
  statements: `${SUPPLIER_API_BASE}/statements`,
  /** The statements list as a download; same filters. */
  statementsExport: `${SUPPLIER_API_BASE}/statements/export`,
  /** → SupplierStatementDetail: the current version, the earlier ones, the events. 404 unless the supplier's. */
  statement: (number: string) => `${SUPPLIER_API_BASE}/statements/${enc(number)}`,
  /** ?version= (default current) → application/pdf, the printable statement (Chinese, Code 128 barcode of the number). */
  statementPdf: (number: string) => `${SUPPLIER_API_BASE}/statements/${enc(number)}/pdf`,
  /** ?version=&format=&lang= → the statement's lines as XLSX/CSV. */
  statementExport: (number: string) => `${SUPPLIER_API_BASE}/statements/${enc(number)}/export`,
  /** POST SupplierConfirmRequest → SupplierStatementDetail. 409 CONFLICT unless the version is current and issued
   * (details.reason STATEMENT_WRONG_STATUS or STATEMENT_SUPERSEDED, settlement.ts STATEMENT_REFUSALS). */
  confirmStatement: (number: string) => `${SUPPLIER_API_BASE}/statements/${enc(number)}/confirm`,
  /** POST SupplierDisputeRequest → SupplierStatementDetail. 409 CONFLICT unless the version is current and issued. */
  disputeStatement: (number: string) => `${SUPPLIER_API_BASE}/statements/${enc(number)}/dispute`,

  /** ?period=&counter= → SupplierFeeBillsResponse (bills, supplies and contract fees, and totals per counter). */
  feeBills: `${SUPPLIER_API_BASE}/fee-bills`,
  feeBillsExport: `${SUPPLIER_API_BASE}/fee-bills/export`,
  /** → SupplierFeeBill. 404 unless the supplier's. */
  feeBill: (id: string) => `${SUPPLIER_API_BASE}/fee-bills/${enc(id)}`,

  /** SupplierSalesQuery → SupplierCounterDailySalesResponse: per counter and day (专柜日销售). */
  counterDailySales: `${SUPPLIER_API_BASE}/sales/counter-daily`,
  counterDailySalesExport: `${SUPPLIER_API_BASE}/sales/counter-daily/export`,
  /** SupplierSalesQuery → SupplierDailySalesResponse: per day, counter, SKU and rate (日销售明细). */
  dailySales: `${SUPPLIER_API_BASE}/sales/daily`,
  dailySalesExport: `${SUPPLIER_API_BASE}/sales/daily/export`,
  /** SupplierSalesQuery → SupplierPeriodSalesResponse: per accounting period, counter, SKU and rate (会计期间销售). */
  periodSales: `${SUPPLIER_API_BASE}/sales/period`,
  periodSalesExport: `${SUPPLIER_API_BASE}/sales/period/export`,

  /** ?counter=&serial=&area=&from=&to= → SupplierPromotionsResponse: promotions covering the supplier's counters. */
  promotions: `${SUPPLIER_API_BASE}/promotions`,
  promotionsExport: `${SUPPLIER_API_BASE}/promotions/export`,

  /** ?period=&store=&counter= → SupplierSuppliesResponse (领用明细). */
  supplies: `${SUPPLIER_API_BASE}/supplies`,
  suppliesExport: `${SUPPLIER_API_BASE}/supplies/export`,

  /** ?q= → SupplierNoticesResponse: notices and documents published to everyone or to this supplier, newest first. */
  notices: `${SUPPLIER_API_BASE}/notices`,
  /** → SupplierNotice (with its body). */
  notice: (id: string) => `${SUPPLIER_API_BASE}/notices/${enc(id)}`,
  /** The notice's attached document, as uploaded (Content-Disposition: attachment). 404 when it has none. */
  noticeDocument: (id: string) => `${SUPPLIER_API_BASE}/notices/${enc(id)}/document`,

  /** GET → SupplierFeedbackListResponse (own only, newest first); POST SupplierFeedbackRequest → SupplierFeedback (201). */
  feedback: `${SUPPLIER_API_BASE}/feedback`,
  /** → SupplierFeedback. 404 unless the supplier's. */
  feedbackItem: (id: string) => `${SUPPLIER_API_BASE}/feedback/${enc(id)}`,
} as const;

// ---------------------------------------------------------------------------------------------------------------
// Common shapes

const DAY_PATTERN = '^\\d{4}-\\d{2}-\\d{2}$';
const daySchema = { type: 'string', pattern: DAY_PATTERN } as const;
const codeSchema = { type: 'string', minLength: 1, maxLength: 64 } as const;
const searchSchema = { type: 'string', maxLength: 64 } as const;

export interface SupplierPeriod {
  /** First day: what `period` parameters take. */
  from: string;
  /** Last day, inclusive. */
  to: string;
  /** YYYY-MM. */
  label: string;
}
export interface SupplierPeriodsResponse {
  periods: SupplierPeriod[];
}

export interface SupplierCounter {
  /** The counter code (专柜编码). */
  id: string;
  name: string;
  storeId: string;
  storeName: string;
  areaCode: string;
  category: string;
}
export interface SupplierCountersResponse {
  counters: SupplierCounter[];
}

/** Export query: `?format=xlsx|csv&lang=zh-CN|en` added to any list's filters. */
export type SupplierExportFormat = 'xlsx' | 'csv';
export interface SupplierExportQuery {
  format?: SupplierExportFormat;
  lang?: 'zh-CN' | 'en';
}

// ---------------------------------------------------------------------------------------------------------------
// Sign-in and session

export interface SupplierSignInRequest {
  supplierCode: string;
  password: string;
}

export interface SupplierChangePasswordRequest {
  currentPassword: string;
  newPassword: string;
}

export interface SupplierIdentity {
  /** The supplier code (供应商编码), also its id. */
  code: string;
  name: string;
}

export interface SupplierSessionResponse {
  supplier: SupplierIdentity;
  /** For the x-csrf-token header of every POST. */
  csrfToken: string;
  expiresAt: string;
  /** The password was issued by the chain: only change-password, session and sign-out answer until it is changed. */
  mustChangePassword: boolean;
}
export type SupplierSignInResponse = SupplierSessionResponse;

export interface SupplierSignOutResponse {
  signedOut: true;
}

export const supplierSignInRequestSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    supplierCode: codeSchema,
    // No minimum length: a short password is simply wrong and is answered like any wrong one.
    password: { type: 'string', minLength: 1, maxLength: SUPPLIER_PASSWORD_MAX },
  },
  required: ['supplierCode', 'password'],
} as const satisfies JsonSchema;

export const supplierChangePasswordRequestSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    currentPassword: { type: 'string', minLength: 1, maxLength: SUPPLIER_PASSWORD_MAX },
    // The rules beyond length are supplierPasswordRefusal's, answered as SUPPLIER_PASSWORD_REJECTED with a reason.
    newPassword: { type: 'string', minLength: 1, maxLength: SUPPLIER_PASSWORD_MAX },
  },
  required: ['currentPassword', 'newPassword'],
} as const satisfies JsonSchema;

export const supplierSessionResponseSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    supplier: { type: 'object', additionalProperties: false, properties: { code: { type: 'string' }, name: { type: 'string' } }, required: ['code', 'name'] },
    csrfToken: { type: 'string' },
    expiresAt: { type: 'string', format: 'date-time' },
    mustChangePassword: { type: 'boolean' },
  },
  required: ['supplier', 'csrfToken', 'expiresAt', 'mustChangePassword'],
} as const satisfies JsonSchema;

// ---------------------------------------------------------------------------------------------------------------
// Statements (专柜结款单)

/** The statement statuses a supplier sees (`superseded` only on earlier versions). */
export const SUPPLIER_STATEMENT_STATUSES = ['issued', 'confirmed', 'disputed', 'resolved', 'paid', 'superseded'] as const;
export type SupplierStatementStatus = (typeof SUPPLIER_STATEMENT_STATUSES)[number];

export interface SupplierStatementSummary {
  /** e.g. JS202611-C001: what the barcode encodes and the detail route takes. */
  number: string;
  /** The current version's number (1, then 2 after a correction, …). */
  version: number;
  counterId: string;
  counterName: string;
  storeId: string;
  period: SupplierPeriod;
  status: SupplierStatementStatus;
  netSales: number;
  commission: number;
  invoiceAmount: number;
  otherDeductions: number;
  payable: number;
  issuedAt: string | null;
}
export interface SupplierStatementsResponse {
  statements: SupplierStatementSummary[];
  truncated: boolean;
}
export interface SupplierStatementsQuery {
  period?: string;
  /** Part of a statement number, counter code or counter name (case-insensitive). */
  q?: string;
}
export const supplierStatementsQuerySchema = {
  type: 'object',
  additionalProperties: false,
  properties: { period: daySchema, q: searchSchema },
} as const satisfies JsonSchema;

/**
 * One version of a statement. `body` is the statement exactly as frozen when it was drafted, the same for the
 * console, the PDF and the exports (model/settlement/types.ts): groups (regular and each promotion, with rate,
 * sales, returns, net, commission), deductions (其他扣款: fee bill items, contract fees, supplies) and totals (gross,
 * returns, net, commission with the guaranteed-minimum shortfall 保底补差, invoice amount 供应商开票金额, deductions,
 * payable).
 */
export interface SupplierStatementVersion {
  version: number;
  status: SupplierStatementStatus;
  /** Why this version replaced the one before (null on version 1). */
  correctionReason: string | null;
  issuedAt: string | null;
  body: StatementBody;
}

export interface SupplierStatementEvent {
  version: number;
  /** issued, confirmed, disputed, resolved, corrected, paid (settlement's STATEMENT_EVENT_TYPES; never drafted). */
  type: StatementEventType;
  /** 'supplier' for the supplier's own acts; 'chain' for the chain's (no console user names leave the centre). */
  by: 'supplier' | 'chain';
  /** The supplier's dispute comment, or finance's answer (resolved), or a correction's reason. */
  comment: string | null;
  at: string;
}

export interface SupplierStatementDetail {
  number: string;
  counterId: string;
  counterName: string;
  storeId: string;
  storeName: string;
  supplier: SupplierIdentity;
  period: SupplierPeriod;
  current: SupplierStatementVersion;
  /** Earlier (superseded) versions, newest first. Drafts never show. */
  earlier: SupplierStatementVersion[];
  events: SupplierStatementEvent[];
  /** Whether confirm and dispute would be accepted now (the current version is issued). */
  canRespond: boolean;
}

export interface SupplierConfirmRequest {
  /** The version the supplier looked at: a confirmation of an older one is refused (409 CONFLICT). */
  version: number;
}
export const SUPPLIER_DISPUTE_COMMENT_MAX = 2000;
export interface SupplierDisputeRequest {
  version: number;
  /** What is wrong, in the supplier's words; finance answers with a corrected version. */
  comment: string;
}
export const supplierConfirmRequestSchema = {
  type: 'object',
  additionalProperties: false,
  properties: { version: { type: 'integer', minimum: 1 } },
  required: ['version'],
} as const satisfies JsonSchema;
export const supplierDisputeRequestSchema = {
  type: 'object',
  additionalProperties: false,
  properties: { version: { type: 'integer', minimum: 1 }, comment: { type: 'string', minLength: 1, maxLength: SUPPLIER_DISPUTE_COMMENT_MAX, pattern: '\\S' } },
  required: ['version', 'comment'],
} as const satisfies JsonSchema;
export const supplierStatementFileQuerySchema = {
  type: 'object',
  additionalProperties: false,
  properties: { version: { type: 'integer', minimum: 1 }, format: { type: 'string', enum: ['xlsx', 'csv'] }, lang: { type: 'string', enum: ['zh-CN', 'en'] } },
} as const satisfies JsonSchema;

// ---------------------------------------------------------------------------------------------------------------
// Fee bills (供应商费用单)

export interface SupplierFeeItem {
  code: string;
  name: string;
  /** Fen including tax (价税合计). */
  amount: number;
}
export interface SupplierFeeBill {
  id: string;
  counterId: string;
  counterName: string;
  period: SupplierPeriod;
  items: SupplierFeeItem[];
  total: number;
  createdAt: string;
}
/**
 * Per counter and period: what the statement's other deductions are made of. feeBills + contractFees + supplies =
 * otherDeductions, which equals the statement's otherDeductions once the statement is drafted (statementNumber set).
 */
export interface SupplierDeductionTotals {
  counterId: string;
  period: SupplierPeriod;
  feeBills: number;
  contractFees: number;
  supplies: number;
  otherDeductions: number;
  statementNumber: string | null;
  /** The current statement's otherDeductions, for the page to show they tie; null without a statement. */
  statementOtherDeductions: number | null;
}
export interface SupplierFeeBillsResponse {
  bills: SupplierFeeBill[];
  totals: SupplierDeductionTotals[];
  truncated: boolean;
}
export interface SupplierFeeBillsQuery {
  period?: string;
  counter?: string;
}
export const supplierFeeBillsQuerySchema = {
  type: 'object',
  additionalProperties: false,
  properties: { period: daySchema, counter: codeSchema },
} as const satisfies JsonSchema;

// ---------------------------------------------------------------------------------------------------------------
// Sales

/**
 * Filters of every sales list. A period gives its days (from/to narrow them further); without period, from and to
 * are required and at most SUPPLIER_SALES_MAX_DAYS apart. counter and sku narrow (404 for a counter not theirs).
 */
export interface SupplierSalesQuery {
  from?: string;
  to?: string;
  period?: string;
  counter?: string;
  sku?: string;
}
export const SUPPLIER_SALES_MAX_DAYS = 366;
export const supplierSalesQuerySchema = {
  type: 'object',
  additionalProperties: false,
  properties: { from: daySchema, to: daySchema, period: daySchema, counter: codeSchema, sku: codeSchema },
} as const satisfies JsonSchema;

/** Sales figures: qty sold and returned, amounts in fen; net = sales − returns. */
export interface SupplierSalesFigures {
  qty: number;
  returnedQty: number;
  sales: number;
  returns: number;
  net: number;
}
export interface SupplierCounterDailySalesRow extends SupplierSalesFigures {
  day: string;
  counterId: string;
  counterName: string;
  storeId: string;
}
/** Online orders handed over and the till (POS) import together, as the statement counts them. */
export interface SupplierDailySalesRow extends SupplierSalesFigures {
  day: string;
  counterId: string;
  storeId: string;
  sku: string;
  /** The product's name where the catalogue has it, else the SKU. */
  name: string;
  /** Regular sales: null; under a promotion: its serial number. Returns count in the group of the sale returned. */
  promotionId: string | null;
  rateBp: number;
}
export interface SupplierPeriodSalesRow extends SupplierSalesFigures {
  period: SupplierPeriod;
  counterId: string;
  storeId: string;
  sku: string;
  name: string;
  promotionId: string | null;
  rateBp: number;
}
export interface SupplierSalesResponse<Row> {
  rows: Row[];
  totals: SupplierSalesFigures;
  truncated: boolean;
}
export type SupplierCounterDailySalesResponse = SupplierSalesResponse<SupplierCounterDailySalesRow>;
export type SupplierDailySalesResponse = SupplierSalesResponse<SupplierDailySalesRow>;
export type SupplierPeriodSalesResponse = SupplierSalesResponse<SupplierPeriodSalesRow>;

// ---------------------------------------------------------------------------------------------------------------
// Promotions (买送活动)

export interface SupplierPromotion {
  /** The activity serial number. */
  id: string;
  name: string;
  fromDay: string;
  toDay: string;
  rateBp: number;
  /** Only the supplier's own counters it covers (named, or through an area code); never anyone else's. */
  counterIds: string[];
  /** The area codes it names that hold one of the supplier's counters. */
  areaCodes: string[];
}
export interface SupplierPromotionsResponse {
  promotions: SupplierPromotion[];
  truncated: boolean;
}
export interface SupplierPromotionsQuery {
  counter?: string;
  /** Part of the activity serial number. */
  serial?: string;
  area?: string;
  /** Promotions running on any day from..to. */
  from?: string;
  to?: string;
}
export const supplierPromotionsQuerySchema = {
  type: 'object',
  additionalProperties: false,
  properties: { counter: codeSchema, serial: searchSchema, area: codeSchema, from: daySchema, to: daySchema },
} as const satisfies JsonSchema;

// ---------------------------------------------------------------------------------------------------------------
// Supplies usage (领用明细)

export interface SupplierSuppliesRow {
  id: string;
  counterId: string;
  storeId: string;
  period: SupplierPeriod;
  day: string;
  item: string;
  qty: number;
  unitPrice: number;
  amount: number;
}
export interface SupplierSuppliesResponse {
  rows: SupplierSuppliesRow[];
  total: number;
  truncated: boolean;
}
export interface SupplierSuppliesQuery {
  period?: string;
  /** Store code; 404 for a store where the supplier has no counter. */
  store?: string;
  counter?: string;
}
export const supplierSuppliesQuerySchema = {
  type: 'object',
  additionalProperties: false,
  properties: { period: daySchema, store: codeSchema, counter: codeSchema },
} as const satisfies JsonSchema;

// ---------------------------------------------------------------------------------------------------------------
// Notices and documents

export interface SupplierNoticeDocument {
  fileName: string;
  mediaType: string;
  bytes: number;
}
export interface SupplierNoticeSummary {
  id: string;
  title: string;
  /** notice: a message; document: a file to download (a contract template, a price list, …). */
  kind: 'notice' | 'document';
  publishedAt: string;
  document: SupplierNoticeDocument | null;
}
export interface SupplierNotice extends SupplierNoticeSummary {
  /** Plain text; the page shows it with line breaks kept, never as HTML. */
  body: string;
}
export interface SupplierNoticesResponse {
  notices: SupplierNoticeSummary[];
  truncated: boolean;
}
export const supplierNoticesQuerySchema = {
  type: 'object',
  additionalProperties: false,
  properties: { q: searchSchema, kind: { type: 'string', enum: ['notice', 'document'] } },
} as const satisfies JsonSchema;

// ---------------------------------------------------------------------------------------------------------------
// Feedback (to finance)

export const SUPPLIER_FEEDBACK_SUBJECT_MAX = 200;
export interface SupplierFeedbackRequest {
  subject: string;
  question: string;
  /** A statement number it is about (must be the supplier's own), if any. */
  statementNumber?: string;
}
export interface SupplierFeedback {
  id: string;
  subject: string;
  question: string;
  statementNumber: string | null;
  askedAt: string;
  /** null until finance answers. */
  answer: string | null;
  answeredAt: string | null;
}
export interface SupplierFeedbackListResponse {
  feedback: SupplierFeedback[];
  truncated: boolean;
}
export const supplierFeedbackRequestSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    subject: { type: 'string', minLength: 1, maxLength: SUPPLIER_FEEDBACK_SUBJECT_MAX, pattern: '\\S' },
    question: { type: 'string', minLength: 1, maxLength: SUPPLIER_FEEDBACK_TEXT_MAX, pattern: '\\S' },
    statementNumber: codeSchema,
  },
  required: ['subject', 'question'],
} as const satisfies JsonSchema;

