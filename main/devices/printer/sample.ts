import { defaultQrText, maskPhone, type PackageLabel } from '../../../sync/model/label.js';

/** A label with the Chinese text, long ids and masked phone a real store produces. */
export function sampleLabel(overrides: Partial<PackageLabel> = {}): PackageLabel {
  const base = {
    orderId: 'EO-20260601-a1b2c3-0007',
    packageNo: 2,
    packageCount: 3,
    storeName: '静安门店 Demo Store',
    storeId: 'S001',
    slot: { kind: '1h' as const, dueText: '06-01 14:30' },
    customerName: '王小明',
    maskedPhone: maskPhone('138 1234 5678'),
    fulfilmentType: 'delivery' as const,
    packageId: 'EO-20260601-a1b2c3-0007-P2',
    ...overrides,
  };
  return { ...base, qrText: overrides.qrText ?? defaultQrText(base) };
}

/** Debian's Droid Sans Fallback (apt: fonts-droid-fallback): CI installs it so the CJK PDF path is exercised. */
export const CJK_TEST_FONT = '/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf';
