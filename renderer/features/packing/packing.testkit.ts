import { deriveStatus, type Order, type OrderEvent, type OrderEventType, type PickedLine, type StockMove } from '../../../sync/model/index.js';
import type { QueueRow } from '../orders/queue.js';

/** Fixtures of the packing tests: an order with a substitutable line, its pick facts, and rows built from them. */

export const ORDER_ID = 'EO-20261127-0007';

export function packOrder(id = ORDER_ID, patch: Partial<Order> = {}): Order {
  const dueAt = '2026-11-27T11:00:00.000Z';
  return {
    id, storeId: 'S001', placedAt: '2026-11-27T09:00:00.000Z', dueAt,
    fulfilment: { type: 'delivery', slot: { kind: '2h', dueAt }, address: { line1: '1 Nanjing Rd', city: 'Shanghai' } },
    customer: { name: 'Wang', phone: '13911112222' }, payment: { method: 'online', amount: 3000, currency: 'CNY', paid: true },
    lines: [
      { sku: 'TEA', name: 'Green tea', qty: 2, unitPrice: 500 },
      { sku: 'MILK', name: 'Milk 1L', qty: 2, unitPrice: 800, substitutable: true },
      { sku: 'EGGS', name: 'Eggs x6', qty: 1, unitPrice: 400 },
    ],
    receivedAt: '2026-11-27T09:00:01.000Z', updatedAt: '2026-11-27T09:00:01.000Z',
    ...patch,
  };
}

/** TEA fully picked; MILK one picked and one replaced by OATMILK; EGGS short (out of stock). */
export const PICKED_LINES: PickedLine[] = [
  { lineIndex: 0, sku: 'TEA', ordered: 2, picked: 2, substitute: null, shortReason: null },
  { lineIndex: 1, sku: 'MILK', ordered: 2, picked: 1, substitute: { sku: 'OATMILK', qty: 1 }, shortReason: 'out_of_stock' },
  { lineIndex: 2, sku: 'EGGS', ordered: 1, picked: 0, substitute: null, shortReason: 'out_of_stock' },
];

let seq = 0;
/** UUIDv7-shaped ids in creation order, so (at, id) sorting is stable in tests. */
export function testId(): string {
  seq += 1;
  const hex = seq.toString(16).padStart(12, '0');
  return `0190a000-0000-7000-8000-${hex}`;
}

export function event(type: OrderEventType, minute: number, patch: Partial<OrderEvent> = {}, orderId = ORDER_ID): OrderEvent {
  return {
    id: testId(), storeId: 'S001', orderId, type, at: `2026-11-27T09:${String(minute).padStart(2, '0')}:00.000Z`,
    operatorId: 'pick-1', deviceId: 'dev-1', ...patch,
  };
}

/** accepted → picking_started → picked (with lines unless `lines` is null: marked picked by hand). */
export function pickedEvents(lines: readonly PickedLine[] | null = PICKED_LINES, orderId = ORDER_ID): OrderEvent[] {
  return [
    event('accepted', 1, {}, orderId),
    event('picking_started', 2, {}, orderId),
    event('picked', 3, lines ? { lines } : {}, orderId),
  ];
}

export function rowOf(order: Order, events: readonly OrderEvent[]): QueueRow {
  return { order, derived: deriveStatus(order, events) };
}

export function move(sku: string, kind: StockMove['kind'], qty: number, minute: number, orderId: string | undefined = ORDER_ID): StockMove {
  return {
    id: testId(), storeId: 'S001', sku, kind, qty, at: `2026-11-27T09:${String(minute).padStart(2, '0')}:30.000Z`,
    operatorId: 'pick-1', deviceId: 'dev-1', ...(orderId ? { orderId } : {}),
  };
}
