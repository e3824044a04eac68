import { locationCode, type Product } from '../../../sync/model/index.js';
import { isLocationScan, notice, parseQty, productForCode, refusal, type StockFeedback } from './stock-scan.js';

/**
 * A count walk: the shelf scanned last (its products are the lines to count), the product whose count is typed
 * next, and what this session already recorded. The recorded counts are facts in the ledger; this only says
 * what the screen shows as done.
 */
export interface CountDraft {
  /** The scanned shelf label, or null when counting products scanned one by one. */
  location: string | null;
  skus: readonly string[];
  currentSku: string | null;
  counted: Readonly<Record<string, number>>;
}

export const EMPTY_COUNT: CountDraft = { location: null, skus: [], currentSku: null, counted: {} };

export interface CountStep {
  draft: CountDraft;
  feedback: StockFeedback;
  /** What to write to the ledger now: one `count` move. */
  record?: { sku: string; qty: number };
}

/** The products whose shelf label is `code`, in SKU order. */
export function productsAt(products: readonly Product[], code: string): Product[] {
  return products.filter((p) => locationCode(p.location) === code).sort((a, b) => (a.sku < b.sku ? -1 : a.sku > b.sku ? 1 : 0));
}

/**
 * A scan while counting. A shelf label lists that shelf's products and starts at the first; a product scan picks
 * it (adding it to the list when it was found away from the scanned shelf — it is counted where the ledger keeps
 * it, by SKU). Everything else is refused and changes nothing.
 */
export function countScan(draft: CountDraft, code: string, products: readonly Product[]): CountStep {
  if (isLocationScan(code)) {
    const here = productsAt(products, code);
    if (here.length === 0) return { draft, feedback: refusal('EMPTY_LOCATION', { code }) };
    const skus = here.map((p) => p.sku);
    return {
      draft: { location: code, skus, currentSku: skus[0] ?? null, counted: {} },
      feedback: notice('AT_LOCATION', { location: code.slice('LOC:'.length), count: skus.length }),
    };
  }
  const product = productForCode(products, code);
  if (!product) return { draft, feedback: refusal('UNKNOWN_BARCODE', { code }) };
  const skus = draft.skus.includes(product.sku) ? draft.skus : [...draft.skus, product.sku];
  return { draft: { ...draft, skus, currentSku: product.sku }, feedback: notice('PRODUCT', { sku: product.sku, name: product.name }) };
}

/** A typed count + Enter: asks for one `count` move of the current product. The draft changes once it is recorded. */
export function countTyped(draft: CountDraft, text: string): CountStep {
  const sku = draft.currentSku;
  if (sku === null) return { draft, feedback: refusal('SCAN_PRODUCT_FIRST') };
  const qty = parseQty(text);
  if (qty === null) return { draft, feedback: refusal('BAD_QUANTITY', { text: text.trim() }) };
  return { draft, feedback: notice('READY', { sku, qty }), record: { sku, qty } };
}

/** After the move is in the ledger: the line is done, and the next uncounted product of the shelf comes up. */
export function countRecorded(draft: CountDraft, sku: string, qty: number): CountStep {
  const counted = { ...draft.counted, [sku]: qty };
  const from = Math.max(0, draft.skus.indexOf(sku));
  const order = [...draft.skus.slice(from + 1), ...draft.skus.slice(0, from)];
  const next = order.find((s) => !(s in counted)) ?? null;
  return { draft: { ...draft, counted, currentSku: next }, feedback: notice('COUNTED', { sku, qty }) };
}
