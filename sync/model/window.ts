import type { Order } from './order.js';
import { FINAL, statusOfFold, type StatusFold } from './status.js';

/**
 * A terminal's working set (design §4, "the window"): every order not yet finished, the orders finished in the last
 * `historyDays`, their facts and stock moves, the last day's moves not tied to an order, and every catalogue, staff,
 * store and stock-snapshot document. Everything else stays at the centre and is read online (history).
 */
export interface WindowSettings {
  /** Days a finished order stays on the store's terminals. */
  historyDays: number;
  /**
   * Days a terminal may be away and still catch up by checkpoint. Longer, and it syncs its window again from
   * scratch; the centre keeps the evictions it serves at least this long.
   */
  maxOfflineDays: number;
}

export const DEFAULT_WINDOW: WindowSettings = { historyDays: 7, maxOfflineDays: 30 };
/**
 * Days a stock move not booked against an order stays on the terminals. The centre folds every move it receives into
 * the stock snapshot in the same commit, so on hand never needs an old one; a day covers the inventory screens' own
 * work in progress, and the activity view reads older moves from the centre.
 */
export const LOOSE_MOVE_DAYS = 1;
export const MAX_HISTORY_DAYS = 90;
export const MAX_OFFLINE_DAYS = 365;

/** Collections whose documents leave the terminals once outside the window; the others are always held whole. */
export const WINDOWED_COLLECTIONS = ['orders', 'order_events', 'stock_moves', 'payments', 'pickup_passes'] as const;

const DAY_MS = 86_400_000;

/** The oldest time still inside the window (ISO-8601 UTC, comparable as text with the documents' times). */
export function windowStart(now: number, historyDays: number): string {
  return new Date(now - historyDays * DAY_MS).toISOString();
}

/**
 * When the order left the store's work for good, or null while it is open. An order cancelled after hand-over is a
 * return: it stays open until its goods are booked back (a `return` move), and is finished at the last such move.
 */
export function finishedAt(order: Pick<Order, 'id' | 'fulfilment' | 'cancel' | 'receivedAt'>, fold: StatusFold, returnBookedAt: string | null): string | null {
  const s = statusOfFold(order, fold);
  if (s.returnRequested) return returnBookedAt;
  return FINAL.has(s.status) ? s.changedAt : null;
}

/** Whether an order finished at `finished` (null: open) belongs to a window starting at `start`. */
export function orderInWindow(finished: string | null, start: string): boolean {
  return finished === null || finished >= start;
}

/** Whether a terminal last served at `lastPulledAt` must resync its window from scratch. */
export function mustResyncWindow(lastPulledAt: number, now: number, maxOfflineDays: number): boolean {
  return now - lastPulledAt > maxOfflineDays * DAY_MS;
}
