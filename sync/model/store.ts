import type { DocumentSchema } from './json-schema.js';
import { isoTime, storeIdSchema } from './common.js';
import type { PassPublicKey } from './pickup-pass.js';

/** Settings a store sets for its terminals. Defaults apply where a store has not set one. */
export interface StoreSettings {
  /** Lock the terminal after this long without input. */
  idleLockSeconds: number;
  maxOrdersPerBatch: number;
  maxLinesPerBatch: number;
  /** How long a pickup order waits for its customer: its pass expires this long after it became ready. */
  pickupHoldHours?: number;
  /**
   * When the platform is asked to remind the customer of an uncollected pickup order: this long after it became ready
   * (pickup-expiry.ts). Absent: DEFAULT_PICKUP_REMINDER_HOURS.
   */
  pickupReminderHours?: number;
  /**
   * Day close (money/till.ts): how far, in fen, a drawer's counted cash may be from the expected amount before the
   * close needs a manager's approval and a reason. Absent: DEFAULT_CASH_TOLERANCE (¥5). Schema v2.
   */
  cashTolerance?: number;
}

/** Seven days, unless the store says otherwise. */
export const DEFAULT_PICKUP_HOLD_HOURS = 168;

export const DEFAULT_STORE_SETTINGS: StoreSettings = { idleLockSeconds: 300, maxOrdersPerBatch: 8, maxLinesPerBatch: 40 };

/** The store itself as its terminals see it. Written by the centre (POST /stores). */
export interface StoreDoc {
  storeId: string;
  name: string;
  timezone: string;
  settings: StoreSettings;
  /**
   * The centre's public keys for pickup passes (schema v1): the current one and any retired one whose passes may
   * still be valid (until validUntil). Public keys only: nothing here can make a pass.
   */
  passKeys?: readonly PassPublicKey[];
  updatedAt: string;
}

export const storeSettingsSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    idleLockSeconds: { type: 'integer', minimum: 15, maximum: 86_400 },
    maxOrdersPerBatch: { type: 'integer', minimum: 1, maximum: 100 },
    maxLinesPerBatch: { type: 'integer', minimum: 1, maximum: 2000 },
    pickupHoldHours: { type: 'integer', minimum: 1, maximum: 24 * 60 },
    pickupReminderHours: { type: 'integer', minimum: 1, maximum: 24 * 60 },
    cashTolerance: { type: 'integer', minimum: 0, maximum: 1_000_000 },
  },
  required: ['idleLockSeconds', 'maxOrdersPerBatch', 'maxLinesPerBatch'],
} as const;

export const storeDocSchema = {
  title: 'stores',
  version: 2,
  primaryKey: 'storeId',
  type: 'object',
  additionalProperties: false,
  properties: {
    storeId: storeIdSchema,
    name: { type: 'string', minLength: 1, maxLength: 100 },
    timezone: { type: 'string', minLength: 1, maxLength: 64 },
    settings: storeSettingsSchema,
    passKeys: {
      type: 'array',
      maxItems: 16,
      items: {
        type: 'object',
        additionalProperties: false,
        properties: {
          keyId: { type: 'string', minLength: 1, maxLength: 64 },
          publicKey: { type: 'string', minLength: 43, maxLength: 43, pattern: '^[A-Za-z0-9_-]+$' },
          validUntil: isoTime,
        },
        required: ['keyId', 'publicKey'],
      },
    },
    updatedAt: isoTime,
  },
  required: ['storeId', 'name', 'timezone', 'settings', 'updatedAt'],
} as const satisfies DocumentSchema;

/**
 * Schema versions of stores the server speaks: v1 added passKeys and settings.pickupHoldHours and
 * pickupReminderHours, v2 settings.cashTolerance, all optional.
 */
export const STORE_DOC_VERSIONS = [0, 1, 2] as const;

/** The document as a v1 terminal holds it: no cash tolerance (it has no day close). */
export function storeDocAsV1(doc: StoreDoc): StoreDoc {
  const { cashTolerance: _t, ...settings } = doc.settings;
  return { ...doc, settings };
}

/** The document as a v0 terminal holds it: no pass keys, no hold setting (v0's settings allow no extra field). */
export function storeDocAsV0(doc: StoreDoc): StoreDoc {
  const { passKeys: _k, ...rest } = doc;
  const { pickupHoldHours: _h, pickupReminderHours: _r, cashTolerance: _t, ...settings } = doc.settings;
  return { ...rest, settings };
}

export function pickupHoldHoursOf(settings: StoreSettings): number {
  return settings.pickupHoldHours ?? DEFAULT_PICKUP_HOLD_HOURS;
}

/** Two days, unless the store says otherwise. */
export const DEFAULT_PICKUP_REMINDER_HOURS = 48;

export function pickupReminderHoursOf(settings: StoreSettings): number {
  return settings.pickupReminderHours ?? DEFAULT_PICKUP_REMINDER_HOURS;
}
