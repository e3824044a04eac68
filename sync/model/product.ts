import type { DocumentSchema, JsonSchema } from './json-schema.js';
import { isoTime, moneySchema, storeIdSchema } from './common.js';

export interface ProductLocation {
  aisle: string;
  shelf: string;
  bin: string;
}

/** A catalogue entry of one store. Written by the centre only. Primary key: sku (unique within a store). */
export interface Product {
  sku: string;
  storeId: string;
  name: string;
  barcodes: string[];
  location: ProductLocation;
  /** Sort key of the location ("A03|S02|B07"), so the pick walk can be ordered by one index. */
  locationKey: string;
  unitPrice: number;
  unit: string;
  updatedAt: string;
}

const locationPart = { type: 'string', minLength: 1, maxLength: 16 } as const;

/** Field schemas shared by the stored document and the Platform API's product input. */
export const productFieldSchemas = {
  sku: { type: 'string', minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9._-]+$' },
  name: { type: 'string', minLength: 1, maxLength: 200 },
  barcodes: { type: 'array', maxItems: 20, items: { type: 'string', minLength: 1, maxLength: 64 } },
  location: {
    type: 'object',
    additionalProperties: false,
    properties: { aisle: locationPart, shelf: locationPart, bin: locationPart },
    required: ['aisle', 'shelf', 'bin'],
  },
  unitPrice: moneySchema,
  unit: { type: 'string', minLength: 1, maxLength: 16 },
} as const satisfies Record<string, JsonSchema>;

export const productSchema = {
  title: 'products',
  version: 0,
  primaryKey: 'sku',
  type: 'object',
  additionalProperties: false,
  properties: {
    ...productFieldSchemas,
    storeId: storeIdSchema,
    locationKey: { type: 'string', minLength: 1, maxLength: 64 },
    updatedAt: isoTime,
  },
  required: ['sku', 'storeId', 'name', 'barcodes', 'location', 'locationKey', 'unitPrice', 'unit', 'updatedAt'],
  indexes: ['locationKey'],
} as const satisfies DocumentSchema;

/** Pads numeric parts so that aisle 2 sorts before aisle 10. */
export function locationKey(loc: ProductLocation): string {
  const pad = (s: string) => s.replace(/\d+/g, (d) => d.padStart(4, '0'));
  return [loc.aisle, loc.shelf, loc.bin].map(pad).join('|');
}
