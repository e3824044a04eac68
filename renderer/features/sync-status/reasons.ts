import type { ErrorCode } from '../../../sync/protocol/errors.js';

/** The kinds of sync problem staff are told about, each one sentence in `sync.reason` (messages.ts). */
export type SyncReason = 'network' | 'notEnrolled' | 'refused' | 'busy' | 'version' | 'window' | 'server';

/**
 * Every protocol code, sorted into what staff can understand and do something about. A Record over ErrorCode, so a
 * new code does not compile until someone decides what the screen says about it. The code itself never reaches the
 * screen; it stays in the indicator's data-code for support and the tests.
 */
const REASONS: Record<ErrorCode, SyncReason> = {
  NETWORK: 'network',
  REQUEST_TIMEOUT: 'network',
  UNAUTHORIZED: 'notEnrolled',
  DEVICE_REVOKED: 'notEnrolled',
  UNKNOWN_STORE: 'notEnrolled',
  FORBIDDEN: 'refused',
  STORE_MISMATCH: 'refused',
  DEVICE_MISMATCH: 'refused',
  WRONG_WRITER: 'refused',
  VALIDATION_FAILED: 'refused',
  PAYLOAD_TOO_LARGE: 'refused',
  UNKNOWN_COLLECTION: 'version',
  UNSUPPORTED_PROTOCOL_VERSION: 'version',
  UNSUPPORTED_SCHEMA_VERSION: 'version',
  RATE_LIMITED: 'busy',
  TOO_MANY_STREAMS: 'busy',
  WINDOW_EXPIRED: 'window',
  // Per-document refusals land in the quarantine drawer; as a request's outcome they mean the server misbehaved.
  NOT_FOUND: 'server',
  UNKNOWN_ORDER: 'server',
  CONFLICT: 'server',
  ENROLLMENT_CODE_INVALID: 'server',
  ENROLLMENT_CODE_EXPIRED: 'server',
  ENROLLMENT_CODE_USED: 'server',
  NO_STORE_FOR_LOCATION: 'server',
  UNKNOWN_OPERATOR: 'server',
  OPERATOR_INACTIVE: 'server',
  APPROVAL_REQUIRED: 'server',
  BAD_REQUEST: 'server',
  NOT_PICKUP_ORDER: 'server',
  PICKUP_NOT_READY: 'server',
  // The central console's codes: a terminal never calls the console's API, so from sync they mean a server fault.
  CONSOLE_SIGNED_OUT: 'server',
  CONSOLE_SIGN_IN_FAILED: 'server',
  CONSOLE_ROLE_FORBIDDEN: 'server',
  CSRF_INVALID: 'server',
  HEADER_TOO_LARGE: 'server',
  UNSUPPORTED_MEDIA_TYPE: 'server',
  INTERNAL: 'server',
  // Reconciliation: answers of the centre's console and Platform API, never of a terminal's sync.
  BILL_TRUNCATED: 'server',
  BILL_TOTALS_MISMATCH: 'server',
  BILL_MISSING_COLUMN: 'server',
  BILL_BAD_VALUE: 'server',
  BILL_UNRECOGNISED: 'server',
  BILL_WRONG_DAY: 'server',
  REFUND_EXCEEDS_PAID: 'server',
  REFUND_CONFLICT: 'server',
  PAYMENT_NOT_ONLINE: 'server',
  SUPPLIER_SIGNED_OUT: 'server',
  SUPPLIER_SIGN_IN_FAILED: 'server',
  SUPPLIER_ACCOUNT_LOCKED: 'server',
  SUPPLIER_PASSWORD_CHANGE_REQUIRED: 'server',
  SUPPLIER_PASSWORD_REJECTED: 'server',
  // Settlement master data: the console's, never a terminal's.
  UNKNOWN_SUPPLIER: 'server',
  UNKNOWN_COUNTER: 'server',
  SKU_CLAIMED: 'server',
  NOT_A_PERIOD_START: 'server',
  PERIOD_SETTLED: 'server',
  STATEMENT_ISSUED: 'server',
  SKU_HAS_SALES: 'server',
  POS_FILE_INVALID: 'server',
  POS_TOTALS_MISMATCH: 'server',
};

export function syncReason(code: ErrorCode): SyncReason {
  return REASONS[code];
}

/**
 * Whether the problem needs its own mark beside the light. Offline already says "the server cannot be reached"; a
 * network error while offline adds nothing, but anything else (a revoked terminal, a version mismatch) does, and
 * so does any error while the light is green.
 */
export function showsProblem(online: boolean, code: ErrorCode | undefined): boolean {
  if (code === undefined) return false;
  return online || syncReason(code) !== 'network';
}
