import type { TerminalDb } from '../../db/index.js';
import { checkTransition, type OrderEvent, type OrderEventType } from '../../../sync/model/index.js';
import type { QueueRow } from './queue.js';

/** Who is recording: the signed-in operator (for now the device itself) and the device. */
export interface Actor {
  operatorId: string;
  deviceId: string;
  storeId: string;
}

export type RecordResult = { ok: true; event: OrderEvent } | { ok: false; code: 'ILLEGAL_TRANSITION'; message: string };

/**
 * Records a status event for an order, after checking it is legal now. The fold in deriveStatus would ignore an
 * illegal event anyway; checking first tells the operator why instead of writing a fact that changes nothing.
 */
export async function recordOrderEvent(
  db: TerminalDb,
  row: QueueRow,
  type: OrderEventType,
  actor: Actor,
  newId: () => string,
  now: () => Date = () => new Date(),
): Promise<RecordResult> {
  const check = checkTransition(row.derived.status, type, row.order.fulfilment.type);
  if (!check.ok) return check;
  const event: OrderEvent = {
    id: newId(),
    storeId: actor.storeId,
    orderId: row.order.id,
    type,
    at: now().toISOString(),
    operatorId: actor.operatorId,
    deviceId: actor.deviceId,
  };
  await db.order_events.insert(event);
  return { ok: true, event };
}
