import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { checkTransition, deriveStatus, FINAL, HANDED_OVER, nextEventTypes, type OrderStatus } from './status.js';
import { ORDER_EVENT_TYPES, orderEventAsV0, orderEventAsV1, orderEventSchema, type OrderEvent, type OrderFactType } from './order-event.js';
import { checkHandoverShape, courierOf, offeredAsQuickAction, pickupPlace } from './handover.js';
import type { FulfilmentType } from './order.js';

const order = (type: FulfilmentType) => ({
  id: 'EO-1',
  fulfilment: { type, slot: { kind: '1h' as const, dueAt: '2026-11-27T10:00:00.000Z' } },
  receivedAt: '2026-11-27T09:00:00.000Z',
});

let seq = 0;
function event(type: OrderFactType, minute: number, extra: Partial<OrderEvent> = {}): OrderEvent {
  seq += 1;
  return {
    id: `0190a000-0000-7000-8000-${seq.toString(16).padStart(12, '0')}`,
    storeId: 'S001',
    orderId: 'EO-1',
    type,
    at: `2026-11-27T09:${String(minute).padStart(2, '0')}:00.000Z`,
    operatorId: 'op-1',
    deviceId: 'D1',
    ...extra,
  };
}
const upToPacked = () => [event('accepted', 1), event('picking_started', 2), event('picked', 3), event('packed', 4)];

describe('the handover transitions', () => {
  it('states every handover transition, and refuses the rest', () => {
    const table: Array<[OrderStatus, OrderFactType, FulfilmentType, OrderStatus | null]> = [
      ['packed', 'ready', 'pickup', 'ready'],
      ['ready', 'ready', 'pickup', 'ready'],
      ['ready', 'picked_up', 'pickup', 'picked_up'],
      ['ready', 'locker_failed', 'pickup', 'ready'],
      ['packed', 'locker_failed', 'pickup', null],
      ['ready', 'locker_failed', 'delivery', null],
      ['packed', 'dispatched', 'delivery', 'dispatched'],
      ['dispatched', 'delivered', 'delivery', 'delivered'],
      ['dispatched', 'delivery_failed', 'delivery', 'packed'],
      ['packed', 'delivery_failed', 'delivery', null],
      ['ready', 'delivery_failed', 'pickup', null],
      ['packed', 'returned_to_stock', 'delivery', 'returned'],
      ['ready', 'returned_to_stock', 'pickup', 'returned'],
      ['dispatched', 'returned_to_stock', 'delivery', null],
      ['picked_up', 'returned_to_stock', 'pickup', null],
      ['returned', 'ready', 'pickup', null],
    ];
    for (const [from, type, fulfilment, to] of table) {
      const r = checkTransition(from, type as Parameters<typeof checkTransition>[1], fulfilment);
      expect(r.ok ? r.to : null, `${type} on ${fulfilment} ${from}`).toBe(to);
    }
  });

  it('sends a failed delivery back to packed, out again, and finally back to stock', () => {
    const events = [...upToPacked(), event('dispatched', 5, { courierId: 'c1' }), event('delivery_failed', 6, { failReason: 'not_home' })];
    expect(deriveStatus(order('delivery'), events).status).toBe('packed');
    const again = [...events, event('dispatched', 7, { courierId: 'c2' })];
    expect(courierOf(deriveStatus(order('delivery'), again))).toBe('c2');
    const givenUp = [...events, event('returned_to_stock', 8, { restockReason: 'delivery_given_up' })];
    const d = deriveStatus(order('delivery'), givenUp);
    expect(d.status).toBe('returned');
    expect(FINAL.has(d.status) && !HANDED_OVER.has(d.status)).toBe(true);
  });

  it('keeps the time the order became ready when it moves or a locker fails', () => {
    const events = [...upToPacked(), event('ready', 5), event('ready', 6, { compartment: { bankId: 'A', number: 3 } }), event('locker_failed', 7)];
    const d = deriveStatus(order('pickup'), events);
    expect(d.status).toBe('ready');
    expect(d.changedAt).toBe('2026-11-27T09:05:00.000Z');
  });

  it('tells where a ready order waits: the last compartment, or the counter after a failed door', () => {
    const loaded = [...upToPacked(), event('ready', 5, { compartment: { bankId: 'A', number: 3 } })];
    expect(pickupPlace(deriveStatus(order('pickup'), loaded))).toEqual({ at: 'locker', compartment: { bankId: 'A', number: 3 } });
    expect(pickupPlace(deriveStatus(order('pickup'), [...loaded, event('locker_failed', 6)]))).toEqual({ at: 'counter' });
    expect(pickupPlace(deriveStatus(order('pickup'), upToPacked()))).toBeNull();
  });

  it('does not move the status with a reminder', () => {
    const events = [...upToPacked(), event('ready', 5), event('pickup_reminded', 50)];
    const d = deriveStatus(order('pickup'), events);
    expect(d.status).toBe('ready');
    expect(d.history).toHaveLength(5);
  });

  it('never leaves the lifecycle: every status reached by random handover facts is one the table can continue or is final', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...ORDER_EVENT_TYPES), { maxLength: 16 }), fc.constantFrom<FulfilmentType>('delivery', 'pickup'), (types, f) => {
        const d = deriveStatus(order(f), types.map((t, i) => event(t, i)));
        if (FINAL.has(d.status)) expect(nextEventTypes(d.status, f)).toEqual([]);
        else expect(nextEventTypes(d.status, f).length).toBeGreaterThan(0);
      }),
    );
  });
});

describe('checkHandoverShape', () => {
  it('puts each field on its own types', () => {
    expect(checkHandoverShape(event('dispatched', 1, { courierId: 'c1' }))).toEqual({ ok: true });
    expect(checkHandoverShape(event('packed', 1, { courierId: 'c1' }))).toMatchObject({ ok: false, message: 'courierId belongs on dispatched, not on packed' });
    expect(checkHandoverShape(event('delivery_failed', 1))).toMatchObject({ ok: false, message: 'a delivery_failed event says failReason' });
    expect(checkHandoverShape(event('picked_up', 1, { via: 'locker', proof: 'code' }))).toMatchObject({ ok: false });
    expect(checkHandoverShape(event('picked_up', 1, { via: 'locker', proof: 'code', compartment: { bankId: 'A', number: 1 } }))).toEqual({ ok: true });
    expect(checkHandoverShape(event('picked_up', 1, { via: 'counter', proof: 'staff', compartment: { bankId: 'A', number: 1 } }))).toMatchObject({ ok: false });
    expect(checkHandoverShape(event('ready', 1, { paymentId: '0190a000-0000-7000-8000-000000000001' }))).toMatchObject({ ok: false });
  });
});

describe('quick actions', () => {
  const cod = { payment: { method: 'cod' as const, amount: 100, currency: 'CNY', paid: false } };
  const online = { payment: { method: 'online' as const, amount: 100, currency: 'CNY', paid: true } };
  it('keep a handover with money due, and the detailed facts, for the handover screens', () => {
    expect(offeredAsQuickAction('picked_up', cod)).toBe(false);
    expect(offeredAsQuickAction('delivered', cod)).toBe(false);
    expect(offeredAsQuickAction('delivered', online)).toBe(true);
    expect(offeredAsQuickAction('dispatched', cod)).toBe(true);
    expect(offeredAsQuickAction('delivery_failed', online)).toBe(false);
  });
});

describe('order_events schema versions', () => {
  it('is v2, and tells a v1 and a v0 terminal only what they can hold', () => {
    expect(orderEventSchema.version).toBe(2);
    const pickup = event('picked_up', 1, { via: 'counter', proof: 'staff', paymentId: '0190a000-0000-7000-8000-000000000001' });
    const { via: _v, proof: _p, paymentId: _i, ...v1 } = pickup;
    expect(orderEventAsV1(pickup)).toEqual(v1);
    expect(orderEventAsV1(event('delivery_failed', 1, { failReason: 'refused' }))).toBeNull();
    expect(orderEventAsV1(event('batch_claimed', 1, { batchId: 'B1' }))).not.toBeNull();
    expect(orderEventAsV0(event('batch_claimed', 1, { batchId: 'B1' }))).toBeNull();
    expect(orderEventAsV0(event('pickup_reminded', 1))).toBeNull();
    expect(orderEventAsV0(event('dispatched', 1, { courierId: 'c1' }))).not.toHaveProperty('courierId');
  });
});
