/** Stable error codes. Clients switch on these; the message is for people. Never rename one. */
export const ERROR_CODES = [
  'UNAUTHORIZED',
  'FORBIDDEN',
  'VALIDATION_FAILED',
  'PAYLOAD_TOO_LARGE',
  'NOT_FOUND',
  'UNKNOWN_COLLECTION',
  'WRONG_WRITER',
  'STORE_MISMATCH',
  'DEVICE_MISMATCH',
  'UNKNOWN_ORDER',
  'CONFLICT',
  'ENROLLMENT_CODE_INVALID',
  'ENROLLMENT_CODE_EXPIRED',
  'ENROLLMENT_CODE_USED',
  'DEVICE_REVOKED',
  'UNKNOWN_STORE',
  'NO_STORE_FOR_LOCATION',
  'UNSUPPORTED_PROTOCOL_VERSION',
  'UNSUPPORTED_SCHEMA_VERSION',
  'NETWORK',
  'INTERNAL',
  'UNKNOWN_OPERATOR',
  'OPERATOR_INACTIVE',
  'APPROVAL_REQUIRED',
  /** Too many failed authentication attempts from this address; the Retry-After header says when to try again. */
  'RATE_LIMITED',
  /** The device or its store already holds as many live streams as the server allows. */
  'TOO_MANY_STREAMS',
  /** The request is malformed below the level of its fields: an undecodable URL, broken HTTP framing. */
  'BAD_REQUEST',
  /** The request's headers are larger than the server reads (431). */
  'HEADER_TOO_LARGE',
  /** The client took too long to send its request (408). */
  'REQUEST_TIMEOUT',
  /** The body's Content-Type is not one the route reads (415); the API takes application/json. */
  'UNSUPPORTED_MEDIA_TYPE',
  /**
   * The terminal was away longer than its store keeps the evictions it missed (maxOfflineDays): it must push what it
   * holds unsent and sync its window again from scratch (sync/client/window-resync.ts).
   */
  'WINDOW_EXPIRED',
  /** A pickup pass was asked for an order that is not a pickup order (409). */
  'NOT_PICKUP_ORDER',
  /** A pickup pass was asked for a pickup order that is not waiting for its customer (409; details.status says why). */
  'PICKUP_NOT_READY',
  // Central console: sign-in, sessions and roles (sync/server/console-auth/, sync/protocol/console.ts).
  /** No valid console session: no cookie, an unknown, expired or signed-out session, or a disabled user (401). */
  'CONSOLE_SIGNED_OUT',
  /** The console name or password is wrong (401); the answer never says which. */
  'CONSOLE_SIGN_IN_FAILED',
  /** The signed-in console user's role may not do this, or a manager asked about a store not theirs (403). */
  'CONSOLE_ROLE_FORBIDDEN',
  /** A console write without the session's CSRF token in the x-csrf-token header, or with a wrong one (403). */
  'CSRF_INVALID',
  // Reconciliation (sync/server/reconciliation/): a bill file refused whole (model/money/bill.ts BILL_REFUSALS), a
  // refund the platform reports beyond what was paid, a resolution of an exception that does not exist.
  'BILL_TRUNCATED',
  'BILL_TOTALS_MISMATCH',
  'BILL_MISSING_COLUMN',
  'BILL_BAD_VALUE',
  'BILL_UNRECOGNISED',
  'BILL_WRONG_DAY',
  'REFUND_EXCEEDS_PAID',
  'REFUND_CONFLICT',
  'PAYMENT_NOT_ONLINE',
  // Supplier portal sign-in (sync/server/supplier-auth/, sync/protocol/supplier.ts).
  /** No valid supplier portal session: no cookie, an unknown, expired or ended session, a disabled account (401). */
  'SUPPLIER_SIGNED_OUT',
  /** The supplier code or password is wrong (401); the answer never says which. */
  'SUPPLIER_SIGN_IN_FAILED',
  /** Too many wrong passwords in a row: the account refuses every sign-in until details.lockedUntil (423). */
  'SUPPLIER_ACCOUNT_LOCKED',
  /** The password was issued by the chain and must be changed before anything else (403). */
  'SUPPLIER_PASSWORD_CHANGE_REQUIRED',
  /** The new password breaks a rule (400); details.reason is one of SUPPLIER_PASSWORD_REFUSALS. */
  'SUPPLIER_PASSWORD_REJECTED',
  // Settlement master data (sync/server/settlement/master/, protocol/settlement-master.ts).
  /** A supplier code named by a counter does not exist (422). */
  'UNKNOWN_SUPPLIER',
  /** A counter code named by a contract, promotion, fee bill, supplies line or SKU set does not exist (404/422). */
  'UNKNOWN_COUNTER',
  /** A SKU is already another counter's in the same store (409; details.clashes: [{sku, counterId}]). */
  'SKU_CLAIMED',
  /** A day given as a period's first day is not one under the accounting period rules (422; details.periodFrom). */
  'NOT_A_PERIOD_START',
  /** The counter's statement for that period is paid: its fees, supplies and till sales can no longer change (409). */
  'PERIOD_SETTLED',
  /**
   * A promotion or a counter's area code would reprice days that an issued (not draft) statement of a counter it
   * touches already covers (409; details.statements: the numbers). Correct the statement first: a draft can change.
   */
  'STATEMENT_ISSUED',
  /**
   * A SKU would leave a counter that sold or took back that SKU in a period it has an issued statement for: its sales
   * would then show on the next counter's screens (409; details.skus).
   */
  'SKU_HAS_SALES',
  /** A till sales file refused whole, before anything of it was stored (422; details: {errors: [{line, column, message}], more}). */
  'POS_FILE_INVALID',
  /** A till sales file whose rows do not add up to its own totals row (422). */
  'POS_TOTALS_MISMATCH',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** The body of every error response. */
export interface ErrorBody {
  code: ErrorCode;
  message: string;
  /** Where it applies: which field or document. */
  details?: { path?: string; documentId?: string; [key: string]: unknown };
}

export const errorBodySchema = {
  type: 'object',
  properties: {
    code: { type: 'string', enum: ERROR_CODES },
    message: { type: 'string' },
    details: { type: 'object', additionalProperties: true },
  },
  required: ['code', 'message'],
} as const;

/** An error with a stable code, thrown by clients of the protocol and by the server's handlers. */
export class ProtocolError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly status = 400,
    readonly details?: ErrorBody['details'],
  ) {
    super(message);
    this.name = 'ProtocolError';
  }

  toBody(): ErrorBody {
    return this.details ? { code: this.code, message: this.message, details: this.details } : { code: this.code, message: this.message };
  }
}

export function isErrorBody(value: unknown): value is ErrorBody {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { code?: unknown }).code === 'string' &&
    (ERROR_CODES as readonly string[]).includes((value as { code: string }).code) &&
    typeof (value as { message?: unknown }).message === 'string'
  );
}
