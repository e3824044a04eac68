import { historyRoutes, MAX_HISTORY_PAGE, type HistoryActivityResponse, type HistoryCursor, type HistoryOrderResponse } from '../protocol/history.js';
import { isRecord, type SyncHttp } from './http.js';

function isHistoryOrder(v: unknown): v is HistoryOrderResponse {
  return isRecord(v) && isRecord(v.order) && Array.isArray(v.events) && Array.isArray(v.moves) && typeof v.status === 'string' && typeof v.inWindow === 'boolean';
}

function isHistoryActivity(v: unknown): v is HistoryActivityResponse {
  return isRecord(v) && Array.isArray(v.events) && Array.isArray(v.moves) && (v.next === null || (isRecord(v.next) && typeof v.next.at === 'string' && typeof v.next.id === 'string'));
}

/**
 * What the terminal's window no longer holds, read from the centre when online. Offline, every call fails with
 * NETWORK, which the screens turn into a plain "connect to read older history".
 */
export class HistoryClient {
  constructor(private readonly http: SyncHttp) {}

  order(id: string): Promise<HistoryOrderResponse> {
    return this.http.get(historyRoutes.order(id), isHistoryOrder);
  }

  activity(opts: { before?: HistoryCursor | null; orderId?: string; limit?: number } = {}): Promise<HistoryActivityResponse> {
    const q = new URLSearchParams({ limit: String(Math.min(opts.limit ?? 200, MAX_HISTORY_PAGE)) });
    if (opts.before) {
      q.set('before', opts.before.at);
      q.set('beforeId', opts.before.id);
    }
    if (opts.orderId) q.set('orderId', opts.orderId);
    return this.http.get(`${historyRoutes.activity()}?${q.toString()}`, isHistoryActivity);
  }
}
