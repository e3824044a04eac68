import type { DocumentSchema } from './json-schema.js';
import { isoTime, storeIdSchema } from './common.js';
import { ROLES, type Role } from './permissions.js';
import type { PinHash } from './pin.js';

/** A member of a store's staff, as the terminals see them. Written by the centre; the PIN only as a slow hash. */
export interface Operator {
  id: string;
  storeId: string;
  name: string;
  roles: Role[];
  pinHash?: PinHash;
  /** What the operator's badge scans as; identifies, the PIN authenticates. */
  badge?: string;
  active: boolean;
  updatedAt: string;
}

export const operatorSchema = {
  title: 'operators',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  additionalProperties: false,
  properties: {
    id: { type: 'string', minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9._-]+$' },
    storeId: storeIdSchema,
    name: { type: 'string', minLength: 1, maxLength: 100 },
    roles: { type: 'array', minItems: 1, maxItems: 4, uniqueItems: true, items: { type: 'string', enum: ROLES } },
    pinHash: {
      type: 'object',
      additionalProperties: false,
      properties: {
        algo: { type: 'string', enum: ['pbkdf2-sha256'] },
        iterations: { type: 'integer', minimum: 100_000, maximum: 10_000_000 },
        salt: { type: 'string', minLength: 8, maxLength: 64 },
        hash: { type: 'string', minLength: 8, maxLength: 128 },
      },
      required: ['algo', 'iterations', 'salt', 'hash'],
    },
    badge: { type: 'string', minLength: 4, maxLength: 64 },
    active: { type: 'boolean' },
    updatedAt: isoTime,
  },
  required: ['id', 'storeId', 'name', 'roles', 'active', 'updatedAt'],
} as const satisfies DocumentSchema;
