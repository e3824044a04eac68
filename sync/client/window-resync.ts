import type { Subscription } from 'rxjs';
import { COLLECTION_NAMES, type CollectionName } from '../model/collections.js';
import type { ErrorCode } from '../protocol/errors.js';
import type { TerminalDb } from '../../renderer/db/index.js';
import { pendingIds } from './pending.js';
import type { AnyReplication } from './replicate.js';

/** One set of replications, under one identifier (one window epoch). */
export interface Generation {
  replications: Map<CollectionName, AnyReplication>;
  all: AnyReplication[];
  pushed: AnyReplication[];
  subs: Subscription[];
}

const WINDOW_DOC = 'sync-window';
interface LocalWindow {
  epoch: number;
}
/** How long the unsent facts get to reach the server before the window is dropped; those still unsent are kept anyway. */
const PUSH_FIRST_MS = 30_000;
const REMOVE_SLICE = 1000;

/** How many times this terminal has synced its window from scratch; it names the replication identifiers. */
export async function windowEpoch(db: TerminalDb): Promise<number> {
  const doc = await db.getLocal<LocalWindow>(WINDOW_DOC);
  return doc?.get('epoch') ?? 0;
}

/** Epoch 0 keeps the identifier terminals had before windows, so they keep their checkpoints. */
export function windowIdentifier(base: string, epoch: number): string {
  return epoch === 0 ? base : `${base}:w${epoch}`;
}

async function waitUntil(cond: () => boolean, ms: number): Promise<boolean> {
  const until = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > until) return false;
    await new Promise((r) => setTimeout(r, 100));
  }
  return true;
}

/**
 * Drops the generation's replicated state so the next one pulls the window from scratch, losing nothing: the
 * pushes run first (only pulls are refused), and whatever is still unsent when they stop stays in place, so the new
 * replication, which starts with no checkpoint, pushes it again (the server takes a fact it already holds as a
 * harmless retry). Everything else is removed and purged locally without a push, since the old replications are
 * cancelled before and the new ones start after. A crash half-way leaves the old epoch, whose next pull is refused
 * again, so the resync simply runs once more.
 */
export async function resyncWindow(db: TerminalDb, gen: Generation, pending: () => number, warn: (code: ErrorCode, message: string) => void): Promise<void> {
  if (!(await waitUntil(() => pending() === 0, PUSH_FIRST_MS))) {
    warn('NETWORK', `${pending()} unsent documents did not reach the server before the window resync; they are kept and pushed after it`);
  }
  for (const rs of gen.all) rs.pause();
  const keep = new Map<string, Set<string>>();
  for (const rs of gen.pushed) keep.set(rs.collection.name, new Set(await pendingIds(rs)));
  await Promise.all(gen.all.map((rs) => rs.cancel()));
  for (const name of COLLECTION_NAMES) {
    const collection = db.collections[name];
    const kept = keep.get(name) ?? new Set<string>();
    const docs = await collection.find().exec();
    const ids = docs.map((d) => d.primary).filter((id) => !kept.has(id));
    for (let i = 0; i < ids.length; i += REMOVE_SLICE) await collection.bulkRemove(ids.slice(i, i + REMOVE_SLICE));
    // Tombstones too: the next replication must find nothing to push but what was kept.
    await collection.cleanup(0);
  }
  await db.upsertLocal<LocalWindow>(WINDOW_DOC, { epoch: (await windowEpoch(db)) + 1 });
}
