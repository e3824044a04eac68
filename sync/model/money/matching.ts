/**
 * The centre's matching of orders against the money (issue 11 §3): the providers' bill items, the refunds the
 * platform reported, and the stores' closed days. Pure: the server loads the facts of a range and stores what this
 * decides (sync/server/reconciliation/).
 *
 * Shape: bill items are folded one at a time (foldBillItem) into a state that says which order or refund each
 * matched, with a named outcome per item; `finishMatching` then judges every order, refund and close against the
 * state. Items are folded in (at, transactionId) order, so the arrival order of files changes nothing and the first
 * payment of an order is the one that counts (a second one is the duplicate).
 *
 * Holding: a payment made just before midnight reaches the provider's bill of the next day. So nothing that could
 * still appear in the next day's bill is called an exception until that bill has been seen: an item or an order of
 * bill day D is held while the latest bill of its provider (`asOf`) is before D + 1.
 */
import type { OrderStatus } from '../status.js';
import type { BillItem, BillProvider } from './bill.js';
import type { ClosedDay } from './closed-day.js';

export const MATCH_EXCEPTION_TYPES = [
  /** Paid online, then cancelled or rejected, and the platform reported no refund. */
  'PAID_NOT_FULFILLED',
  /** Handed over, paid online by the order, but no payment in the provider's bill (cash on delivery excepted). */
  'FULFILLED_NOT_PAID',
  /** The bill (or the close, for cash on delivery) took a different amount than the order asks. */
  'AMOUNT_MISMATCH',
  /** The provider's fee differs from the agreed rate by more than 1 fen. */
  'FEE_MISMATCH',
  /** A refund is owed (short pick, cancellation after payment) but the bill does not show it. */
  'REFUND_MISSING',
  /** The bill shows a second payment for an order already paid. */
  'DUPLICATE_PAYMENT',
  /** A store's close counted more or less cash than expected, beyond the store's tolerance. */
  'CASH_OVER_SHORT',
  /** A card terminal's settlement batch differs from the card payments the store recorded with it. */
  'CARD_BATCH_MISMATCH',
] as const;
export type MatchExceptionType = (typeof MATCH_EXCEPTION_TYPES)[number];
export type OrderProvider = BillProvider | 'cod';

/** An order as the matching sees it: what it should have brought in, and what became of it. */
export interface ExpectedOrder {
  orderId: string;
  storeId: string;
  provider: OrderProvider;
  /** The merchant order number sent to the provider (online orders). */
  outTradeNo: string | null;
  /** The provider's transaction number, when the store recorded one with the payment (matched second). */
  transactionId: string | null;
  /** Fen: what the customer paid online, or what a cash-on-delivery order asked for in full. */
  amount: number;
  /** When the customer paid online (the order's placedAt): its bill day is when the payment is expected. */
  paidAt: string;
  status: OrderStatus;
  /** Fen: the value of what the store could not supply (short picks): owed back on an order paid online. */
  shortValue: number;
  /** Cash on delivery: what was due at the handover and the store's business day of the handover. */
  codDue?: number;
  handoverDay?: string;
}

/** A refund the platform reported (POST /orders/{id}/refunds): its refundId is the bill's merchant refund number. */
export interface PlatformRefund {
  refundId: string;
  orderId: string;
  amount: number;
  at: string;
}

/** A bill item with the bill it came from. */
export interface BilledItem extends BillItem {
  provider: BillProvider;
  billDate: string;
}

export interface MatchInput {
  /** The bill days judged, inclusive: items of other days match but are never called exceptions here. */
  from: string;
  to: string;
  orders: readonly ExpectedOrder[];
  refunds: readonly PlatformRefund[];
  items: readonly BilledItem[];
  closedDays: readonly ClosedDay[];
  /** The latest bill day seen per provider. */
  asOf: Partial<Record<BillProvider, string>>;
  /** The agreed fee rate per provider in hundredths of a percent (60 = 0.60%); absent: fees are not checked. */
  feeRates?: Partial<Record<BillProvider, number>>;
}

/** What became of one bill item. */
export type ItemOutcome =
  | 'MATCHED_BY_ORDER_NUMBER'
  | 'MATCHED_BY_TRANSACTION'
  | 'REFUND_MATCHED'
  | 'DUPLICATE'
  | 'UNMATCHED';

export interface MatchException {
  /** Stable across runs, so a resolution stays attached: TYPE:subject. */
  key: string;
  type: MatchExceptionType;
  /** Fen ≥ 0: what is at stake. */
  amount: number;
  ours: number | null;
  theirs: number | null;
  orderId: string | null;
  storeId: string | null;
  provider: OrderProvider | null;
  /** The bill day (or the store's business day for a close) it belongs to. */
  day: string;
  detail: string;
}

export type OrderStanding = 'reconciled' | 'held' | 'exception';

export interface MatchResult {
  items: Array<{ provider: BillProvider; transactionId: string; kind: BillItem['kind']; billDate: string; orderId: string | null; outcome: ItemOutcome }>;
  orders: Map<string, { standing: OrderStanding; exceptionKeys: string[]; heldBecause?: string }>;
  exceptions: MatchException[];
  /** Bill items without a match that wait for the next day's bill. */
  heldItems: number;
}

/** A bill day runs 00:00–24:00 Beijing time (UTC+8, no daylight saving). */
export function billDayOf(iso: string): string {
  return new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(0, 10);
}

export function nextDay(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

/** Whole days from `day` to `asOf` (0 when asOf is not later). */
export function ageInDays(day: string, asOf: string): number {
  return Math.max(0, Math.round((Date.parse(`${asOf}T00:00:00Z`) - Date.parse(`${day}T00:00:00Z`)) / 86_400_000));
}

/** The fee a provider may take at its rate, rounded half up once, here. */
export function expectedFee(amount: number, rate: number): number {
  return Number((BigInt(amount) * BigInt(rate) + 5000n) / 10000n);
}

/** Fees are compared with a tolerance: providers round each row's fee their own way. */
export const FEE_TOLERANCE_FEN = 1;

export interface MatchState {
  byOutTradeNo: ReadonlyMap<string, ExpectedOrder>;
  byTransaction: ReadonlyMap<string, ExpectedOrder>;
  refundsById: ReadonlyMap<string, PlatformRefund>;
  /** Order → its first matched payment. */
  paid: Map<string, BilledItem>;
  /** Refund id → the matched bill refund. */
  refunded: Map<string, BilledItem>;
  exceptions: MatchException[];
  unmatched: BilledItem[];
  outcomes: MatchResult['items'];
  /** Items already folded: the same row met twice (two bills overlapping) counts once. */
  seen: Set<string>;
}

export function startMatching(input: Pick<MatchInput, 'orders' | 'refunds'>): MatchState {
  const byOutTradeNo = new Map<string, ExpectedOrder>();
  const byTransaction = new Map<string, ExpectedOrder>();
  for (const o of input.orders) {
    if (o.provider === 'cod') continue;
    if (o.outTradeNo) byOutTradeNo.set(o.outTradeNo, o);
    if (o.transactionId) byTransaction.set(o.transactionId, o);
  }
  return {
    byOutTradeNo,
    byTransaction,
    refundsById: new Map(input.refunds.map((r) => [r.refundId, r])),
    paid: new Map(),
    refunded: new Map(),
    exceptions: [],
    unmatched: [],
    outcomes: [],
    seen: new Set(),
  };
}

function feeCheck(state: MatchState, item: BilledItem, order: ExpectedOrder | null, rate: number | undefined): void {
  if (rate === undefined) return;
  const expected = item.kind === 'payment' ? expectedFee(item.amount, rate) : -expectedFee(item.amount, rate);
  const diff = Math.abs(item.fee - expected);
  if (diff <= FEE_TOLERANCE_FEN) return;
  state.exceptions.push({
    key: `FEE_MISMATCH:${item.provider}:${item.transactionId}:${item.kind}${item.outRefundNo ? `:${item.outRefundNo}` : ''}`,
    type: 'FEE_MISMATCH',
    amount: diff,
    ours: expected,
    theirs: item.fee,
    orderId: order?.orderId ?? null,
    storeId: order?.storeId ?? null,
    provider: item.provider,
    day: item.billDate,
    detail: `fee ${item.feeExact} against ${expected} fen at the agreed rate`,
  });
}

/** Folds one bill item: the step the whole matching is made of. */
export function foldBillItem(state: MatchState, item: BilledItem, feeRates: MatchInput['feeRates'] = {}): ItemOutcome | 'SEEN' {
  const identity = itemKey(item);
  if (state.seen.has(identity)) return 'SEEN';
  state.seen.add(identity);
  const record = (orderId: string | null, outcome: ItemOutcome): ItemOutcome => {
    state.outcomes.push({ provider: item.provider, transactionId: item.transactionId, kind: item.kind, billDate: item.billDate, orderId, outcome });
    return outcome;
  };
  if (item.kind === 'refund') {
    const refund = item.outRefundNo ? state.refundsById.get(item.outRefundNo) : undefined;
    if (!refund || state.refunded.has(refund.refundId)) {
      state.unmatched.push(item);
      return record(null, 'UNMATCHED');
    }
    state.refunded.set(refund.refundId, item);
    const order = state.byOutTradeNo.get(item.outTradeNo) ?? null;
    if (item.amount !== refund.amount) {
      state.exceptions.push({
        key: `AMOUNT_MISMATCH:refund:${refund.refundId}`,
        type: 'AMOUNT_MISMATCH',
        amount: Math.abs(item.amount - refund.amount),
        ours: refund.amount,
        theirs: item.amount,
        orderId: refund.orderId,
        storeId: order?.storeId ?? null,
        provider: item.provider,
        day: item.billDate,
        detail: `the bill refunds ${item.amount} fen where the platform reported ${refund.amount}`,
      });
    }
    feeCheck(state, item, order, feeRates[item.provider]);
    return record(refund.orderId, 'REFUND_MATCHED');
  }
  let order = state.byOutTradeNo.get(item.outTradeNo);
  let outcome: ItemOutcome = 'MATCHED_BY_ORDER_NUMBER';
  if (!order) {
    order = state.byTransaction.get(item.transactionId);
    outcome = 'MATCHED_BY_TRANSACTION';
  }
  if (!order || order.provider !== item.provider) {
    state.unmatched.push(item);
    return record(null, 'UNMATCHED');
  }
  const first = state.paid.get(order.orderId);
  if (first) {
    state.exceptions.push({
      key: `DUPLICATE_PAYMENT:${item.provider}:${item.transactionId}`,
      type: 'DUPLICATE_PAYMENT',
      amount: item.amount,
      ours: null,
      theirs: item.amount,
      orderId: order.orderId,
      storeId: order.storeId,
      provider: item.provider,
      day: item.billDate,
      detail: `a second payment (${item.transactionId}) of an order already paid by ${first.transactionId}`,
    });
    return record(order.orderId, 'DUPLICATE');
  }
  state.paid.set(order.orderId, item);
  if (item.amount !== order.amount) {
    state.exceptions.push({
      key: `AMOUNT_MISMATCH:${order.orderId}`,
      type: 'AMOUNT_MISMATCH',
      amount: Math.abs(item.amount - order.amount),
      ours: order.amount,
      theirs: item.amount,
      orderId: order.orderId,
      storeId: order.storeId,
      provider: item.provider,
      day: item.billDate,
      detail: `the bill took ${item.amount} fen for an order of ${order.amount}`,
    });
  }
  feeCheck(state, item, order, feeRates[item.provider]);
  return record(order.orderId, outcome);
}

/** Total order on bill items: time, then the provider's numbers, so any arrival order folds the same. */
export function compareItems(a: BilledItem, b: BilledItem): number {
  if (a.at !== b.at) return a.at < b.at ? -1 : 1;
  const ka = itemKey(a);
  const kb = itemKey(b);
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}

/** What makes a bill row the same row: the provider's transaction, which way the money went, and the refund. */
export function itemKey(i: Pick<BilledItem, 'provider' | 'transactionId' | 'kind' | 'outRefundNo' | 'refundId'>): string {
  return `${i.provider}\u0000${i.transactionId}\u0000${i.kind}\u0000${i.outRefundNo ?? i.refundId ?? ''}`;
}

const HANDED: ReadonlySet<OrderStatus> = new Set(['dispatched', 'delivered', 'picked_up']);
const COLLECTED: ReadonlySet<OrderStatus> = new Set(['delivered', 'picked_up']);
/** The goods never reached the customer: what was paid online is owed back in full. */
const UNDONE: ReadonlySet<OrderStatus> = new Set(['cancelled', 'rejected', 'returned']);

const inRange = (day: string, input: Pick<MatchInput, 'from' | 'to'>): boolean => day >= input.from && day <= input.to;
/** Whether the next day's bill of the provider was seen, so what is missing from day `day` will not come. */
const settled = (day: string, provider: BillProvider, asOf: MatchInput['asOf']): boolean => {
  const seen = asOf[provider];
  return seen !== undefined && seen >= nextDay(day);
};

/** Matches everything of a range: folds the bill items, then judges every order, refund and close. */
export function matchRange(input: MatchInput): MatchResult {
  const state = startMatching(input);
  for (const item of [...input.items].sort(compareItems)) foldBillItem(state, item, input.feeRates);
  return finishMatching(state, input);
}

export function finishMatching(state: MatchState, input: MatchInput): MatchResult {
  const orders: MatchResult['orders'] = new Map();
  const exceptions = state.exceptions.filter((e) => inRange(e.day, input));
  // By order, once: a filter per order would make a day of many exceptions quadratic.
  const foldKeys = new Map<string, string[]>();
  for (const e of exceptions) if (e.orderId !== null) foldKeys.set(e.orderId, [...(foldKeys.get(e.orderId) ?? []), e.key]);
  const keysOf = (orderId: string) => [...(foldKeys.get(orderId) ?? [])];
  const refundsOf = new Map<string, PlatformRefund[]>();
  for (const r of input.refunds) {
    const list = refundsOf.get(r.orderId);
    if (list) list.push(r);
    else refundsOf.set(r.orderId, [r]);
  }

  let heldItems = 0;
  for (const item of state.unmatched) {
    if (!inRange(item.billDate, input)) continue;
    if (!settled(item.billDate, item.provider, input.asOf)) {
      heldItems += 1;
      continue;
    }
    exceptions.push(item.kind === 'payment'
      ? {
        key: `PAID_NOT_FULFILLED:${item.provider}:${item.transactionId}`,
        type: 'PAID_NOT_FULFILLED', amount: item.amount, ours: null, theirs: item.amount, orderId: null, storeId: null,
        provider: item.provider, day: item.billDate, detail: `a payment of merchant order ${item.outTradeNo} that no order has`,
      }
      : {
        key: `AMOUNT_MISMATCH:refund:${item.outRefundNo ?? item.refundId ?? item.transactionId}`,
        type: 'AMOUNT_MISMATCH', amount: item.amount, ours: 0, theirs: item.amount, orderId: null, storeId: null,
        provider: item.provider, day: item.billDate, detail: `a refund (${item.outRefundNo ?? '?'}) the platform never reported`,
      });
  }

  const closes = new Map<string, ClosedDay[]>();
  const codTaken = new Map<string, number>();
  for (const c of input.closedDays) {
    closes.set(`${c.storeId}\u0000${c.businessDay}`, [...(closes.get(`${c.storeId}\u0000${c.businessDay}`) ?? []), c]);
    for (const o of c.codOrders) codTaken.set(o.orderId, (codTaken.get(o.orderId) ?? 0) + o.amount);
  }

  for (const order of input.orders) {
    const judged = order.provider === 'cod' ? judgeCod(order, closes, codTaken) : judgeOnline(order, state, input, refundsOf.get(order.orderId) ?? []);
    if (judged.exception) exceptions.push(judged.exception);
    const keys = keysOf(order.orderId);
    if (judged.exception) keys.push(judged.exception.key);
    const standing: OrderStanding = keys.length > 0 ? 'exception' : judged.held ? 'held' : 'reconciled';
    orders.set(order.orderId, { standing, exceptionKeys: keys, ...(judged.held && keys.length === 0 ? { heldBecause: judged.held } : {}) });
  }

  for (const c of input.closedDays) exceptions.push(...closeExceptions(c));
  return { items: state.outcomes, orders, exceptions, heldItems };
}

interface Judged {
  exception?: MatchException;
  held?: string;
}

function judgeOnline(order: ExpectedOrder, state: MatchState, input: MatchInput, refunds: readonly PlatformRefund[]): Judged {
  const provider = order.provider as BillProvider;
  const day = billDayOf(order.paidAt);
  const payment = state.paid.get(order.orderId);
  const base = { orderId: order.orderId, storeId: order.storeId, provider };
  if (!payment) {
    if (UNDONE.has(order.status)) return {};
    if (!settled(day, provider, input.asOf)) return { held: `its payment may be in the ${provider} bill of ${nextDay(day)}` };
    if (!HANDED.has(order.status)) return { held: 'not handed over yet' };
    return {
      exception: {
        key: `FULFILLED_NOT_PAID:${order.orderId}`, type: 'FULFILLED_NOT_PAID', amount: order.amount, ours: order.amount, theirs: 0,
        ...base, day, detail: `handed over (${order.status}) but no ${provider} payment of ${order.outTradeNo ?? order.orderId}`,
      },
    };
  }
  const owed = UNDONE.has(order.status) ? payment.amount : order.shortValue;
  if (owed <= 0) return {};
  const reported = refunds.reduce((s, r) => s + r.amount, 0);
  const billed = refunds.reduce((s, r) => s + (state.refunded.get(r.refundId)?.amount ?? 0), 0);
  if (billed >= owed) return {};
  if (reported === 0 && UNDONE.has(order.status)) {
    return {
      exception: {
        key: `PAID_NOT_FULFILLED:${order.orderId}`, type: 'PAID_NOT_FULFILLED', amount: owed, ours: 0, theirs: payment.amount,
        ...base, day: payment.billDate, detail: `paid, then ${order.status}, and no refund was reported`,
      },
    };
  }
  // The last refund reported may still reach the next day's bill.
  const lastDay = refunds.reduce((d, r) => (billDayOf(r.at) > d ? billDayOf(r.at) : d), payment.billDate);
  if (!settled(lastDay, provider, input.asOf)) return { held: `its refund may be in the ${provider} bill of ${nextDay(lastDay)}` };
  return {
    exception: {
      key: `REFUND_MISSING:${order.orderId}`, type: 'REFUND_MISSING', amount: owed - billed, ours: owed, theirs: billed,
      ...base, day: lastDay, detail: `${owed} fen owed back (${UNDONE.has(order.status) ? order.status : 'short pick'}), ${billed} in the bill`,
    },
  };
}

function judgeCod(order: ExpectedOrder, closes: ReadonlyMap<string, ClosedDay[]>, codTaken: ReadonlyMap<string, number>): Judged {
  if (!COLLECTED.has(order.status)) return UNDONE.has(order.status) ? {} : { held: 'not handed over yet' };
  const day = order.handoverDay ?? billDayOf(order.paidAt);
  const due = order.codDue ?? order.amount;
  const taken = codTaken.get(order.orderId);
  if (taken === undefined && !closes.has(`${order.storeId}\u0000${day}`)) return { held: `the store has not closed ${day}` };
  if (taken === due) return {};
  return {
    exception: {
      key: `AMOUNT_MISMATCH:${order.orderId}`, type: 'AMOUNT_MISMATCH', amount: Math.abs(due - (taken ?? 0)), ours: due, theirs: taken ?? 0,
      orderId: order.orderId, storeId: order.storeId, provider: 'cod', day,
      detail: taken === undefined ? `cash on delivery of ${due} fen that the close of ${day} did not take in` : `the close took ${taken} fen of ${due} due`,
    },
  };
}

/** A close's own exceptions: cash beyond the tolerance (even when a manager approved it), and card batches. */
export function closeExceptions(c: ClosedDay): MatchException[] {
  const out: MatchException[] = [];
  const base = { orderId: null, storeId: c.storeId, provider: null, day: c.businessDay } as const;
  if (Math.abs(c.variance) > c.tolerance) {
    out.push({
      key: `CASH_OVER_SHORT:${c.storeId}:${c.businessDay}:${c.deviceId}`, type: 'CASH_OVER_SHORT', amount: Math.abs(c.variance),
      ours: c.cashExpected, theirs: c.cashCounted, ...base,
      detail: `cash ${c.variance < 0 ? 'short' : 'over'} by ${Math.abs(c.variance)} fen (tolerance ${c.tolerance})${c.approvedBy ? `, approved by ${c.approvedBy}: ${c.reason ?? ''}` : ''}`,
    });
  }
  for (const b of c.cardBatches) {
    if (b.slipTotal === b.recordedTotal && b.slipCount === b.recordedCount) continue;
    out.push({
      key: `CARD_BATCH_MISMATCH:${c.storeId}:${c.businessDay}:${b.batch}`, type: 'CARD_BATCH_MISMATCH', amount: Math.abs(b.slipTotal - b.recordedTotal),
      ours: b.recordedTotal, theirs: b.slipTotal, ...base,
      detail: `batch ${b.batch}: slip ${b.slipCount} for ${b.slipTotal} fen, recorded ${b.recordedCount} for ${b.recordedTotal}`,
    });
  }
  return out;
}
