import type { TerminalDb } from '../../db/index.js';
import type { PickState } from '../../../sync/model/index.js';
import type { FinishPlan } from './record.js';

/**
 * The walk in progress, kept in an RxDB local document (on this terminal's disk, never replicated) after every
 * change, so a reload or a crash resumes at the same stop. One per operator: a colleague signing in on the same
 * terminal does not take over someone else's walk.
 */
export interface SavedWalk {
  v: 1;
  operatorId: string;
  /** When the batch was built (ISO), for the pick list. */
  createdAt: string;
  state: PickState;
  /** False between saving a new walk and its claims landing: a restart then claims again (startBatch is repeatable). */
  claimed: boolean;
  /** Set once the finishing writes are prepared: a restart writes exactly these again. */
  finishing: FinishPlan | null;
  /** Orders the batch picks short of stock, by a manager's decision: the note their picking_started carries. */
  notes?: Record<string, string>;
}

export const walkDocId = (operatorId: string): string => `pick-walk:${operatorId}`;

export async function loadWalk(db: TerminalDb, operatorId: string): Promise<SavedWalk | null> {
  const doc = await db.getLocal<{ walk: SavedWalk }>(walkDocId(operatorId));
  const walk = doc?.get('walk') as SavedWalk | undefined;
  // A document from another layout is dropped rather than half-read; the claims stay in the events either way.
  return walk && walk.v === 1 && walk.operatorId === operatorId ? structuredClone(walk) : null;
}

/** Saves in call order even when called faster than IndexedDB writes; the latest state always lands last. */
export function walkWriter(db: TerminalDb): { save: (walk: SavedWalk) => Promise<void>; clear: (operatorId: string) => Promise<void> } {
  let chain: Promise<void> = Promise.resolve();
  const enqueue = (work: () => Promise<unknown>) => {
    const next = chain.then(work).then(() => undefined);
    // One failed write must not stop the ones after it; the caller still sees this one's failure.
    chain = next.catch(() => undefined);
    return next;
  };
  return {
    save: (walk) => enqueue(() => db.upsertLocal<{ walk: SavedWalk }>(walkDocId(walk.operatorId), { walk })),
    clear: (operatorId) =>
      enqueue(async () => {
        const doc = await db.getLocal(walkDocId(operatorId));
        if (doc) await doc.remove();
      }),
  };
}
