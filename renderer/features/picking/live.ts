import { combineLatest, map, type Observable } from 'rxjs';
import type { TerminalDb } from '../../db/index.js';
import { BATCH_EVENT_TYPES, DEFAULT_STORE_SETTINGS, type BatchProduct, type OrderEvent } from '../../../sync/model/index.js';
import { queueRows$ } from '../orders/live.js';
import { pickSource, type PickSource } from './source.js';

/**
 * Everything the pick screen derives from the database, live: orders with their status, who claims what, the
 * catalogue for scans and the store's batch limits. Emits again on every change, local or synced, which is how a
 * cancellation or another terminal's earlier claim reaches a walk in progress.
 */
export function pickSource$(db: TerminalDb, storeId: string): Observable<PickSource> {
  const eventData = new Map<string, OrderEvent>();
  let products: { key: string; list: BatchProduct[] } = { key: '', list: [] };
  return combineLatest([
    // The queue every screen shares: the pick screen does not load and derive all orders a second time.
    queueRows$(db),
    // Only the claim facts: status events are already folded into the rows.
    db.order_events.find({ selector: { type: { $in: [...BATCH_EVENT_TYPES] } } }).$,
    db.products.find().$,
    db.stores.findOne(storeId).$,
  ]).pipe(
    map(([rows, claimDocs, productDocs, storeDoc]) => {
      // Events never change once written: each is copied out of RxDB once.
      const claims = claimDocs.map((doc) => {
        let e = eventData.get(doc.primary);
        if (!e) {
          e = doc.toJSON() as OrderEvent;
          eventData.set(doc.primary, e);
        }
        return e;
      });
      const key = productDocs.map((d) => `${d.primary}@${d.revision}`).join(',');
      if (key !== products.key) products = { key, list: productDocs.map((d) => toBatchProduct(d.toJSON())) };
      const store = storeDoc?.toJSON();
      const settings = { ...DEFAULT_STORE_SETTINGS, ...store?.settings };
      return pickSource(rows, claims, products.list, settings, store?.name ?? storeId);
    }),
  );
}

function toBatchProduct(p: { sku: string; name: string; barcodes: readonly string[]; location: { aisle: string; shelf: string; bin: string }; locationKey: string }): BatchProduct {
  return { sku: p.sku, name: p.name, barcodes: [...p.barcodes], location: { ...p.location }, locationKey: p.locationKey };
}
