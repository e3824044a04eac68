/**
 * A payment provider's daily bill, as the parsers read it (sync/server/reconciliation/bills/) and the matching
 * (money/matching.ts) consumes it. The parsers turn the provider's own file into this shape or refuse it whole
 * (design §9: imports are all or nothing); nothing downstream reads a bill file.
 *
 * Amounts are fen. A fee may be given finer than the fen in the file (WeChat gives it to the 1/10 000 yuan): the
 * parser checks the file's own totals with the exact figures, and rounds each row's fee to the fen once, half up,
 * here (`fee`); `feeExact` keeps the provider's text for display and audit.
 */
export const BILL_PROVIDERS = ['wechat', 'alipay'] as const;
export type BillProvider = (typeof BILL_PROVIDERS)[number];

/** A payment received, or a refund paid back (its amount is positive; `kind` says which way the money went). */
export type BillItemKind = 'payment' | 'refund';

export interface BillItem {
  kind: BillItemKind;
  /** When the provider booked it, ISO-8601 UTC (the file gives Beijing time). */
  at: string;
  /** The provider's own transaction number (微信订单号, 支付宝交易号). */
  transactionId: string;
  /** The merchant order number we sent the provider (商户订单号): the order's payment.outTradeNo. */
  outTradeNo: string;
  /** Refunds: the provider's refund number (微信退款单号) and ours (商户退款单号, the platform's refundId). */
  refundId?: string;
  outRefundNo?: string;
  /** Fen, > 0: what was paid, or what was refunded. */
  amount: number;
  /** Fen, signed as the file signs it (a refund usually gives part of the fee back: negative), rounded half up once. */
  fee: number;
  /** The fee exactly as the file wrote it, in yuan (e.g. "0.0768"). */
  feeExact: string;
  /** The provider's status text for the row (SUCCESS, REFUND, 交易, 退款, …), kept for people. */
  status: string;
  /** 1-based line of the file (or of the CSV inside the ZIP) the row came from, for messages. */
  line: number;
}

export interface BillTotals {
  /** Number of detail rows. */
  count: number;
  /** Fen: sum of the payment rows' amounts, and of the refund rows' amounts. */
  paid: number;
  refunded: number;
  /** Fen: sum of the rounded fees (the exact sum was checked against the file's own total by the parser). */
  fees: number;
}

export interface ParsedBill {
  provider: BillProvider;
  /** The bill day, YYYY-MM-DD in Beijing time (00:00–24:00 Asia/Shanghai). */
  billDate: string;
  /** The merchant number (商户号 / 支付宝账号) the bill belongs to, when the file says. */
  merchantId?: string;
  items: BillItem[];
  totals: BillTotals;
}

/** Why a bill file is refused; nothing of a refused file is stored. */
export const BILL_REFUSALS = [
  /** The file stops before its summary or footer, or in the middle of a row. */
  'BILL_TRUNCATED',
  /** The file's own totals (count, amounts, fees) differ from the sum of its rows. */
  'BILL_TOTALS_MISMATCH',
  /** A column the matching needs is missing from the header. */
  'BILL_MISSING_COLUMN',
  /** A value cannot be read (an amount with three decimals, a date that is not one, an unknown status). */
  'BILL_BAD_VALUE',
  /** Not a bill of the kind given: not a ZIP, no CSV inside it, not the provider's header. */
  'BILL_UNRECOGNISED',
  /** Rows of the bill fall outside the bill day it names. */
  'BILL_WRONG_DAY',
] as const;
export type BillRefusalCode = (typeof BILL_REFUSALS)[number];

export interface BillRefusal {
  code: BillRefusalCode;
  message: string;
  /** The line it was found on, when there is one. */
  line?: number;
}

export type BillParse = { ok: true; bill: ParsedBill } | { ok: false; refusal: BillRefusal };
