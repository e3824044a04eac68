import { auditTime, defer, map, merge, startWith, switchMap, type Observable } from 'rxjs';
import { getAssumedMasterState, getChangedDocumentsSince, getComposedPrimaryKeyOfDocumentData } from 'rxdb';
import type { RxReplicationState } from 'rxdb/plugins/replication';
import type { Checkpoint } from '../protocol/sync.js';

const PAGE = 500;

/**
 * How many local documents of a pushed collection the server has not acknowledged yet.
 *
 * RxDB 17 does not expose this number, but it keeps what it needs: the upstream checkpoint (how far into the
 * local change feed the push got) and, per document, the "assumed master state" it records once the server
 * accepted a push. A document is pending when it changed after the upstream checkpoint and its current state
 * differs from that acknowledged state. Both live in the replication's meta instance, so the count is right
 * after a reload while offline too. Documents pulled from the server carry an equal assumed master state and
 * so never count.
 */
export async function countPending<T>(rs: RxReplicationState<T, Checkpoint>): Promise<number> {
  return (await pendingIds(rs)).length;
}

/** The ids behind countPending: what the server has not acknowledged yet. */
export async function pendingIds<T>(rs: RxReplicationState<T, Checkpoint>): Promise<string[]> {
  await rs.startPromise;
  const state = rs.internalReplicationState;
  const meta = rs.metaInstance;
  if (!state || !meta || rs.isStopped()) return [];
  const checkpointId = getComposedPrimaryKeyOfDocumentData(meta.schema, { isCheckpoint: '1', itemId: 'up' });
  const [checkpointDoc] = await meta.findDocumentsById([checkpointId], false);
  const primaryPath = rs.collection.schema.primaryPath;
  const isEqual = rs.collection.conflictHandler.isEqual;
  let checkpoint: unknown = checkpointDoc?.checkpointData;
  const pending: string[] = [];
  for (;;) {
    const page = await getChangedDocumentsSince(state.input.forkInstance, PAGE, checkpoint);
    if (page.documents.length === 0) break;
    const ids = page.documents.map((d) => String(d[primaryPath]));
    const acked = await getAssumedMasterState(state, ids);
    for (const doc of page.documents) {
      const id = String(doc[primaryPath]);
      const master = acked[id];
      if (!master || !isEqual(master.docData, doc, 'pending-count')) pending.push(id);
    }
    if (page.documents.length < PAGE) break;
    checkpoint = page.checkpoint;
  }
  return pending;
}

/** countPending, recomputed after local writes and whenever the replication settles. */
export function watchPending<T>(rs: RxReplicationState<T, Checkpoint>): Observable<number> {
  const triggers = merge(rs.collection.$, rs.active$, rs.sent$).pipe(map(() => undefined));
  return triggers.pipe(
    startWith(undefined),
    // A burst of writes needs one recount, and the last one must see the settled state.
    auditTime(30),
    switchMap(() => defer(() => countPending(rs))),
  );
}
