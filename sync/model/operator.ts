import type { DocumentSchema } from './json-schema.js';
import { isoTime, storeIdSchema } from './common.js';
import { ROLES, type Role } from './permissions.js';

/**
 * A member of a store's staff, as the terminals see them. Written by the centre. Nothing derived from the PIN is
 * part of it: the verifiers go only to the terminal's main side (docs/ARCHITECTURE.md, "Operators and
 * permissions"), so no pull, no IndexedDB and no renderer memory lets anyone test a PIN. `hasPin` says only
 * whether the operator can sign in at all.
 */
export interface Operator {
  id: string;
  storeId: string;
  name: string;
  roles: Role[];
  hasPin: boolean;
  /** What the operator's badge scans as; identifies, the PIN authenticates. */
  badge?: string;
  active: boolean;
  updatedAt: string;
}

export const operatorSchema = {
  title: 'operators',
  // v1 dropped `pinHash` and added `hasPin` (terminals migrate locally; the server speaks v0 without pinHash).
  // v2 added the `courier` role (a role enum change is a schema change to RxDB).
  version: 2,
  primaryKey: 'id',
  type: 'object',
  additionalProperties: false,
  properties: {
    id: { type: 'string', minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9._-]+$' },
    storeId: storeIdSchema,
    name: { type: 'string', minLength: 1, maxLength: 100 },
    roles: { type: 'array', minItems: 1, maxItems: 5, uniqueItems: true, items: { type: 'string', enum: ROLES } },
    hasPin: { type: 'boolean' },
    badge: { type: 'string', minLength: 4, maxLength: 64 },
    active: { type: 'boolean' },
    updatedAt: isoTime,
  },
  required: ['id', 'storeId', 'name', 'roles', 'hasPin', 'active', 'updatedAt'],
} as const satisfies DocumentSchema;

/**
 * Schema versions of operators the server still speaks (design §4). v0 had an optional `pinHash` and no
 * `hasPin`. The server never sends a pinHash to any version any more, so a v0 terminal keeps its operators but
 * cannot sign anyone in until it updates: the secure outcome.
 */
export const OPERATOR_VERSIONS = [0, 1, 2] as const;

/** Roles a v0/v1 terminal knows: it cannot hold `courier`. */
const V1_ROLES: readonly Role[] = ['picker', 'packer', 'counter', 'manager'];

/**
 * What a v1 terminal is sent: the roles it knows, or null (left out) for someone who is only a courier, whom an
 * older terminal has no use for and could not validate.
 */
export function operatorAsV1(doc: Operator): Operator | null {
  const roles = doc.roles.filter((r) => V1_ROLES.includes(r));
  if (roles.length === 0) return null;
  return roles.length === doc.roles.length ? doc : { ...doc, roles };
}

/** What a v0 terminal is sent: the v0 fields by name, so nothing else (least of all a PIN hash) can slip along. */
export function operatorAsV0(doc: Operator): Omit<Operator, 'hasPin'> | null {
  const v1 = operatorAsV1(doc);
  if (v1 === null) return null;
  const { id, storeId, name, roles, badge, active, updatedAt } = v1;
  return { id, storeId, name, roles, ...(badge !== undefined ? { badge } : {}), active, updatedAt };
}

/** The local migration of a v0 document (RxDB migrationStrategies[1]): the hash is dropped, only the fact stays. */
export function operatorFromV0(doc: Omit<Operator, 'hasPin'> & { pinHash?: unknown }): Operator {
  const { pinHash, ...rest } = doc;
  return { ...rest, hasPin: pinHash !== undefined && pinHash !== null };
}
