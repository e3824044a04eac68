import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { indexProducts } from './batch.js';
import { barcodeOf, makeProduct } from './fulfilment.testkit.js';
import { orderIdSchema } from './order.js';
import {
  canFinish,
  finishPacking,
  newPackage,
  packageId,
  packedQty,
  packItemsFromPick,
  parsePackageId,
  remainingToPack,
  scanItem,
  selectPackage,
  startPacking,
  unpackLast,
  unpackOne,
  type PackState,
} from './packing.js';

const catalogue = Array.from({ length: 10 }, (_, i) => makeProduct(i));
const products = indexProducts(catalogue);
const code = (i: number) => barcodeOf(catalogue[i]!);
const start = () => startPacking('EO-20261127-0001', [{ sku: 'SKU1', qty: 2 }, { sku: 'SKU2', qty: 1 }, { sku: 'SKU1', qty: 1 }]);
const scans = (s: PackState, ...codes: string[]) => codes.reduce((st, c) => scanItem(st, c, products), s);
const withoutFeedback = ({ feedback: _f, ...rest }: PackState) => rest;

describe('packing', () => {
  it('packs an order into two packages and finishes only when every picked item is packed', () => {
    let s = start();
    expect(s.expected).toEqual([{ sku: 'SKU1', qty: 3 }, { sku: 'SKU2', qty: 1 }]);
    s = scans(s, code(1), code(1));
    expect(canFinish(s)).toBe(false);
    expect(finishPacking(s)).toEqual({ ok: false, code: 'NOT_ALL_PACKED', remaining: [{ sku: 'SKU1', qty: 1 }, { sku: 'SKU2', qty: 1 }] });
    s = newPackage(s);
    expect(s.feedback).toMatchObject({ code: 'NEW_PACKAGE', params: { package: 2 } });
    s = scans(s, 'SKU2', code(1));
    expect(s.feedback.code).toBe('ALL_PACKED');
    expect(canFinish(s)).toBe(true);
    expect(finishPacking(s)).toEqual({
      ok: true,
      packages: [
        { id: 'EO-20261127-0001-P1', n: 1, of: 2, items: [{ sku: 'SKU1', qty: 2 }] },
        { id: 'EO-20261127-0001-P2', n: 2, of: 2, items: [{ sku: 'SKU2', qty: 1 }, { sku: 'SKU1', qty: 1 }] },
      ],
    });
  });

  it('refuses a wrong item, one too many, and an unknown code, without packing anything', () => {
    const s = scans(start(), code(1), code(1), code(1));
    for (const [c, refusal] of [[code(3), 'WRONG_ITEM'], [code(1), 'TOO_MANY'], ['???', 'UNKNOWN_CODE']] as const) {
      const after = scanItem(s, c, products);
      expect(after.feedback).toMatchObject({ ok: false, code: refusal });
      expect(withoutFeedback(after)).toEqual(withoutFeedback(s));
    }
  });

  it('refuses an empty package, a package when nothing is left, and selects packages by number', () => {
    expect(newPackage(start()).feedback.code).toBe('EMPTY_PACKAGE');
    const all = scans(start(), code(1), code(1), code(1), code(2));
    expect(newPackage(all).feedback.code).toBe('NOTHING_LEFT');
    const two = scans(newPackage(scans(start(), code(1))), code(2));
    expect(selectPackage(two, 3).feedback.code).toBe('NO_SUCH_PACKAGE');
    const back = scans(selectPackage(two, 1), code(1));
    expect(back.packages[0]?.items).toEqual([{ sku: 'SKU1', qty: 2 }]);
  });

  it('takes a mis-scanned unit back out, and drops a package emptied that way at the finish', () => {
    let s = newPackage(scans(start(), code(1), code(1), code(1)));
    s = scans(s, code(2));
    expect(unpackOne(s, 'SKU1').feedback.code).toBe('NOT_IN_PACKAGE');
    s = unpackOne(s, 'SKU2');
    expect(remainingToPack(s)).toEqual([{ sku: 'SKU2', qty: 1 }]);
    s = scans(selectPackage(s, 1), code(2));
    const done = finishPacking(s);
    expect(done.ok && done.packages.map((p) => [p.id, p.of])).toEqual([['EO-20261127-0001-P1', 1]]);
  });

  it('undoes the last line of the current package one unit at a time, and refuses on an empty package', () => {
    let s = scans(start(), code(1), code(2), code(1));
    expect(s.packages[0]?.items).toEqual([{ sku: 'SKU1', qty: 2 }, { sku: 'SKU2', qty: 1 }]);
    s = unpackLast(s);
    expect(s.feedback).toMatchObject({ ok: true, code: 'UNPACKED', params: { sku: 'SKU2' } });
    s = unpackLast(unpackLast(s));
    expect(s.packages[0]?.items).toEqual([]);
    const refused = unpackLast(s);
    expect(refused.feedback).toMatchObject({ ok: false, code: 'EMPTY_PACKAGE', params: { package: 1 } });
    expect(withoutFeedback(refused)).toEqual(withoutFeedback(s));
  });

  it('cannot finish an order that was picked with nothing', () => {
    const s = startPacking('EO-1', packItemsFromPick([{ sku: 'SKU1', picked: 0, substitute: null }]));
    expect(canFinish(s)).toBe(false);
    expect(finishPacking(s)).toMatchObject({ ok: false, code: 'NOTHING_PICKED' });
  });

  it('expects substitutes instead of the short units', () => {
    const items = packItemsFromPick([{ sku: 'SKU1', picked: 1, substitute: { sku: 'SKU4', qty: 1 } }]);
    const s = scans(startPacking('EO-1', items), code(4), code(1));
    expect(canFinish(s)).toBe(true);
  });
});

describe('packing: properties', () => {
  const orderId = fc.stringMatching(new RegExp(orderIdSchema.pattern as string)).filter((s) => s.length >= 1 && s.length <= 64);

  it('reads the order id and package number back from every package id', () => {
    fc.assert(
      fc.property(orderId, fc.integer({ min: 1, max: 999 }), (id, n) => {
        expect(parsePackageId(packageId(id, n))).toEqual({ orderId: id, n });
        expect(packageId(id, n)).toMatch(/^[\x20-\x7e]+$/); // Code 128 set B covers printable ASCII
      }),
    );
  });

  it('never packs more than was picked, and can finish exactly when nothing remains', () => {
    const step = fc.oneof(
      { weight: 5, arbitrary: fc.integer({ min: 0, max: 5 }).map((i) => ({ kind: 'scan' as const, i })) },
      { weight: 1, arbitrary: fc.constant({ kind: 'new' as const, i: 0 }) },
      { weight: 1, arbitrary: fc.integer({ min: 0, max: 5 }).map((i) => ({ kind: 'unpack' as const, i })) },
      { weight: 1, arbitrary: fc.integer({ min: 0, max: 4 }).map((i) => ({ kind: 'select' as const, i })) },
    );
    fc.assert(
      fc.property(fc.array(step, { maxLength: 40 }), (steps) => {
        let s = start();
        for (const st of steps) {
          const next =
            st.kind === 'scan' ? scanItem(s, code(st.i), products)
            : st.kind === 'new' ? newPackage(s)
            : st.kind === 'unpack' ? unpackOne(s, `SKU${st.i}`)
            : selectPackage(s, st.i);
          if (!next.feedback.ok) expect(withoutFeedback(next)).toEqual(withoutFeedback(s));
          s = next;
          for (const e of s.expected) expect(packedQty(s, e.sku)).toBeLessThanOrEqual(e.qty);
          expect(canFinish(s)).toBe(remainingToPack(s).length === 0);
          for (const p of s.packages) for (const item of p.items) expect(s.expected.some((e) => e.sku === item.sku)).toBe(true);
        }
      }),
    );
  });
});
