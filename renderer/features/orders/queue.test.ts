import { describe, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import type { Order, OrderEvent, OrderEventType } from '../../../sync/model/index.js';
import { DEFAULT_FILTER, filterQueue, QueueDeriver, rowDeadline, type OrderSource } from './queue.js';

const base = Date.parse('2026-11-27T10:00:00.000Z');
const iso = (minutes: number) => new Date(base + minutes * 60_000).toISOString();

function makeOrder(id: string, dueInMinutes: number, over: Partial<Order['fulfilment']> = {}): Order {
  return {
    id, storeId: 'S001', placedAt: iso(-30), dueAt: iso(dueInMinutes),
    fulfilment: { type: 'delivery', slot: { kind: '1h', dueAt: iso(dueInMinutes) }, ...over },
    customer: { name: 'Li', phone: '13800001234' }, payment: { method: 'online', amount: 1290, currency: 'CNY', paid: true },
    lines: [{ sku: 'SKU-1', name: 'Milk', qty: 1, unitPrice: 1290 }],
    receivedAt: iso(-29), updatedAt: iso(-29),
  };
}

function event(orderId: string, type: OrderEventType, minutes: number): OrderEvent {
  return { id: uuidv7(), storeId: 'S001', orderId, type, at: iso(minutes), operatorId: 'op', deviceId: 'dev' };
}

const src = (order: Order, revision = '1-a'): OrderSource => ({ order, revision });

describe('QueueDeriver', () => {
  it('derives each order from its own events only', () => {
    const rows = new QueueDeriver().rows(
      [src(makeOrder('A', 10)), src(makeOrder('B', 20))],
      [event('A', 'accepted', -5), event('A', 'picking_started', -4), event('B', 'accepted', -3)],
    );
    expect(rows.map((r) => [r.order.id, r.derived.status])).toEqual([['A', 'picking'], ['B', 'accepted']]);
  });

  it('re-derives only the order whose events or revision changed', () => {
    const deriver = new QueueDeriver();
    const a = makeOrder('A', 10);
    const b = makeOrder('B', 20);
    const events = [event('A', 'accepted', -5)];
    const first = deriver.rows([src(a), src(b)], events);
    const second = deriver.rows([src(a), src(b)], [...events, event('B', 'accepted', -1)]);
    expect(second[0]).toBe(first[0]);
    expect(second[1]).not.toBe(first[1]);
    expect(second[1]?.derived.status).toBe('accepted');
    const cancelled = { ...b, cancel: { requestedAt: iso(0) } };
    const third = deriver.rows([src(a), src(cancelled, '2-b')], [...events, event('B', 'accepted', -1)]);
    expect(third[0]).toBe(first[0]);
    expect(third[1]?.derived.status).toBe('cancelled');
  });
});

describe('filterQueue', () => {
  const deriver = new QueueDeriver();
  const rows = deriver.rows(
    [
      src(makeOrder('EO-1', -5)),
      src(makeOrder('EO-2', 10, { type: 'pickup' })),
      src(makeOrder('EO-3', 50, { slot: { kind: 'scheduled', dueAt: iso(50) } })),
      src(makeOrder('XY-4', 90, { type: 'pickup' })),
    ],
    [event('EO-2', 'accepted', -9), event('XY-4', 'rejected', -9)],
  );
  const ids = (filter: Partial<typeof DEFAULT_FILTER>) => filterQueue(rows, { ...DEFAULT_FILTER, ...filter }).map((r) => r.order.id);

  it('shows open orders by default, keeping deadline order', () => {
    expect(ids({})).toEqual(['EO-1', 'EO-2', 'EO-3']);
    expect(ids({ status: 'all' })).toEqual(['EO-1', 'EO-2', 'EO-3', 'XY-4']);
  });
  it('filters by one status, slot kind and fulfilment type', () => {
    expect(ids({ status: 'accepted' })).toEqual(['EO-2']);
    expect(ids({ status: 'rejected' })).toEqual(['XY-4']);
    expect(ids({ slot: 'scheduled' })).toEqual(['EO-3']);
    expect(ids({ type: 'pickup', status: 'all' })).toEqual(['EO-2', 'XY-4']);
  });
  it('searches order ids by substring, ignoring case and spaces around', () => {
    expect(ids({ search: ' eo-' })).toEqual(['EO-1', 'EO-2', 'EO-3']);
    expect(ids({ search: '-3' })).toEqual(['EO-3']);
    expect(ids({ search: 'nothing' })).toEqual([]);
  });
  it('marks late and at-risk open orders, and none for finished ones', () => {
    const byId = new Map(rows.map((r) => [r.order.id, r]));
    const deadline = (id: string) => rowDeadline(byId.get(id)!, base);
    expect(deadline('EO-1')).toBe('late');
    expect(deadline('EO-2')).toBe('at_risk');
    expect(deadline('EO-3')).toBe('on_time');
    expect(deadline('XY-4')).toBe('none');
  });
});
