import { describe, expect, it } from 'vitest';
import { locationCode } from '../../../sync/model/index.js';
import { product } from '../../testing/db.js';
import { countRecorded, countScan, countTyped, EMPTY_COUNT, productsAt } from './count-draft.js';

const products = [product('SKU-2', 'Tea', ['6900000000002'], 'A1'), product('SKU-1', 'Milk', ['6901234567890'], 'A1'), product('SKU-9', 'Rice', ['6900000000009'], 'B7')];
const a1 = locationCode({ aisle: 'A1', shelf: 'S1', bin: 'B1' });

describe('a count walk', () => {
  it('lists a scanned shelf\'s products in SKU order and starts at the first', () => {
    expect(a1).toBe('LOC:A1-S1-B1');
    expect(productsAt(products, a1).map((p) => p.sku)).toEqual(['SKU-1', 'SKU-2']);
    const step = countScan(EMPTY_COUNT, a1, products);
    expect(step.draft).toEqual({ location: a1, skus: ['SKU-1', 'SKU-2'], currentSku: 'SKU-1', counted: {} });
    expect(step.feedback).toEqual({ ok: true, code: 'AT_LOCATION', params: { location: 'A1-S1-B1', count: 2 } });
  });

  it('refuses a shelf with nothing on it and an unknown code, changing nothing', () => {
    const at = countScan(EMPTY_COUNT, a1, products).draft;
    expect(countScan(at, 'LOC:Z9-S1-B1', products)).toEqual({ draft: at, feedback: { ok: false, code: 'EMPTY_LOCATION', params: { code: 'LOC:Z9-S1-B1' } } });
    expect(countScan(at, '123456', products)).toEqual({ draft: at, feedback: { ok: false, code: 'UNKNOWN_BARCODE', params: { code: '123456' } } });
  });

  it('asks for one count move per typed quantity, then moves to the next uncounted product', () => {
    const at = countScan(EMPTY_COUNT, a1, products).draft;
    const second = countScan(at, '6900000000002', products).draft;
    expect(second.currentSku).toBe('SKU-2');
    const typed = countTyped(second, '0');
    expect(typed.record).toEqual({ sku: 'SKU-2', qty: 0 });
    expect(typed.draft).toBe(second);
    const done = countRecorded(second, 'SKU-2', 0);
    expect(done.draft).toMatchObject({ counted: { 'SKU-2': 0 }, currentSku: 'SKU-1' });
    expect(done.feedback).toEqual({ ok: true, code: 'COUNTED', params: { sku: 'SKU-2', qty: 0 } });
    const all = countRecorded(done.draft, 'SKU-1', 14);
    expect(all.draft).toMatchObject({ counted: { 'SKU-1': 14, 'SKU-2': 0 }, currentSku: null });
  });

  it('adds a product found away from the scanned shelf, and counts a product scanned on its own', () => {
    const at = countScan(EMPTY_COUNT, a1, products).draft;
    expect(countScan(at, '6900000000009', products).draft).toMatchObject({ skus: ['SKU-1', 'SKU-2', 'SKU-9'], currentSku: 'SKU-9' });
    const alone = countScan(EMPTY_COUNT, 'SKU-9', products);
    expect(alone.draft).toEqual({ location: null, skus: ['SKU-9'], currentSku: 'SKU-9', counted: {} });
    expect(countTyped(alone.draft, '3').record).toEqual({ sku: 'SKU-9', qty: 3 });
  });

  it('refuses a count without a product or with a quantity that is not a whole number ≥ 0', () => {
    expect(countTyped(EMPTY_COUNT, '3')).toMatchObject({ feedback: { ok: false, code: 'SCAN_PRODUCT_FIRST' } });
    const at = countScan(EMPTY_COUNT, a1, products).draft;
    for (const text of ['', '-1', '2.5', 'x']) {
      const step = countTyped(at, text);
      expect(step.feedback, text).toMatchObject({ ok: false, code: 'BAD_QUANTITY' });
      expect(step.record).toBeUndefined();
    }
  });
});
