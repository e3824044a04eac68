import type { DocumentSchema } from './json-schema.js';
import { isoTime, storeIdSchema, UUID_V7 } from './common.js';

/**
 * Stock moves: the append-only ledger (design §3 rule 3). No terminal ever writes an on-hand figure; it is the
 * fold of the moves. A count does not add: it states what was on the shelf at that moment, so two terminals that
 * count the same shelf offline agree instead of correcting twice.
 */
export const STOCK_MOVE_KINDS = ['pick', 'unpick', 'return', 'receive', 'adjust', 'count'] as const;
export type StockMoveKind = (typeof STOCK_MOVE_KINDS)[number];

export interface StockMove {
  id: string;
  storeId: string;
  sku: string;
  kind: StockMoveKind;
  /** A signed change for every kind but `count`, where it is the quantity counted on the shelf. */
  qty: number;
  at: string;
  operatorId: string;
  deviceId: string;
  /** The manager who approved it on the spot, where the permission table asks for one. */
  approvedBy?: string;
  reason?: string;
  orderId?: string;
}

export const MAX_STOCK_QTY = 1_000_000;

export const stockMoveSchema = {
  title: 'stock_moves',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  additionalProperties: false,
  properties: {
    id: { type: 'string', minLength: 36, maxLength: 36, pattern: UUID_V7.source },
    storeId: storeIdSchema,
    sku: { type: 'string', minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9._-]+$' },
    kind: { type: 'string', enum: STOCK_MOVE_KINDS },
    qty: { type: 'integer', minimum: -MAX_STOCK_QTY, maximum: MAX_STOCK_QTY },
    at: isoTime,
    operatorId: { type: 'string', minLength: 1, maxLength: 64 },
    deviceId: { type: 'string', minLength: 1, maxLength: 64 },
    approvedBy: { type: 'string', minLength: 1, maxLength: 64 },
    reason: { type: 'string', maxLength: 200 },
    orderId: { type: 'string', maxLength: 64 },
  },
  required: ['id', 'storeId', 'sku', 'kind', 'qty', 'at', 'operatorId', 'deviceId'],
  indexes: ['sku'],
} as const satisfies DocumentSchema;

/** Which kinds must be positive, negative or may be either; and which need a reason. */
export function checkStockMove(move: Pick<StockMove, 'kind' | 'qty' | 'reason'>): { ok: true } | { ok: false; message: string } {
  const { kind, qty } = move;
  if (kind === 'pick' && qty >= 0) return { ok: false, message: 'a pick takes stock out: its quantity is negative' };
  if ((kind === 'unpick' || kind === 'return' || kind === 'receive') && qty <= 0) return { ok: false, message: `a ${kind} puts stock back: its quantity is positive` };
  if (kind === 'count' && qty < 0) return { ok: false, message: 'a count cannot be negative' };
  if (kind === 'adjust' && (qty === 0 || !move.reason?.trim())) return { ok: false, message: 'an adjustment needs a non-zero quantity and a reason' };
  return { ok: true };
}

/** Total order on moves, independent of arrival: time, then the unique id. */
export function compareMoves(a: Pick<StockMove, 'at' | 'id'>, b: Pick<StockMove, 'at' | 'id'>): number {
  if (a.at !== b.at) return a.at < b.at ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** On hand per SKU: the moves folded in (time, id) order, each move counted once. Order of arrival does not matter. */
export function onHand(moves: readonly StockMove[], start: ReadonlyMap<string, number> = new Map()): Map<string, number> {
  const result = new Map(start);
  const seen = new Set<string>();
  for (const m of [...moves].sort(compareMoves)) {
    if (seen.has(m.id)) continue;
    seen.add(m.id);
    result.set(m.sku, m.kind === 'count' ? m.qty : (result.get(m.sku) ?? 0) + m.qty);
  }
  return result;
}
