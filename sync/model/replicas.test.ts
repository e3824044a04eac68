import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { claimsFromEvents, resolveClaims } from './batch-claims.js';
import type { Order } from './order.js';
import { ORDER_EVENT_TYPES, type OrderEvent, type OrderFactType } from './order-event.js';
import { deriveStatus } from './status.js';
import { onHand, type StockMove } from './stock.js';
import { levelFromMoves, onHandFrom, type StockLevel } from './stock-level.js';

/**
 * Two terminals and the centre, each holding its own copy of an order's facts and of the store's stock moves,
 * exchanging them in a random schedule (pushes and pulls that may repeat, arrive late or out of order) while the
 * platform may cancel the order at any point. Whatever the schedule, once everything has reached everyone, every
 * replica derives the same status, the same batch owner and the same stock, and no move is lost or counted twice.
 */

const ORDER: Pick<Order, 'id' | 'fulfilment' | 'receivedAt' | 'cancel'> = {
  id: 'EO-1',
  receivedAt: '2026-11-27T09:00:00.000Z',
  fulfilment: { type: 'delivery', slot: { kind: '1h', dueAt: '2026-11-27T10:00:00.000Z' } },
};
const SKUS = ['SKU-A', 'SKU-B'] as const;
const TERMINALS = ['T1', 'T2'] as const;

interface Replica {
  events: Map<string, OrderEvent>;
  moves: Map<string, StockMove>;
  /** Only a terminal holds the centre's snapshot; the centre computes its own. */
  levels: Map<string, StockLevel>;
}

const replica = (): Replica => ({ events: new Map(), moves: new Map(), levels: new Map() });
const at = (second: number) => new Date(Date.parse('2026-11-27T09:00:00.000Z') + second * 1000).toISOString();
const uuid = (n: number, device: number) => `0190a000-0000-7000-8${device}00-${n.toString(16).padStart(12, '0')}`;

type Step =
  | { kind: 'event'; terminal: number; type: OrderFactType; second: number }
  | { kind: 'move'; terminal: number; sku: number; move: 'receive' | 'pick' | 'adjust' | 'count'; qty: number; second: number }
  | { kind: 'push'; terminal: number }
  | { kind: 'pull'; terminal: number };

const FACT_TYPES: readonly OrderFactType[] = [...ORDER_EVENT_TYPES, 'batch_claimed', 'batch_released'];

const stepArb: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ kind: fc.constant('event' as const), terminal: fc.integer({ min: 0, max: 1 }), type: fc.constantFrom(...FACT_TYPES), second: fc.integer({ min: 1, max: 600 }) }),
  fc.record({
    kind: fc.constant('move' as const),
    terminal: fc.integer({ min: 0, max: 1 }),
    sku: fc.integer({ min: 0, max: 1 }),
    move: fc.constantFrom('receive' as const, 'pick' as const, 'adjust' as const, 'count' as const),
    qty: fc.integer({ min: 1, max: 20 }),
    second: fc.integer({ min: 1, max: 600 }),
  }),
  fc.record({ kind: fc.constant('push' as const), terminal: fc.integer({ min: 0, max: 1 }) }),
  fc.record({ kind: fc.constant('pull' as const), terminal: fc.integer({ min: 0, max: 1 }) }),
);

function snapshot(centre: Replica): Map<string, StockLevel> {
  const all = [...centre.moves.values()];
  const levels = new Map<string, StockLevel>();
  for (const sku of SKUS) {
    const level = levelFromMoves('S001', sku, all, at(0));
    if (level) levels.set(sku, level);
  }
  return levels;
}

function run(steps: readonly Step[], cancelAfter: number | null) {
  const centre = replica();
  const terminals = [replica(), replica()];
  let n = 0;
  let made = 0;
  let cancel: Order['cancel'];
  steps.forEach((step, i) => {
    if (cancelAfter === i) cancel = { requestedAt: at(300) };
    const t = terminals[step.terminal] as Replica;
    const device = TERMINALS[step.terminal] ?? 'T?';
    switch (step.kind) {
      case 'event': {
        const id = uuid(++n, step.terminal);
        const batch = step.type.startsWith('batch_') ? { batchId: `B-${device}` } : {};
        t.events.set(id, { id, storeId: 'S001', orderId: ORDER.id, type: step.type, at: at(step.second), operatorId: 'op', deviceId: device, ...batch });
        break;
      }
      case 'move': {
        const id = uuid(++n, step.terminal);
        const qty = step.move === 'pick' ? -step.qty : step.qty;
        t.moves.set(id, { id, storeId: 'S001', sku: SKUS[step.sku] ?? 'SKU-A', kind: step.move, qty, at: at(step.second), operatorId: 'op', deviceId: device, ...(step.move === 'adjust' ? { reason: 'r' } : {}) });
        made++;
        break;
      }
      case 'push':
        for (const [id, e] of t.events) centre.events.set(id, e);
        for (const [id, m] of t.moves) centre.moves.set(id, m);
        break;
      case 'pull':
        for (const [id, e] of centre.events) t.events.set(id, e);
        for (const [id, m] of centre.moves) t.moves.set(id, m);
        t.levels = snapshot(centre);
        break;
    }
  });
  // The link comes back for good: everyone pushes, then everyone pulls.
  for (const t of terminals) {
    for (const [id, e] of t.events) centre.events.set(id, e);
    for (const [id, m] of t.moves) centre.moves.set(id, m);
  }
  for (const t of terminals) {
    for (const [id, e] of centre.events) t.events.set(id, e);
    for (const [id, m] of centre.moves) t.moves.set(id, m);
    t.levels = snapshot(centre);
  }
  if (cancelAfter !== null && cancel === undefined) cancel = { requestedAt: at(300) };
  return { centre, terminals, made, order: { ...ORDER, ...(cancel ? { cancel } : {}) } };
}

const view = (r: Replica, order: Pick<Order, 'id' | 'fulfilment' | 'receivedAt' | 'cancel'>) => {
  const events = [...r.events.values()];
  const derived = deriveStatus(order, events);
  return {
    status: derived.status,
    returnRequested: derived.returnRequested,
    owner: resolveClaims(claimsFromEvents(events)).owners.get(order.id) ?? null,
    stock: Object.fromEntries(SKUS.map((s) => [s, onHand([...r.moves.values()]).get(s) ?? 0])),
    fromSnapshot: Object.fromEntries(SKUS.map((s) => [s, onHandFrom([...r.levels.values()], [...r.moves.values()]).get(s) ?? 0])),
  };
};

describe('replicas of two terminals and the centre', () => {
  it('converge to the same status, batch owner and stock, with every move counted once', () => {
    fc.assert(
      fc.property(fc.array(stepArb, { maxLength: 40 }), fc.option(fc.integer({ min: 0, max: 40 })), (steps, cancelAfter) => {
        const { centre, terminals, made, order } = run(steps, cancelAfter);
        const expected = view(centre, order);
        expect(centre.moves.size).toBe(made);
        for (const t of terminals) {
          const got = view(t, order);
          expect(got.status).toBe(expected.status);
          expect(got.returnRequested).toBe(expected.returnRequested);
          expect(got.owner).toBe(expected.owner);
          expect(got.stock).toEqual(expected.stock);
          // The centre's snapshot plus the moves after it is the whole ledger once the snapshot holds everything.
          expect(got.fromSnapshot).toEqual(expected.stock);
          expect(t.moves.size).toBe(made);
        }
      }),
      { numRuns: 400 },
    );
  });

  it('does not count a move twice when the terminal holds both the snapshot and the move it contains', () => {
    const moves: StockMove[] = [
      { id: uuid(1, 0), storeId: 'S001', sku: 'SKU-A', kind: 'receive', qty: 10, at: at(1), operatorId: 'op', deviceId: 'T1' },
      { id: uuid(2, 1), storeId: 'S001', sku: 'SKU-A', kind: 'pick', qty: -3, at: at(2), operatorId: 'op', deviceId: 'T2' },
    ];
    const level = levelFromMoves('S001', 'SKU-A', moves, at(3));
    if (!level) throw new Error('no level');
    const later: StockMove = { id: uuid(3, 0), storeId: 'S001', sku: 'SKU-A', kind: 'pick', qty: -1, at: at(4), operatorId: 'op', deviceId: 'T1' };
    expect(onHandFrom([level], [...moves, later]).get('SKU-A')).toBe(6);
    // A count after the snapshot states the shelf, whatever the snapshot said.
    const count: StockMove = { id: uuid(4, 1), storeId: 'S001', sku: 'SKU-A', kind: 'count', qty: 4, at: at(5), operatorId: 'op', deviceId: 'T2' };
    expect(onHandFrom([level], [...moves, later, count]).get('SKU-A')).toBe(4);
  });
});
