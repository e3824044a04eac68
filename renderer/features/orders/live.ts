import { combineLatest, map, type Observable } from 'rxjs';
import type { TerminalDb } from '../../db/index.js';
import type { OrderEvent } from '../../../sync/model/index.js';
import { QueueDeriver, type QueueRow } from './queue.js';
import { QUEUE_MARKS, mark } from './perf-marks.js';

/**
 * The live queue: every order of the store sorted by deadline, each with its status derived from its events.
 * Emits again whenever an order or an event changes, locally or through sync.
 */
export function queueRows$(db: TerminalDb): Observable<QueueRow[]> {
  const deriver = new QueueDeriver();
  // Events never change once written, so each is copied out of RxDB once.
  const eventData = new Map<string, OrderEvent>();
  const orders$ = db.orders.find({ sort: [{ dueAt: 'asc' }, { id: 'asc' }] }).$;
  const events$ = db.order_events.find().$;
  let first = true;
  return combineLatest([orders$, events$]).pipe(
    map(([orderDocs, eventDocs]) => {
      if (first) mark(QUEUE_MARKS.firstQuery);
      const events = eventDocs.map((doc) => {
        let event = eventData.get(doc.primary);
        if (!event) {
          event = doc.toJSON();
          eventData.set(doc.primary, event);
        }
        return event;
      });
      const rows = deriver.rows(
        orderDocs.map((doc) => ({ order: doc.toJSON(), revision: doc.revision })),
        events,
      );
      // For bench/queue.ts: splits the first render into query, derivation and React.
      if (first) mark(QUEUE_MARKS.firstData);
      first = false;
      return rows;
    }),
  );
}

/** One order and its derived status, live. Null while the order is not (or no longer) in the database. */
export function queueRow$(db: TerminalDb, orderId: string): Observable<QueueRow | null> {
  const deriver = new QueueDeriver();
  return combineLatest([
    db.orders.findOne(orderId).$,
    db.order_events.find({ selector: { orderId } }).$,
  ]).pipe(
    map(([doc, eventDocs]) => {
      if (!doc) return null;
      const rows = deriver.rows([{ order: doc.toJSON(), revision: doc.revision }], eventDocs.map((e) => e.toJSON()));
      return rows[0] ?? null;
    }),
  );
}
