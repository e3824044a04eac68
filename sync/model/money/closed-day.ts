/**
 * A store's closed day as the centre's reconciliation reads it: the one contract between the day close (the terminal
 * writes till facts; sync/server/day-close/ stores them and folds each closed drawer into this) and the matching
 * (money/matching.ts), which turns it into CASH_OVER_SHORT and CARD_BATCH_MISMATCH exceptions and matches cash on
 * delivery orders against what the store counted.
 *
 * Amounts are fen. A business day is YYYY-MM-DD in the store's time zone.
 */
export interface ClosedCardBatch {
  /** The card terminal's settlement batch number, as on its slip. */
  batch: string;
  /** What the slip says: the number of card payments and their total. */
  slipCount: number;
  slipTotal: number;
  /** What the store recorded with that batch number (the payments collection). */
  recordedCount: number;
  recordedTotal: number;
}

/** A cash-on-delivery order whose money the close took in (cash at the counter or from a courier, or card). */
export interface ClosedCodOrder {
  orderId: string;
  method: 'cash' | 'card';
  amount: number;
  /** The card batch, for card. */
  batch?: string;
}

export interface ClosedDay {
  storeId: string;
  /** The terminal whose drawer this is (one drawer session per terminal per day). */
  deviceId: string;
  businessDay: string;
  /** The close's own id (a reopen and a second close give a new id; the latest close counts). */
  closeId: string;
  closedAt: string;
  closedBy: string;
  /** The manager who approved a variance beyond the tolerance, and why. */
  approvedBy?: string;
  reason?: string;
  /** Cash: what the facts say should be in the drawer, what was counted, counted − expected. */
  cashExpected: number;
  cashCounted: number;
  variance: number;
  /** The store's tolerance that applied (fen, ≥ 0): a |variance| beyond it is an exception for finance. */
  tolerance: number;
  cardBatches: ClosedCardBatch[];
  codOrders: ClosedCodOrder[];
}

/** Where the reconciliation reads closed days from: every latest close of a store day within [from, to]. */
export type ClosedDaySource = (range: { from: string; to: string }) => Promise<ClosedDay[]>;
