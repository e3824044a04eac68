import type { TerminalDb } from '../../db/index.js';
import {
  checkTransition,
  EVENT_ACTION,
  holdExpired,
  pickupClock,
  STOCK_MOVE_ACTION,
  type OrderEvent,
  type PickupClock,
  type StockMove,
  type StoreSettings,
} from '../../../sync/model/index.js';
import type { PickupPassDoc } from '../../../sync/model/pickup-pass-doc.js';
import type { QueueRow } from '../orders/queue.js';
import type { Actor, AuthorityCode } from '../approval/authorize.js';
import { checkAuthority } from '../approval/check.js';
import { netPickedBySku } from '../packing/pack-order.js';
import { orderForCode } from './load-locker.js';

/**
 * Expiry and returns, the staff side (issue 10): the pickup orders whose hold is over, still waiting in a
 * compartment or on the counter shelf, and what taking one back records. The clock is the model's (pickup-expiry.ts),
 * the same one the centre's reminders run on; ReturnUncollected.tsx opens the door and calls recordUncollectedReturn.
 */

export interface ExpiredPickup {
  row: QueueRow;
  clock: PickupClock;
}

/** Expired pickup orders, the longest expired first. `passes`: the terminal's pass documents, by order id. */
export function expiredPickups(
  rows: readonly QueueRow[],
  store: { settings: StoreSettings; timezone: string },
  passes: ReadonlyMap<string, Pick<PickupPassDoc, 'readyEventId' | 'expiresAt'>>,
  now: number,
): ExpiredPickup[] {
  const out: ExpiredPickup[] = [];
  for (const row of rows) {
    const clock = pickupClock(row.order, row.derived, store, passes.get(row.order.id));
    if (clock && holdExpired(clock, now)) out.push({ row, clock });
  }
  return out.sort((a, b) => (a.clock.expiresAt < b.clock.expiresAt ? -1 : a.clock.expiresAt > b.clock.expiresAt ? 1 : a.row.order.id < b.row.order.id ? -1 : 1));
}

/** The expired order a scanned code names (a package label or the order id), if it is in the list. */
export function expiredForCode(list: readonly ExpiredPickup[], code: string): ExpiredPickup | undefined {
  const row = orderForCode(list.map((e) => e.row), code);
  return row && list.find((e) => e.row === row);
}

export type ReturnResult =
  | { ok: true; event: OrderEvent; moves: StockMove[] }
  | { ok: false; code: 'ILLEGAL_TRANSITION' | AuthorityCode; message: string };

/**
 * Takes an uncollected order back: `unpick` moves for what its pick still holds out of the shelf (read from the
 * ledger now, so a retry or a second terminal that synced first puts nothing back twice), then `returned_to_stock`
 * with restockReason `uncollected`. Moves first: if the event's write failed, a retry finds the moves already there
 * and records only the event.
 */
export async function recordUncollectedReturn(db: TerminalDb, row: QueueRow, actor: Actor, newId: () => string, now: () => Date = () => new Date()): Promise<ReturnResult> {
  for (const action of [EVENT_ACTION.returned_to_stock, STOCK_MOVE_ACTION.unpick]) {
    const authority = await checkAuthority(db, actor, action);
    if (!authority.ok) return authority;
  }
  const check = checkTransition(row.derived.status, 'returned_to_stock', row.order.fulfilment.type);
  if (!check.ok) return check;
  const orderId = row.order.id;
  const at = now().toISOString();
  const ledger = (await db.stock_moves.find({ selector: { orderId } }).exec()).map((d) => d.toJSON() as StockMove);
  const moves: StockMove[] = netPickedBySku(ledger, orderId).map(({ sku, qty }) => ({
    id: newId(), storeId: actor.storeId, sku, kind: 'unpick', qty, at, operatorId: actor.operatorId, deviceId: actor.deviceId, orderId, reason: 'pickup not collected',
  }));
  if (moves.length > 0) {
    const { error } = await db.stock_moves.bulkInsert(moves);
    if (error.length > 0) throw new Error(`recording the return to stock failed: ${error.map((e) => e.status).join(', ')}`);
  }
  const event: OrderEvent = {
    id: newId(), storeId: actor.storeId, orderId, type: 'returned_to_stock', at, operatorId: actor.operatorId, deviceId: actor.deviceId, restockReason: 'uncollected',
  };
  await db.order_events.insert(event);
  return { ok: true, event, moves };
}
