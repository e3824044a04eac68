import { describe, expect, it } from 'vitest';
import { finishPacking, scanItem, startPacking, newPackage, indexProducts, type PackState } from '../../../sync/model/index.js';
import { buildPackageLabels } from '../printing/labels.js';
import { chooseOrder, labelPackages, netPickedBySku, packCandidates, packSource, sameItems, unprinted } from './pack-order.js';
import { event, move, ORDER_ID, packOrder, PICKED_LINES, pickedEvents, rowOf } from './packing.testkit.js';

const picked = rowOf(packOrder(), pickedEvents());

describe('what packing expects', () => {
  it('comes from the applied picked event: substitutes in, short units out', () => {
    const source = packSource(picked);
    expect(source.lines).toEqual(PICKED_LINES);
    expect(source.expected).toEqual([{ sku: 'TEA', qty: 2 }, { sku: 'MILK', qty: 1 }, { sku: 'OATMILK', qty: 1 }]);
  });

  it("falls back to the order's lines when the order was marked picked by hand", () => {
    const byHand = packSource(rowOf(packOrder(), pickedEvents(null)));
    expect(byHand.lines).toBeUndefined();
    expect(byHand.expected).toEqual([{ sku: 'TEA', qty: 2 }, { sku: 'MILK', qty: 2 }, { sku: 'EGGS', qty: 1 }]);
  });

  it('ignores a picked event that the fold did not apply (a duplicate from another terminal)', () => {
    const late = event('picked', 5, { lines: PICKED_LINES.map((l) => ({ ...l, picked: l.ordered, substitute: null, shortReason: null })) });
    expect(rowOf(packOrder(), [...pickedEvents(), late]).derived.history.at(-1)?.applied).toBe(false);
    expect(packSource(rowOf(packOrder(), [...pickedEvents(), late])).expected).toEqual(packSource(picked).expected);
  });
});

describe('choosing the order', () => {
  const accepted = rowOf(packOrder('EO-2'), [event('accepted', 1, {}, 'EO-2')]);
  const cancelledAfterPick = rowOf(packOrder('EO-3', { cancel: { requestedAt: '2026-11-27T09:30:00.000Z' } }), pickedEvents(PICKED_LINES, 'EO-3'));
  const cancelledEarly = rowOf(packOrder('EO-4', { cancel: { requestedAt: '2026-11-27T09:30:00.000Z' } }), [event('accepted', 1, {}, 'EO-4')]);
  const rows = [picked, accepted, cancelledAfterPick, cancelledEarly];

  it('takes a picked order by its id (any case) or by one of its package labels', () => {
    expect(chooseOrder(rows, ORDER_ID)).toEqual({ ok: true, orderId: ORDER_ID, mode: 'pack' });
    expect(chooseOrder(rows, ` ${ORDER_ID.toLowerCase()} `)).toEqual({ ok: true, orderId: ORDER_ID, mode: 'pack' });
    expect(chooseOrder(rows, `${ORDER_ID}-P2`)).toEqual({ ok: true, orderId: ORDER_ID, mode: 'pack' });
  });

  it('refuses an order that is not picked, with its status; an unknown order; and a bare tote number', () => {
    expect(chooseOrder(rows, 'EO-2')).toEqual({ ok: false, code: 'NOT_PICKED', params: { orderId: 'EO-2', status: 'accepted' } });
    expect(chooseOrder(rows, 'EO-4')).toEqual({ ok: false, code: 'NOT_PICKED', params: { orderId: 'EO-4', status: 'cancelled' } });
    expect(chooseOrder(rows, 'EO-404')).toEqual({ ok: false, code: 'UNKNOWN_ORDER', params: { code: 'EO-404' } });
    expect(chooseOrder(rows, 'TOTE:3')).toEqual({ ok: false, code: 'TOTE_NOT_UNIQUE', params: { tote: 3 } });
  });

  it('sends an order cancelled after its pick to the put-back, and lists only picked orders as candidates', () => {
    expect(cancelledAfterPick.derived.status).toBe('cancelled');
    expect(chooseOrder(rows, 'EO-3')).toEqual({ ok: true, orderId: 'EO-3', mode: 'putback' });
    expect(packCandidates(rows).map((r) => r.order.id)).toEqual([ORDER_ID]);
  });
});

describe('the put-back of a cancelled order', () => {
  it("is what the order's picks still hold out, per SKU, whatever order the moves arrive in", () => {
    const moves = [
      move('TEA', 'pick', -2, 4),
      move('OATMILK', 'pick', -1, 4),
      move('MILK', 'pick', -1, 4),
      move('TEA', 'unpick', 1, 5),
      move('MILK', 'unpick', 1, 6),
      move('TEA', 'pick', -5, 4, 'EO-OTHER'),
      move('TEA', 'receive', 10, 4, undefined),
    ];
    expect(netPickedBySku(moves, ORDER_ID)).toEqual([{ sku: 'TEA', qty: 1 }, { sku: 'OATMILK', qty: 1 }]);
    expect(netPickedBySku([...moves].reverse(), ORDER_ID)).toEqual(expect.arrayContaining([{ sku: 'TEA', qty: 1 }, { sku: 'OATMILK', qty: 1 }]));
    expect(netPickedBySku([...moves, moves[0]!], ORDER_ID)).toEqual(netPickedBySku(moves, ORDER_ID));
    expect(netPickedBySku([...moves, move('TEA', 'unpick', 1, 7), move('OATMILK', 'unpick', 1, 7)], ORDER_ID)).toEqual([]);
  });
});

describe('labels per package', () => {
  const products = indexProducts([
    { sku: 'TEA', name: 'Green tea', barcodes: ['690001'], location: { aisle: 'A1', shelf: 'S1', bin: 'B1' }, locationKey: 'A1|S1|B1' },
    { sku: 'MILK', name: 'Milk', barcodes: ['690002'], location: { aisle: 'A1', shelf: 'S1', bin: 'B2' }, locationKey: 'A1|S1|B2' },
    { sku: 'OATMILK', name: 'Oat milk', barcodes: ['690003'], location: { aisle: 'A1', shelf: 'S1', bin: 'B3' }, locationKey: 'A1|S1|B3' },
  ]);
  const scan = (s: PackState, ...codes: string[]) => codes.reduce((st, c) => scanItem(st, c, products), s);

  it('are one per package, n of m, carrying the package ids the packed event records', () => {
    let s = startPacking(ORDER_ID, packSource(picked).expected);
    s = scan(newPackage(scan(newPackage(scan(s, '690001', '690001')), '690002')), '690003');
    const done = finishPacking(s);
    if (!done.ok) throw new Error(done.code);
    expect(labelPackages(done.packages)).toEqual([{ n: 1, of: 3 }, { n: 2, of: 3 }, { n: 3, of: 3 }]);
    const labels = buildPackageLabels(packOrder(), labelPackages(done.packages), { name: 'Jing An', timeZone: 'Asia/Shanghai' });
    expect(labels.map((l) => [l.packageId, l.packageNo, l.packageCount])).toEqual(done.packages.map((p) => [p.id, p.n, p.of]));
    expect(labels.map((l) => l.packageId)).toEqual([`${ORDER_ID}-P1`, `${ORDER_ID}-P2`, `${ORDER_ID}-P3`]);
    expect(unprinted(done.packages, new Set([`${ORDER_ID}-P1`])).map((p) => p.n)).toEqual([2, 3]);
  });
});

describe('a saved packing', () => {
  it('resumes only against the same units per SKU', () => {
    expect(sameItems([{ sku: 'A', qty: 1 }, { sku: 'B', qty: 2 }], [{ sku: 'B', qty: 2 }, { sku: 'A', qty: 1 }])).toBe(true);
    expect(sameItems([{ sku: 'A', qty: 1 }], [{ sku: 'A', qty: 2 }])).toBe(false);
    expect(sameItems([{ sku: 'A', qty: 1 }], [{ sku: 'A', qty: 1 }, { sku: 'B', qty: 1 }])).toBe(false);
  });
});
