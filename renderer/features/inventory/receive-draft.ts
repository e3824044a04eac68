import { MAX_STOCK_QTY, type Product } from '../../../sync/model/index.js';
import { isLocationScan, notice, parseQty, productForCode, refusal, type StockFeedback } from './stock-scan.js';

/** One product being received: how many units arrived, so far. */
export interface ReceiveLine {
  sku: string;
  qty: number;
}

/**
 * A delivery being scanned in, before it is recorded: one line per product in the order first scanned, and the
 * line the last scan touched (a typed quantity applies to it). Lives in the screen's ephemeral state only.
 */
export interface ReceiveDraft {
  lines: readonly ReceiveLine[];
  currentSku: string | null;
}

export const EMPTY_RECEIVE: ReceiveDraft = { lines: [], currentSku: null };

export interface ReceiveStep {
  draft: ReceiveDraft;
  feedback: StockFeedback;
}

/**
 * A scan while receiving: a known product adds one unit (a new line starts at 1), anything else is refused and
 * leaves the draft as it was — an unknown barcode must never become a line.
 */
export function receiveScan(draft: ReceiveDraft, code: string, products: readonly Product[]): ReceiveStep {
  if (isLocationScan(code)) return { draft, feedback: refusal('NOT_A_PRODUCT', { code }) };
  const product = productForCode(products, code);
  if (!product) return { draft, feedback: refusal('UNKNOWN_BARCODE', { code }) };
  const line = draft.lines.find((l) => l.sku === product.sku);
  if (line && line.qty >= MAX_STOCK_QTY) return { draft, feedback: refusal('TOO_MANY', { sku: product.sku, max: MAX_STOCK_QTY }) };
  const qty = (line?.qty ?? 0) + 1;
  const lines = line ? draft.lines.map((l) => (l.sku === product.sku ? { sku: l.sku, qty } : l)) : [...draft.lines, { sku: product.sku, qty }];
  return { draft: { lines, currentSku: product.sku }, feedback: notice('ADDED', { sku: product.sku, name: product.name, qty }) };
}

/** A typed number + Enter: sets the current line's quantity; 0 takes the line off the delivery. */
export function receiveTyped(draft: ReceiveDraft, text: string): ReceiveStep {
  const sku = draft.currentSku;
  if (sku === null || !draft.lines.some((l) => l.sku === sku)) return { draft, feedback: refusal('SCAN_PRODUCT_FIRST') };
  const qty = parseQty(text);
  if (qty === null) return { draft, feedback: refusal('BAD_QUANTITY', { text: text.trim() }) };
  if (qty === 0) {
    const lines = draft.lines.filter((l) => l.sku !== sku);
    return { draft: { lines, currentSku: lines[lines.length - 1]?.sku ?? null }, feedback: notice('REMOVED', { sku }) };
  }
  return { draft: { ...draft, lines: draft.lines.map((l) => (l.sku === sku ? { sku, qty } : l)) }, feedback: notice('QTY_SET', { sku, qty }) };
}

export function receiveTotal(draft: ReceiveDraft): number {
  return draft.lines.reduce((sum, l) => sum + l.qty, 0);
}
