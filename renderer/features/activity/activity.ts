import { combineLatest, map, type Observable } from 'rxjs';
import type { TerminalDb } from '../../db/index.js';
import type { OrderEvent, OrderFactType, StockMove, StockMoveKind } from '../../../sync/model/index.js';

interface EntryBase {
  id: string;
  at: string;
  operatorId: string;
  approvedBy?: string;
  deviceId: string;
  orderId?: string;
  sku?: string;
  qty?: number;
  /** A stock move's reason or an order event's note. */
  detail?: string;
  /** Read from the centre's history: the terminal's window no longer holds it. */
  fromCentre?: true;
}

/**
 * One line of the audit trail: an order event or a stock move, in one shape. `type` is the event's type or the
 * move's kind; the two sets do not overlap.
 */
export type ActivityEntry = (EntryBase & { source: 'order_event'; type: OrderFactType }) | (EntryBase & { source: 'stock_move'; type: StockMoveKind });

export function fromOrderEvent(e: OrderEvent): ActivityEntry {
  return {
    id: e.id, at: e.at, source: 'order_event', type: e.type, operatorId: e.operatorId, deviceId: e.deviceId, orderId: e.orderId,
    ...(e.note ? { detail: e.note } : {}),
  };
}

export function fromStockMove(m: StockMove): ActivityEntry {
  return {
    id: m.id, at: m.at, source: 'stock_move', type: m.kind, operatorId: m.operatorId, deviceId: m.deviceId, sku: m.sku, qty: m.qty,
    ...(m.approvedBy ? { approvedBy: m.approvedBy } : {}),
    ...(m.orderId ? { orderId: m.orderId } : {}),
    ...(m.reason ? { detail: m.reason } : {}),
  };
}

/** Newest first; ids (UUIDv7, time-ordered) break ties between facts recorded in the same millisecond. */
export function compareNewestFirst(a: ActivityEntry, b: ActivityEntry): number {
  if (a.at !== b.at) return a.at < b.at ? 1 : -1;
  return a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}

export function mergeActivity(events: readonly OrderEvent[], moves: readonly StockMove[]): ActivityEntry[] {
  return [...events.map(fromOrderEvent), ...moves.map(fromStockMove)].sort(compareNewestFirst);
}

export interface ActivityFilter {
  /** '' for everyone. Matches who did it and who approved it: an approval is part of what a manager did. */
  operatorId: string;
  /** Any part of the order id, ignoring case; '' for all. */
  orderId: string;
}

export const NO_ACTIVITY_FILTER: ActivityFilter = { operatorId: '', orderId: '' };

export function filterActivity(entries: readonly ActivityEntry[], filter: ActivityFilter): ActivityEntry[] {
  const order = filter.orderId.trim().toLowerCase();
  return entries.filter(
    (e) =>
      (filter.operatorId === '' || e.operatorId === filter.operatorId || e.approvedBy === filter.operatorId) &&
      (order === '' || (e.orderId?.toLowerCase().includes(order) ?? false)),
  );
}

/** Everything recorded on this store's terminals, live, local and synced alike. */
export function activity$(db: TerminalDb): Observable<ActivityEntry[]> {
  return combineLatest([db.order_events.find().$, db.stock_moves.find().$]).pipe(
    map(([events, moves]) => mergeActivity(events.map((d) => d.toJSON()), moves.map((d) => d.toJSON()))),
  );
}
