import {
  deadlineState,
  deriveStatus,
  FINAL,
  type DeadlineState,
  type DerivedStatus,
  type FulfilmentType,
  type Order,
  type OrderEvent,
  type OrderLine,
  type OrderStatus,
  type SlotKind,
} from '../../../sync/model/index.js';

/** An order as the screen reads it: RxDB hands out frozen documents, so the lines are read-only. */
export type OrderData = Omit<Order, 'lines'> & { readonly lines: readonly OrderLine[] };

/** One line of the queue: the order as the centre sent it and what the store's events make of it. */
export interface QueueRow {
  order: OrderData;
  derived: DerivedStatus;
}

export type StatusFilter = 'open' | 'all' | OrderStatus;
export interface QueueFilter {
  status: StatusFilter;
  slot: 'all' | SlotKind;
  type: 'all' | FulfilmentType;
  /** Substring of the order id, any case. */
  search: string;
}

export const DEFAULT_FILTER: QueueFilter = { status: 'open', slot: 'all', type: 'all', search: '' };

/** An order whose work is over has no deadline to watch. */
export type RowDeadline = DeadlineState | 'none';

export function rowDeadline(row: QueueRow, nowMs: number): RowDeadline {
  if (FINAL.has(row.derived.status)) return 'none';
  return deadlineState(row.order.dueAt, row.order.fulfilment.slot.kind, nowMs);
}

export function groupEventsByOrder(events: readonly OrderEvent[]): Map<string, OrderEvent[]> {
  const byOrder = new Map<string, OrderEvent[]>();
  for (const event of events) {
    const list = byOrder.get(event.orderId);
    if (list) list.push(event);
    else byOrder.set(event.orderId, [event]);
  }
  return byOrder;
}

/** The input of one order: its current data, a token that changes whenever the data does (RxDB's revision). */
export interface OrderSource {
  order: OrderData;
  revision: string;
}

interface CacheEntry {
  revision: string;
  eventsKey: string;
  row: QueueRow;
}

const NO_EVENTS: readonly OrderEvent[] = [];

/**
 * Derives queue rows and remembers them per order. With 5,000 orders on screen, a new event must re-derive one
 * order, not all of them; and an unchanged row keeps its identity so React can skip it.
 */
export class QueueDeriver {
  private readonly cache = new Map<string, CacheEntry>();

  rows(orders: readonly OrderSource[], events: readonly OrderEvent[]): QueueRow[] {
    const byOrder = groupEventsByOrder(events);
    const seen = new Set<string>();
    const rows = orders.map(({ order, revision }) => {
      seen.add(order.id);
      const orderEvents = byOrder.get(order.id) ?? NO_EVENTS;
      // Events are immutable facts with unique ids: the set of ids says everything about them.
      const eventsKey = orderEvents.map((e) => e.id).sort().join(',');
      const cached = this.cache.get(order.id);
      if (cached && cached.revision === revision && cached.eventsKey === eventsKey) return cached.row;
      const row: QueueRow = { order, derived: deriveStatus(order, orderEvents) };
      this.cache.set(order.id, { revision, eventsKey, row });
      return row;
    });
    for (const id of this.cache.keys()) if (!seen.has(id)) this.cache.delete(id);
    return rows;
  }
}

export function matchesFilter(row: QueueRow, filter: QueueFilter): boolean {
  const { status } = row.derived;
  if (filter.status === 'open' ? FINAL.has(status) : filter.status !== 'all' && filter.status !== status) return false;
  if (filter.slot !== 'all' && row.order.fulfilment.slot.kind !== filter.slot) return false;
  if (filter.type !== 'all' && row.order.fulfilment.type !== filter.type) return false;
  const needle = filter.search.trim().toLowerCase();
  return needle === '' || row.order.id.toLowerCase().includes(needle);
}

/** Keeps the deadline order of the input (the query sorts by dueAt, then id). */
export function filterQueue(rows: readonly QueueRow[], filter: QueueFilter): QueueRow[] {
  return rows.filter((row) => matchesFilter(row, filter));
}

/** Sort key of the queue, used when rows do not come from the sorted query (and by the tests). */
export function compareByDeadline(a: Pick<Order, 'id' | 'dueAt'>, b: Pick<Order, 'id' | 'dueAt'>): number {
  if (a.dueAt !== b.dueAt) return a.dueAt < b.dueAt ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}
