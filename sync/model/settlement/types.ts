/**
 * The settlement statement (专柜结款单) as data: what the pure arithmetic (statement.ts) produces, what is frozen
 * into a statement version's body when it is drafted, and what every reader shows (console, portal, PDF, exports).
 * Money is integer fen; rates are basis points (2500 = 25 %).
 */

/** draft → issued → confirmed | disputed → resolved → paid; confirmed → paid; any version → superseded by a correction. */
export const STATEMENT_STATUSES = ['draft', 'issued', 'confirmed', 'disputed', 'resolved', 'paid', 'superseded'] as const;
export type StatementStatus = (typeof STATEMENT_STATUSES)[number];

/** What statement_events records. `corrected` sits on the version corrected, its comment the new version's id. */
export const STATEMENT_EVENT_TYPES = ['drafted', 'issued', 'confirmed', 'disputed', 'resolved', 'corrected', 'paid'] as const;
export type StatementEventType = (typeof STATEMENT_EVENT_TYPES)[number];

export type RateGroupKind = 'regular' | 'promotion';

/** Sales of one rate group: the regular (base) rate, or one promotion's rate. */
export interface StatementGroupLine {
  kind: RateGroupKind;
  /** The promotion's id (activity serial number) for a promotion group; null for the regular group. */
  promotionId: string | null;
  promotionName: string | null;
  rateBp: number;
  /** Sales (fen, ≥ 0 for orders; till rows may bring a negative day). */
  sales: number;
  /** Customer returns booked in the period against sales of this group (fen, shown negative; stored positive). */
  returns: number;
  /** sales − returns. */
  net: number;
  /** round_half_up(net × rateBp / 10000): the one rounding of the group. */
  commission: number;
}

/** fee_bill: a fee bill item of the period; contract_fee: a recurring contract fee item; supplies: supplies drawn. */
export type DeductionKind = 'fee_bill' | 'contract_fee' | 'supplies';

/** One other deduction (其他扣款, 价外): deducted from the payment, outside the commission. */
export interface StatementDeductionLine {
  kind: DeductionKind;
  /** Where it comes from: the fee bill id, the contract seq, the supplies usage id. */
  ref: string;
  code: string;
  name: string;
  amount: number;
}

export interface StatementTotals {
  grossSales: number;
  returns: number;
  netSales: number;
  /** Sum of the groups' commissions. */
  groupCommission: number;
  /** The guaranteed minimum (保底) in force, or null. */
  minimumSales: number | null;
  /** 保底补差: round_half_up(minimum × base bp / 10000) − groupCommission, when net < minimum and that is larger; else 0. */
  minimumShortfall: number;
  /** groupCommission + minimumShortfall. */
  commission: number;
  /** 供应商开票金额: netSales − commission. */
  invoiceAmount: number;
  /** Sum of the deduction lines. */
  deductions: number;
  /** invoiceAmount − deductions. */
  payable: number;
}

/** A statement version's frozen content. */
export interface StatementBody {
  counter: { id: string; name: string; storeId: string; areaCode: string; category: string };
  supplier: { id: string; name: string };
  period: { from: string; to: string; label: string };
  baseRateBp: number;
  groups: StatementGroupLine[];
  deductions: StatementDeductionLine[];
  totals: StatementTotals;
}
