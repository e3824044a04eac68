import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ORDER_FACT_TYPES, type OrderEvent, type OrderFactType } from './order-event.js';
import type { FulfilmentType } from './order.js';
import { compareEvents, deriveStatus, emptyFold, extendsFold, foldEvent, foldEvents, pickedLinesOfFold, statusOfFold } from './status.js';

const LINES = [{ lineIndex: 0, sku: 'A1', ordered: 1, picked: 1, substitute: null, shortReason: null }];

const factArb = fc.record({
  type: fc.constantFrom<OrderFactType>(...ORDER_FACT_TYPES),
  second: fc.integer({ min: 0, max: 120 }),
  withLines: fc.boolean(),
});

function toEvents(facts: ReadonlyArray<{ type: OrderFactType; second: number; withLines: boolean }>): OrderEvent[] {
  return facts.map((f, i) => ({
    id: `0190a000-0000-7000-8000-${i.toString(16).padStart(12, '0')}`,
    storeId: 'S001',
    orderId: 'EO-1',
    type: f.type,
    at: new Date(Date.UTC(2026, 10, 27, 9, 0, f.second)).toISOString(),
    operatorId: 'op-1',
    deviceId: 'D1',
    ...(f.type === 'picked' && f.withLines ? { lines: LINES } : {}),
  }));
}

const orderArb = fc.record({
  type: fc.constantFrom<FulfilmentType>('delivery', 'pickup'),
  cancelSecond: fc.option(fc.integer({ min: 0, max: 120 })),
});

function makeOrder(o: { type: FulfilmentType; cancelSecond: number | null }) {
  return {
    id: 'EO-1',
    fulfilment: { type: o.type, slot: { kind: '1h' as const, dueAt: '2026-11-27T10:00:00.000Z' } },
    receivedAt: '2026-11-27T08:59:00.000Z',
    ...(o.cancelSecond !== null ? { cancel: { requestedAt: new Date(Date.UTC(2026, 10, 27, 9, 0, o.cancelSecond)).toISOString() } } : {}),
  };
}

describe('the status fold kept per order', () => {
  it('extended one fact at a time in (at, id) order, says what deriveStatus says from all the facts', () => {
    fc.assert(
      fc.property(orderArb, fc.array(factArb, { maxLength: 25 }), (o, facts) => {
        const order = makeOrder(o);
        const events = toEvents(facts);
        const derived = deriveStatus(order, events);
        let fold = emptyFold(order);
        for (const e of [...events].sort(compareEvents)) {
          expect(extendsFold(fold, e)).toBe(true);
          fold = foldEvent(fold, e, order.fulfilment.type).fold;
        }
        expect(fold).toEqual(foldEvents(order, events));
        expect(statusOfFold(order, fold)).toEqual({ status: derived.status, returnRequested: derived.returnRequested, changedAt: derived.changedAt });
        const appliedPick = derived.history.filter((h) => h.applied && h.event.type === 'picked').at(-1);
        expect(pickedLinesOfFold(order, fold)).toEqual(appliedPick?.event.lines);
      }),
      { numRuns: 500 },
    );
  });

  it('does not extend with a fact that sorts before its last one: that fact arrived late and needs a fold from the start', () => {
    const order = makeOrder({ type: 'delivery', cancelSecond: null });
    const [early, late] = toEvents([
      { type: 'accepted', second: 10, withLines: false },
      { type: 'picking_started', second: 20, withLines: false },
    ]) as [OrderEvent, OrderEvent];
    const fold = foldEvent(emptyFold(order), late, 'delivery').fold;
    expect(extendsFold(fold, early)).toBe(false);
    expect(statusOfFold(order, foldEvents(order, [late, early])).status).toBe('picking');
  });
});
