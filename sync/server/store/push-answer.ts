import type { CollectionName } from '../../model/collections.js';
import type { PushRejection, PushResponse, WireDoc } from '../../protocol/sync.js';
import { downgradeDoc } from './schema-versions.js';
import type { StoredDoc } from './store-tx.js';

/** A pushed row after the checks that need no database: its document, or why it is refused. */
export type PreparedRow =
  | { index: number; documentId: string; refused: Omit<PushRejection, 'documentId'> }
  | { index: number; documentId: string; refused?: undefined; doc: Record<string, unknown>; deleted: boolean; assumed: object | undefined };

/** Collects a push's answer in row order: conflicts and rejections, each at most once per row. */
export class PushAnswer {
  readonly conflicts: WireDoc<CollectionName>[] = [];
  readonly rejected: PushRejection[] = [];

  constructor(
    private readonly collection: CollectionName,
    private readonly version: number,
  ) {}

  reject(documentId: string, code: PushRejection['code'], message: string): void {
    this.rejected.push({ documentId, code, message });
  }

  /** The server's state of a row the client wrote over without having seen it. */
  conflict(documentId: string, existing: StoredDoc): void {
    // The client must be able to hold the server's state in its own version, or it could never settle the row.
    const data = downgradeDoc(this.collection, this.version, existing.data);
    if (data) this.conflicts.push({ ...data, _deleted: existing.deleted } as WireDoc<CollectionName>);
    else this.reject(documentId, 'UNSUPPORTED_SCHEMA_VERSION', `${documentId} already holds a different document that ${this.collection} schema v${this.version} cannot express`);
  }

  get response(): PushResponse {
    return { conflicts: this.conflicts, rejected: this.rejected };
  }
}
