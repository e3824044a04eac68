/** State, scan codes and feedback of the pick walk (picking.ts) and the put-wall (put-wall.ts). */

import type { ProductLocation } from './product.js';

export interface PickAllocation {
  orderId: string;
  lineIndex: number;
  qty: number;
  substitutable: boolean;
}

/** One stop of the walk: a SKU with the total to take and who gets what. */
export interface PickLine {
  sku: string;
  name: string;
  /** null: the SKU is not in the catalogue; such stops come last and are matched by the SKU text. */
  location: ProductLocation | null;
  locationKey: string | null;
  barcodes: readonly string[];
  qty: number;
  /** In the batch's urgency order, so a short pick leaves the least urgent order short. */
  allocations: PickAllocation[];
}

export const SHORT_REASONS = ['out_of_stock', 'damaged', 'expired', 'not_found'] as const;
export type ShortReason = (typeof SHORT_REASONS)[number];

/**
 * Codes a scanner can send besides products. Shelf labels carry locationCode, the put-wall's totes carry toteCode,
 * and the pick list / a command card carries the commands, so a picker never needs the keyboard.
 */
export const CONFIRM_CODE = 'CMD:CONFIRM';
export const shortReasonCode = (reason: ShortReason): string => `CMD:SHORT:${reason.toUpperCase()}`;
export const locationCode = (loc: ProductLocation): string => `LOC:${loc.aisle}-${loc.shelf}-${loc.bin}`;
export const toteCode = (tote: number): string => `TOTE:${tote}`;

export function parseShortReason(code: string): ShortReason | null {
  if (!code.startsWith('CMD:SHORT:')) return null;
  const r = code.slice('CMD:SHORT:'.length).toLowerCase();
  return (SHORT_REASONS as readonly string[]).includes(r) ? (r as ShortReason) : null;
}

export function parseTote(code: string): number | null {
  const m = /^TOTE:(\d{1,3})$/.exec(code);
  return m ? Number(m[1]) : null;
}

/** Refusals: the UI shows them loud (colour + sound) and maps the code to a translated message. */
export const PICK_REFUSALS = [
  'UNKNOWN_CODE',
  'WRONG_PRODUCT',
  'WRONG_LOCATION',
  'TOO_MANY',
  'BAD_QUANTITY',
  'SCAN_PRODUCT_FIRST',
  'REASON_REQUIRED',
  'NOTHING_SHORT',
  'NOT_A_SUBSTITUTE',
  'WRONG_TOTE',
  'NOTHING_TO_PUT',
  'SCAN_TOTE_FIRST',
  'SCAN_ITEM_FIRST',
  'NOT_NOW',
] as const;
export type PickRefusal = (typeof PICK_REFUSALS)[number];

export type PickNotice =
  | 'STARTED'
  | 'AT_LOCATION'
  | 'COUNTED'
  | 'CONFIRM_QTY'
  | 'REASON_NEEDED'
  | 'SUBSTITUTION_OFFERED'
  | 'STOP_DONE'
  | 'WALK_DONE'
  | 'PUT_TO_TOTE'
  | 'PUT_DONE'
  | 'ALL_PUT'
  | 'WITHDRAWN';

export type FeedbackParams = Readonly<Record<string, string | number>>;
export type PickFeedback =
  | { ok: true; code: PickNotice; params: FeedbackParams }
  | { ok: false; code: PickRefusal; message: string; params: FeedbackParams };

/** Progress at the current stop. `pick` → (`short` → `substitute`?) → next stop. */
export interface StopProgress {
  mode: 'pick' | 'short' | 'substitute';
  atLocation: boolean;
  /** Units of the stop's product taken, scanned one by one or typed after one scan. */
  counted: number;
  scanned: boolean;
  reason: ShortReason | null;
  substituteSku: string | null;
  substituted: number;
}

export interface AllocationOutcome {
  orderId: string;
  lineIndex: number;
  ordered: number;
  picked: number;
  substituted: number;
}

/** What happened at one stop: the facts the terminal records. */
export interface StopOutcome {
  sku: string;
  picked: number;
  reason: ShortReason | null;
  substitute: { sku: string; qty: number } | null;
  allocations: AllocationOutcome[];
}

export interface PutTask {
  orderId: string;
  tote: number;
  sku: string;
  qty: number;
  put: number;
}

export interface PickState {
  batchId: string;
  /** The put-wall: tote n holds order orderId. Fixed at start; a withdrawn order's tote stays empty. */
  totes: { tote: number; orderId: string }[];
  stops: PickLine[];
  stop: number;
  current: StopProgress;
  outcomes: StopOutcome[];
  phase: 'walk' | 'put' | 'done';
  putTasks: PutTask[];
  /** Index into putTasks of the item scanned at the wall, waiting for its tote. */
  pendingPut: number | null;
  /** Orders taken out of the batch (claim lost or cancelled); their items go back to the shelf. */
  withdrawn: string[];
  putBack: { sku: string; qty: number }[];
  feedback: PickFeedback;
}

export const freshProgress = (): StopProgress => ({
  mode: 'pick',
  atLocation: false,
  counted: 0,
  scanned: false,
  reason: null,
  substituteSku: null,
  substituted: 0,
});

export const withNotice = (state: PickState, code: PickNotice, params: FeedbackParams = {}): PickState => ({
  ...state,
  feedback: { ok: true, code, params },
});

export const withRefusal = (state: PickState, code: PickRefusal, message: string, params: FeedbackParams = {}): PickState => ({
  ...state,
  feedback: { ok: false, code, message, params },
});

export function addPutBack(list: readonly { sku: string; qty: number }[], sku: string, qty: number): { sku: string; qty: number }[] {
  if (qty <= 0) return [...list];
  const i = list.findIndex((p) => p.sku === sku);
  if (i < 0) return [...list, { sku, qty }];
  return list.map((p, j) => (j === i ? { sku, qty: p.qty + qty } : p));
}
