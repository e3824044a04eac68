import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { deriveStatus } from './status.js';
import type { OrderEvent, OrderFactType } from './order-event.js';
import { chooseCompartment, compartmentKey, DEFAULT_LOCKER_FIT, LOCKER_SIZES, occupiedCompartments, packedItemCount, smallestFit, type LockerBank } from './locker-loading.js';

const bank: LockerBank = {
  id: 'front',
  compartments: [
    { number: 1, size: 'S' }, { number: 2, size: 'S' }, { number: 3, size: 'M' }, { number: 4, size: 'L' },
  ],
};

let seq = 0;
function event(orderId: string, type: OrderFactType, minute: number, extra: Partial<OrderEvent> = {}): OrderEvent {
  seq += 1;
  return {
    id: `0190a000-0000-7000-8000-${seq.toString(16).padStart(12, '0')}`, storeId: 'S001', orderId, type,
    at: `2026-11-27T09:${String(minute).padStart(2, '0')}:00.000Z`, operatorId: 'op-1', deviceId: 'D1', ...extra,
  };
}
function row(orderId: string, extra: OrderEvent[]) {
  const order = { id: orderId, fulfilment: { type: 'pickup' as const, slot: { kind: '1h' as const, dueAt: '2026-11-27T10:00:00.000Z' } }, receivedAt: '2026-11-27T09:00:00.000Z' };
  const events = [event(orderId, 'accepted', 1), event(orderId, 'picking_started', 2), event(orderId, 'picked', 3), event(orderId, 'packed', 4), ...extra];
  return { order, derived: deriveStatus(order, events) };
}

describe('loading a locker', () => {
  it('takes the smallest door that fits: five small items or fewer go into an S', () => {
    expect(smallestFit(1)).toBe('S');
    expect(smallestFit(5)).toBe('S');
    expect(smallestFit(6)).toBe('M');
    expect(smallestFit(DEFAULT_LOCKER_FIT.L)).toBe('L');
    expect(smallestFit(DEFAULT_LOCKER_FIT.L + 1)).toBeNull();
    expect(smallestFit(6, { S: 8, M: 12, L: 30 })).toBe('S');
  });

  it('counts the packed units, or the ordered ones without packing detail', () => {
    const order = { lines: [{ qty: 2 }, { qty: 3 }] } as never;
    expect(packedItemCount(order, undefined)).toBe(5);
    expect(packedItemCount(order, [{ id: 'P1', n: 1, of: 2, items: [{ sku: 'a', qty: 1 }] }, { id: 'P2', n: 2, of: 2, items: [{ sku: 'b', qty: 3 }] }])).toBe(4);
  });

  it('knows which compartments hold a ready order, and frees one when its order is picked up or its door failed', () => {
    const rows = [
      row('EO-1', [event('EO-1', 'ready', 5, { compartment: { bankId: 'front', number: 1 } })]),
      row('EO-2', [event('EO-2', 'ready', 5, { compartment: { bankId: 'front', number: 2 } }), event('EO-2', 'picked_up', 9, { via: 'locker', proof: 'code', compartment: { bankId: 'front', number: 2 } })]),
      row('EO-3', [event('EO-3', 'ready', 5, { compartment: { bankId: 'front', number: 3 } }), event('EO-3', 'locker_failed', 9)]),
      row('EO-4', [event('EO-4', 'ready', 5)]),
    ];
    expect([...occupiedCompartments(rows)]).toEqual([['front#1', 'EO-1']]);
  });

  it('picks the smallest free door, then a larger one, and says why when there is none', () => {
    const occupied = new Map([['front#1', 'EO-1']]);
    expect(chooseCompartment([bank], occupied, 3)).toEqual({ ok: true, compartment: { bankId: 'front', number: 2 }, size: 'S' });
    occupied.set('front#2', 'EO-2');
    expect(chooseCompartment([bank], occupied, 3)).toMatchObject({ ok: true, compartment: { number: 3 }, size: 'M' });
    occupied.set('front#3', 'EO-3');
    occupied.set('front#4', 'EO-4');
    expect(chooseCompartment([bank], occupied, 3)).toMatchObject({ ok: false, code: 'NO_FREE_COMPARTMENT' });
    expect(chooseCompartment([bank], new Map(), 31)).toMatchObject({ ok: false, code: 'TOO_BIG' });
    expect(chooseCompartment([], new Map(), 1)).toMatchObject({ ok: false, code: 'NO_LOCKER_BANK' });
  });

  it('never chooses an occupied door or one too small (property)', () => {
    const arbBank = fc.array(fc.constantFrom(...LOCKER_SIZES), { minLength: 1, maxLength: 16 }).map((sizes): LockerBank => ({
      id: 'b', compartments: sizes.map((size, i) => ({ number: i + 1, size })),
    }));
    fc.assert(
      fc.property(arbBank, fc.array(fc.integer({ min: 1, max: 16 })), fc.integer({ min: 1, max: 40 }), (b, taken, items) => {
        const occupied = new Map(taken.map((n) => [compartmentKey({ bankId: 'b', number: n }), `EO-${n}`]));
        const choice = chooseCompartment([b], occupied, items);
        if (!choice.ok) return;
        expect(occupied.has(compartmentKey(choice.compartment))).toBe(false);
        expect(items).toBeLessThanOrEqual(DEFAULT_LOCKER_FIT[choice.size]);
        expect(b.compartments.find((c) => c.number === choice.compartment.number)?.size).toBe(choice.size);
      }),
    );
  });
});
