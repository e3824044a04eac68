/**
 * The queue bench page: the real OrderQueue (production React build, real RxDB on IndexedDB, the real scanner
 * wedge) mounted as the shell mounts it (bench/support/mount-screen.tsx), over a seeded database. It times what an
 * operator waits for: database open → the queue's first rows, and a scan → its feedback.
 */
import { openTerminalDb } from '../../renderer/db/index.js';
import { OrderQueue } from '../../renderer/features/orders/OrderQueue.js';
import type { Operator, Order, OrderEvent } from '../../sync/model/index.js';
import { mountFromUrl, mountScreen } from '../support/mount-screen.js';

const queueBench = {
  /** Fills a fresh database the way sync would have left it, then closes it so the next page load opens it cold. */
  async seed(name: string, orders: Order[], events: OrderEvent[], operator: Operator): Promise<number> {
    const db = await openTerminalDb({ name });
    await db.operators.insert(operator);
    for (let i = 0; i < orders.length; i += 1000) await db.orders.bulkInsert(orders.slice(i, i + 1000));
    for (let i = 0; i < events.length; i += 1000) await db.order_events.bulkInsert(events.slice(i, i + 1000));
    const count = await db.orders.count().exec();
    await db.close();
    return count;
  },
};

declare global {
  interface Window {
    queueBench?: typeof queueBench;
    queueBenchError?: string;
  }
}
window.queueBench = queueBench;
mountFromUrl(
  (db, operatorId) => mountScreen({ db, operatorId, bench: 'queue', screen: <OrderQueue /> }),
  (message) => (window.queueBenchError = message),
);
