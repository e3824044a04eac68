import { Observable, auditTime, defer, filter, map, merge, startWith, switchMap } from 'rxjs';
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

/**
 * countPending, recomputed after local writes and whenever the replication settles.
 *
 * A count reads the fork's change feed since the upstream checkpoint, so it costs as much as the feed is long; on a
 * fresh terminal's first pull that is every document pulled so far. Two rules keep it from swamping the enrolment
 * (measured on a year's store: overlapping counts took 11 s each and held the first sync at 45-60 s):
 * - what the downstream wrote (pulled documents) does not trigger a count: it cannot be pending;
 * - one count at a time: triggers during a count ask for one more count after it, never a second one alongside.
 */
export function watchPending<T>(rs: RxReplicationState<T, Checkpoint>, count: typeof countPending = countPending): Observable<number> {
  return new Observable<number>((subscriber) => {
    let running = false;
    let again = false;
    const run = async (): Promise<void> => {
      running = true;
      try {
        do {
          again = false;
          const pending = await count(rs);
          // A trigger during the count may have changed the answer: only the last count of a burst is reported.
          if (!again) subscriber.next(pending);
        } while (again && !subscriber.closed);
      } catch (err) {
        subscriber.error(err);
      } finally {
        running = false;
      }
    };
    const trigger = () => {
      if (running) again = true;
      else void run();
    };
    const triggers = defer(async () => {
      await rs.startPromise;
      return (await rs.internalReplicationState?.downstreamBulkWriteFlag) ?? null;
    }).pipe(
      switchMap((downstream) =>
        merge(rs.collection.eventBulks$.pipe(filter((bulk) => bulk.context !== downstream)), rs.active$, rs.sent$),
      ),
      map(() => undefined),
      startWith(undefined),
      // A burst of writes needs one recount, and the last one must see the settled state.
      auditTime(30),
    );
    const sub = triggers.subscribe({ next: trigger, error: (err: unknown) => subscriber.error(err) });
    return () => sub.unsubscribe();
  });
}
