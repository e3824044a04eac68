import type { Payment } from '../payment.js';
import type { ClosedCardBatch, ClosedCodOrder, ClosedDay } from './closed-day.js';
import { businessDayOf, checkTillShape, type DenominationCount, type TillEvent } from './till.js';

/**
 * One terminal's cash drawer on one business day, folded from its facts: the till facts (till.ts) and the payments
 * the terminal took at handovers (payment.ts), merged in time order. The same fold runs on the terminal (the screen,
 * and before each new fact: `checkTillFact`) and at the centre (closedDaySource), so both read the day alike.
 *
 * States: none → open (opened) → counted (counted) → closed (closed) → open again (reopened, by a manager). Cash
 * taken or given while the drawer is counted or closed still counts toward the running expected amount; a count
 * snapshots the expected amount at its moment, and the close is judged on that snapshot.
 */
export type DrawerState = 'none' | 'open' | 'counted' | 'closed';

export const TILL_REFUSALS = ['NOT_OPEN', 'ALREADY_OPEN', 'NOT_COUNTED', 'ALREADY_COUNTED', 'DAY_CLOSED', 'NOT_CLOSED', 'WRONG_DRAWER', 'INVALID'] as const;
export type TillRefusal = (typeof TILL_REFUSALS)[number];

export interface DrawerCount {
  id: string;
  at: string;
  operatorId: string;
  denominations: DenominationCount[];
  counted: number;
  /** The expected amount when the count was made (the counter did not see it). */
  expected: number;
  variance: number;
}

export interface DrawerClose {
  closeId: string;
  at: string;
  closedBy: string;
  approvedBy?: string;
  reason?: string;
  /** The figures the close stood on, as this fold reads them (the count's). */
  expected: number;
  counted: number;
  variance: number;
  tolerance: number;
  /** What the closing terminal showed (the fact's own figures); differs only when facts reached the fold late. */
  shown: { expected: number; variance: number };
}

export interface DayState {
  storeId: string;
  deviceId: string;
  businessDay: string;
  state: DrawerState;
  float: number;
  /** Cash taken for orders (payments, net of change), paid in, paid out, refunds given in cash. */
  cashTaken: number;
  paidIn: number;
  paidOut: number;
  refunds: number;
  /** What should be in the drawer now. */
  expected: number;
  /** The latest count since the drawer was last (re)opened. */
  count?: DrawerCount;
  /** Every close, oldest first; the last one counts. */
  closes: DrawerClose[];
  reopens: { at: string; by: string; reason: string }[];
  /** Card slips entered, latest per batch. */
  slips: Map<string, { slipCount: number; slipTotal: number }>;
  /** Payments of the day on this drawer (cash and card), in time order, with whether they came after the count. */
  payments: Payment[];
  /** Facts the fold set aside, with why (at the centre: facts the terminal should never have written). */
  refused: { id: string; code: TillRefusal; message: string }[];
}

export interface DrawerKey {
  storeId: string;
  deviceId: string;
  businessDay: string;
  timeZone: string;
}

export function emptyDay(k: DrawerKey): DayState {
  return {
    storeId: k.storeId, deviceId: k.deviceId, businessDay: k.businessDay, state: 'none',
    float: 0, cashTaken: 0, paidIn: 0, paidOut: 0, refunds: 0, expected: 0,
    closes: [], reopens: [], slips: new Map(), payments: [], refused: [],
  };
}

export type TillCheck = { ok: true } | { ok: false; code: TillRefusal; message: string };
const refuse = (code: TillRefusal, message: string): TillCheck => ({ ok: false, code, message });

const expectedOf = (s: Pick<DayState, 'float' | 'cashTaken' | 'paidIn' | 'paidOut' | 'refunds'>) => s.float + s.cashTaken + s.paidIn - s.paidOut - s.refunds;

/** Whether a new till fact may follow the drawer's state: the terminal asks before writing it. */
export function checkTillFact(s: DayState, e: TillEvent, timeZone: string): TillCheck {
  if (e.storeId !== s.storeId || e.deviceId !== s.deviceId || e.businessDay !== s.businessDay) {
    return refuse('WRONG_DRAWER', `the fact is for ${e.deviceId} on ${e.businessDay}, not this drawer (${s.deviceId} on ${s.businessDay})`);
  }
  const shape = checkTillShape(e, timeZone);
  if (!shape.ok) return refuse('INVALID', `${shape.code}: ${shape.message}`);
  switch (e.type) {
    case 'opened':
      return s.state === 'none' ? { ok: true } : refuse('ALREADY_OPEN', `the drawer is ${s.state} already`);
    case 'paid_in':
    case 'paid_out':
    case 'refund':
    case 'card_batch':
      if (s.state === 'none') return refuse('NOT_OPEN', 'the drawer is not open: enter the opening float first');
      if (s.state === 'closed') return refuse('DAY_CLOSED', `${s.businessDay} is closed; a manager reopens it first`);
      if (s.state === 'counted' && e.type !== 'card_batch') return refuse('ALREADY_COUNTED', 'the drawer is counted; close it, or a manager reopens it');
      return { ok: true };
    case 'counted':
      if (s.state === 'none') return refuse('NOT_OPEN', 'the drawer is not open');
      if (s.state === 'closed') return refuse('DAY_CLOSED', `${s.businessDay} is closed`);
      // Blind: a second count after the first one's variance is known would not be blind.
      if (s.state === 'counted') return refuse('ALREADY_COUNTED', 'the drawer is counted once; a manager reopens it for a recount');
      return { ok: true };
    case 'closed':
      if (s.state === 'closed') return refuse('DAY_CLOSED', `${s.businessDay} is closed already`);
      if (s.state !== 'counted') return refuse('NOT_COUNTED', 'the drawer is counted before it is closed');
      return { ok: true };
    case 'reopened':
      return s.state === 'closed' ? { ok: true } : refuse('NOT_CLOSED', 'only a closed day is reopened');
  }
}

/** The drawer after one till fact it accepts (checkTillFact said ok). */
function applyTill(s: DayState, e: TillEvent): DayState {
  const n = { ...s };
  switch (e.type) {
    case 'opened':
      n.float = e.amount!;
      n.state = 'open';
      break;
    case 'paid_in':
      n.paidIn += e.amount!;
      break;
    case 'paid_out':
      n.paidOut += e.amount!;
      break;
    case 'refund':
      n.refunds += e.amount!;
      break;
    case 'card_batch':
      n.slips = new Map(s.slips).set(e.batch!, { slipCount: e.slipCount!, slipTotal: e.slipTotal! });
      break;
    case 'counted':
      n.state = 'counted';
      n.count = { id: e.id, at: e.at, operatorId: e.operatorId, denominations: e.denominations!, counted: e.counted!, expected: s.expected, variance: e.counted! - s.expected };
      break;
    case 'closed': {
      const c = s.count!;
      n.state = 'closed';
      n.closes = [...s.closes, {
        closeId: e.id, at: e.at, closedBy: e.operatorId,
        ...(e.approvedBy ? { approvedBy: e.approvedBy } : {}),
        ...(e.reason ? { reason: e.reason } : {}),
        expected: c.expected, counted: c.counted, variance: c.variance, tolerance: e.tolerance!,
        shown: { expected: e.expected!, variance: e.variance! },
      }];
      break;
    }
    case 'reopened': {
      n.state = 'open';
      const { count: _c, ...rest } = n;
      return { ...rest, reopens: [...s.reopens, { at: e.at, by: e.operatorId, reason: e.reason! }] };
    }
  }
  n.expected = expectedOf(n);
  return n;
}

function applyPayment(s: DayState, p: Payment): DayState {
  const n = { ...s, payments: [...s.payments, p] };
  if (p.method === 'cash') n.cashTaken += p.amount;
  n.expected = expectedOf(n);
  return n;
}

/** Whether a payment was taken into this drawer on this day: the terminal that recorded it, the store's business day. */
export function paymentInDrawer(p: Payment, k: DrawerKey): boolean {
  return p.storeId === k.storeId && p.deviceId === k.deviceId && (p.method === 'cash' || p.method === 'card') && businessDayOf(p.at, k.timeZone) === k.businessDay;
}

type Entry = { at: string; id: string } & ({ kind: 'till'; fact: TillEvent } | { kind: 'payment'; payment: Payment });

/**
 * The drawer from its facts, in any order of arrival: merged by (at, id), each till fact applied where the drawer's
 * state allows it and set aside (refused, with why) where it does not; facts of other drawers are ignored. Pure.
 */
export function foldDay(k: DrawerKey, till: readonly TillEvent[], payments: readonly Payment[]): DayState {
  const entries: Entry[] = [
    ...till.filter((e) => e.storeId === k.storeId && e.deviceId === k.deviceId && e.businessDay === k.businessDay).map((fact): Entry => ({ at: fact.at, id: fact.id, kind: 'till', fact })),
    ...payments.filter((p) => paymentInDrawer(p, k)).map((payment): Entry => ({ at: payment.at, id: payment.id, kind: 'payment', payment })),
  ];
  entries.sort((a, b) => (a.at !== b.at ? (a.at < b.at ? -1 : 1) : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const seen = new Set<string>();
  let s = emptyDay(k);
  for (const e of entries) {
    if (seen.has(e.id)) continue;
    seen.add(e.id);
    if (e.kind === 'payment') {
      s = applyPayment(s, e.payment);
      continue;
    }
    const check = checkTillFact(s, e.fact, k.timeZone);
    s = check.ok ? applyTill(s, e.fact) : { ...s, refused: [...s.refused, { id: e.fact.id, code: check.code, message: check.message }] };
  }
  return s;
}

/** The card batches of the day: every slip entered, and every batch the card payments name, slip or not. */
export function cardBatchesOf(s: DayState, upTo?: string): ClosedCardBatch[] {
  const out = new Map<string, ClosedCardBatch>();
  for (const [batch, slip] of s.slips) out.set(batch, { batch, ...slip, recordedCount: 0, recordedTotal: 0 });
  for (const p of s.payments) {
    if (p.method !== 'card' || !p.batch || (upTo !== undefined && p.at > upTo)) continue;
    const b = out.get(p.batch) ?? { batch: p.batch, slipCount: 0, slipTotal: 0, recordedCount: 0, recordedTotal: 0 };
    b.recordedCount += 1;
    b.recordedTotal += p.amount;
    out.set(p.batch, b);
  }
  return [...out.values()].sort((a, b) => (a.batch < b.batch ? -1 : a.batch > b.batch ? 1 : 0));
}

/** Whether a batch's slip agrees with what the store recorded under its number. */
export function batchAgrees(b: ClosedCardBatch): boolean {
  return b.slipCount === b.recordedCount && b.slipTotal === b.recordedTotal;
}

/** The cash-on-delivery orders whose money the drawer took (up to the count the close stood on). */
export function codOrdersOf(s: DayState, upTo?: string): ClosedCodOrder[] {
  return s.payments
    .filter((p) => upTo === undefined || p.at <= upTo)
    .map((p): ClosedCodOrder => ({ orderId: p.orderId, method: p.method === 'card' ? 'card' : 'cash', amount: p.amount, ...(p.method === 'card' && p.batch ? { batch: p.batch } : {}) }));
}

/** The closed day the reconciliation reads (closed-day.ts), from the drawer's latest close; null while not closed. */
export function closedDayOf(s: DayState): ClosedDay | null {
  const close = s.closes.at(-1);
  if (s.state !== 'closed' || !close) return null;
  // The count the close stood on: the latest count, which a close always follows.
  const upTo = s.count?.at;
  return {
    storeId: s.storeId, deviceId: s.deviceId, businessDay: s.businessDay,
    closeId: close.closeId, closedAt: close.at, closedBy: close.closedBy,
    ...(close.approvedBy ? { approvedBy: close.approvedBy } : {}),
    ...(close.reason ? { reason: close.reason } : {}),
    cashExpected: close.expected, cashCounted: close.counted, variance: close.variance, tolerance: close.tolerance,
    cardBatches: cardBatchesOf(s, upTo),
    codOrders: codOrdersOf(s, upTo),
  };
}

/** Whether a variance needs a manager's approval and a reason. */
export function beyondTolerance(variance: number, tolerance: number): boolean {
  return Math.abs(variance) > tolerance;
}
