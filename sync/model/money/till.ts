import type { DocumentSchema } from '../json-schema.js';
import { isoTime, moneySchema, storeIdSchema, UUID_V7 } from '../common.js';
import { zonedParts } from '../zoned-time.js';

/**
 * The cash drawer's facts (the `till_events` collection): one immutable document per thing that happened to one
 * terminal's drawer on one business day, written by that terminal. Cash and card taken for orders are not here:
 * they are the `payments` collection's facts, which the day close reads (day-close.ts); these are the rest of the
 * drawer: the float, paid-in and paid-out, cash refunds, the blind count, the card terminal's settlement slip, the
 * close and a manager's reopen.
 */
export const TILL_EVENT_TYPES = ['opened', 'paid_in', 'paid_out', 'refund', 'counted', 'card_batch', 'closed', 'reopened'] as const;
export type TillEventType = (typeof TILL_EVENT_TYPES)[number];

/** The notes and coins a count is made of, in fen: ¥100, 50, 20, 10, 5, 1, 0.5, 0.1. */
export const DENOMINATIONS = [10000, 5000, 2000, 1000, 500, 100, 50, 10] as const;
export type Denomination = (typeof DENOMINATIONS)[number];

export interface DenominationCount {
  fen: Denomination;
  qty: number;
}

export interface TillEvent {
  /** UUIDv7 made on the terminal; the id of a `closed` fact is the close's id. */
  id: string;
  storeId: string;
  /** The terminal whose drawer this is: one drawer session per terminal per business day. */
  deviceId: string;
  /** YYYY-MM-DD in the store's time zone. */
  businessDay: string;
  type: TillEventType;
  /** opened: the float; paid_in, paid_out, refund: the cash that went in or out. */
  amount?: number;
  /** paid_in, paid_out, refund, reopened: why; closed: why the variance beyond the tolerance is accepted. */
  reason?: string;
  /** refund: the order the cash was given back for. */
  orderId?: string;
  /** counted: the blind count, per denomination, and its total. closed: the total it closed on. */
  denominations?: DenominationCount[];
  counted?: number;
  /** card_batch: the card terminal's settlement slip. */
  batch?: string;
  slipCount?: number;
  slipTotal?: number;
  /** closed: what the terminal showed when the close was made (its figures; the centre folds its own). */
  expected?: number;
  variance?: number;
  tolerance?: number;
  /** closed: the manager who approved a variance beyond the tolerance with their PIN. */
  approvedBy?: string;
  operatorId: string;
  at: string;
}

const opId = { type: 'string', minLength: 1, maxLength: 64 } as const;
const signed = { type: 'integer', minimum: -100_000_000_00, maximum: 100_000_000_00 } as const;

export const tillEventSchema = {
  title: 'till_events',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  additionalProperties: false,
  properties: {
    id: { type: 'string', minLength: 36, maxLength: 36, pattern: UUID_V7.source },
    storeId: storeIdSchema,
    deviceId: opId,
    businessDay: { type: 'string', minLength: 10, maxLength: 10, pattern: '^\\d{4}-\\d{2}-\\d{2}$' },
    type: { type: 'string', enum: TILL_EVENT_TYPES },
    amount: moneySchema,
    reason: { type: 'string', minLength: 1, maxLength: 200 },
    orderId: { type: 'string', minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9._:-]+$' },
    denominations: {
      type: 'array',
      maxItems: DENOMINATIONS.length,
      items: {
        type: 'object',
        additionalProperties: false,
        properties: { fen: { type: 'integer', enum: DENOMINATIONS }, qty: { type: 'integer', minimum: 0, maximum: 100_000 } },
        required: ['fen', 'qty'],
      },
    },
    counted: moneySchema,
    batch: { type: 'string', minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9._:/-]+$' },
    slipCount: { type: 'integer', minimum: 0, maximum: 100_000 },
    slipTotal: moneySchema,
    expected: signed,
    variance: signed,
    tolerance: moneySchema,
    approvedBy: opId,
    operatorId: opId,
    at: isoTime,
  },
  required: ['id', 'storeId', 'deviceId', 'businessDay', 'type', 'operatorId', 'at'],
  indexes: [['storeId', 'businessDay', 'at']],
} as const satisfies DocumentSchema;

/** The business day a moment falls on in the store's time zone: YYYY-MM-DD. */
export function businessDayOf(at: string | Date, timeZone: string): string {
  const p = zonedParts(typeof at === 'string' ? new Date(at) : at, timeZone);
  return `${p.year}-${p.month}-${p.day}`;
}

/** A count's total in fen. */
export function countTotal(denominations: readonly DenominationCount[]): number {
  return denominations.reduce((n, d) => n + d.fen * d.qty, 0);
}

/** Tolerance on the cash variance when the store has set none: ¥5. */
export const DEFAULT_CASH_TOLERANCE = 500;

/** The tolerance a store's settings give (fen, ≥ 0), the default where they give none. */
export function cashToleranceOf(settings: { cashTolerance?: number } | undefined): number {
  const t = settings?.cashTolerance;
  return typeof t === 'number' && Number.isSafeInteger(t) && t >= 0 ? t : DEFAULT_CASH_TOLERANCE;
}

export type TillShapeRefusal = 'FIELD_MISSING' | 'FIELD_FORBIDDEN' | 'COUNT_WRONG' | 'REASON_MISSING' | 'VARIANCE_WRONG' | 'DAY_WRONG';
export type TillShapeCheck = { ok: true } | { ok: false; code: TillShapeRefusal; message: string };

const FIELDS: Record<TillEventType, { required: readonly (keyof TillEvent)[]; optional: readonly (keyof TillEvent)[] }> = {
  opened: { required: ['amount'], optional: [] },
  paid_in: { required: ['amount', 'reason'], optional: [] },
  paid_out: { required: ['amount', 'reason'], optional: [] },
  refund: { required: ['amount', 'reason'], optional: ['orderId'] },
  counted: { required: ['denominations', 'counted'], optional: [] },
  card_batch: { required: ['batch', 'slipCount', 'slipTotal'], optional: [] },
  closed: { required: ['counted', 'expected', 'variance', 'tolerance'], optional: ['reason', 'approvedBy'] },
  reopened: { required: ['reason'], optional: [] },
};
const PAYLOAD: readonly (keyof TillEvent)[] = ['amount', 'reason', 'orderId', 'denominations', 'counted', 'batch', 'slipCount', 'slipTotal', 'expected', 'variance', 'tolerance', 'approvedBy'];

/**
 * What a till fact's own fields must agree on, for the terminal before writing and the server before storing: each
 * type carries its fields and no other, a count adds up, a close's variance is counted − expected and one beyond the
 * tolerance gives a reason (who must approve it is the permission table's `day.variance`).
 */
export function checkTillShape(e: TillEvent, timeZone?: string): TillShapeCheck {
  const rule = FIELDS[e.type];
  for (const f of rule.required) if (e[f] === undefined) return { ok: false, code: 'FIELD_MISSING', message: `a ${e.type} fact records ${f}` };
  for (const f of PAYLOAD) {
    if (e[f] !== undefined && !rule.required.includes(f) && !rule.optional.includes(f)) return { ok: false, code: 'FIELD_FORBIDDEN', message: `a ${e.type} fact has no ${f}` };
  }
  if (e.reason !== undefined && !e.reason.trim()) return { ok: false, code: 'REASON_MISSING', message: 'a reason is not blank' };
  if (e.type === 'counted') {
    const fens = e.denominations!.map((d) => d.fen);
    if (new Set(fens).size !== fens.length) return { ok: false, code: 'COUNT_WRONG', message: 'each denomination is counted once' };
    if (countTotal(e.denominations!) !== e.counted) return { ok: false, code: 'COUNT_WRONG', message: `counted ${e.counted} is not the sum of the denominations ${countTotal(e.denominations!)}` };
  }
  if (e.type === 'closed') {
    if (e.variance !== e.counted! - e.expected!) return { ok: false, code: 'VARIANCE_WRONG', message: `variance ${e.variance} is not counted ${e.counted} − expected ${e.expected}` };
    // Who approves (another operator's manager PIN, or none when a manager closes) is the permission table's rule.
    if (Math.abs(e.variance!) > e.tolerance! && !e.reason) {
      return { ok: false, code: 'REASON_MISSING', message: `a variance of ${e.variance} beyond the tolerance ${e.tolerance} is closed with a reason` };
    }
  }
  if (timeZone !== undefined && businessDayOf(e.at, timeZone) !== e.businessDay && e.type !== 'closed' && e.type !== 'reopened' && e.type !== 'counted' && e.type !== 'card_batch') {
    // Cash moves belong to the day they happen on; a count, a slip, a close or a reopen may come after midnight.
    return { ok: false, code: 'DAY_WRONG', message: `a ${e.type} at ${e.at} is not on business day ${e.businessDay}` };
  }
  return { ok: true };
}

/**
 * The permission a till fact is judged under (permissions.ts): the drawer's daily work is `till.operate`; a close is
 * `day.close`, or `day.variance` (a manager approves) when its variance is beyond the tolerance; a reopen `day.reopen`.
 */
export function tillAction(e: Pick<TillEvent, 'type' | 'variance' | 'tolerance'>): 'till.operate' | 'day.close' | 'day.variance' | 'day.reopen' {
  if (e.type === 'closed') return Math.abs(e.variance ?? 0) > (e.tolerance ?? 0) ? 'day.variance' : 'day.close';
  if (e.type === 'reopened') return 'day.reopen';
  return 'till.operate';
}
