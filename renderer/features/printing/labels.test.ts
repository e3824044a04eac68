import { describe, expect, it } from 'vitest';
import { labelProblems } from '../../../sync/model/label.js';
import { finishPacking, parsePackageId, scanItem, newPackage, startPacking } from '../../../sync/model/packing.js';
import { indexProducts } from '../../../sync/model/batch.js';
import { buildPackageLabels, packagesOf, type LabelOrder } from './labels.js';

const order: LabelOrder = {
  id: 'EO-20260601-a1b2c3-0007',
  storeId: 'S001',
  // 06:30 UTC is 14:30 in Shanghai: the label shows the store's clock, not UTC.
  fulfilment: { type: 'delivery', slot: { kind: '1h', dueAt: '2026-06-01T06:30:00.000Z' } },
  customer: { name: '王小明', phone: '+86 138 1234 5678' },
};
const store = { name: '静安门店 Demo Store', timeZone: 'Asia/Shanghai' };

describe('buildPackageLabels', () => {
  it('builds one valid label per package, n of m, with the package id the packing screen scans', () => {
    const labels = buildPackageLabels(order, packagesOf(3), store);
    expect(labels.map((l) => labelProblems(l))).toEqual([[], [], []]);
    expect(labels.map((l) => [l.packageNo, l.packageCount, l.packageId])).toEqual([
      [1, 3, 'EO-20260601-a1b2c3-0007-P1'],
      [2, 3, 'EO-20260601-a1b2c3-0007-P2'],
      [3, 3, 'EO-20260601-a1b2c3-0007-P3'],
    ]);
    expect(labels.map((l) => parsePackageId(l.packageId))).toEqual([1, 2, 3].map((n) => ({ orderId: order.id, n })));
    expect(labels[1]).toEqual({
      orderId: order.id,
      packageNo: 2,
      packageCount: 3,
      storeName: '静安门店 Demo Store',
      storeId: 'S001',
      slot: { kind: '1h', dueText: '06-01 14:30' },
      customerName: '王小明',
      maskedPhone: '*********5678',
      fulfilmentType: 'delivery',
      packageId: 'EO-20260601-a1b2c3-0007-P2',
      qrText: 'SOPKG1|S001|EO-20260601-a1b2c3-0007|2/3|EO-20260601-a1b2c3-0007-P2',
    });
  });

  it('reads the due time in the store zone and never prints the raw phone number', () => {
    const [ny] = buildPackageLabels(order, packagesOf(1), { ...store, timeZone: 'America/New_York' });
    expect(ny?.slot.dueText).toBe('06-01 02:30');
    const pickup = buildPackageLabels({ ...order, fulfilment: { ...order.fulfilment, type: 'pickup' } }, packagesOf(1), store);
    expect(pickup[0]?.fulfilmentType).toBe('pickup');
    for (const l of buildPackageLabels(order, packagesOf(2), store)) {
      expect(JSON.stringify(l)).not.toMatch(/1381234|138 1234/);
      expect(l.qrText.endsWith(`|${l.packageId}`)).toBe(true);
    }
  });

  it('labels exactly the packages packing finished with', () => {
    const products = indexProducts([]);
    let s = startPacking(order.id, [{ sku: 'A', qty: 1 }, { sku: 'B', qty: 1 }]);
    s = newPackage(scanItem(s, 'A', products));
    s = scanItem(s, 'B', products);
    const done = finishPacking(s);
    if (!done.ok) throw new Error(`packing did not finish: ${done.code}`);
    const labels = buildPackageLabels(order, done.packages, store);
    expect(labels.map((l) => l.packageId)).toEqual(done.packages.map((p) => p.id));
    expect(labels.map((l) => `${l.packageNo}/${l.packageCount}`)).toEqual(['1/2', '2/2']);
  });
});
