import type { DocumentSchema, JsonSchema } from './json-schema.js';
import { isoTime, MAX_LINE_QTY, MAX_LINES_PER_ORDER, moneySchema, storeIdSchema } from './common.js';

export const SLOT_KINDS = ['1h', '2h', '3h', 'scheduled'] as const;
export type SlotKind = (typeof SLOT_KINDS)[number];
export const FULFILMENT_TYPES = ['delivery', 'pickup'] as const;
export type FulfilmentType = (typeof FULFILMENT_TYPES)[number];
export const PAYMENT_METHODS = ['online', 'cod'] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];

export interface Address {
  line1: string;
  line2?: string;
  city: string;
  lat?: number;
  lon?: number;
}

export interface OrderLine {
  sku: string;
  name: string;
  qty: number;
  unitPrice: number;
  /** The customer accepts a substitute for this line. */
  substitutable?: boolean;
}

export interface Cancellation {
  requestedAt: string;
  reason?: string;
}

/**
 * An order as the platform submitted it, normalised. Written by the centre only; the store's progress lives in
 * order events and the status is derived (see status.ts).
 */
export interface Order {
  id: string;
  storeId: string;
  placedAt: string;
  /** Copy of fulfilment.slot.dueAt at top level, so the queue can be sorted by an index. */
  dueAt: string;
  fulfilment: {
    type: FulfilmentType;
    slot: { kind: SlotKind; dueAt: string };
    address?: Address;
  };
  customer: { name: string; phone: string };
  payment: { method: PaymentMethod; amount: number; currency: string; paid: boolean };
  lines: OrderLine[];
  cancel?: Cancellation;
  receivedAt: string;
  updatedAt: string;
}

const text = (max: number): JsonSchema => ({ type: 'string', minLength: 1, maxLength: max });

export const orderIdSchema: JsonSchema = { type: 'string', minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9._:-]+$' };

export const addressSchema: JsonSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    line1: text(200),
    line2: { type: 'string', maxLength: 200 },
    city: text(100),
    lat: { type: 'number', minimum: -90, maximum: 90 },
    lon: { type: 'number', minimum: -180, maximum: 180 },
  },
  required: ['line1', 'city'],
};

export const orderLineSchema: JsonSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    sku: { type: 'string', minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9._-]+$' },
    name: text(200),
    qty: { type: 'integer', minimum: 1, maximum: MAX_LINE_QTY },
    unitPrice: moneySchema,
    substitutable: { type: 'boolean' },
  },
  required: ['sku', 'name', 'qty', 'unitPrice'],
};

export const fulfilmentSchema: JsonSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    type: { type: 'string', enum: FULFILMENT_TYPES },
    slot: {
      type: 'object',
      additionalProperties: false,
      properties: { kind: { type: 'string', enum: SLOT_KINDS }, dueAt: isoTime },
      required: ['kind', 'dueAt'],
    },
    address: addressSchema,
  },
  required: ['type', 'slot'],
};

export const customerSchema: JsonSchema = {
  type: 'object',
  additionalProperties: false,
  properties: { name: text(100), phone: { type: 'string', minLength: 3, maxLength: 32, pattern: '^[0-9+() -]+$' } },
  required: ['name', 'phone'],
};

export const paymentSchema: JsonSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    method: { type: 'string', enum: PAYMENT_METHODS },
    amount: moneySchema,
    currency: { type: 'string', pattern: '^[A-Z]{3}$', minLength: 3, maxLength: 3 },
    paid: { type: 'boolean' },
  },
  required: ['method', 'amount', 'currency', 'paid'],
};

export const orderLinesSchema: JsonSchema = {
  type: 'array',
  minItems: 1,
  maxItems: MAX_LINES_PER_ORDER,
  items: orderLineSchema,
};

export const orderSchema = {
  title: 'orders',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  additionalProperties: false,
  properties: {
    id: orderIdSchema,
    storeId: storeIdSchema,
    placedAt: isoTime,
    dueAt: isoTime,
    fulfilment: fulfilmentSchema,
    customer: customerSchema,
    payment: paymentSchema,
    lines: orderLinesSchema,
    cancel: {
      type: 'object',
      additionalProperties: false,
      properties: { requestedAt: isoTime, reason: { type: 'string', maxLength: 200 } },
      required: ['requestedAt'],
    },
    receivedAt: isoTime,
    updatedAt: isoTime,
  },
  required: ['id', 'storeId', 'placedAt', 'dueAt', 'fulfilment', 'customer', 'payment', 'lines', 'receivedAt', 'updatedAt'],
  indexes: ['dueAt'],
} as const satisfies DocumentSchema;
