import type { RxJsonSchema } from 'rxdb';

/**
 * A document the server refused (or sent us in a shape we cannot store). Local only, never replicated: it is
 * kept so the operator can see what was not synced and why, while the rest of the queue keeps flowing.
 */
export interface QuarantineDoc {
  /** `${collection}:${documentId}`, so a document quarantined twice keeps one entry (the latest reason). */
  id: string;
  /** Named collectionName because `collection` is a reserved RxDocument property (RxDB schema check SC17). */
  collectionName: string;
  documentId: string;
  /** Stable error code from the server (sync/protocol ERROR_CODES) or VALIDATION_FAILED for a bad pull. */
  code: string;
  message: string;
  /** The refused document as JSON text: any shape must fit, and it is only shown, never queried. */
  document: string;
  /** When it was quarantined (ISO-8601 UTC). */
  at: string;
}

export const quarantineSchema: RxJsonSchema<QuarantineDoc> = {
  title: 'quarantine',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  additionalProperties: false,
  properties: {
    id: { type: 'string', maxLength: 160 },
    collectionName: { type: 'string', minLength: 1, maxLength: 64 },
    documentId: { type: 'string', maxLength: 128 },
    code: { type: 'string', minLength: 1, maxLength: 64 },
    message: { type: 'string', maxLength: 2000 },
    document: { type: 'string', maxLength: 2_000_000 },
    at: { type: 'string', minLength: 20, maxLength: 30 },
  },
  required: ['id', 'collectionName', 'documentId', 'code', 'message', 'document', 'at'],
  indexes: ['at'],
};

export function quarantineId(collection: string, documentId: string): string {
  return `${collection}:${documentId}`;
}
