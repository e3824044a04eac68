/**
 * The inventory bench page: the real InventoryScreen (production React build, real RxDB on IndexedDB, the real
 * scanner wedge) mounted as the shell mounts it (bench/support/mount-screen.tsx), over a seeded database.
 *
 * Each keystroke is timed from the key event (its timeStamp, when the browser received it) to the end of the first
 * frame painted after it: what a person typing waits for before the letter shows. The screen's own marks
 * (renderer/features/inventory/perf-marks.ts) say when the list shows the results of what was typed.
 */
import { openTerminalDb } from '../../renderer/db/index.js';
import { InventoryScreen } from '../../renderer/features/inventory/InventoryScreen.js';
import type { Operator, Order, Product, StockLevel, StockMove } from '../../sync/model/index.js';
import { mountFromUrl, mountScreen } from '../support/mount-screen.js';

/** Names of the marks this page sets; bench/inventory.ts reads them (not imported there: this module mounts React). */
export const KEY_MARKS = { down: 'bench:key-down', painted: 'bench:key-painted' } as const;

const inventoryBench = {
  /** Fills a fresh database the way sync would have left it, then closes it so the next page load opens it cold. */
  async seed(name: string, data: { products: Product[]; levels: StockLevel[]; moves: StockMove[]; orders: Order[]; operator: Operator }): Promise<number> {
    const db = await openTerminalDb({ name });
    await db.operators.insert(data.operator);
    const chunks = async <T,>(items: T[], insert: (part: T[]) => Promise<unknown>) => {
      for (let i = 0; i < items.length; i += 1000) await insert(items.slice(i, i + 1000));
    };
    await chunks(data.products, (p) => db.products.bulkInsert(p));
    await chunks(data.levels, (p) => db.stock_levels.bulkInsert(p));
    await chunks(data.moves, (p) => db.stock_moves.bulkInsert(p));
    await chunks(data.orders, (p) => db.orders.bulkInsert(p));
    const count = await db.products.count().exec();
    await db.close();
    return count;
  },
};

/** A key's time: from when the browser received it to the end of the next painted frame. */
function timeKeys(): void {
  window.addEventListener(
    'keydown',
    (e) => {
      performance.clearMarks(KEY_MARKS.down);
      performance.clearMarks(KEY_MARKS.painted);
      performance.mark(KEY_MARKS.down, { startTime: e.timeStamp, detail: e.key });
      requestAnimationFrame(() => setTimeout(() => performance.mark(KEY_MARKS.painted, { detail: e.key }), 0));
    },
    { capture: true },
  );
}

declare global {
  interface Window {
    inventoryBench?: typeof inventoryBench;
    inventoryBenchError?: string;
  }
}
window.inventoryBench = inventoryBench;
mountFromUrl(
  (db, operatorId) => {
    timeKeys();
    return mountScreen({ db, operatorId, bench: 'inventory', screen: <InventoryScreen /> });
  },
  (message) => (window.inventoryBenchError = message),
);
