import type { Order } from '../model/order.js';
import type { OrderEvent } from '../model/order-event.js';
import type { OrderStatus } from '../model/status.js';
import type { StockMove } from '../model/stock.js';
import { SYNC_BASE } from './sync.js';

/**
 * History online (design §4, the window): what a terminal no longer holds, read from the centre with the device's
 * token, for its own store only. Nothing here is synced or stored on the terminal.
 */
export interface HistoryOrderResponse {
  order: Order;
  events: OrderEvent[];
  /** Stock moves booked against the order (its pick, put-backs, a return). */
  moves: StockMove[];
  status: OrderStatus;
  returnRequested: boolean;
  /** Whether the store's terminals hold it (it is open or finished within the store's history days). */
  inWindow: boolean;
}

/** A position in the activity trail, newest first: everything strictly older than (at, id). */
export interface HistoryCursor {
  at: string;
  id: string;
}

export interface HistoryActivityResponse {
  events: OrderEvent[];
  moves: StockMove[];
  /** Where the next older page starts; null when there is nothing older. */
  next: HistoryCursor | null;
}

export const MAX_HISTORY_PAGE = 500;

export const historyRoutes = {
  order: (id: string) => `${SYNC_BASE}/history/orders/${encodeURIComponent(id)}`,
  activity: () => `${SYNC_BASE}/history/activity`,
} as const;
