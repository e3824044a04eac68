import type { DocumentSchema } from './json-schema.js';
import { isoTime, storeIdSchema } from './common.js';
import type { OrderLine } from './order.js';
import type { OrderStatus } from './status.js';
import { compareMoves, MAX_STOCK_QTY, onHand, type StockMove } from './stock.js';

/**
 * The centre's snapshot of one SKU's stock (design §3 rule 3): the fold of every move the server holds for it,
 * and the (at, id) of the last move in that fold. A terminal adds only the moves after that point, so a move is
 * counted once whether or not the snapshot already holds it. Written by the centre only; recomputed in the push
 * transaction that brings a move, so a late move (older `at`) is folded in at its place, not added on top.
 */
export interface StockLevel {
  storeId: string;
  sku: string;
  /** On hand per the moves the server holds. May be negative: picks the shelf did not know about. */
  qty: number;
  asOfAt: string;
  asOfId: string;
  /** How many moves the fold holds; shown to explain a figure. */
  moves: number;
  updatedAt: string;
}

export const stockLevelSchema = {
  title: 'stock_levels',
  version: 0,
  primaryKey: 'sku',
  type: 'object',
  additionalProperties: false,
  properties: {
    storeId: storeIdSchema,
    sku: { type: 'string', minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9._-]+$' },
    qty: { type: 'integer', minimum: -MAX_STOCK_QTY * 100, maximum: MAX_STOCK_QTY * 100 },
    asOfAt: isoTime,
    asOfId: { type: 'string', minLength: 1, maxLength: 36 },
    moves: { type: 'integer', minimum: 0 },
    updatedAt: isoTime,
  },
  required: ['storeId', 'sku', 'qty', 'asOfAt', 'asOfId', 'moves', 'updatedAt'],
} as const satisfies DocumentSchema;

/**
 * The snapshot with one more move that sorts before its point (a late move), given the moves the snapshot holds
 * that sort after the late one: what levelFromMoves gives for all the moves, at the cost of those few. A count
 * after it overrules it; without one, a late count states the shelf before the later moves, and any other late
 * move adds to the figure.
 */
export function levelWithLateMove(level: StockLevel, move: StockMove, later: ReadonlyArray<Pick<StockMove, 'kind' | 'qty'>>, updatedAt: string): StockLevel {
  const moves = level.moves + 1;
  if (later.some((m) => m.kind === 'count')) return { ...level, moves, updatedAt };
  const qty = move.kind === 'count' ? move.qty + later.reduce((sum, m) => sum + m.qty, 0) : level.qty + move.qty;
  return { ...level, qty, moves, updatedAt };
}

/** The snapshot of a SKU from the moves the centre holds (what the server writes after each push). */
export function levelFromMoves(storeId: string, sku: string, moves: readonly StockMove[], updatedAt: string): StockLevel | null {
  const own = moves.filter((m) => m.sku === sku).sort(compareMoves);
  const last = own[own.length - 1];
  if (!last) return null;
  return { storeId, sku, qty: onHand(own).get(sku) ?? 0, asOfAt: last.at, asOfId: last.id, moves: own.length, updatedAt };
}

const after = (m: Pick<StockMove, 'at' | 'id'>, level: Pick<StockLevel, 'asOfAt' | 'asOfId'>) =>
  m.at > level.asOfAt || (m.at === level.asOfAt && m.id > level.asOfId);

/** Whether the move sorts after everything the snapshot holds, so levelAfter may extend it. */
export function extendsLevel(level: Pick<StockLevel, 'asOfAt' | 'asOfId'>, move: Pick<StockMove, 'at' | 'id'>): boolean {
  return after(move, level);
}

/**
 * The snapshot with one more move that sorts after it (extendsLevel), or the first snapshot of a SKU: what
 * levelFromMoves gives for all the moves, at the cost of one. A count states the shelf; every other move adds.
 */
export function levelAfter(level: StockLevel | null, move: StockMove, updatedAt: string): StockLevel {
  const qty = move.kind === 'count' ? move.qty : (level?.qty ?? 0) + move.qty;
  return { storeId: move.storeId, sku: move.sku, qty, asOfAt: move.at, asOfId: move.id, moves: (level?.moves ?? 0) + 1, updatedAt };
}

/**
 * On hand per SKU on a terminal: the centre's snapshot plus the moves after it. A move this terminal made before
 * the snapshot's point but has not pushed yet is missing until it lands and the centre folds it in.
 */
export function onHandFrom(levels: readonly StockLevel[], moves: readonly StockMove[]): Map<string, number> {
  const bySku = new Map(levels.map((l) => [l.sku, l]));
  const newer = moves.filter((m) => {
    const level = bySku.get(m.sku);
    return !level || after(m, level);
  });
  return onHand(newer, new Map(levels.map((l) => [l.sku, l.qty])));
}

/** An order holds its lines' stock from arrival until the walk takes it off the shelf (then the pick move does). */
export const RESERVING_STATUSES: ReadonlySet<OrderStatus> = new Set<OrderStatus>(['new', 'accepted', 'picking']);

export function reservedByOrders(orders: readonly { status: OrderStatus; lines: readonly Pick<OrderLine, 'sku' | 'qty'>[] }[]): Map<string, number> {
  const reserved = new Map<string, number>();
  for (const o of orders) {
    if (!RESERVING_STATUSES.has(o.status)) continue;
    for (const l of o.lines) reserved.set(l.sku, (reserved.get(l.sku) ?? 0) + l.qty);
  }
  return reserved;
}

export interface Availability {
  onHand: number;
  reserved: number;
  available: number;
}

export function availability(onHandBySku: ReadonlyMap<string, number>, reserved: ReadonlyMap<string, number>, sku: string): Availability {
  const have = onHandBySku.get(sku) ?? 0;
  const held = reserved.get(sku) ?? 0;
  return { onHand: have, reserved: held, available: have - held };
}

/** A product an order (or a batch) would take more of than the store has: available stock below zero after it. */
export interface Shortage {
  sku: string;
  /** What these orders take. */
  needed: number;
  onHand: number;
  /** On hand less every open order's reservation, these orders' included: below zero. */
  availableAfter: number;
}

/**
 * What accepting or picking these lines would leave short: for each SKU, on hand less what the other open orders
 * hold less what these lines take, where that is below zero. `reservedByOthers` must not count these orders.
 */
export function shortagesAfter(
  lines: readonly Pick<OrderLine, 'sku' | 'qty'>[],
  onHandBySku: ReadonlyMap<string, number>,
  reservedByOthers: ReadonlyMap<string, number>,
): Shortage[] {
  const needed = new Map<string, number>();
  for (const l of lines) needed.set(l.sku, (needed.get(l.sku) ?? 0) + l.qty);
  const short: Shortage[] = [];
  for (const [sku, qty] of needed) {
    const have = onHandBySku.get(sku) ?? 0;
    const availableAfter = have - (reservedByOthers.get(sku) ?? 0) - qty;
    if (availableAfter < 0) short.push({ sku, needed: qty, onHand: have, availableAfter });
  }
  return short;
}
