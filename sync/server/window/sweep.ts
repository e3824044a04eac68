import { LOOSE_MOVE_DAYS, windowStart } from '../../model/window.js';
import type { Db } from '../db/index.js';
import { writeStore } from '../store/store-tx.js';
import { candidates, finishedBefore, setDocsWindow, setOrdersWindow, storeWindow } from './membership.js';

/** Orders moved per transaction: a store's other writers wait for its lock, so a long backlog goes in slices. */
const SLICE = 500;

export interface SweepResult {
  orders: number;
  events: number;
  moves: number;
  transactions: number;
}

/**
 * Moves out of the window what has aged out of it in one store: finished orders (with their facts and moves) and
 * stock moves not booked against an order once older than LOOSE_MOVE_DAYS. Each slice is judged again under the
 * store's lock, so a fact that reopened an order meanwhile keeps it. Idempotent: a sweep that finds nothing writes
 * nothing.
 */
export async function sweepStore(db: Db, storeId: string, now = Date.now()): Promise<SweepResult> {
  const { historyDays } = await storeWindow(db, storeId);
  const start = windowStart(now, historyDays);
  const result: SweepResult = { orders: 0, events: 0, moves: 0, transactions: 0 };
  const first = await finishedBefore(db, storeId, await candidates(db, storeId, start), start);
  for (let i = 0; i < first.length; i += SLICE) {
    const slice = first.slice(i, i + SLICE);
    const { value } = await writeStore(db, storeId, async (st) => {
      const still = await finishedBefore(st.q, storeId, await candidates(st.q, storeId, start, slice), start);
      return setOrdersWindow(st, still, false);
    });
    result.orders += value.orders;
    result.events += value.events;
    result.moves += value.moves;
    result.transactions += 1;
  }
  const looseStart = windowStart(now, Math.min(historyDays, LOOSE_MOVE_DAYS));
  for (;;) {
    const loose = await db.query<{ id: string }>(
      `SELECT id FROM docs
       WHERE store_id = $1 AND collection = 'stock_moves' AND in_window AND (data->>'at') COLLATE "C" < $2 AND NOT (data ? 'orderId')
       LIMIT ${SLICE * 4}`,
      [storeId, looseStart],
    );
    if (loose.length === 0) break;
    const { value } = await writeStore(db, storeId, (st) => setDocsWindow(st, 'stock_moves', loose.map((r) => r.id), false));
    result.moves += value;
    result.transactions += 1;
    if (value === 0) break;
  }
  return result;
}

/** Every store, one after the other. */
export async function sweepWindow(db: Db, now = Date.now()): Promise<Map<string, SweepResult>> {
  const stores = await db.query<{ id: string }>('SELECT id FROM stores ORDER BY id');
  const out = new Map<string, SweepResult>();
  for (const { id } of stores) out.set(id, await sweepStore(db, id, now));
  return out;
}
