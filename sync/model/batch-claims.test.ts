import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { batchOwnership, causalAt, claimBatch, claimedOrders, claimsFromEvents, releaseBatch, resolveClaims, type BatchClaimFact } from './batch-claims.js';
import { buildBatch } from './batch.js';
import { makeOrder, makeProduct, NOW } from './fulfilment.testkit.js';
import type { OrderStatus } from './status.js';

type ValueOf<A> = A extends fc.Arbitrary<infer T> ? T : never;

const at = (s: number) => new Date(NOW + s * 1000).toISOString();
const fact = (id: string, orderId: string, batchId: string, kind: BatchClaimFact['kind'], second: number): BatchClaimFact => ({ id, orderId, batchId, kind, at: at(second) });

describe('resolveClaims', () => {
  it('gives an order to the earliest claim; the later claim of another batch is void', () => {
    const r = resolveClaims([fact('b', 'EO-1', 'B2', 'claim', 5), fact('a', 'EO-1', 'B1', 'claim', 3)]);
    expect(r.owners.get('EO-1')).toBe('B1');
    expect(r.voided.map((f) => f.id)).toEqual(['b']);
    expect(batchOwnership(r, 'B2', ['EO-1'])).toEqual({ owned: [], lost: ['EO-1'] });
  });

  it('breaks a tie on time by fact id', () => {
    const r = resolveClaims([fact('y', 'EO-1', 'B2', 'claim', 3), fact('x', 'EO-1', 'B1', 'claim', 3)]);
    expect(r.owners.get('EO-1')).toBe('B1');
  });

  it('frees an order on the owner’s release only, after which a later claim takes it', () => {
    const facts = [fact('1', 'EO-1', 'B1', 'claim', 1), fact('2', 'EO-1', 'B2', 'release', 2), fact('3', 'EO-1', 'B1', 'release', 3), fact('4', 'EO-1', 'B2', 'claim', 4)];
    expect(resolveClaims(facts.slice(0, 2)).owners.get('EO-1')).toBe('B1');
    expect(resolveClaims(facts.slice(0, 3)).owners.has('EO-1')).toBe(false);
    expect(resolveClaims(facts).owners.get('EO-1')).toBe('B2');
  });

  it('counts a fact delivered twice once, and a batch re-claiming its own order is not void', () => {
    const c = fact('1', 'EO-1', 'B1', 'claim', 1);
    const r = resolveClaims([c, c, fact('2', 'EO-1', 'B1', 'claim', 2)]);
    expect(r.owners.get('EO-1')).toBe('B1');
    expect(r.voided).toEqual([]);
  });

  it('stamps a new fact after the latest one it has seen for the order, whatever the local clock says', () => {
    const seen = resolveClaims([fact('1', 'EO-1', 'B1', 'claim', 1), fact('2', 'EO-1', 'B1', 'release', 9)]);
    expect(causalAt(seen, 'EO-1', at(5))).toBe(new Date(Date.parse(at(9)) + 1).toISOString());
    expect(causalAt(seen, 'EO-2', at(5))).toBe(at(5));
    const [claim] = claimBatch(seen, 'B2', ['EO-1'], at(5), () => '0');
    expect(resolveClaims([fact('1', 'EO-1', 'B1', 'claim', 1), fact('2', 'EO-1', 'B1', 'release', 9), claim!]).owners.get('EO-1')).toBe('B2');
  });

  it('reads claims from order events that carry a batch id', () => {
    const events = [
      { id: 'e1', orderId: 'EO-1', type: 'batch_claimed', at: at(1), batchId: 'B1' },
      { id: 'e2', orderId: 'EO-1', type: 'batch_released', at: at(2), batchId: 'B1' },
      { id: 'e3', orderId: 'EO-1', type: 'accepted', at: at(0) },
    ];
    expect(claimsFromEvents(events).map((f) => [f.id, f.kind])).toEqual([['e1', 'claim'], ['e2', 'release']]);
  });
});

/** Two terminals build and release batches against their own view, syncing now and then, with skewed clocks. */
describe('resolveClaims: two offline terminals', () => {
  const products = new Map(Array.from({ length: 10 }, (_, i) => makeProduct(i)).map((p) => [p.sku, p]));
  const orders = Array.from({ length: 12 }, (_, i) => makeOrder(`EO-${i}`, i % 3 === 0 ? '1h' : '2h', 30 + i * 7, [{ sku: `SKU${i % 10}`, qty: 1 }]));
  const statuses = new Map<string, OrderStatus>(orders.map((o) => [o.id, 'accepted']));
  const step = fc.oneof(
    fc.record({ op: fc.constant('build' as const), t: fc.constantFrom(0, 1), size: fc.integer({ min: 1, max: 5 }) }),
    fc.record({ op: fc.constant('release' as const), t: fc.constantFrom(0, 1), pick: fc.nat() }),
    fc.record({ op: fc.constant('sync' as const) }),
  );
  const scenario = fc.record({ steps: fc.array(step, { maxLength: 30 }), skew: fc.tuple(fc.integer({ min: -5, max: 5 }), fc.integer({ min: -5, max: 5 })) });

  function run({ steps, skew }: ValueOf<typeof scenario>) {
    const logs: BatchClaimFact[][] = [[], []];
    const batches: { id: string; t: number; orderIds: string[] }[] = [];
    let seq = 0;
    const newId = () => `f${String(++seq).padStart(5, '0')}`;
    steps.forEach((s, i) => {
      if (s.op === 'sync') {
        const union = dedupe([...logs[0]!, ...logs[1]!]);
        logs[0] = [...union];
        logs[1] = [...union];
        return;
      }
      const log = logs[s.t]!;
      const now = at(i + skew[s.t]!);
      const local = resolveClaims(log);
      if (s.op === 'build') {
        const limits = { maxOrdersPerBatch: s.size, maxLinesPerBatch: 40 };
        const { batch } = buildBatch({ orders, statuses, products, openBatches: claimedOrders(local), limits, nowMs: NOW });
        if (!batch) return;
        const id = `B${s.t}-${batches.length}`;
        log.push(...claimBatch(local, id, batch.orderIds, now, newId));
        batches.push({ id, t: s.t, orderIds: batch.orderIds });
        // On its own terminal a fresh batch owns every order it took: the builder skipped the claimed ones.
        expect(batchOwnership(resolveClaims(log), id, batch.orderIds).lost).toEqual([]);
      } else {
        const mine = batches.filter((b) => b.t === s.t);
        const b = mine[s.pick % Math.max(1, mine.length)];
        if (!b) return;
        log.push(...releaseBatch(local, b.id, b.orderIds, now, newId));
      }
    });
    return { logs, batches, all: dedupe([...logs[0]!, ...logs[1]!]) };
  }

  const dedupe = (facts: BatchClaimFact[]) => [...new Map(facts.map((f) => [f.id, f])).values()];
  const summary = (facts: BatchClaimFact[]) => {
    const r = resolveClaims(facts);
    return { owners: [...r.owners].sort(), voided: r.voided.map((f) => f.id).sort() };
  };

  it('every replica that holds the same facts, in any order and with repeats, resolves the same owners', () => {
    fc.assert(
      fc.property(scenario, fc.infiniteStream(fc.nat()), (sc, noise) => {
        const { all } = run(sc);
        const reference = summary(all);
        const it = noise[Symbol.iterator]();
        for (let replica = 0; replica < 3; replica++) {
          const keyed = all.flatMap((f) => (it.next().value % 4 === 0 ? [f, f] : [f])).map((f) => ({ f, k: it.next().value }));
          expect(summary(keyed.sort((a, b) => a.k - b.k).map((x) => x.f))).toEqual(reference);
        }
      }),
    );
  });

  it('once the facts meet, no order belongs to two batches and each owner really claimed it', () => {
    fc.assert(
      fc.property(scenario, (sc) => {
        const { batches, all } = run(sc);
        const r = resolveClaims(all);
        const owned = batches.flatMap((b) => batchOwnership(r, b.id, b.orderIds).owned);
        expect(new Set(owned).size).toBe(owned.length);
        expect(owned.length).toBe(r.owners.size);
        for (const [orderId, batchId] of r.owners) {
          expect(all.some((f) => f.kind === 'claim' && f.orderId === orderId && f.batchId === batchId)).toBe(true);
        }
      }),
      { numRuns: 500 },
    );
  });
});
