import type { TerminalDb } from '../../db/index.js';
import { checkTransition, EVENT_ACTION, type OrderEvent, type OrderEventType } from '../../../sync/model/index.js';
import type { QueueRow } from './queue.js';
import type { Actor, AuthorityCode } from '../approval/authorize.js';
import { checkAuthority } from '../approval/check.js';

export type { Actor } from '../approval/authorize.js';

export type EventDetail = Pick<OrderEvent, 'batchId' | 'lines' | 'packages' | 'note' | 'compartment'>;

export type RecordResult =
  | { ok: true; event: OrderEvent }
  | { ok: false; code: 'ILLEGAL_TRANSITION' | AuthorityCode; message: string };

/**
 * Records a status event for an order, after checking the operator may do it and it is legal now. The fold in
 * deriveStatus would ignore an illegal event, and the server refuses a forbidden one; checking first tells the
 * operator why instead of writing a fact that changes nothing or comes back refused.
 *
 * Order events have no field for an approver: an event type whose action needs a manager's approval is refused
 * here (NEEDS_APPROVAL) until the schema can record both people. None needs one today.
 */
export async function recordOrderEvent(
  db: TerminalDb,
  row: QueueRow,
  type: OrderEventType,
  actor: Actor,
  newId: () => string,
  now: () => Date = () => new Date(),
  /** What the event carries besides its type: the picked lines, the packages, the batch. */
  detail: EventDetail = {},
): Promise<RecordResult> {
  const authority = await checkAuthority(db, actor, EVENT_ACTION[type]);
  if (!authority.ok) return authority;
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
    ...detail,
  };
  await db.order_events.insert(event);
  return { ok: true, event };
}
