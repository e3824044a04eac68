/**
 * The console's side of the supplier portal (head office, roles admin and finance; the console's cookie and CSRF
 * token; every write audited): portal accounts and their one-time passwords, notices and documents, answers to
 * feedback. It reads supplier.ts (the portal's side), never the other way round.
 */
import type { JsonSchema } from '../model/json-schema.js';
import { CONSOLE_API_BASE } from './console.js';
import { SUPPLIER_FEEDBACK_TEXT_MAX, type SupplierFeedback, type SupplierNotice } from './supplier.js';

const enc = encodeURIComponent;
const codeSchema = { type: 'string', minLength: 1, maxLength: 64 } as const;

export const SUPPLIER_CONSOLE_BASE = `${CONSOLE_API_BASE}/supplier-portal`;

export const supplierConsoleRoutes = {
  /** → SupplierAccountsResponse: every supplier with its portal account's state (or none yet). */
  accounts: `${SUPPLIER_CONSOLE_BASE}/accounts`,
  /**
   * POST {} → SupplierIssuePasswordResponse: creates the supplier's account or resets its password to a new random
   * one, answered this once; must be changed at the next sign-in; ends the supplier's sessions and any lockout.
   * 404 NOT_FOUND for an unknown supplier.
   */
  issuePassword: (supplierId: string) => `${SUPPLIER_CONSOLE_BASE}/accounts/${enc(supplierId)}/issue-password`,
  /** POST SupplierAccountUpdateRequest → SupplierAccountView: disable (ends sessions) or enable the account. */
  updateAccount: (supplierId: string) => `${SUPPLIER_CONSOLE_BASE}/accounts/${enc(supplierId)}`,
  /** GET → SupplierConsoleNoticesResponse (all, withdrawn too); POST SupplierPublishNoticeRequest → SupplierConsoleNotice (201). */
  notices: `${SUPPLIER_CONSOLE_BASE}/notices`,
  /**
   * PUT the raw file as the body (Content-Type its media type, at most SUPPLIER_DOCUMENT_MAX_BYTES),
   * ?fileName= → SupplierConsoleNotice; GET → the file. A notice's document may be replaced until withdrawn.
   */
  noticeDocument: (id: string) => `${SUPPLIER_CONSOLE_BASE}/notices/${enc(id)}/document`,
  /** POST {} → SupplierConsoleNotice: no longer shown to suppliers. */
  withdrawNotice: (id: string) => `${SUPPLIER_CONSOLE_BASE}/notices/${enc(id)}/withdraw`,
  /** ?status=open|answered&supplierId= → SupplierConsoleFeedbackResponse, open first, oldest first. */
  feedback: `${SUPPLIER_CONSOLE_BASE}/feedback`,
  /** POST SupplierAnswerFeedbackRequest → SupplierConsoleFeedback. Answering again replaces the answer. */
  answerFeedback: (id: string) => `${SUPPLIER_CONSOLE_BASE}/feedback/${enc(id)}/answer`,
} as const;

export interface SupplierAccountView {
  supplierId: string;
  supplierName: string;
  /** false: no account yet (issue a password to create it). */
  hasAccount: boolean;
  mustChangePassword: boolean;
  disabled: boolean;
  /** Set while locked out after repeated wrong passwords. */
  lockedUntil: string | null;
  lastSignInAt: string | null;
  passwordIssuedAt: string | null;
}
export interface SupplierAccountsResponse {
  accounts: SupplierAccountView[];
}
export interface SupplierIssuePasswordResponse {
  account: SupplierAccountView;
  /** Shown this once; the server keeps only its hash. The supplier must change it at first sign-in. */
  password: string;
}
export interface SupplierAccountUpdateRequest {
  disabled: boolean;
}
export const supplierAccountUpdateRequestSchema = {
  type: 'object',
  additionalProperties: false,
  properties: { disabled: { type: 'boolean' } },
  required: ['disabled'],
} as const satisfies JsonSchema;

export const SUPPLIER_NOTICE_TITLE_MAX = 200;
export const SUPPLIER_NOTICE_BODY_MAX = 20_000;
export const SUPPLIER_DOCUMENT_MAX_BYTES = 10 * 1024 * 1024;
/** Media types a document may have (served with Content-Disposition: attachment and nosniff whatever it is). */
export const SUPPLIER_DOCUMENT_MEDIA_TYPES = [
  'application/pdf',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.ms-excel',
  'application/msword',
  'text/csv',
  'text/plain',
  'image/png',
  'image/jpeg',
  'application/zip',
  'application/octet-stream',
] as const;

export interface SupplierPublishNoticeRequest {
  title: string;
  body: string;
  kind: 'notice' | 'document';
  /** Every supplier, or the suppliers in supplierIds only. */
  audience: 'all' | 'listed';
  /** With audience 'listed': at least one supplier id (each must exist). Ignored (must be absent) with 'all'. */
  supplierIds?: string[];
}
export const supplierPublishNoticeRequestSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    title: { type: 'string', minLength: 1, maxLength: SUPPLIER_NOTICE_TITLE_MAX, pattern: '\\S' },
    body: { type: 'string', maxLength: SUPPLIER_NOTICE_BODY_MAX },
    kind: { type: 'string', enum: ['notice', 'document'] },
    audience: { type: 'string', enum: ['all', 'listed'] },
    supplierIds: { type: 'array', items: codeSchema, minItems: 1, maxItems: 5000, uniqueItems: true },
  },
  required: ['title', 'body', 'kind', 'audience'],
} as const satisfies JsonSchema;

export interface SupplierConsoleNotice extends SupplierNotice {
  audience: 'all' | 'listed';
  /** The listed suppliers ([] with audience 'all'). */
  supplierIds: string[];
  publishedBy: string;
  withdrawnAt: string | null;
}
export interface SupplierConsoleNoticesResponse {
  notices: SupplierConsoleNotice[];
}

export interface SupplierConsoleFeedback extends SupplierFeedback {
  supplierId: string;
  supplierName: string;
  /** The console user who answered. */
  answeredBy: string | null;
}
export interface SupplierConsoleFeedbackResponse {
  feedback: SupplierConsoleFeedback[];
}
export const supplierConsoleFeedbackQuerySchema = {
  type: 'object',
  additionalProperties: false,
  properties: { status: { type: 'string', enum: ['open', 'answered'] }, supplierId: codeSchema },
} as const satisfies JsonSchema;
export interface SupplierAnswerFeedbackRequest {
  answer: string;
}
export const supplierAnswerFeedbackRequestSchema = {
  type: 'object',
  additionalProperties: false,
  properties: { answer: { type: 'string', minLength: 1, maxLength: SUPPLIER_FEEDBACK_TEXT_MAX, pattern: '\\S' } },
  required: ['answer'],
} as const satisfies JsonSchema;
