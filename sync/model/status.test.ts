import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { deriveStatus, checkTransition, nextEventTypes, cancellationOutcome, type OrderStatus } from './status.js';
import { ORDER_EVENT_TYPES, type OrderEvent, type OrderEventType } from './order-event.js';
import type { FulfilmentType } from './order.js';

const order = (type: FulfilmentType = 'delivery', cancelAt?: string) => ({
  id: 'EO-1',
  fulfilment: { type, slot: { kind: '1h' as const, dueAt: '2026-11-27T10:00:00.000Z' } },
  receivedAt: '2026-11-27T09:00:00.000Z',
  ...(cancelAt ? { cancel: { requestedAt: cancelAt } } : {}),
});

let seq = 0;
function event(type: OrderEventType, minute: number, device = 'D1'): OrderEvent {
  seq += 1;
  const hex = seq.toString(16).padStart(12, '0');
  return {
    id: `0190a000-0000-7000-8000-${hex}`,
    storeId: 'S001',
    orderId: 'EO-1',
    type,
    at: `2026-11-27T09:${String(minute).padStart(2, '0')}:00.000Z`,
    operatorId: 'op-1',
    deviceId: device,
  };
}

describe('deriveStatus', () => {
  it('walks a delivery order through its lifecycle', () => {
    const events = [event('accepted', 1), event('picking_started', 2), event('picked', 3), event('packed', 4), event('dispatched', 5), event('delivered', 6)];
    expect(deriveStatus(order(), events).status).toBe('delivered');
  });

  it('starts as new with no events', () => {
    expect(deriveStatus(order(), []).status).toBe('new');
  });

  it('ignores an illegal event and says why', () => {
    const d = deriveStatus(order(), [event('picking_started', 1)]);
    expect(d.status).toBe('new');
    expect(d.history[0]?.applied).toBe(false);
    expect(d.history[0]?.ignoredReason).toMatch(/cannot record "picking_started" on an order that is new/);
  });

  it('lets only the first of two terminals accepting the same order win', () => {
    const d = deriveStatus(order(), [event('accepted', 2, 'D2'), event('accepted', 1, 'D1')]);
    expect(d.status).toBe('accepted');
    expect(d.history.filter((h) => h.applied).map((h) => h.event.deviceId)).toEqual(['D1']);
  });

  it('counts a fact delivered twice once', () => {
    const a = event('accepted', 1);
    expect(deriveStatus(order(), [a, a]).history).toHaveLength(1);
  });

  it('lets the platform cancellation beat store work that is not handed over', () => {
    const d = deriveStatus(order('delivery', '2026-11-27T09:03:30.000Z'), [event('accepted', 1), event('picking_started', 2), event('picked', 5)]);
    expect(d.status).toBe('cancelled');
    expect(d.returnRequested).toBe(false);
    expect(d.history.find((h) => h.event.type === 'picked')?.applied).toBe(false);
  });

  it('turns a cancellation after handover into a return', () => {
    const events = [event('accepted', 1), event('picking_started', 2), event('ready', 3), event('picked_up', 9)];
    const d = deriveStatus(order('pickup', '2026-11-27T09:05:00.000Z'), events);
    expect(d.status).toBe('picked_up');
    expect(d.returnRequested).toBe(true);
  });

  it('gives the same result whatever order the events arrive in', () => {
    const arbEvents = fc.array(
      fc.record({ type: fc.constantFrom(...ORDER_EVENT_TYPES), minute: fc.integer({ min: 0, max: 59 }), device: fc.constantFrom('D1', 'D2') }),
      { maxLength: 14 },
    );
    fc.assert(
      fc.property(arbEvents, fc.constantFrom<FulfilmentType>('delivery', 'pickup'), fc.option(fc.integer({ min: 0, max: 59 })), fc.infiniteStream(fc.double({ min: 0, max: 1, noNaN: true })), (specs, type, cancelMinute, rnd) => {
        const events = specs.map((s) => event(s.type, s.minute, s.device));
        const shuffled = [...events].map((e) => ({ e, k: rnd.next().value })).sort((a, b) => a.k - b.k).map((x) => x.e);
        const cancelAt = cancelMinute === null ? undefined : `2026-11-27T09:${String(cancelMinute).padStart(2, '0')}:30.000Z`;
        const a = deriveStatus(order(type, cancelAt), events);
        const b = deriveStatus(order(type, cancelAt), shuffled);
        expect(b.status).toBe(a.status);
        expect(b.returnRequested).toBe(a.returnRequested);
        expect(b.history.map((h) => [h.event.id, h.applied])).toEqual(a.history.map((h) => [h.event.id, h.applied]));
      }),
      { numRuns: 300 },
    );
  });

  it('never reports cancelled for an order whose goods left the store', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...ORDER_EVENT_TYPES), { maxLength: 10 }), (types) => {
        const events = types.map((t, i) => event(t, i));
        const plain = deriveStatus(order('delivery'), events);
        const cancelled = deriveStatus(order('delivery', '2026-11-27T09:00:30.000Z'), events);
        if (['dispatched', 'delivered'].includes(plain.status)) expect(cancelled.status).toBe(plain.status);
        else if (plain.status !== 'rejected') expect(cancelled.status).toBe('cancelled');
      }),
    );
  });
});

describe('checkTransition', () => {
  it('refuses pickup-only events on delivery orders with a clear message', () => {
    const r = checkTransition('ready', 'picked_up', 'delivery');
    expect(r).toEqual({ ok: false, code: 'ILLEGAL_TRANSITION', message: '"picked_up" does not apply to a delivery order' });
  });

  it('offers the next steps of a new and an accepted order', () => {
    expect(nextEventTypes('new', 'delivery')).toEqual(['accepted', 'rejected']);
    expect(nextEventTypes('accepted', 'pickup')).toEqual(['rejected', 'picking_started']);
  });

  it('decides cancellation outcomes by the same rule as the fold', () => {
    const outcomes: Array<[OrderStatus, string]> = [
      ['new', 'cancelled'],
      ['picking', 'cancelled'],
      ['ready', 'cancelled'],
      ['dispatched', 'return'],
      ['picked_up', 'return'],
      ['cancelled', 'already_final'],
    ];
    for (const [status, outcome] of outcomes) expect(cancellationOutcome(status)).toBe(outcome);
  });
});
