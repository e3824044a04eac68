import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { batchNumber, buildBatch, byUrgency, compareStops, indexProducts, skuOfCode, urgencyTier, type BatchOrder, type BuildBatchInput } from './batch.js';
import { makeOrder, makeProduct, NOW } from './fulfilment.testkit.js';
import { SLOT_KINDS } from './order.js';
import type { OrderStatus } from './status.js';

type ValueOf<A> = A extends fc.Arbitrary<infer T> ? T : never;

const products = new Map(Array.from({ length: 30 }, (_, i) => makeProduct(i)).map((p) => [p.sku, p]));
const limits = { maxOrdersPerBatch: 8, maxLinesPerBatch: 40 };
const accepted = (orders: BatchOrder[]) => new Map<string, OrderStatus>(orders.map((o) => [o.id, 'accepted']));
const input = (orders: BatchOrder[], over: Partial<BuildBatchInput> = {}): BuildBatchInput => ({
  orders,
  statuses: accepted(orders),
  products,
  openBatches: new Set(),
  limits,
  nowMs: NOW,
  ...over,
});

describe('buildBatch: urgency', () => {
  it('puts late and 1h orders first, scheduled last unless late, then due soonest', () => {
    const orders = [
      makeOrder('sched-soon', 'scheduled', 90, [{ sku: 'SKU1', qty: 1 }]),
      makeOrder('3h', '3h', 150, [{ sku: 'SKU2', qty: 1 }]),
      makeOrder('1h', '1h', 55, [{ sku: 'SKU3', qty: 1 }]),
      makeOrder('2h', '2h', 100, [{ sku: 'SKU4', qty: 1 }]),
      makeOrder('sched-late', 'scheduled', -5, [{ sku: 'SKU5', qty: 1 }]),
      makeOrder('2h-at-risk', '2h', 20, [{ sku: 'SKU6', qty: 1 }]),
    ];
    expect(buildBatch(input(orders)).batch?.orderIds).toEqual(['sched-late', '2h-at-risk', '1h', '2h', '3h', 'sched-soon']);
  });

  it('breaks ties by order id, whatever the input order', () => {
    const a = makeOrder('B', '2h', 60, [{ sku: 'SKU1', qty: 1 }]);
    const b = makeOrder('A', '2h', 60, [{ sku: 'SKU1', qty: 1 }]);
    expect(buildBatch(input([a, b])).batch?.orderIds).toEqual(['A', 'B']);
    expect(buildBatch(input([b, a])).batch?.orderIds).toEqual(['A', 'B']);
  });

  it('takes only accepted orders that no open batch holds, and says why it skipped the rest', () => {
    const orders = ['new', 'picking', 'claimed', 'cancelled', 'ok'].map((id) => makeOrder(id, '2h', 60, [{ sku: 'SKU1', qty: 1 }]));
    const statuses = new Map<string, OrderStatus>([['new', 'new'], ['picking', 'picking'], ['claimed', 'accepted'], ['cancelled', 'accepted'], ['ok', 'accepted']]);
    const withCancel = orders.map((o) => (o.id === 'cancelled' ? { ...o, cancel: { requestedAt: o.dueAt } } : o));
    const result = buildBatch(input(withCancel, { statuses, openBatches: new Set(['claimed']) }));
    expect(result.batch?.orderIds).toEqual(['ok']);
    expect(result.skipped).toEqual([
      { orderId: 'new', reason: 'not_accepted' },
      { orderId: 'picking', reason: 'not_accepted' },
      { orderId: 'claimed', reason: 'claimed' },
      { orderId: 'cancelled', reason: 'cancelled' },
    ]);
  });
});

describe('buildBatch: limits', () => {
  const line = (n: number) => Array.from({ length: n }, (_, i) => ({ sku: `SKU${i}`, qty: 1 }));

  it('stops at the first order that does not fit, so a smaller later order never overtakes it', () => {
    const orders = [makeOrder('a', '1h', 30, line(3)), makeOrder('b', '1h', 40, line(3)), makeOrder('c', '2h', 90, line(1))];
    const result = buildBatch(input(orders, { limits: { maxOrdersPerBatch: 8, maxLinesPerBatch: 5 } }));
    expect(result.batch?.orderIds).toEqual(['a']);
    expect(result.skipped).toEqual([{ orderId: 'b', reason: 'batch_full' }, { orderId: 'c', reason: 'batch_full' }]);
  });

  it('makes an order larger than the line limit a batch of its own', () => {
    const orders = [makeOrder('big', '1h', 30, line(7)), makeOrder('small', '1h', 40, line(1))];
    const result = buildBatch(input(orders, { limits: { maxOrdersPerBatch: 8, maxLinesPerBatch: 5 } }));
    expect(result.batch).toMatchObject({ orderIds: ['big'], orderLineCount: 7 });
  });

  it('returns no batch when nothing is open', () => {
    expect(buildBatch(input([])).batch).toBeNull();
  });
});

describe('buildBatch: the walk', () => {
  it('merges equal SKUs into one stop with per-order quantities and walks in location order, unknown SKUs last', () => {
    const orders = [
      makeOrder('o1', '1h', 30, [{ sku: 'SKU13', qty: 2 }, { sku: 'NOT-IN-CATALOGUE', qty: 1 }, { sku: 'SKU1', qty: 1, substitutable: true }]),
      makeOrder('o2', '1h', 40, [{ sku: 'SKU1', qty: 3 }]),
    ];
    const lines = buildBatch(input(orders)).batch?.lines ?? [];
    expect(lines.map((l) => [l.sku, l.qty])).toEqual([['SKU1', 4], ['SKU13', 2], ['NOT-IN-CATALOGUE', 1]]);
    expect(lines[0]?.allocations).toEqual([
      { orderId: 'o1', lineIndex: 2, qty: 1, substitutable: true },
      { orderId: 'o2', lineIndex: 0, qty: 3, substitutable: false },
    ]);
    expect(lines[2]).toMatchObject({ location: null, locationKey: null, barcodes: [] });
  });
});

describe('buildBatch: properties', () => {
  const skus = fc.oneof(fc.integer({ min: 0, max: 29 }).map((i) => `SKU${i}`), fc.constantFrom('X1', 'X2'));
  const orderArb = fc.record({
    kind: fc.constantFrom(...SLOT_KINDS),
    due: fc.integer({ min: -120, max: 600 }),
    lines: fc.array(fc.record({ sku: skus, qty: fc.integer({ min: 1, max: 9 }), substitutable: fc.boolean() }), { minLength: 1, maxLength: 8 }),
    status: fc.constantFrom<OrderStatus>('accepted', 'accepted', 'accepted', 'new', 'picking'),
    claimed: fc.boolean(),
  });
  const world = fc.record({
    specs: fc.array(orderArb, { maxLength: 40 }),
    limits: fc.record({ maxOrdersPerBatch: fc.integer({ min: 1, max: 12 }), maxLinesPerBatch: fc.integer({ min: 1, max: 30 }) }),
  });
  const setUp = ({ specs, limits: l }: ValueOf<typeof world>) => {
    const orders = specs.map((s, i) => makeOrder(`EO-${i}`, s.kind, s.due, s.lines));
    const statuses = new Map(specs.map((s, i) => [`EO-${i}`, s.status]));
    const openBatches = new Set(specs.flatMap((s, i) => (s.claimed ? [`EO-${i}`] : [])));
    return { orders, input: input(orders, { statuses, openBatches, limits: l }) };
  };

  it('holds the limits, takes a prefix of the urgency order, and never takes a claimed or unaccepted order', () => {
    fc.assert(
      fc.property(world, (w) => {
        const { orders, input: inp } = setUp(w);
        const { batch, skipped } = buildBatch(inp);
        const eligible = orders.filter((o) => inp.statuses.get(o.id) === 'accepted' && !inp.openBatches.has(o.id));
        const ranked = byUrgency(eligible, NOW).map((o) => o.id);
        if (!batch) {
          expect(eligible).toEqual([]);
          return;
        }
        expect(batch.orderIds).toEqual(ranked.slice(0, batch.orderIds.length));
        expect(batch.orderIds.length).toBeLessThanOrEqual(inp.limits.maxOrdersPerBatch);
        if (batch.orderIds.length > 1) expect(batch.orderLineCount).toBeLessThanOrEqual(inp.limits.maxLinesPerBatch);
        const tiers = batch.orderIds.map((id) => urgencyTier(orders.find((o) => o.id === id) as BatchOrder, NOW));
        const rest = ranked.slice(batch.orderIds.length).map((id) => urgencyTier(orders.find((o) => o.id === id) as BatchOrder, NOW));
        expect(Math.max(...tiers)).toBeLessThanOrEqual(Math.min(...rest, 2));
        expect([...batch.orderIds, ...skipped.map((s) => s.orderId)].sort()).toEqual(orders.map((o) => o.id).sort());
      }),
      { numRuns: 1000 },
    );
  });

  it('walks in location order and conserves every ordered unit in exactly one stop', () => {
    fc.assert(
      fc.property(world, (w) => {
        const { orders, input: inp } = setUp(w);
        const batch = buildBatch(inp).batch;
        if (!batch) return;
        for (let i = 1; i < batch.lines.length; i++) expect(compareStops(batch.lines[i - 1]!, batch.lines[i]!)).toBeLessThan(0);
        const keys = batch.lines.map((l) => l.locationKey);
        expect(keys.slice(keys.indexOf(null) < 0 ? keys.length : keys.indexOf(null)).every((k) => k === null)).toBe(true);
        const want = batch.orderIds.flatMap((id) => (orders.find((o) => o.id === id)?.lines ?? []).map((l, lineIndex) => `${id}#${lineIndex}#${l.sku}#${l.qty}`));
        const got = batch.lines.flatMap((l) => {
          expect(l.qty).toBe(l.allocations.reduce((n, a) => n + a.qty, 0));
          return l.allocations.map((a) => `${a.orderId}#${a.lineIndex}#${l.sku}#${a.qty}`);
        });
        expect(got.sort()).toEqual(want.sort());
      }),
    );
  });
});

describe('indexProducts', () => {
  it('finds a product by barcode or by SKU text', () => {
    const index = indexProducts(products.values());
    expect(skuOfCode(index, '6900000000007')).toBe('SKU7');
    expect(skuOfCode(index, ' SKU7 ')).toBe('SKU7');
    expect(skuOfCode(index, 'nope')).toBeNull();
  });
});

describe('batchNumber', () => {
  it('is four digits, the same for the same id, and rarely the same for two ids of a day', () => {
    expect(batchNumber('B-01a233ca-7c1e-7d4f-9a2b-3c4d5e6f7a8b')).toMatch(/^\d{4}$/);
    expect(batchNumber('B-x')).toBe(batchNumber('B-x'));
    // 200 batches (a busy store's week) made like the terminal makes them: UUIDv7 after "B-".
    const ids = Array.from({ length: 200 }, (_, i) => `B-0193${(0x1000 + i).toString(16)}-aa00-7000-8000-${(i * 7919).toString(16).padStart(12, '0')}`);
    expect(new Set(ids.map(batchNumber)).size).toBeGreaterThanOrEqual(195);
  });
});
