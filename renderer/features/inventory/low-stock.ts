import { MAX_STOCK_QTY, type Availability, type Product } from '../../../sync/model/index.js';

export const DEFAULT_LOW_STOCK_THRESHOLD = 5;

export interface LowStockRow extends Availability {
  product: Product;
}

/**
 * Products whose available stock is at or below the threshold, the emptiest first (then in walking order), so
 * the top of the list is what to reorder or fetch from the back room. A product with no stock data is at 0.
 */
export function lowStock(products: readonly Product[], stock: ReadonlyMap<string, Availability>, threshold: number): LowStockRow[] {
  return products
    .map((product) => ({ product, ...(stock.get(product.sku) ?? { onHand: 0, reserved: 0, available: 0 }) }))
    .filter((row) => row.available <= threshold)
    .sort((a, b) => a.available - b.available || (a.product.locationKey < b.product.locationKey ? -1 : a.product.locationKey > b.product.locationKey ? 1 : 0) || (a.product.sku < b.product.sku ? -1 : 1));
}

/** A threshold the operator typed: a whole number within the ledger's range, a minus allowed (list only oversold). */
export function parseThreshold(text: string): number | null {
  const t = text.trim();
  if (!/^-?\d{1,7}$/.test(t)) return null;
  const n = Number(t);
  // + 0 turns a typed "-0" into 0.
  return Math.abs(n) <= MAX_STOCK_QTY ? n + 0 : null;
}
