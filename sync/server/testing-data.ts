/** Test data builders: valid inputs and documents, each with fresh ids. */
import { randomBytes } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';
import type { OrderEvent } from '../model/order-event.js';
import { ROLES, type Role } from '../model/permissions.js';
import type { StockMove } from '../model/stock.js';
import type { OperatorInput, OrderInput, ProductInput } from '../protocol/platform.js';

let orderCounter = 0;

/** Cash on delivery of the default lines: the handover takes 7980 fen and must record the payment. */
export const COD_PAYMENT: OrderInput['payment'] = { method: 'cod', amount: 7980, currency: 'CNY', paid: false };

/**
 * A valid OrderInput for S001 (Shenzhen), due in an hour, paid online (most platform orders are); each call gets a
 * new id. Pass `payment: COD_PAYMENT` for cash on delivery.
 */
export function makeOrderInput(overrides: Partial<OrderInput> = {}): OrderInput {
  orderCounter += 1;
  const now = Date.now();
  return {
    id: `EO-T${now.toString(36)}-${randomBytes(3).toString('hex')}-${orderCounter}`,
    storeId: 'S001',
    placedAt: new Date(now).toISOString(),
    fulfilment: {
      type: 'delivery',
      slot: { kind: '1h', dueAt: new Date(now + 3_600_000).toISOString() },
      address: { line1: '1 Shennan Road', city: 'Shenzhen', lat: 22.541, lon: 114.061 },
    },
    customer: { name: 'Li Wei', phone: '+86 138 0000 0000' },
    payment: { method: 'online', amount: 7980, currency: 'CNY', paid: true },
    lines: [{ sku: '6901234567890', name: 'Green tea 500ml', qty: 2, unitPrice: 3990 }],
    ...overrides,
  };
}

/** A valid ProductInput; index makes SKU and location distinct. */
export function makeProductInput(i: number, overrides: Partial<ProductInput> = {}): ProductInput {
  return {
    sku: `SKU${String(i).padStart(6, '0')}`,
    name: `Product ${i}`,
    barcodes: [`69${String(i).padStart(11, '0')}`],
    location: { aisle: `A${(i % 12) + 1}`, shelf: `S${(i % 5) + 1}`, bin: `B${(i % 20) + 1}` },
    unitPrice: 100 + (i % 50) * 10,
    unit: 'each',
    ...overrides,
  };
}

/**
 * The staff admin.seedStore gives every store. Operator ids are unique across stores, so each id carries its
 * store's: testOperatorId('S001') is "lead-S001".
 */
export const TEST_OPERATORS = {
  /** Holds every role: may do anything, and approve. A manager, so a PIN of at least 6 digits. */
  lead: { name: 'Test Lead', roles: [...ROLES], pin: '123456' },
  picker: { name: 'Test Picker', roles: ['picker'], pin: '2468' },
} as const satisfies Record<string, { name: string; roles: readonly Role[]; pin: string }>;
export type TestOperatorKey = keyof typeof TEST_OPERATORS;

export function testOperatorId(storeId: string, who: TestOperatorKey = 'lead'): string {
  return `${who}-${storeId}`;
}

export function testOperators(storeId: string): OperatorInput[] {
  return (Object.keys(TEST_OPERATORS) as TestOperatorKey[]).map((who) => {
    const o = TEST_OPERATORS[who];
    return { id: testOperatorId(storeId, who), name: o.name, roles: [...o.roles], pin: o.pin, active: true };
  });
}

let operatorCounter = 0;

/** A valid OperatorInput: an active picker with a PIN (a manager's has 6 digits); each call gets a new id. */
export function makeOperatorInput(overrides: Partial<OperatorInput> = {}): OperatorInput {
  operatorCounter += 1;
  const pin = overrides.roles?.includes('manager') ? '654321' : '4321';
  return { id: `op-${randomBytes(3).toString('hex')}-${operatorCounter}`, name: `Operator ${operatorCounter}`, roles: ['picker'], pin, active: true, ...overrides };
}

/** A valid stock move by this device and its store's test lead: 5 units received. */
export function makeStockMove(device: { deviceId: string; storeId: string }, overrides: Partial<StockMove> = {}): StockMove {
  return {
    id: uuidv7(),
    storeId: device.storeId,
    sku: 'SKU000001',
    kind: 'receive',
    qty: 5,
    at: new Date().toISOString(),
    operatorId: testOperatorId(device.storeId),
    deviceId: device.deviceId,
    ...overrides,
  };
}

/** A valid order event by this device and its store's test lead (see seedStore), with a fresh UUIDv7. */
export function makeOrderEvent(
  device: { deviceId: string; storeId: string },
  orderId: string,
  type: OrderEvent['type'],
  overrides: Partial<OrderEvent> = {},
): OrderEvent {
  return {
    id: uuidv7(),
    storeId: device.storeId,
    orderId,
    type,
    at: new Date().toISOString(),
    operatorId: testOperatorId(device.storeId),
    deviceId: device.deviceId,
    ...overrides,
  };
}
