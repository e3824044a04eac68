import type { JsonSchema } from './json-schema.js';

/**
 * The handover facts' own fields on an order event (order_events schema v2). Kept apart from order-event.ts so that
 * the schema and the rules that read them (handover.ts) share one definition without an import circle.
 */

/** A locker compartment: the bank (as configured on the terminal) and its number within the bank, from 1. */
export interface Compartment {
  bankId: string;
  number: number;
}

/** How a pickup order left the store: through a locker door or over the counter. */
export const PICKUP_VIA = ['locker', 'counter'] as const;
export type PickupVia = (typeof PICKUP_VIA)[number];

/** What proved the customer's right to the order: the signed QR pass, the typed pickup code, or the staff's word. */
export const PICKUP_PROOFS = ['qr', 'code', 'staff'] as const;
export type PickupProof = (typeof PICKUP_PROOFS)[number];

/** Why a courier brought an order back. */
export const DELIVERY_FAIL_REASONS = ['not_home', 'refused', 'wrong_address', 'unreachable', 'damaged', 'other'] as const;
export type DeliveryFailReason = (typeof DELIVERY_FAIL_REASONS)[number];

/** Why an order's goods went back on the shelf without leaving the store. */
export const RESTOCK_REASONS = ['uncollected', 'delivery_given_up', 'other'] as const;
export type RestockReason = (typeof RESTOCK_REASONS)[number];

const idText = { type: 'string', minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9._:-]+$' } as const;

export const compartmentSchema: JsonSchema = {
  type: 'object',
  additionalProperties: false,
  properties: { bankId: idText, number: { type: 'integer', minimum: 1, maximum: 999 } },
  required: ['bankId', 'number'],
};

/** The v2 fields of order_events, merged into its schema. Which type may carry which is handover.ts's rule. */
export const handoverFieldSchemas = {
  compartment: compartmentSchema,
  via: { type: 'string', enum: PICKUP_VIA },
  proof: { type: 'string', enum: PICKUP_PROOFS },
  courierId: { type: 'string', minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9._-]+$' },
  failReason: { type: 'string', enum: DELIVERY_FAIL_REASONS },
  restockReason: { type: 'string', enum: RESTOCK_REASONS },
  paymentId: { type: 'string', minLength: 36, maxLength: 36, pattern: '^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$' },
} as const satisfies Record<string, JsonSchema>;

export type HandoverField = keyof typeof handoverFieldSchemas;
export const HANDOVER_FIELDS = Object.keys(handoverFieldSchemas) as HandoverField[];

/** The handover detail an order event may carry (schema v2). */
export interface HandoverDetail {
  /** On `ready` (loaded into this compartment; absent = on the counter shelf) and on `picked_up` via the locker. */
  compartment?: Compartment;
  /** On `picked_up`. */
  via?: PickupVia;
  /** On `picked_up`. */
  proof?: PickupProof;
  /** On `dispatched`: the operator (role courier) who took the order out. */
  courierId?: string;
  /** On `delivery_failed`. */
  failReason?: DeliveryFailReason;
  /** On `returned_to_stock`. */
  restockReason?: RestockReason;
  /** On `picked_up` and `delivered` of an order with money due: the payment fact (payments collection) taken with it. */
  paymentId?: string;
}
