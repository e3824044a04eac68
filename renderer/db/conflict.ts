import { deepEqual, type RxConflictHandler, type WithDeleted } from 'rxdb';

/** Fields RxDB keeps per document that are not part of the replicated state. */
const LOCAL_FIELDS = ['_rev', '_meta', '_attachments'] as const;

function replicatedState<T>(doc: WithDeleted<T>): Record<string, unknown> {
  const copy: Record<string, unknown> = { ...doc };
  for (const field of LOCAL_FIELDS) delete copy[field];
  return copy;
}

/**
 * The model's rule for documents with a single central writer (products, orders): the master state always
 * wins. A terminal never writes these, so a divergence can only be a stale local copy. Order events are
 * append-only with client ids and never conflict, so the same handler is correct for them too: the server's
 * copy of an immutable fact is the fact.
 */
export function masterWins<T>(): RxConflictHandler<T> {
  return {
    isEqual: (a, b) => deepEqual(replicatedState(a), replicatedState(b)),
    resolve: (input) => Promise.resolve(input.realMasterState),
  };
}
