import { randomBytes } from 'node:crypto';
import type { OperatorInput, OrderInput, ProductInput } from '../../sync/protocol/index.js';

export function product(sku: string, aisle: number): ProductInput {
  return {
    sku,
    name: `Product ${sku}`,
    barcodes: [`69${sku.padStart(11, '0')}`],
    location: { aisle: `A${aisle}`, shelf: 'S1', bin: 'B1' },
    unitPrice: 1990,
    unit: 'pc',
  };
}

export function order(storeId: string, minutesLeft = 45, overrides: Partial<OrderInput> = {}): OrderInput {
  const now = Date.now();
  return {
    id: `EO-E2E-${randomBytes(4).toString('hex').toUpperCase()}`,
    storeId,
    placedAt: new Date(now - 5 * 60_000).toISOString(),
    fulfilment: {
      type: 'delivery',
      slot: { kind: '1h', dueAt: new Date(now + minutesLeft * 60_000).toISOString() },
      address: { line1: '1 Test Road', city: 'Shenzhen', lat: 22.54, lon: 114.06 },
    },
    customer: { name: '王小明', phone: '13800138000' },
    payment: { method: 'cod', amount: 3980, currency: 'CNY', paid: false },
    lines: [{ sku: '1001', name: 'Product 1001', qty: 2, unitPrice: 1990 }],
    ...overrides,
  };
}

/** Staff of a store for the tests; ids are unique across stores, as the server requires. */
export function staff(storeId: string): { manager: OperatorInput & { pin: string }; picker: OperatorInput & { pin: string } } {
  return {
    manager: { id: `mgr-${storeId}`, name: `王经理 ${storeId}`, roles: ['manager'], pin: '583106', badge: `BADGE-M-${storeId}`, active: true },
    picker: { id: `pck-${storeId}`, name: `Li Picker ${storeId}`, roles: ['picker'], pin: '2468', badge: `BADGE-P-${storeId}`, active: true },
  };
}
