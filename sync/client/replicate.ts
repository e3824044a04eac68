import type { Observable } from 'rxjs';
import { replicateRxCollection, type RxReplicationState } from 'rxdb/plugins/replication';
import type { RxCollection, RxReplicationWriteToMasterRow, WithDeleted } from 'rxdb';
import { COLLECTIONS, primaryKeyOf, type CollectionName, type DocTypes } from '../model/collections.js';
import { ProtocolError } from '../protocol/errors.js';
import { MAX_PULL_BATCH, schemaVersionOf, syncRoutes, type Checkpoint, type PushRow, type WireDoc } from '../protocol/sync.js';
import type { TerminalDb } from '../../renderer/db/index.js';
import { asProtocolError, type SyncHttp } from './http.js';
import { PageAhead } from './page-ahead.js';
import { Quarantine } from './quarantine.js';
import { isPullResponse, isPushResponse, toWire, wireDocProblem } from './wire.js';

export interface ReplicationDeps {
  db: TerminalDb;
  http: SyncHttp;
  quarantine: Quarantine;
  resync$: Observable<'RESYNC'>;
  /** Stable per server and store, so a restart resumes from the stored checkpoints. */
  identifier: string;
  retryTime: number;
  pullBatchSize: number;
  pushBatchSize: number;
  /** Every request outcome: null on success, the error otherwise. */
  report(collection: CollectionName, error: ProtocolError | null): void;
}

export type AnyReplication = RxReplicationState<DocTypes[CollectionName], Checkpoint>;

export function replicateCollection<C extends CollectionName>(name: C, deps: ReplicationDeps): RxReplicationState<DocTypes[C], Checkpoint> {
  type Doc = DocTypes[C];
  const collection = deps.db.collections[name] as unknown as RxCollection<Doc>;
  const tracked = async <T>(work: () => Promise<T>): Promise<T> => {
    try {
      const out = await work();
      deps.report(name, null);
      return out;
    } catch (err) {
      const error = asProtocolError(err);
      deps.report(name, error);
      throw error;
    }
  };

  const pullPage = async (checkpoint: Checkpoint | undefined, limit: number) => {
    const q = new URLSearchParams({ schemaVersion: String(schemaVersionOf(name)), limit: String(limit) });
    if (checkpoint) {
      q.set('position', String(checkpoint.position));
      q.set('id', checkpoint.id);
      if (checkpoint.until !== undefined) q.set('until', String(checkpoint.until));
    }
    return deps.http.get(`${syncRoutes.pull(name)}?${q.toString()}`, isPullResponse);
  };

  const pages = new PageAhead(pullPage);

  const pull = async (checkpoint: Checkpoint | undefined, batchSize: number) =>
    tracked(async () => {
      const documents: WithDeleted<Doc>[] = [];
      let next = checkpoint;
      // RxDB reads a short page as "caught up", so documents we quarantine must not shorten it: refill.
      for (;;) {
        const want = batchSize - documents.length;
        const page = await pages.get(next, want);
        const bad: { doc: unknown; problem: string }[] = [];
        for (const doc of page.documents) {
          const problem = wireDocProblem(name, doc);
          if (problem) bad.push({ doc, problem });
          else documents.push(validated<C>(doc));
        }
        if (bad.length > 0) await deps.quarantine.addInvalidPulled(name, bad);
        next = page.checkpoint ?? next;
        if (bad.length === 0 || page.documents.length < want) break;
      }
      if (documents.length === batchSize && next) pages.prefetch(next, batchSize);
      return { documents, checkpoint: next };
    });

  const push = async (rows: RxReplicationWriteToMasterRow<Doc>[]): Promise<WithDeleted<Doc>[]> =>
    tracked(async () => {
      const wireRows: PushRow<C>[] = [];
      for (const row of rows) {
        const doc = toWire<C>(row.newDocumentState as WireDoc<C>);
        // The local tombstone of a quarantined document is bookkeeping, not a delete to send.
        if (doc._deleted && (await deps.quarantine.has(name, primaryKeyOf(name, doc)))) continue;
        const assumed = row.assumedMasterState ? toWire<C>(row.assumedMasterState as WireDoc<C>) : undefined;
        wireRows.push(assumed ? { newDocumentState: doc, assumedMasterState: assumed } : { newDocumentState: doc });
      }
      if (wireRows.length === 0) return [];
      const path = `${syncRoutes.push(name)}?schemaVersion=${schemaVersionOf(name)}`;
      const res = await deps.http.post(path, { rows: wireRows }, isPushResponse);
      if (res.rejected.length > 0) {
        const byId = new Map(wireRows.map((r) => [primaryKeyOf(name, r.newDocumentState), r.newDocumentState]));
        await deps.quarantine.addRejected(name, res.rejected, byId);
      }
      for (const conflict of res.conflicts) {
        const problem = wireDocProblem(name, conflict);
        if (problem) throw new ProtocolError('INTERNAL', `the server returned an invalid ${name} conflict: ${problem}`, 0);
      }
      return res.conflicts.map((c) => validated<C>(c));
    });

  const isTerminalWritten = COLLECTIONS[name].writer === 'terminal';
  return replicateRxCollection<Doc, Checkpoint>({
    // Per schema version: after a migration the terminal pulls the collection again in the new shape, since what
    // the server left out for the old version (e.g. batch claims for order_events v0) lies behind the old checkpoint.
    replicationIdentifier: `${deps.identifier}/${name}/v${schemaVersionOf(name)}`,
    collection,
    live: true,
    retryTime: deps.retryTime,
    waitForLeadership: false,
    // The terminal must keep syncing with its window in the background (a counter display, a second screen).
    toggleOnDocumentVisible: false,
    pull: { handler: pull, stream$: deps.resync$, batchSize: Math.min(deps.pullBatchSize, MAX_PULL_BATCH) },
    // Centre collections are pull-only: a terminal has nothing to say about them, and the server would refuse.
    ...(isTerminalWritten ? { push: { handler: push, batchSize: deps.pushBatchSize } } : {}),
  });
}

/** A wire document that wireDocProblem() passed: the protocol's WireDoc<C> is RxDB's WithDeleted<Doc>. */
function validated<C extends CollectionName>(doc: unknown): WithDeleted<DocTypes[C]> {
  return doc as WithDeleted<DocTypes[C]>;
}
