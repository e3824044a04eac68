import {
  buildBatch,
  claimedOrders,
  claimsFromEvents,
  indexProducts,
  resolveClaims,
  type BatchLimits,
  type BatchProduct,
  type BuildBatchResult,
  type ClaimResolution,
  type OrderEvent,
  type OrderStatus,
  type PickState,
  type ProductIndex,
} from '../../../sync/model/index.js';
import type { QueueRow } from '../orders/queue.js';

/** What the pick screen reads from the database, derived: every order with its status, the claims, the catalogue. */
export interface PickSource {
  rows: readonly QueueRow[];
  claims: ClaimResolution;
  products: ReadonlyMap<string, BatchProduct>;
  index: ProductIndex;
  limits: BatchLimits;
  storeName: string;
}

export function pickSource(
  rows: readonly QueueRow[],
  events: readonly OrderEvent[],
  products: readonly BatchProduct[],
  limits: BatchLimits,
  storeName: string,
): PickSource {
  return {
    rows,
    claims: resolveClaims(claimsFromEvents(events)),
    products: new Map(products.map((p) => [p.sku, p])),
    index: indexProducts(products),
    limits,
    storeName,
  };
}

/** The next batch over the accepted orders that no open batch holds (batch.ts does the choosing). */
export function nextBatch(source: PickSource, nowMs: number): BuildBatchResult {
  const statuses = new Map<string, OrderStatus>(source.rows.map((r) => [r.order.id, r.derived.status]));
  return buildBatch({
    orders: source.rows.filter((r) => r.derived.status === 'accepted').map((r) => ({ ...r.order, lines: [...r.order.lines] })),
    statuses,
    products: source.products,
    openBatches: claimedOrders(source.claims),
    limits: source.limits,
    nowMs,
  });
}

/** How many orders a "build batch" could take from right now (accepted, unclaimed). */
export function waitingOrders(source: PickSource): number {
  const claimed = claimedOrders(source.claims);
  return source.rows.filter((r) => r.derived.status === 'accepted' && !r.order.cancel && !claimed.has(r.order.id)).length;
}

export type WithdrawReason = 'cancelled' | 'claim_lost';

/**
 * Orders of a walk that must leave it: the platform cancelled them, or another terminal's earlier claim took them
 * (resolveClaims). Only while the batch is still open — after its picked events nothing is taken back here.
 */
export function withdrawals(state: Pick<PickState, 'batchId' | 'totes' | 'withdrawn'>, source: Pick<PickSource, 'rows' | 'claims'>): { orderId: string; reason: WithdrawReason }[] {
  const byId = new Map(source.rows.map((r) => [r.order.id, r]));
  const out: { orderId: string; reason: WithdrawReason }[] = [];
  for (const { orderId } of state.totes) {
    if (state.withdrawn.includes(orderId)) continue;
    const row = byId.get(orderId);
    if (row?.derived.status === 'cancelled') out.push({ orderId, reason: 'cancelled' });
    else if (source.claims.owners.get(orderId) !== undefined && source.claims.owners.get(orderId) !== state.batchId) out.push({ orderId, reason: 'claim_lost' });
  }
  return out;
}
