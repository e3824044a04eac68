import { describe, expect, it } from 'vitest';
import { MAX_STOCK_QTY } from '../../../sync/model/index.js';
import { product } from '../../testing/db.js';
import { EMPTY_RECEIVE, receiveScan, receiveTotal, receiveTyped, type ReceiveDraft } from './receive-draft.js';
import { parseQty, productForCode } from './stock-scan.js';

const products = [product('SKU-1', 'Milk 1L', ['6901234567890']), product('SKU-2', 'Tea', ['6900000000002', '6900000000003']), product('690123', 'Odd SKU')];

function scanAll(codes: string[], from: ReceiveDraft = EMPTY_RECEIVE): ReceiveDraft {
  return codes.reduce((draft, code) => receiveScan(draft, code, products).draft, from);
}

describe('reading a scan or a typed quantity', () => {
  it('takes a barcode before an SKU, and only exact codes', () => {
    expect(productForCode(products, '6900000000003')?.sku).toBe('SKU-2');
    expect(productForCode(products, 'SKU-1')?.sku).toBe('SKU-1');
    expect(productForCode(products, '690123')?.sku).toBe('690123');
    expect(productForCode(products, '69012345678')).toBeNull();
    expect(productForCode(products, 'sku-1')).toBeNull();
    expect(productForCode(products, '  ')).toBeNull();
  });

  it('reads whole non-negative numbers within the ledger range only', () => {
    expect(['0', '7', ' 12 ', String(MAX_STOCK_QTY)].map(parseQty)).toEqual([0, 7, 12, MAX_STOCK_QTY]);
    expect(['', '-1', '+2', '1.5', '1e3', 'abc', String(MAX_STOCK_QTY + 1), '12345678'].map(parseQty)).toEqual(Array(8).fill(null));
  });
});

describe('a delivery scanned in', () => {
  it('starts a line at 1 and adds 1 for each further scan of the same product, by any of its barcodes', () => {
    const draft = scanAll(['6901234567890', '6900000000002', '6901234567890', '6900000000003', '6901234567890']);
    expect(draft).toEqual({ lines: [{ sku: 'SKU-1', qty: 3 }, { sku: 'SKU-2', qty: 2 }], currentSku: 'SKU-1' });
    expect(receiveTotal(draft)).toBe(5);
    expect(receiveScan(EMPTY_RECEIVE, '6900000000002', products).feedback).toEqual({ ok: true, code: 'ADDED', params: { sku: 'SKU-2', name: 'Tea', qty: 1 } });
  });

  it('refuses an unknown barcode and a shelf label loudly and keeps the draft as it was', () => {
    const draft = scanAll(['6901234567890']);
    const unknown = receiveScan(draft, '4006381333931', products);
    expect(unknown).toEqual({ draft, feedback: { ok: false, code: 'UNKNOWN_BARCODE', params: { code: '4006381333931' } } });
    expect(receiveScan(draft, 'LOC:A1-S1-B1', products)).toEqual({ draft, feedback: { ok: false, code: 'NOT_A_PRODUCT', params: { code: 'LOC:A1-S1-B1' } } });
  });

  it('sets the current line from a typed number, takes it off with 0, and refuses nonsense', () => {
    const draft = scanAll(['6901234567890', '6900000000002']);
    const set = receiveTyped(draft, '24');
    expect(set.draft.lines).toEqual([{ sku: 'SKU-1', qty: 1 }, { sku: 'SKU-2', qty: 24 }]);
    expect(set.feedback).toMatchObject({ ok: true, code: 'QTY_SET' });
    // A scan after a typed quantity keeps adding to it.
    expect(receiveScan(set.draft, '6900000000002', products).draft.lines[1]).toEqual({ sku: 'SKU-2', qty: 25 });

    const removed = receiveTyped(set.draft, '0');
    expect(removed.draft).toEqual({ lines: [{ sku: 'SKU-1', qty: 1 }], currentSku: 'SKU-1' });
    expect(removed.feedback.code).toBe('REMOVED');

    expect(receiveTyped(draft, '-3')).toEqual({ draft, feedback: { ok: false, code: 'BAD_QUANTITY', params: { text: '-3' } } });
    expect(receiveTyped(EMPTY_RECEIVE, '5')).toEqual({ draft: EMPTY_RECEIVE, feedback: { ok: false, code: 'SCAN_PRODUCT_FIRST', params: {} } });
  });

  it('stops a line at the largest quantity the ledger takes', () => {
    const full = receiveTyped(scanAll(['6901234567890']), String(MAX_STOCK_QTY)).draft;
    expect(receiveScan(full, '6901234567890', products)).toEqual({ draft: full, feedback: { ok: false, code: 'TOO_MANY', params: { sku: 'SKU-1', max: MAX_STOCK_QTY } } });
  });
});
