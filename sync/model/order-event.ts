import type { DocumentSchema } from './json-schema.js';
import { isoTime, storeIdSchema } from './common.js';
import { orderIdSchema } from './order.js';

/** What a store terminal records about an order. Append-only facts; the order's status is derived from them. */
export const ORDER_EVENT_TYPES = [
  'accepted',
  'rejected',
  'picking_started',
  'picked',
  'packed',
  'ready',
  'dispatched',
  'delivered',
  'picked_up',
] as const;
export type OrderEventType = (typeof ORDER_EVENT_TYPES)[number];

export interface OrderEvent {
  /** UUIDv7 made on the terminal, so a retried push is harmless and ids sort by creation time. */
  id: string;
  storeId: string;
  orderId: string;
  type: OrderEventType;
  /** When it happened on the terminal (ISO-8601 UTC). */
  at: string;
  operatorId: string;
  deviceId: string;
  /** Free-form detail of the event, e.g. a rejection reason. */
  note?: string;
}

export const orderEventSchema = {
  title: 'order_events',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  additionalProperties: false,
  properties: {
    id: { type: 'string', minLength: 36, maxLength: 36, pattern: '^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$' },
    storeId: storeIdSchema,
    orderId: { ...orderIdSchema, maxLength: 64 },
    type: { type: 'string', enum: ORDER_EVENT_TYPES, maxLength: 32 },
    at: isoTime,
    operatorId: { type: 'string', minLength: 1, maxLength: 64 },
    deviceId: { type: 'string', minLength: 1, maxLength: 64 },
    note: { type: 'string', maxLength: 500 },
  },
  required: ['id', 'storeId', 'orderId', 'type', 'at', 'operatorId', 'deviceId'],
  indexes: ['orderId', 'at'],
} as const satisfies DocumentSchema;
