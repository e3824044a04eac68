/** Test and bench fixtures for batching, picking and packing. Plain data, no I/O. */
import type { BatchOrder, BatchProduct } from './batch.js';
import type { OrderLine, SlotKind } from './order.js';
import { locationKey } from './product.js';
import type { OrderStatus } from './status.js';

export const NOW = Date.parse('2026-11-27T10:00:00.000Z');
export const minutes = (m: number): string => new Date(NOW + m * 60_000).toISOString();

export function makeProduct(i: number): BatchProduct {
  const location = { aisle: `A${1 + (i % 12)}`, shelf: `S${1 + (Math.floor(i / 12) % 6)}`, bin: `B${1 + (Math.floor(i / 72) % 30)}` };
  return { sku: `SKU${i}`, name: `Product ${i}`, barcodes: [`69${String(i).padStart(11, '0')}`], location, locationKey: locationKey(location) };
}

export const barcodeOf = (p: BatchProduct): string => p.barcodes[0] ?? p.sku;

export function makeOrder(id: string, kind: SlotKind, dueInMinutes: number, lines: Pick<OrderLine, 'sku' | 'qty' | 'substitutable'>[]): BatchOrder {
  const dueAt = minutes(dueInMinutes);
  return {
    id,
    dueAt,
    fulfilment: { type: 'delivery', slot: { kind, dueAt } },
    lines: lines.map((l) => ({ name: `Item ${l.sku}`, unitPrice: 990, ...l })),
  };
}

/** A deterministic pseudo-random source (mulberry32), so bench runs are comparable. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const KINDS: SlotKind[] = ['1h', '2h', '3h', 'scheduled'];

/** `orders` open orders of `linesPerOrder` lines over `products` products, all accepted, due −60..+600 minutes. */
export function syntheticStore(orders: number, linesPerOrder: number, products: number, seed = 1) {
  const rnd = seeded(seed);
  const catalogue = Array.from({ length: products }, (_, i) => makeProduct(i));
  const list = Array.from({ length: orders }, (_, i) => {
    const kind = KINDS[Math.floor(rnd() * KINDS.length)] ?? '2h';
    const lines = Array.from({ length: linesPerOrder }, () => ({
      sku: `SKU${Math.floor(rnd() * products)}`,
      qty: 1 + Math.floor(rnd() * 3),
      substitutable: rnd() < 0.3,
    }));
    return makeOrder(`EO-${String(i).padStart(6, '0')}`, kind, Math.floor(rnd() * 660) - 60, lines);
  });
  const statuses = new Map<string, OrderStatus>(list.map((o) => [o.id, 'accepted']));
  return { products: new Map(catalogue.map((p) => [p.sku, p])), orders: list, statuses };
}
