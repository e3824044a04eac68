import type { DocumentSchema } from './json-schema.js';
import { isoTime, storeIdSchema } from './common.js';

/** Settings a store sets for its terminals. Defaults apply where a store has not set one. */
export interface StoreSettings {
  /** Lock the terminal after this long without input. */
  idleLockSeconds: number;
  maxOrdersPerBatch: number;
  maxLinesPerBatch: number;
}

export const DEFAULT_STORE_SETTINGS: StoreSettings = { idleLockSeconds: 300, maxOrdersPerBatch: 8, maxLinesPerBatch: 40 };

/** The store itself as its terminals see it. Written by the centre (POST /stores). */
export interface StoreDoc {
  storeId: string;
  name: string;
  timezone: string;
  settings: StoreSettings;
  updatedAt: string;
}

export const storeSettingsSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    idleLockSeconds: { type: 'integer', minimum: 15, maximum: 86_400 },
    maxOrdersPerBatch: { type: 'integer', minimum: 1, maximum: 100 },
    maxLinesPerBatch: { type: 'integer', minimum: 1, maximum: 2000 },
  },
  required: ['idleLockSeconds', 'maxOrdersPerBatch', 'maxLinesPerBatch'],
} as const;

export const storeDocSchema = {
  title: 'stores',
  version: 0,
  primaryKey: 'storeId',
  type: 'object',
  additionalProperties: false,
  properties: {
    storeId: storeIdSchema,
    name: { type: 'string', minLength: 1, maxLength: 100 },
    timezone: { type: 'string', minLength: 1, maxLength: 64 },
    settings: storeSettingsSchema,
    updatedAt: isoTime,
  },
  required: ['storeId', 'name', 'timezone', 'settings', 'updatedAt'],
} as const satisfies DocumentSchema;
