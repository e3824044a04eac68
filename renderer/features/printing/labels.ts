import { defaultQrText, formatSlotDue, maskPhone, type PackageLabel } from '../../../sync/model/label.js';
import type { Order } from '../../../sync/model/order.js';
import { packageId } from '../../../sync/model/packing.js';

/** What a label needs of an order; RxDB's read-only order documents fit. */
export type LabelOrder = Pick<Order, 'id' | 'storeId' | 'fulfilment' | 'customer'>;

/** The store as it appears on the label: its name, and the zone its clock (and so the due time) is read in. */
export interface LabelStore {
  name: string;
  timeZone: string;
}

/** One package of the order: number n of m (what finishPacking hands out as PackedPackage). */
export interface LabelPackage {
  n: number;
  of: number;
}

/** Packages 1..count of one order, for printing when only the package count is known. */
export function packagesOf(count: number): LabelPackage[] {
  return Array.from({ length: count }, (_, i) => ({ n: i + 1, of: count }));
}

/**
 * One label per package. The Code 128 carries the package id `${orderId}-P${n}` (packing's packageId), which is
 * what the packing and hand-over screens scan back.
 *
 * QR choice: the label model's default payload `SOPKG1|store|order|n/m|packageId` (defaultQrText), not a bare
 * package id and not an order URL. A terminal has no public URL to point at and the platform's order URL is not
 * part of Platform API v1, while a courier app can book the package from this text without any lookup; its last
 * field is the package id, so a scanner app that only wants that splits on "|".
 */
export function buildPackageLabels(order: LabelOrder, packages: readonly LabelPackage[], store: LabelStore): PackageLabel[] {
  const { fulfilment, customer } = order;
  const dueText = formatSlotDue(fulfilment.slot.dueAt, store.timeZone);
  return packages.map(({ n, of }) => {
    const base = {
      orderId: order.id,
      packageNo: n,
      packageCount: of,
      storeName: store.name,
      storeId: order.storeId,
      slot: { kind: fulfilment.slot.kind, dueText },
      customerName: customer.name,
      maskedPhone: maskPhone(customer.phone),
      fulfilmentType: fulfilment.type,
      packageId: packageId(order.id, n),
    };
    return { ...base, qrText: defaultQrText(base) };
  });
}
