import type { RxCollection } from 'rxdb';
import { COLLECTIONS, type CollectionName } from '../model/collections.js';
import type { PushRejection } from '../protocol/sync.js';
import { quarantineId, type QuarantineDoc, type TerminalDb } from '../../renderer/db/index.js';

/**
 * Where documents the server refused go, so that one bad document never blocks the queue behind it.
 *
 * A refused document is also removed from its synced collection: the server will never hold it, so keeping
 * it would leave this terminal deriving a status (from an event) that no other replica sees. The quarantine
 * entry keeps the full document and the server's reason for the operator to see.
 */
export class Quarantine {
  constructor(private readonly db: TerminalDb) {}

  async has(collection: CollectionName, documentId: string): Promise<boolean> {
    return (await this.db.quarantine.findOne(quarantineId(collection, documentId)).exec()) !== null;
  }

  async addRejected(collection: CollectionName, rejected: readonly PushRejection[], sent: ReadonlyMap<string, unknown>): Promise<void> {
    const at = new Date().toISOString();
    await this.put(
      rejected.map((r) => ({
        id: quarantineId(collection, r.documentId),
        collectionName: collection,
        documentId: r.documentId,
        code: r.code,
        message: r.message,
        document: JSON.stringify(sent.get(r.documentId) ?? null),
        at,
      })),
    );
    const local = this.db.collections[collection] as unknown as RxCollection<object>;
    const primaryKey = COLLECTIONS[collection].schema.primaryKey;
    await local.find({ selector: { [primaryKey]: { $in: rejected.map((r) => r.documentId) } } }).remove();
  }

  /** Documents the server sent that do not fit the local schema; they are kept here instead of stored. */
  async addInvalidPulled(collection: CollectionName, bad: readonly { doc: unknown; problem: string }[]): Promise<void> {
    const at = new Date().toISOString();
    const primaryKey = COLLECTIONS[collection].schema.primaryKey;
    await this.put(
      bad.map(({ doc, problem }) => {
        const raw = typeof doc === 'object' && doc !== null ? (doc as Record<string, unknown>)[primaryKey] : undefined;
        const documentId = typeof raw === 'string' && raw.length > 0 ? raw.slice(0, 128) : `unknown-${at}`;
        return {
          id: quarantineId(collection, documentId),
          collectionName: collection,
          documentId,
          code: 'VALIDATION_FAILED',
          message: `received from the server but invalid here: ${problem}`.slice(0, 2000),
          document: JSON.stringify(doc),
          at,
        };
      }),
    );
  }

  private async put(docs: QuarantineDoc[]): Promise<void> {
    if (docs.length === 0) return;
    const res = await this.db.quarantine.bulkUpsert(docs);
    const first = res.error[0];
    if (first) throw new Error(`could not quarantine ${res.error.length} document(s): status ${first.status} for ${first.documentId}`);
  }
}
