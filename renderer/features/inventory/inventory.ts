import { map, type Observable } from 'rxjs';
import type { TerminalDb } from '../../db/index.js';
import type { Product } from '../../../sync/model/index.js';
import { onHandFrom$ } from './stock-live.js';

/** A search by SKU, name or barcode: any part of the SKU or name, ignoring case; a barcode in full or in part. */
export function matchesProduct(product: Pick<Product, 'sku' | 'name' | 'barcodes'>, text: string): boolean {
  const needle = text.trim().toLowerCase();
  if (needle === '') return true;
  return (
    product.sku.toLowerCase().includes(needle) ||
    product.name.toLowerCase().includes(needle) ||
    product.barcodes.some((b) => b.toLowerCase().includes(needle))
  );
}

/**
 * The products a search shows, in walking order (the input comes sorted by location). A scanned barcode or an
 * exact SKU is put first, so Enter after a scan opens the right product. Every match by default: the screen renders
 * only the rows in view.
 */
export function searchProducts(products: readonly Product[], text: string, limit = Number.POSITIVE_INFINITY): Product[] {
  const needle = text.trim().toLowerCase();
  const hits = products.filter((p) => matchesProduct(p, needle));
  const exact = hits.findIndex((p) => p.sku.toLowerCase() === needle || p.barcodes.some((b) => b.toLowerCase() === needle));
  if (exact > 0) hits.unshift(...hits.splice(exact, 1));
  return hits.slice(0, limit);
}

export function products$(db: TerminalDb): Observable<Product[]> {
  return db.products.find({ sort: [{ locationKey: 'asc' }, { sku: 'asc' }] }).$.pipe(map((docs) => docs.map((d) => d.toJSON() as Product)));
}

/** On hand for these SKUs, live: the centre's snapshot plus the moves after it (local and synced). SKUs without stock data are 0. */
export function onHandFor$(db: TerminalDb, skus: readonly string[]): Observable<Map<string, number>> {
  return onHandFrom$(db, skus).pipe(map((totals) => new Map(skus.map((sku) => [sku, totals.get(sku) ?? 0]))));
}
