import {
  compareMoves,
  packItemsFromPick,
  parsePackageId,
  parseTote,
  type FeedbackParams,
  type OrderEvent,
  type PackedPackage,
  type PackItem,
  type PickedLine,
  type StockMove,
} from '../../../sync/model/index.js';
import type { LabelPackage } from '../printing/labels.js';
import type { QueueRow } from '../orders/queue.js';

/** Commands a packer can scan from the command card instead of pressing keys. */
export const NEW_PACKAGE_CODE = 'CMD:NEW_PACKAGE';
export const FINISH_CODE = 'CMD:FINISH';

/** What packing holds an order to. */
export interface PackSource {
  /** The lines of the applied `picked` event; undefined when the order was marked picked by hand. */
  lines: readonly PickedLine[] | undefined;
  expected: PackItem[];
}

/** The `picked` event that moved the order to picked: the last applied one (a replayed duplicate is ignored). */
export function appliedPickedEvent(row: QueueRow): OrderEvent | null {
  const applied = row.derived.history.filter((h) => h.applied && h.event.type === 'picked');
  return applied.at(-1)?.event ?? null;
}

/**
 * The latest `picked` event that itemised a pick, applied or not: a cancellation that came in after the pick
 * overrules the event in the status fold, yet the goods it names are still off the shelf.
 */
export function itemisedPickedEvent(row: QueueRow): OrderEvent | null {
  const picked = row.derived.history.filter((h) => h.event.type === 'picked' && h.event.lines !== undefined);
  return picked.at(-1)?.event ?? null;
}

/**
 * What to pack: what the pick says was taken (substitutes in, shorts out). An order marked picked by hand has no
 * itemised pick; then the order's own lines are all that is known.
 */
export function packSource(row: QueueRow): PackSource {
  const lines = appliedPickedEvent(row)?.lines;
  if (lines) return { lines, expected: packItemsFromPick(lines) };
  return { lines: undefined, expected: row.order.lines.map((l) => ({ sku: l.sku, qty: l.qty })) };
}

export const units = (items: readonly { qty: number }[]): number => items.reduce((n, i) => n + i.qty, 0);

/** Orders waiting to be packed, in the queue's order (most urgent first). */
export function packCandidates(rows: readonly QueueRow[]): QueueRow[] {
  return rows.filter((r) => r.derived.status === 'picked');
}

export type OrderChoiceRefusal = 'UNKNOWN_ORDER' | 'NOT_PICKED' | 'TOTE_NOT_UNIQUE';

export type OrderChoice =
  | { ok: true; orderId: string; mode: 'pack' | 'putback' | 'return' }
  | { ok: false; code: OrderChoiceRefusal; params: FeedbackParams };

/** What the packer works on with a scanned or typed code: the order id, or a package label of the order. */
export function chooseOrder(rows: readonly QueueRow[], code: string): OrderChoice {
  const text = code.trim();
  const tote = parseTote(text);
  // Every batch numbers its totes from 1, so a tote number alone cannot say which order is in it.
  if (tote !== null) return { ok: false, code: 'TOTE_NOT_UNIQUE', params: { tote } };
  const byId = (id: string) => rows.find((r) => r.order.id === id) ?? rows.find((r) => r.order.id.toLowerCase() === id.toLowerCase());
  const pkg = parsePackageId(text);
  const row = byId(text) ?? (pkg ? byId(pkg.orderId) : undefined);
  if (!row) return { ok: false, code: 'UNKNOWN_ORDER', params: { code: text } };
  return decideFor(row);
}

export function decideFor(row: QueueRow): OrderChoice {
  const { status } = row.derived;
  const orderId = row.order.id;
  if (status === 'picked') return { ok: true, orderId, mode: 'pack' };
  if (status === 'cancelled' && itemisedPickedEvent(row)) return { ok: true, orderId, mode: 'putback' };
  // Cancelled after the hand-over: the goods come back from the customer and are booked back as a return.
  if (row.derived.returnRequested && itemisedPickedEvent(row)) return { ok: true, orderId, mode: 'return' };
  return { ok: false, code: 'NOT_PICKED', params: { orderId, status } };
}

/**
 * What an order's pick took off the shelf and has not yet put back, per SKU: minus the sum of its pick (negative),
 * unpick and return (positive) moves. Read from the ledger each time, so a put-back done twice — or on another terminal
 * that synced first — finds nothing left to return.
 */
export function netPickedBySku(moves: readonly StockMove[], orderId: string): PackItem[] {
  const net = new Map<string, number>();
  const seen = new Set<string>();
  for (const m of [...moves].sort(compareMoves)) {
    if (m.orderId !== orderId || (m.kind !== 'pick' && m.kind !== 'unpick' && m.kind !== 'return') || seen.has(m.id)) continue;
    seen.add(m.id);
    net.set(m.sku, (net.get(m.sku) ?? 0) - m.qty);
  }
  return [...net].filter(([, qty]) => qty > 0).map(([sku, qty]) => ({ sku, qty }));
}

/** The labels to print: one per package, numbered n of m as the packed event records them. */
export function labelPackages(packages: readonly PackedPackage[]): LabelPackage[] {
  return packages.map(({ n, of }) => ({ n, of }));
}

/** The packages whose label is not on paper yet (a print that stopped half-way prints only the rest on retry). */
export function unprinted(packages: readonly PackedPackage[], printedIds: ReadonlySet<string>): PackedPackage[] {
  return packages.filter((p) => !printedIds.has(p.id));
}

/** Whether two lists expect the same units per SKU: a saved packing only resumes against the same pick. */
export function sameItems(a: readonly PackItem[], b: readonly PackItem[]): boolean {
  const count = (items: readonly PackItem[]) => {
    const m = new Map<string, number>();
    for (const i of items) m.set(i.sku, (m.get(i.sku) ?? 0) + i.qty);
    return m;
  };
  const ma = count(a);
  const mb = count(b);
  return ma.size === mb.size && [...ma].every(([sku, qty]) => mb.get(sku) === qty);
}
