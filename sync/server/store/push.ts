import { COLLECTIONS, type CollectionName } from '../../model/collections.js';
import { schemaVersionOf, type PushRejection, type PushResponse, type PushRow } from '../../protocol/sync.js';
import type { DeviceContext } from '../auth.js';
import { jsonEqual } from '../equal.js';
import { describeError, docValidator, rowStoreFailure } from '../validation.js';
import { judgeFacts } from './push-facts.js';
import { PushAnswer, type PreparedRow } from './push-answer.js';
import { olderVersionProblem } from './schema-versions.js';
import type { StoreTx } from './store-tx.js';

/** RxDB bookkeeping a client may send along; never stored. */
const CLIENT_ONLY_FIELDS = ['_deleted', '_rev', '_meta', '_attachments'];

function strip(doc: object): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(doc)) if (!CLIENT_ONLY_FIELDS.includes(k)) out[k] = v;
  return out;
}

function documentIdOf(collection: CollectionName, doc: object, index: number): string {
  const id = (doc as Record<string, unknown>)[COLLECTIONS[collection].schema.primaryKey];
  return typeof id === 'string' && id.length > 0 ? id : `#${index}`;
}

export function rejectAll(collection: CollectionName, rows: readonly PushRow[], code: PushRejection['code'], message: string): PushResponse {
  return { conflicts: [], rejected: rows.map((r, i) => ({ documentId: documentIdOf(collection, r.newDocumentState, i), code, message })) };
}

/** Append-only facts written by terminals (design §3 rule 2): never deleted, never rewritten. */
const FACTS: ReadonlySet<CollectionName> = new Set<CollectionName>(['order_events', 'stock_moves', 'payments', 'till_events']);

/**
 * Schema, version and store: what each row must pass before anything is read from the database. Run before the
 * store's lock is taken (judgePush runs under it), since other writers of the store wait for that lock.
 */
export function preparePush(collection: CollectionName, version: number, device: DeviceContext, rows: readonly PushRow[]): PreparedRow[] {
  const validate = docValidator(collection);
  return rows.map((row, index): PreparedRow => {
    const documentId = documentIdOf(collection, row.newDocumentState, index);
    const doc = strip(row.newDocumentState);
    if (!validate(doc)) {
      const first = validate.errors?.[0];
      return { index, documentId, refused: { code: 'VALIDATION_FAILED', message: first ? describeError('', first) : 'invalid document' } };
    }
    const older = olderVersionProblem(collection, version, doc);
    if (older) return { index, documentId, refused: { code: 'VALIDATION_FAILED', message: older } };
    if (doc.storeId !== device.storeId) {
      return { index, documentId, refused: { code: 'STORE_MISMATCH', message: `storeId "${String(doc.storeId)}" is not this device's store "${device.storeId}"` } };
    }
    const deleted = (row.newDocumentState as { _deleted?: unknown })._deleted === true;
    return { index, documentId, doc, deleted, assumed: row.assumedMasterState };
  });
}

/**
 * Judges each row on its own inside the store transaction: a bad row is rejected with its reason and the others
 * still apply. Only a real difference from the server's state is returned as a conflict.
 */
export async function judgePush(
  st: StoreTx,
  device: DeviceContext,
  collection: CollectionName,
  prepared: readonly PreparedRow[],
  version = schemaVersionOf(collection),
): Promise<PushResponse> {
  if (FACTS.has(collection)) return judgeFacts(st, device, collection as 'order_events' | 'stock_moves' | 'payments' | 'till_events', version, prepared);
  return judgeMutable(st, collection, version, prepared);
}

/**
 * Mutable terminal documents: each row is written only over the state the client last saw. Row by row, each under
 * a savepoint; no collection takes this path today, so it favours plainness over speed.
 */
async function judgeMutable(st: StoreTx, collection: CollectionName, version: number, prepared: readonly PreparedRow[]): Promise<PushResponse> {
  const answer = new PushAnswer(collection, version);
  for (const p of prepared) {
    if (p.refused) {
      answer.reject(p.documentId, p.refused.code, p.refused.message);
      continue;
    }
    const existing = await st.get(collection, p.documentId);
    if (existing) {
      const assumed = p.assumed;
      const same = assumed !== undefined && existing.deleted === ((assumed as { _deleted?: unknown })._deleted === true) && jsonEqual(existing.data, strip(assumed));
      if (!same) {
        answer.conflict(p.documentId, existing);
        continue;
      }
      if (existing.deleted === p.deleted && jsonEqual(existing.data, p.doc)) continue;
    }
    try {
      await st.savepoint(() => st.put(collection, p.documentId, p.doc, p.deleted));
    } catch (err) {
      const failure = rowStoreFailure(err);
      answer.reject(p.documentId, failure.code, failure.message);
    }
  }
  return answer.response;
}
