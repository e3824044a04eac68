import { isoTime, storeIdSchema } from './common.js';
import { compartmentSchema } from './handover-fields.js';
import type { DocumentSchema, JsonSchema } from './json-schema.js';
import { orderIdSchema } from './order.js';
import type { PassCodeHash } from './pickup-code.js';
import type { PassCompartment } from './pickup-pass.js';

/** One release of an order (a `picked_up` fact), as the centre saw it when flagging a double release. */
export interface PassRelease {
  eventId: string;
  deviceId: string;
  operatorId: string;
  at: string;
}

/**
 * The pass of one pickup order as its store's terminals hold it (collection `pickup_passes`, written by the centre
 * only; one per order, so a reissue replaces it). Everything a kiosk needs to check a pass offline, and nothing that
 * could make one: no private key, no code, no token. A scanned QR is checked by its signature and then against this
 * document (same passId, so a reissued pass's old QR is refused); a typed code is found by `lookup` and checked
 * against `code`, the slow salted hash.
 */
export interface PickupPassDoc {
  orderId: string;
  storeId: string;
  passId: string;
  /** The code's first two digits: which pass a typed code is for. Not secret. */
  lookup: string;
  compartment?: PassCompartment;
  expiresAt: string;
  /** The key that signed the QR of this pass. */
  keyId: string;
  code: PassCodeHash;
  issuedAt: string;
  /** The `ready` fact this pass was issued for: a later one (loaded elsewhere) reissues. */
  readyEventId: string;
  /**
   * Set by the centre when the order was released more than once (two terminals, offline, both gave the goods
   * out): every release, for a manager to settle. The facts themselves all stay in order_events.
   */
  doubleRelease?: { detectedAt: string; releases: readonly PassRelease[] };
  updatedAt: string;
}

const idText = (max: number): JsonSchema => ({ type: 'string', minLength: 1, maxLength: max });
const b64 = (len: number): JsonSchema => ({ type: 'string', minLength: len, maxLength: len, pattern: '^[A-Za-z0-9_-]+$' });

/** The same shape as the `ready` fact's compartment. */
export const passCompartmentSchema = compartmentSchema;

export const pickupPassSchema = {
  title: 'pickup_passes',
  version: 0,
  primaryKey: 'orderId',
  type: 'object',
  additionalProperties: false,
  properties: {
    orderId: { ...orderIdSchema, maxLength: 64 },
    storeId: storeIdSchema,
    passId: { type: 'string', minLength: 16, maxLength: 32, pattern: '^[A-Za-z0-9_-]+$' },
    lookup: { type: 'string', minLength: 2, maxLength: 2, pattern: '^[0-9]{2}$' },
    compartment: passCompartmentSchema,
    expiresAt: isoTime,
    keyId: idText(64),
    code: {
      type: 'object',
      additionalProperties: false,
      properties: {
        algo: { type: 'string', enum: ['scrypt'] },
        N: { type: 'integer', minimum: 1024, maximum: 65536 },
        r: { type: 'integer', minimum: 1, maximum: 16 },
        p: { type: 'integer', minimum: 1, maximum: 4 },
        salt: b64(22),
        hash: b64(43),
      },
      required: ['algo', 'N', 'r', 'p', 'salt', 'hash'],
    },
    issuedAt: isoTime,
    readyEventId: idText(64),
    doubleRelease: {
      type: 'object',
      additionalProperties: false,
      properties: {
        detectedAt: isoTime,
        releases: {
          type: 'array',
          minItems: 2,
          maxItems: 50,
          items: {
            type: 'object',
            additionalProperties: false,
            properties: { eventId: idText(64), deviceId: idText(64), operatorId: idText(64), at: isoTime },
            required: ['eventId', 'deviceId', 'operatorId', 'at'],
          },
        },
      },
      required: ['detectedAt', 'releases'],
    },
    updatedAt: isoTime,
  },
  required: ['orderId', 'storeId', 'passId', 'lookup', 'expiresAt', 'keyId', 'code', 'issuedAt', 'readyEventId', 'updatedAt'],
  indexes: ['lookup'],
} as const satisfies DocumentSchema;
