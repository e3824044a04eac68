import { MAX_STOCK_QTY, type Product } from '../../../sync/model/index.js';

/**
 * What the receive and count modes share: reading a scanned code as a product, a typed quantity, and the
 * feedback a scan gets. Pure, so the rules are tested without a screen.
 */

/** Refusals: shown loud (red, a tone) with the code, so a support call can name what happened. */
export type StockScanRefusal =
  | 'UNKNOWN_BARCODE'
  | 'NOT_A_PRODUCT'
  | 'EMPTY_LOCATION'
  | 'BAD_QUANTITY'
  | 'TOO_MANY'
  | 'SCAN_PRODUCT_FIRST'
  | 'NOTHING_TO_RECEIVE';

export type StockScanNotice = 'ADDED' | 'QTY_SET' | 'REMOVED' | 'RECEIVED' | 'AT_LOCATION' | 'PRODUCT' | 'COUNTED' | 'READY';

/** Parameters the translated message fills in. */
export type FeedbackParams = Record<string, string | number>;

export type StockFeedback =
  | { ok: true; code: StockScanNotice; params: FeedbackParams }
  | { ok: false; code: StockScanRefusal | (string & {}); params: FeedbackParams };

export const notice = (code: StockScanNotice, params: FeedbackParams = {}): StockFeedback => ({ ok: true, code, params });
export const refusal = (code: StockScanRefusal, params: FeedbackParams = {}): StockFeedback => ({ ok: false, code, params });

/** Shelf labels carry this prefix (pick-state.ts locationCode); anything else is read as a product code. */
export const LOCATION_PREFIX = 'LOC:';

export function isLocationScan(code: string): boolean {
  return code.startsWith(LOCATION_PREFIX);
}

/**
 * The product a scanned code stands for: a barcode first (what the scanner reads off the pack), then the SKU
 * exactly (what an in-store shelf label may carry). No partial matches: a scan that is not exact is refused.
 */
export function productForCode(products: readonly Product[], code: string): Product | null {
  const wanted = code.trim();
  if (wanted === '') return null;
  return products.find((p) => p.barcodes.includes(wanted)) ?? products.find((p) => p.sku === wanted) ?? null;
}

/** A quantity typed by a person: a whole number 0…MAX_STOCK_QTY, digits only (no sign: receiving and counting are never negative). */
export function parseQty(text: string): number | null {
  const t = text.trim();
  if (!/^\d{1,7}$/.test(t)) return null;
  const n = Number(t);
  return n <= MAX_STOCK_QTY ? n : null;
}
