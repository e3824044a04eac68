import type { CollectionName } from '../../model/collections.js';
import { operatorAsV0, operatorAsV1, type Operator } from '../../model/operator.js';
import { orderEventAsV0, orderEventAsV1, type OrderEvent } from '../../model/order-event.js';
import { storeDocAsV0, storeDocAsV1, type StoreDoc } from '../../model/store.js';
import { schemaVersionOf } from '../../protocol/sync.js';
import { jsonEqual } from '../equal.js';

/**
 * The server stores every collection in its current schema version and speaks older ones at the edge (design §4):
 * a pull under an older version is downgraded document by document, and a push under an older version is judged
 * as the current version once it is known to say nothing the older version could not.
 */
export function downgradeDoc(collection: CollectionName, version: number, data: Record<string, unknown>): Record<string, unknown> | null {
  if (version === schemaVersionOf(collection)) return data;
  if (collection === 'order_events' && (version === 0 || version === 1)) {
    const down = (version === 0 ? orderEventAsV0 : orderEventAsV1)(data as unknown as OrderEvent);
    return down === null ? null : (down as unknown as Record<string, unknown>);
  }
  // Stored documents hold no PIN hash (migration 4), so a v0 terminal is sent none: it cannot sign anyone in. An
  // operator who is only a courier is left out below v2, which has no such role.
  if (collection === 'operators' && version === 0) return operatorAsV0(data as unknown as Operator) as unknown as Record<string, unknown> | null;
  if (collection === 'operators' && version === 1) return operatorAsV1(data as unknown as Operator) as unknown as Record<string, unknown> | null;
  // A v0 terminal cannot hold pass keys: it has no kiosk to verify passes with.
  if (collection === 'stores' && version === 0) return storeDocAsV0(data as unknown as StoreDoc) as unknown as Record<string, unknown>;
  // A v1 terminal has no day close, so no cash tolerance.
  if (collection === 'stores' && version === 1) return storeDocAsV1(data as unknown as StoreDoc) as unknown as Record<string, unknown>;
  // supportedSchemaVersions() and this function must agree; a version let in without a downgrade is a server bug.
  throw new Error(`no downgrade of ${collection} to schema v${version}`);
}

/**
 * Why a document pushed under an older schema version is not a document of that version. A v0 order event is a
 * valid v1 one, so the current schema's validation has already run; what is left is a v1-only type or field, which
 * an old terminal cannot have made and must not slip in under the old version.
 */
export function olderVersionProblem(collection: CollectionName, version: number, doc: Record<string, unknown>): string | undefined {
  if (version === schemaVersionOf(collection)) return undefined;
  const down = downgradeDoc(collection, version, doc);
  if (down === null) {
    const type = typeof doc.type === 'string' ? ` of type "${doc.type}"` : '';
    return `${collection} schema v${version} has no document${type}; push it as schema v${schemaVersionOf(collection)}`;
  }
  if (jsonEqual(down, doc)) return undefined;
  const extra = Object.keys(doc).filter((k) => !(k in down));
  return `${collection} schema v${version} has no field ${extra.map((k) => `"${k}"`).join(', ')}; push it as schema v${schemaVersionOf(collection)}`;
}
