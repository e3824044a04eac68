import type { DocumentSchema } from './json-schema.js';
import { isoTime, storeIdSchema } from './common.js';
import { orderIdSchema } from './order.js';
import { MAX_LINE_QTY, MAX_LINES_PER_ORDER } from './common.js';
import { SHORT_REASONS, type ShortReason } from './pick-state.js';
import { HANDOVER_FIELDS, handoverFieldSchemas, type HandoverDetail } from './handover-fields.js';

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
  // v2: the handover facts (docs/ARCHITECTURE.md, "Handover").
  /** A courier brought a dispatched order back undelivered: it is packed again, ready to go out or to be restocked. */
  'delivery_failed',
  /** A locker door did not open for a release: the order stays ready, now on the counter shelf. */
  'locker_failed',
  /** Goods that never left the store went back on the shelf (with `unpick` stock moves): uncollected, or given up. */
  'returned_to_stock',
] as const;
export type OrderEventType = (typeof ORDER_EVENT_TYPES)[number];

/**
 * Facts about an order that do not move its status: which pick batch holds it (batch-claims.ts). They share the
 * collection with the status events (design §3 rule 7) and carry `batchId`.
 */
export const BATCH_EVENT_TYPES = ['batch_claimed', 'batch_released'] as const;
export type BatchEventType = (typeof BATCH_EVENT_TYPES)[number];
/** Other facts that do not move the status (v2): the customer was reminded of an uncollected pickup. */
export const NOTE_EVENT_TYPES = ['pickup_reminded'] as const;
export type NoteEventType = (typeof NOTE_EVENT_TYPES)[number];
export type OrderFactType = OrderEventType | BatchEventType | NoteEventType;
export const ORDER_FACT_TYPES: readonly OrderFactType[] = [...ORDER_EVENT_TYPES, ...BATCH_EVENT_TYPES, ...NOTE_EVENT_TYPES];

const NON_STATUS: readonly string[] = [...BATCH_EVENT_TYPES, ...NOTE_EVENT_TYPES];
export function isStatusEvent(e: { type: OrderFactType }): e is { type: OrderEventType } {
  return !NON_STATUS.includes(e.type);
}

/** One order line as the walk ended (on a `picked` event). Missing units = ordered − picked − substitute.qty. */
export interface PickedLine {
  lineIndex: number;
  sku: string;
  ordered: number;
  picked: number;
  substitute: { sku: string; qty: number } | null;
  shortReason: ShortReason | null;
}

export interface PackedItem {
  sku: string;
  qty: number;
}

/** One package as packing finished (on a `packed` event): its id is the label's Code 128. */
export interface PackedPackage {
  id: string;
  n: number;
  of: number;
  items: readonly PackedItem[];
}

export interface OrderEvent extends HandoverDetail {
  /** UUIDv7 made on the terminal, so a retried push is harmless and ids sort by creation time. */
  id: string;
  storeId: string;
  orderId: string;
  type: OrderFactType;
  /** When it happened on the terminal (ISO-8601 UTC). */
  at: string;
  operatorId: string;
  deviceId: string;
  /** Free-form detail of the event, e.g. a rejection reason. */
  note?: string;
  /** The pick batch, on batch_claimed / batch_released and on the picked event the batch's walk ended with. */
  batchId?: string;
  /** On `picked`: every line of the order as picked. Absent when the order was marked picked by hand (v0). */
  lines?: readonly PickedLine[];
  /** On `packed`: the packages, as labelled. */
  packages?: readonly PackedPackage[];
}

const skuSchema = { type: 'string', minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9._-]+$' } as const;
const qtySchema = { type: 'integer', minimum: 0, maximum: MAX_LINE_QTY } as const;
const packedItemSchema = {
  type: 'object',
  additionalProperties: false,
  properties: { sku: skuSchema, qty: { type: 'integer', minimum: 1, maximum: MAX_LINE_QTY } },
  required: ['sku', 'qty'],
} as const;

export const orderEventSchema = {
  title: 'order_events',
  // v1: batch facts, picked lines, packages. v2: the handover facts and their fields (handover-fields.ts).
  version: 2,
  primaryKey: 'id',
  type: 'object',
  additionalProperties: false,
  properties: {
    id: { type: 'string', minLength: 36, maxLength: 36, pattern: '^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$' },
    storeId: storeIdSchema,
    orderId: { ...orderIdSchema, maxLength: 64 },
    type: { type: 'string', enum: ORDER_FACT_TYPES, maxLength: 32 },
    at: isoTime,
    operatorId: { type: 'string', minLength: 1, maxLength: 64 },
    deviceId: { type: 'string', minLength: 1, maxLength: 64 },
    note: { type: 'string', maxLength: 500 },
    batchId: { type: 'string', minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9._:-]+$' },
    lines: {
      type: 'array',
      maxItems: MAX_LINES_PER_ORDER,
      items: {
        type: 'object',
        additionalProperties: false,
        properties: {
          lineIndex: { type: 'integer', minimum: 0, maximum: MAX_LINES_PER_ORDER },
          sku: skuSchema,
          ordered: qtySchema,
          picked: qtySchema,
          substitute: { type: ['object', 'null'], additionalProperties: false, properties: packedItemSchema.properties, required: ['sku', 'qty'] },
          shortReason: { type: ['string', 'null'], enum: [...SHORT_REASONS, null] },
        },
        required: ['lineIndex', 'sku', 'ordered', 'picked', 'substitute', 'shortReason'],
      },
    },
    packages: {
      type: 'array',
      minItems: 1,
      maxItems: 99,
      items: {
        type: 'object',
        additionalProperties: false,
        properties: {
          id: { type: 'string', minLength: 1, maxLength: 72 },
          n: { type: 'integer', minimum: 1, maximum: 99 },
          of: { type: 'integer', minimum: 1, maximum: 99 },
          items: { type: 'array', minItems: 1, maxItems: MAX_LINES_PER_ORDER * 2, items: packedItemSchema },
        },
        required: ['id', 'n', 'of', 'items'],
      },
    },
    ...handoverFieldSchemas,
  },
  required: ['id', 'storeId', 'orderId', 'type', 'at', 'operatorId', 'deviceId'],
  indexes: ['orderId', 'at'],
} as const satisfies DocumentSchema;

/**
 * Schema versions of order_events the server still speaks (design §4: old and new while terminals migrate).
 * v0 had only the v0 status types and none of batchId/lines/packages; v1 added those; v2 added the handover types
 * and fields. Every older document is a valid v2 document as it is.
 */
export const ORDER_EVENT_VERSIONS = [0, 1, 2] as const;

const V0_TYPES: readonly string[] = ['accepted', 'rejected', 'picking_started', 'picked', 'packed', 'ready', 'dispatched', 'delivered', 'picked_up'];
const V1_TYPES: readonly string[] = [...V0_TYPES, ...BATCH_EVENT_TYPES];

/**
 * The v2 document as a v1 terminal may hold it, or null when v1 cannot express it at all (a handover-only type).
 * The handover detail is dropped: a v1 terminal still sees a pickup handed over or an order dispatched.
 */
export function orderEventAsV1(doc: OrderEvent): OrderEvent | null {
  if (!V1_TYPES.includes(doc.type)) return null;
  const rest: Record<string, unknown> = { ...doc };
  for (const f of HANDOVER_FIELDS) delete rest[f];
  return rest as unknown as OrderEvent;
}

/** The v2 document as a v0 terminal may hold it, or null when v0 cannot express it at all. */
export function orderEventAsV0(doc: OrderEvent): OrderEvent | null {
  if (!V0_TYPES.includes(doc.type)) return null;
  const v1 = orderEventAsV1(doc);
  if (v1 === null) return null;
  const { batchId: _b, lines: _l, packages: _p, ...rest } = v1;
  return rest;
}
