import type { Order } from './order.js';
import type { Product } from './product.js';
import type { OrderStatus } from './status.js';
import type { StoreSettings } from './store.js';
import { deadlineState } from './deadline.js';

/**
 * The batch builder: which open orders one picker walks for next, and the walk itself.
 *
 * Only `accepted` orders are batched. A `new` order has not been looked at yet: the store may still reject it
 * (the centre then routes it elsewhere), and `picking_started` is legal only from `accepted`, so batching it would
 * accept it behind the operator's back. The queue screen's "accept" (or "accept all") comes first.
 */

export type BatchOrder = Pick<Order, 'id' | 'dueAt' | 'fulfilment' | 'lines' | 'cancel'>;
export type BatchProduct = Pick<Product, 'sku' | 'name' | 'barcodes' | 'location' | 'locationKey'>;
export type BatchLimits = Pick<StoreSettings, 'maxOrdersPerBatch' | 'maxLinesPerBatch'>;

/** One order line's share of a walk stop; the put-wall sorts by these. `lineIndex` is the index in `order.lines`. */
// The walk's stops are part of the picking state's vocabulary (pick-state.ts), which this file plans.
export type { PickAllocation, PickLine } from './pick-state.js';
import type { PickLine } from './pick-state.js';

export interface Batch {
  /** Most urgent first; the put-wall tote of orderIds[i] is i + 1. */
  orderIds: string[];
  lines: PickLine[];
  /** Order lines in the batch (what maxLinesPerBatch limits), not walk stops. */
  orderLineCount: number;
}

export const SKIP_REASONS = ['not_accepted', 'cancelled', 'claimed', 'batch_full'] as const;
export type SkipReason = (typeof SKIP_REASONS)[number];

export interface BuildBatchInput {
  orders: readonly BatchOrder[];
  /** Derived status per order id (deriveStatus); an order missing here counts as `new`. */
  statuses: ReadonlyMap<string, OrderStatus>;
  products: ReadonlyMap<string, BatchProduct>;
  /** Order ids already owned by an open batch (see batch-claims.ts: claimedOrders). */
  openBatches: ReadonlySet<string>;
  limits: BatchLimits;
  nowMs: number;
}

export interface BuildBatchResult {
  batch: Batch | null;
  skipped: { orderId: string; reason: SkipReason }[];
}

/** 0: late, at risk or a 1h slot. 1: other timed slots. 2: scheduled and still comfortably on time. */
export type UrgencyTier = 0 | 1 | 2;

/**
 * At-risk orders join the front tier too: a 2h order ten minutes from its deadline must not wait behind a 1h order
 * placed a minute ago, and a scheduled order about to fall late must not wait behind every 3h order.
 */
export function urgencyTier(order: Pick<BatchOrder, 'dueAt' | 'fulfilment'>, nowMs: number): UrgencyTier {
  const kind = order.fulfilment.slot.kind;
  if (kind === '1h' || deadlineState(order.dueAt, kind, nowMs) !== 'on_time') return 0;
  return kind === 'scheduled' ? 2 : 1;
}

interface Ranked {
  order: BatchOrder;
  tier: UrgencyTier;
  due: number;
}

function compareRanked(a: Ranked, b: Ranked): number {
  if (a.tier !== b.tier) return a.tier - b.tier;
  if (a.due !== b.due) return a.due - b.due;
  return a.order.id < b.order.id ? -1 : a.order.id > b.order.id ? 1 : 0;
}

/** Orders in the sequence the builder takes them: tier, then due soonest, then id (for determinism). */
export function byUrgency<O extends BatchOrder>(orders: readonly O[], nowMs: number): O[] {
  return orders
    .map((order) => ({ order, tier: urgencyTier(order, nowMs), due: Date.parse(order.dueAt) }))
    .sort(compareRanked)
    .map((r) => r.order as O);
}

/**
 * Builds the next batch. The builder stops at the first order that does not fit rather than skipping to a smaller
 * one: that order then heads the next batch (which another picker may start at once), whereas filling the gap with
 * a less urgent order would push it back by a whole walk. An order with more lines than the limit is a batch alone.
 */
export function buildBatch(input: BuildBatchInput): BuildBatchResult {
  const { limits, nowMs } = input;
  const skipped: BuildBatchResult['skipped'] = [];
  const eligible: Ranked[] = [];
  for (const order of input.orders) {
    if (order.cancel) skipped.push({ orderId: order.id, reason: 'cancelled' });
    else if (input.statuses.get(order.id) !== 'accepted') skipped.push({ orderId: order.id, reason: 'not_accepted' });
    else if (input.openBatches.has(order.id)) skipped.push({ orderId: order.id, reason: 'claimed' });
    else eligible.push({ order, tier: urgencyTier(order, nowMs), due: Date.parse(order.dueAt) });
  }
  eligible.sort(compareRanked);

  const taken: BatchOrder[] = [];
  let lineCount = 0;
  let full = false;
  for (const { order } of eligible) {
    const n = order.lines.length;
    if (!full && taken.length === 0) {
      taken.push(order);
      lineCount = n;
      full = n >= limits.maxLinesPerBatch || limits.maxOrdersPerBatch <= 1;
    } else if (!full && taken.length < limits.maxOrdersPerBatch && lineCount + n <= limits.maxLinesPerBatch) {
      taken.push(order);
      lineCount += n;
    } else {
      full = true;
      skipped.push({ orderId: order.id, reason: 'batch_full' });
    }
  }
  if (taken.length === 0) return { batch: null, skipped };
  return { batch: { orderIds: taken.map((o) => o.id), lines: planWalk(taken, input.products), orderLineCount: lineCount }, skipped };
}

/** Merges equal SKUs into one stop and orders the stops by location; SKUs not in the catalogue go last. */
export function planWalk(orders: readonly BatchOrder[], products: ReadonlyMap<string, BatchProduct>): PickLine[] {
  const stops = new Map<string, PickLine>();
  for (const order of orders) {
    order.lines.forEach((line, lineIndex) => {
      let stop = stops.get(line.sku);
      if (!stop) {
        const p = products.get(line.sku);
        stop = p
          ? { sku: p.sku, name: p.name, location: p.location, locationKey: p.locationKey, barcodes: p.barcodes, qty: 0, allocations: [] }
          : { sku: line.sku, name: line.name, location: null, locationKey: null, barcodes: [], qty: 0, allocations: [] };
        stops.set(line.sku, stop);
      }
      stop.qty += line.qty;
      stop.allocations.push({ orderId: order.id, lineIndex, qty: line.qty, substitutable: line.substitutable === true });
    });
  }
  return [...stops.values()].sort(compareStops);
}

export function compareStops(a: Pick<PickLine, 'sku' | 'locationKey'>, b: Pick<PickLine, 'sku' | 'locationKey'>): number {
  if (a.locationKey !== b.locationKey) {
    if (a.locationKey === null) return 1;
    if (b.locationKey === null) return -1;
    return a.locationKey < b.locationKey ? -1 : 1;
  }
  return a.sku < b.sku ? -1 : a.sku > b.sku ? 1 : 0;
}

/** Catalogue lookup for scans: a barcode or the SKU text itself. The first product listing a barcode keeps it. */
export interface ProductIndex {
  bySku: ReadonlyMap<string, BatchProduct>;
  byCode: ReadonlyMap<string, string>;
}

export function indexProducts(products: Iterable<BatchProduct>): ProductIndex {
  const bySku = new Map<string, BatchProduct>();
  const byCode = new Map<string, string>();
  for (const p of products) {
    bySku.set(p.sku, p);
    for (const code of p.barcodes) if (!byCode.has(code)) byCode.set(code, p.sku);
  }
  for (const sku of bySku.keys()) if (!byCode.has(sku)) byCode.set(sku, sku);
  return { bySku, byCode };
}

/** The SKU a scanned code stands for, or null when the catalogue does not know it. */
export function skuOfCode(index: ProductIndex, code: string): string | null {
  return index.byCode.get(code.trim()) ?? null;
}

/**
 * What staff call a batch: four digits derived from its id (`B-<UUIDv7>`), the same on the screen and the pick
 * list, on every terminal, with no counter to agree on offline. Two batches of one day share a number about once
 * in 10,000 pairs; the full id stays in the data and on the pick list's footer for support.
 */
export function batchNumber(batchId: string): string {
  // FNV-1a, 32-bit: spreads ids that differ only in their last characters.
  let hash = 0x811c9dc5;
  for (let i = 0; i < batchId.length; i++) {
    hash ^= batchId.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return String(hash % 10_000).padStart(4, '0');
}
