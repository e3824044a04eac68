import { getAjv } from 'rxdb/plugins/validate-ajv';
import type { ValidateFunction } from 'ajv';
import { COLLECTIONS, type CollectionName } from '../model/collections.js';
import type { Checkpoint, PullResponse, PushRejection, PushResponse, WireDoc } from '../protocol/sync.js';
import { isRecord } from './http.js';

/** RxDB's per-document bookkeeping; never part of what travels. */
interface LocalFields {
  _rev?: unknown;
  _meta?: unknown;
  _attachments?: unknown;
  _deleted?: boolean;
}

/** The document as the protocol carries it: the collection's fields plus `_deleted`. */
export function toWire<C extends CollectionName>(doc: WireDoc<C> & LocalFields): WireDoc<C> {
  const { _rev: _r, _meta: _m, _attachments: _a, ...rest } = doc;
  return { ...rest, _deleted: doc._deleted === true } as WireDoc<C>;
}

const validators = new Map<CollectionName, ValidateFunction>();

/**
 * Validates a document from the server against the same schema the server validated it with, plus
 * `_deleted`. What the server sends is an input like any other: a document that would break the local
 * indexes must not reach the store.
 */
export function wireDocProblem(collection: CollectionName, doc: unknown): string | null {
  let validate = validators.get(collection);
  if (!validate) {
    const schema = structuredClone(COLLECTIONS[collection].schema);
    validate = getAjv().compile({ ...schema, properties: { ...schema.properties, _deleted: { type: 'boolean' } } });
    validators.set(collection, validate);
  }
  if (validate(doc)) return null;
  return (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? 'is invalid'}`).join('; ');
}

export function isCheckpoint(v: unknown): v is Checkpoint {
  return isRecord(v) && typeof v.position === 'number' && typeof v.id === 'string' && (v.until === undefined || typeof v.until === 'number');
}

export function isPullResponse(v: unknown): v is PullResponse {
  return isRecord(v) && Array.isArray(v.documents) && (v.checkpoint === null || isCheckpoint(v.checkpoint));
}

function isRejection(v: unknown): v is PushRejection {
  return isRecord(v) && typeof v.documentId === 'string' && typeof v.code === 'string' && typeof v.message === 'string';
}

export function isPushResponse(v: unknown): v is PushResponse {
  return isRecord(v) && Array.isArray(v.conflicts) && Array.isArray(v.rejected) && v.rejected.every(isRejection);
}
