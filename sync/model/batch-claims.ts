/**
 * Which batch owns an order, decided from append-only claim facts so that two terminals that built batches while
 * offline agree once their facts meet. A claim is an order event of type `batch_claimed` carrying the batch id; a
 * picker who abandons a batch records `batch_released` for the orders not yet picked.
 *
 * Rule: fold each order's facts in (at, id) order. A claim takes the order when nobody owns it; a claim made while
 * another batch owns it is void for that order. A release frees the order only when it comes from the owner. Every
 * replica holding the same facts computes the same owners, and an order has at most one owner by construction.
 * The terminal whose claim turned out void drops the order from its walk (picking.ts: withdrawOrder).
 *
 * Clocks of two terminals disagree. A fact made after seeing another fact about the same order must sort after it,
 * or a claim made after a release could fold before that release and be voided by the claim the release ended.
 * So new facts are stamped causally: at least 1 ms after the latest fact this terminal holds for that order.
 */

export const CLAIM_KINDS = ['claim', 'release'] as const;
export type ClaimKind = (typeof CLAIM_KINDS)[number];

export interface BatchClaimFact {
  /** The event's UUIDv7. */
  id: string;
  orderId: string;
  batchId: string;
  kind: ClaimKind;
  at: string;
}

export interface ClaimResolution {
  /** orderId → the batch that owns it. */
  owners: ReadonlyMap<string, string>;
  /** Claims that lost to another batch's earlier claim. */
  voided: BatchClaimFact[];
  /** orderId → the time of the latest fact held for it, for causal stamping of the next one. */
  lastAt: ReadonlyMap<string, string>;
}

function compareFacts(a: BatchClaimFact, b: BatchClaimFact): number {
  if (a.at !== b.at) return a.at < b.at ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

export function resolveClaims(facts: readonly BatchClaimFact[]): ClaimResolution {
  const sorted = [...facts].sort(compareFacts);
  const owners = new Map<string, string>();
  const voided: BatchClaimFact[] = [];
  const lastAt = new Map<string, string>();
  let previous: BatchClaimFact | undefined;
  for (const fact of sorted) {
    if (previous?.id === fact.id) continue; // the same fact delivered twice
    previous = fact;
    lastAt.set(fact.orderId, fact.at);
    const owner = owners.get(fact.orderId);
    if (fact.kind === 'release') {
      if (owner === fact.batchId) owners.delete(fact.orderId);
    } else if (owner === undefined) {
      owners.set(fact.orderId, fact.batchId);
    } else if (owner !== fact.batchId) {
      voided.push(fact);
    }
  }
  return { owners, voided, lastAt };
}

/** The order ids held by some batch: what buildBatch takes as `openBatches`. */
export function claimedOrders(resolution: ClaimResolution): ReadonlySet<string> {
  return new Set(resolution.owners.keys());
}

/** Of the orders a batch set out with, the ones it still owns (in the given order) and the ones it lost. */
export function batchOwnership(
  resolution: ClaimResolution,
  batchId: string,
  orderIds: readonly string[],
): { owned: string[]; lost: string[] } {
  const owned: string[] = [];
  const lost: string[] = [];
  for (const id of orderIds) (resolution.owners.get(id) === batchId ? owned : lost).push(id);
  return { owned, lost };
}

/** `at`, or 1 ms after the latest fact held for the order when that is later (see the note on clocks above). */
export function causalAt(resolution: ClaimResolution, orderId: string, at: string): string {
  const last = resolution.lastAt.get(orderId);
  if (last === undefined || last < at) return at;
  return new Date(Date.parse(last) + 1).toISOString();
}

/**
 * Claim facts for a freshly built batch, stamped causally against `known` (the terminal's resolution before the
 * claim). `newId` makes UUIDv7s; it is passed in so the model stays pure.
 */
export function claimBatch(known: ClaimResolution, batchId: string, orderIds: readonly string[], at: string, newId: () => string): BatchClaimFact[] {
  return orderIds.map((orderId) => ({ id: newId(), orderId, batchId, kind: 'claim', at: causalAt(known, orderId, at) }));
}

/** Release facts for the orders of `orderIds` that the batch still owns (abandoning a walk, or its unpicked rest). */
export function releaseBatch(known: ClaimResolution, batchId: string, orderIds: readonly string[], at: string, newId: () => string): BatchClaimFact[] {
  return batchOwnership(known, batchId, orderIds).owned.map((orderId) => ({ id: newId(), orderId, batchId, kind: 'release', at: causalAt(known, orderId, at) }));
}

/** Reads claim facts out of order events, once those carry `batchId` (see the proposed schema change). */
export function claimsFromEvents(
  events: readonly { id: string; orderId: string; type: string; at: string; batchId?: string }[],
): BatchClaimFact[] {
  const facts: BatchClaimFact[] = [];
  for (const e of events) {
    if (e.batchId === undefined) continue;
    if (e.type === 'batch_claimed') facts.push({ id: e.id, orderId: e.orderId, batchId: e.batchId, kind: 'claim', at: e.at });
    else if (e.type === 'batch_released') facts.push({ id: e.id, orderId: e.orderId, batchId: e.batchId, kind: 'release', at: e.at });
  }
  return facts;
}
