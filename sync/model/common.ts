import type { JsonSchema } from './json-schema.js';

/** ISO-8601 UTC timestamp, e.g. 2026-11-27T09:12:00.000Z. Fixed maximum so it can be indexed. */
export const isoTime: JsonSchema = { type: 'string', format: 'date-time', minLength: 20, maxLength: 30 };
export const storeIdSchema: JsonSchema = { type: 'string', pattern: '^[A-Za-z0-9_-]{1,32}$', minLength: 1, maxLength: 32 };
/** Money is integer minor units (fen). Upper bound keeps sums far from float precision loss. */
export const moneySchema: JsonSchema = { type: 'integer', minimum: 0, maximum: 100_000_000_00 };
export const MAX_LINE_QTY = 9999;
export const MAX_LINES_PER_ORDER = 500;

export type Iso = string;

export const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
