import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { buildBatch, indexProducts, type Batch } from './batch.js';
import { barcodeOf, makeOrder, makeProduct, NOW } from './fulfilment.testkit.js';
import { CONFIRM_CODE, locationCode, shortReasonCode, toteCode, SHORT_REASONS, type PickState } from './pick-state.js';
import { confirm, currentStop, pickReducer, scan, setQuantity, shortPick, startPicking, withdrawOrder, type PickAction } from './picking.js';
import { pickFacts } from './put-wall.js';
import type { OrderStatus } from './status.js';

const catalogue = Array.from({ length: 20 }, (_, i) => makeProduct(i));
const products = indexProducts(catalogue);
const code = (i: number) => barcodeOf(catalogue[i]!);
// Walk order by location: SKU1 (A2/S1), SKU13 (A2/S2), SKU2 (A3/S1).
const orders = [
  makeOrder('o1', '1h', 20, [{ sku: 'SKU1', qty: 2 }, { sku: 'SKU13', qty: 1, substitutable: true }]),
  makeOrder('o2', '2h', 90, [{ sku: 'SKU1', qty: 1 }, { sku: 'SKU2', qty: 1 }]),
];
const batch = buildBatch({
  orders,
  statuses: new Map<string, OrderStatus>([['o1', 'accepted'], ['o2', 'accepted']]),
  products: products.bySku,
  openBatches: new Set(),
  limits: { maxOrdersPerBatch: 8, maxLinesPerBatch: 40 },
  nowMs: NOW,
}).batch as Batch;
const start = () => startPicking('B1', batch);
const scans = (s: PickState, ...codes: string[]) => codes.reduce((st, c) => scan(st, c, products), s);
const withoutFeedback = ({ feedback: _f, ...rest }: PickState) => rest;

describe('pick walk', () => {
  it('walks the stops in location order, confirms quantities, and sorts into the totes', () => {
    let s = start();
    expect(s.stops.map((l) => l.sku)).toEqual(['SKU1', 'SKU13', 'SKU2']);
    expect(s.totes).toEqual([{ tote: 1, orderId: 'o1' }, { tote: 2, orderId: 'o2' }]);
    s = scans(s, locationCode(catalogue[1]!.location));
    expect(s.feedback.code).toBe('AT_LOCATION');
    s = scans(s, code(1), code(1), code(1));
    expect(s.feedback.code).toBe('CONFIRM_QTY');
    expect(currentStop(s)?.sku).toBe('SKU1');
    s = scans(s, CONFIRM_CODE, code(13), CONFIRM_CODE, 'SKU2', CONFIRM_CODE);
    expect(s.phase).toBe('put');
    s = scans(s, code(2));
    expect(s.feedback).toMatchObject({ ok: true, code: 'PUT_TO_TOTE', params: { tote: 2, orderId: 'o2' } });
    s = scans(s, toteCode(1));
    expect(s.feedback).toMatchObject({ ok: false, code: 'WRONG_TOTE', params: { expected: 2 } });
    s = scans(s, code(1));
    expect(s.feedback.code).toBe('SCAN_TOTE_FIRST');
    s = scans(s, toteCode(2), code(1), toteCode(1), code(1), toteCode(1), code(1), toteCode(2), code(13), toteCode(1));
    expect(s.feedback.code).toBe('ALL_PUT');
    expect(s.phase).toBe('done');
    const facts = pickFacts(s);
    expect(facts?.orders).toEqual([
      { orderId: 'o1', tote: 1, short: false, lines: [
        { lineIndex: 0, sku: 'SKU1', ordered: 2, picked: 2, substitute: null, shortReason: null },
        { lineIndex: 1, sku: 'SKU13', ordered: 1, picked: 1, substitute: null, shortReason: null },
      ] },
      { orderId: 'o2', tote: 2, short: false, lines: [
        { lineIndex: 0, sku: 'SKU1', ordered: 1, picked: 1, substitute: null, shortReason: null },
        { lineIndex: 1, sku: 'SKU2', ordered: 1, picked: 1, substitute: null, shortReason: null },
      ] },
    ]);
    expect(facts?.moves).toEqual(expect.arrayContaining([{ orderId: 'o1', sku: 'SKU1', qty: -2 }, { orderId: 'o2', sku: 'SKU2', qty: -1 }]));
  });

  it('refuses a wrong product, an unknown code, a wrong location and one unit too many, and counts none of them', () => {
    const s = scans(start(), code(1), code(1), code(1));
    for (const [c, refusal] of [[code(2), 'WRONG_PRODUCT'], ['nope', 'UNKNOWN_CODE'], [locationCode(catalogue[2]!.location), 'WRONG_LOCATION'], [code(1), 'TOO_MANY'], [toteCode(1), 'NOT_NOW']] as const) {
      const after = scan(s, c, products);
      expect(after.feedback).toMatchObject({ ok: false, code: refusal });
      expect(withoutFeedback(after)).toEqual(withoutFeedback(s));
    }
    expect(scan(start(), code(2), products).feedback).toMatchObject({ code: 'WRONG_PRODUCT', params: { expected: 'SKU1', got: 'SKU2' } });
  });

  it('takes a typed quantity only after the product is verified by a scan', () => {
    expect(setQuantity(start(), 3).feedback.code).toBe('SCAN_PRODUCT_FIRST');
    const s = scans(start(), code(1));
    expect(setQuantity(s, 4).feedback.code).toBe('TOO_MANY');
    expect(setQuantity(s, 1.5).feedback.code).toBe('BAD_QUANTITY');
    const typed = setQuantity(s, 3);
    expect(typed.current.counted).toBe(3);
    expect(confirm(typed).feedback.code).toBe('STOP_DONE');
  });

  it('makes a short pick take a reason and leaves the least urgent order short', () => {
    let s = confirm(scans(start(), code(1), code(1)));
    expect(s.feedback).toMatchObject({ code: 'REASON_NEEDED', params: { missing: 1 } });
    expect(scan(s, code(1), products).feedback.code).toBe('REASON_REQUIRED');
    expect(confirm(s).feedback.code).toBe('REASON_REQUIRED');
    s = scans(s, shortReasonCode('damaged'));
    expect(s.feedback.code).toBe('STOP_DONE'); // SKU1 is not substitutable for anyone: no offer
    expect(s.outcomes[0]).toMatchObject({ sku: 'SKU1', picked: 2, reason: 'damaged', substitute: null });
    expect(s.outcomes[0]?.allocations.map((a) => [a.orderId, a.picked])).toEqual([['o1', 2], ['o2', 0]]);
    expect(shortPick(scans(start(), code(1), code(1), code(1)), 'damaged').feedback.code).toBe('NOTHING_SHORT');
  });

  it('offers a substitution only where the order line accepts one, and caps it at the shortfall', () => {
    let s = scans(start(), code(1), code(1), code(1), CONFIRM_CODE);
    expect(scan(s, code(14), products).feedback.code).toBe('WRONG_PRODUCT'); // not before a short is recorded
    s = shortPick(confirm(s), 'out_of_stock');
    expect(s.feedback).toMatchObject({ code: 'SUBSTITUTION_OFFERED', params: { max: 1 } });
    expect(scan(s, code(13), products).feedback.code).toBe('NOT_A_SUBSTITUTE');
    s = scans(s, code(14));
    expect(s.current).toMatchObject({ substituteSku: 'SKU14', substituted: 1 });
    expect(scan(s, code(14), products).feedback.code).toBe('TOO_MANY');
    expect(scan(s, code(15), products).feedback.code).toBe('WRONG_PRODUCT');
    s = scans(s, CONFIRM_CODE, code(2), CONFIRM_CODE);
    const o1 = pickFacts(s)?.orders.find((o) => o.orderId === 'o1');
    expect(o1?.lines[1]).toEqual({ lineIndex: 1, sku: 'SKU13', ordered: 1, picked: 0, substitute: { sku: 'SKU14', qty: 1 }, shortReason: 'out_of_stock' });
    expect(o1?.short).toBe(false);
    expect(s.putTasks).toContainEqual({ orderId: 'o1', tote: 1, sku: 'SKU14', qty: 1, put: 0 });
  });

  it('withdraws an order that lost its claim: its rest leaves the walk and what was taken goes back', () => {
    let s = scans(start(), code(1), code(1), code(1), CONFIRM_CODE);
    s = withdrawOrder(s, 'o2');
    expect(s.stops.map((l) => l.sku)).toEqual(['SKU1', 'SKU13']);
    expect(s.putBack).toEqual([{ sku: 'SKU1', qty: 1 }]);
    expect(withdrawOrder(s, 'o2')).toEqual({ ...s, feedback: s.feedback });
    s = scans(s, code(13), CONFIRM_CODE);
    expect(s.phase).toBe('put');
    expect(s.totes).toHaveLength(2);
    expect(pickFacts(s)?.orders.map((o) => o.orderId)).toEqual(['o1']);
    expect(s.putTasks.every((t) => t.orderId === 'o1')).toBe(true);
  });

  it('withdraws an order at the put-wall, freeing a pending put', () => {
    let s = scans(start(), code(1), code(1), code(1), CONFIRM_CODE, code(13), CONFIRM_CODE, code(2), CONFIRM_CODE, code(2));
    expect(s.feedback).toMatchObject({ code: 'PUT_TO_TOTE', params: { tote: 2 } });
    s = withdrawOrder(s, 'o2');
    expect(s.pendingPut).toBeNull();
    expect(s.putBack).toEqual([{ sku: 'SKU1', qty: 1 }, { sku: 'SKU2', qty: 1 }]);
    expect(scan(s, code(2), products).feedback.code).toBe('NOTHING_TO_PUT');
  });
});

describe('pick walk: properties', () => {
  const codes = fc.constantFrom(code(1), code(2), code(13), code(14), 'SKU2', 'junk', CONFIRM_CODE, toteCode(1), toteCode(2), locationCode(catalogue[1]!.location), ...SHORT_REASONS.map(shortReasonCode));
  const action: fc.Arbitrary<PickAction> = fc.oneof(
    { weight: 6, arbitrary: codes.map((c) => ({ type: 'scan' as const, code: c })) },
    { weight: 1, arbitrary: fc.integer({ min: -1, max: 4 }).map((qty) => ({ type: 'quantity' as const, qty })) },
    { weight: 1, arbitrary: fc.constant({ type: 'confirm' as const }) },
    { weight: 1, arbitrary: fc.constantFrom(...SHORT_REASONS).map((reason) => ({ type: 'short' as const, reason })) },
  );

  it('a refusal never changes the state; counts never exceed what is needed; every ordered unit is accounted for', () => {
    fc.assert(
      fc.property(fc.array(action, { maxLength: 80 }), (actions) => {
        let s = start();
        for (const a of actions) {
          const next = pickReducer(s, a, products);
          if (!next.feedback.ok) expect(withoutFeedback(next)).toEqual(withoutFeedback(s));
          const stop = currentStop(next);
          if (stop) expect(next.current.counted).toBeLessThanOrEqual(stop.qty);
          for (const t of next.putTasks) expect(t.put).toBeLessThanOrEqual(t.qty);
          s = next;
        }
        for (const o of s.outcomes) {
          expect(o.allocations.reduce((n, a) => n + a.picked, 0)).toBe(o.picked);
          const line = batch.lines.find((l) => l.sku === o.sku);
          o.allocations.forEach((a, i) => {
            expect(a.picked + a.substituted).toBeLessThanOrEqual(a.ordered);
            if (a.substituted > 0) expect(line?.allocations[i]?.substitutable).toBe(true);
          });
        }
        // Finish the walk whatever state it is in, then check the facts cover every order line once.
        for (let guard = 0; s.phase === 'walk' && guard < 20; guard++) {
          s = confirm(s);
          if (s.current.mode === 'short') s = shortPick(s, 'not_found');
        }
        const facts = pickFacts(s);
        expect(facts?.orders.flatMap((o) => o.lines.map((l) => `${o.orderId}#${l.lineIndex}`)).sort()).toEqual(['o1#0', 'o1#1', 'o2#0', 'o2#1']);
        const taken = facts?.orders.flatMap((o) => o.lines).reduce((n, l) => n + l.picked + (l.substitute?.qty ?? 0), 0);
        expect(facts?.moves.reduce((n, m) => n - m.qty, 0)).toBe(taken);
      }),
    );
  });
});
