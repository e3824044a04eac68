import { combineLatest, map, type Observable } from 'rxjs';
import type { TerminalDb } from '../../db/index.js';
import { DEFAULT_STORE_SETTINGS, type BatchProduct, type OrderEvent } from '../../../sync/model/index.js';
import { QueueDeriver } from '../orders/queue.js';
import { pickSource, type PickSource } from './source.js';

/**
 * Everything the pick screen derives from the database, live: orders with their status, who claims what, the
 * catalogue for scans and the store's batch limits. Emits again on every change, local or synced, which is how a
 * cancellation or another terminal's earlier claim reaches a walk in progress.
 */
export function pickSource$(db: TerminalDb, storeId: string): Observable<PickSource> {
  const deriver = new QueueDeriver();
  const eventData = new Map<string, OrderEvent>();
  let products: { key: string; list: BatchProduct[] } = { key: '', list: [] };
  return combineLatest([
    db.orders.find({ sort: [{ dueAt: 'asc' }, { id: 'asc' }] }).$,
    db.order_events.find().$,
    db.products.find().$,
    db.stores.findOne(storeId).$,
  ]).pipe(
    map(([orderDocs, eventDocs, productDocs, storeDoc]) => {
      // Events never change once written: each is copied out of RxDB once.
      const events = eventDocs.map((doc) => {
        let e = eventData.get(doc.primary);
        if (!e) {
          e = doc.toJSON() as OrderEvent;
          eventData.set(doc.primary, e);
        }
        return e;
      });
      const key = productDocs.map((d) => `${d.primary}@${d.revision}`).join(',');
      if (key !== products.key) products = { key, list: productDocs.map((d) => toBatchProduct(d.toJSON())) };
      const rows = deriver.rows(orderDocs.map((doc) => ({ order: doc.toJSON(), revision: doc.revision })), events);
      const store = storeDoc?.toJSON();
      const settings = { ...DEFAULT_STORE_SETTINGS, ...store?.settings };
      return pickSource(rows, events, products.list, settings, store?.name ?? storeId);
    }),
  );
}

function toBatchProduct(p: { sku: string; name: string; barcodes: readonly string[]; location: { aisle: string; shelf: string; bin: string }; locationKey: string }): BatchProduct {
  return { sku: p.sku, name: p.name, barcodes: [...p.barcodes], location: { ...p.location }, locationKey: p.locationKey };
}
