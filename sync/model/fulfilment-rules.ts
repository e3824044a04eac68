import type { Order } from './order.js';
import type { PackedPackage, PickedLine } from './order-event.js';
import { packageId } from './packing.js';

/**
 * What a `picked` event's lines and a `packed` event's packages must say to be believed. The terminal builds them
 * from the reducers and checks them before recording; the server checks them again on push (an old or broken
 * terminal cannot record a pick the order never asked for).
 */
export type FactCheck = { ok: true } | { ok: false; message: string };

const fail = (message: string): FactCheck => ({ ok: false, message });

/** Every order line exactly once, as ordered; nothing picked beyond the order; substitutes only where allowed. */
export function checkPickedLines(order: Pick<Order, 'id' | 'lines'>, lines: readonly PickedLine[]): FactCheck {
  if (lines.length !== order.lines.length) return fail(`order ${order.id} has ${order.lines.length} lines; the pick names ${lines.length}`);
  const seen = new Set<number>();
  for (const l of lines) {
    const line = order.lines[l.lineIndex];
    if (!line) return fail(`order ${order.id} has no line ${l.lineIndex}`);
    if (seen.has(l.lineIndex)) return fail(`line ${l.lineIndex} is named twice`);
    seen.add(l.lineIndex);
    const where = `line ${l.lineIndex} (${line.sku})`;
    if (l.sku !== line.sku) return fail(`${where}: the pick names ${l.sku}`);
    if (l.ordered !== line.qty) return fail(`${where}: ordered ${line.qty}, the pick says ${l.ordered}`);
    const substituted = l.substitute?.qty ?? 0;
    if (l.picked + substituted > l.ordered) return fail(`${where}: ${l.picked + substituted} taken for ${l.ordered} ordered`);
    if (l.substitute) {
      if (!line.substitutable) return fail(`${where}: the customer accepts no substitute for this line`);
      if (l.substitute.sku === line.sku) return fail(`${where}: a substitute must be another product`);
    }
    if (l.picked < l.ordered && l.shortReason === null) return fail(`${where}: picked ${l.picked} of ${l.ordered} without a reason`);
    if (l.picked === l.ordered && l.shortReason !== null) return fail(`${where}: fully picked yet given a short reason`);
  }
  return { ok: true };
}

/** What the order's packages must hold: everything picked (substitutes included), per SKU. */
export function pickedUnits(lines: readonly PickedLine[]): Map<string, number> {
  const units = new Map<string, number>();
  const add = (sku: string, qty: number) => qty > 0 && units.set(sku, (units.get(sku) ?? 0) + qty);
  for (const l of lines) {
    add(l.sku, l.picked);
    if (l.substitute) add(l.substitute.sku, l.substitute.qty);
  }
  return units;
}

/** Packages numbered 1..m with the order's package ids, together holding exactly what was picked. */
export function checkPackages(orderId: string, picked: readonly PickedLine[] | undefined, packages: readonly PackedPackage[]): FactCheck {
  const m = packages.length;
  for (const [i, p] of packages.entries()) {
    if (p.n !== i + 1 || p.of !== m) return fail(`package ${i + 1} of ${m} is labelled ${p.n} of ${p.of}`);
    if (p.id !== packageId(orderId, p.n)) return fail(`package ${p.n} has id ${p.id}; expected ${packageId(orderId, p.n)}`);
  }
  if (picked === undefined) return { ok: true }; // marked picked by hand: nothing itemised to hold the packages to
  const want = pickedUnits(picked);
  const have = new Map<string, number>();
  for (const p of packages) for (const item of p.items) have.set(item.sku, (have.get(item.sku) ?? 0) + item.qty);
  for (const [sku, qty] of want) if ((have.get(sku) ?? 0) !== qty) return fail(`${sku}: ${qty} picked, ${have.get(sku) ?? 0} packed`);
  for (const [sku, qty] of have) if (!want.has(sku)) return fail(`${sku}: ${qty} packed but never picked for order ${orderId}`);
  return { ok: true };
}
