import type { OrderFactType } from './order-event.js';
import type { StockMoveKind } from './stock.js';

/** Staff roles (design §5). An operator may hold several. */
export const ROLES = ['picker', 'packer', 'counter', 'manager', 'courier'] as const;
export type Role = (typeof ROLES)[number];

/** Everything an operator can do on a terminal that the model gates. */
export const ACTIONS = [
  'order.accept',
  'order.reject',
  'order.pick',
  'order.pack',
  'order.ready',
  'order.handover',
  /** Giving packed delivery orders to a courier, and taking back what a courier returns undelivered. */
  'order.dispatch',
  /** Putting the goods of an order that never left the store back on the shelf (returned_to_stock, unpick moves). */
  'order.restock',
  'label.print',
  'label.reprint',
  'stock.receive',
  'stock.count',
  'stock.adjust',
  /** Accepting or picking an order the store has not got the stock for (available < 0 after it). */
  'stock.override',
  'payment.collect',
  /** Taking a payment that differs from the amount due: the difference is recorded with the approving manager. */
  'payment.difference',
  'locker.release',
  /** The day's work of a cash drawer: the opening float, paid-in and paid-out, cash refunds, the count, the card slip. */
  'till.operate',
  /** Closing a drawer's day whose count is within the store's tolerance. */
  'day.close',
  /** Closing a day whose cash variance is beyond the tolerance: a manager approves it with their PIN. */
  'day.variance',
  /** Reopening a closed day (a new fact, with the reason). */
  'day.reopen',
  'activity.view',
  /** Changing this terminal's own set-up: its label printers (and the lockers to come). */
  'terminal.configure',
] as const;
export type Action = (typeof ACTIONS)[number];

/** The action an order event stands for, so the same table gates the UI, the model and the server. */
export const EVENT_ACTION: Record<OrderFactType, Action> = {
  accepted: 'order.accept',
  rejected: 'order.reject',
  picking_started: 'order.pick',
  picked: 'order.pick',
  packed: 'order.pack',
  ready: 'order.ready',
  dispatched: 'order.dispatch',
  delivered: 'order.dispatch',
  delivery_failed: 'order.dispatch',
  picked_up: 'order.handover',
  locker_failed: 'locker.release',
  returned_to_stock: 'order.restock',
  batch_claimed: 'order.pick',
  batch_released: 'order.pick',
  pickup_reminded: 'order.handover',
};

export const STOCK_MOVE_ACTION: Record<StockMoveKind, Action> = {
  pick: 'order.pick',
  unpick: 'order.pick',
  return: 'stock.receive',
  receive: 'stock.receive',
  adjust: 'stock.adjust',
  count: 'stock.count',
};

/**
 * The one permission table. `roles`: who may do it. `approval: 'manager'`: someone else may start it, but a
 * manager must approve it on the spot with their own PIN; a manager doing it themselves needs no second person.
 */
export const PERMISSIONS: Record<Action, { roles: readonly Role[]; approval?: 'manager' }> = {
  'order.accept': { roles: ['picker', 'packer', 'counter', 'manager'] },
  'order.reject': { roles: ['manager', 'counter'] },
  'order.pick': { roles: ['picker', 'manager'] },
  'order.pack': { roles: ['packer', 'manager'] },
  'order.ready': { roles: ['picker', 'packer', 'manager'] },
  'order.handover': { roles: ['counter', 'packer', 'manager'] },
  // A courier is named on the dispatch (courierId); the terminal's operator records it and the return.
  'order.dispatch': { roles: ['counter', 'packer', 'manager'] },
  // The same people who may undo a pick (its `unpick` moves are order.pick): the goods go back where they were picked.
  'order.restock': { roles: ['picker', 'manager'] },
  'label.print': { roles: ['packer', 'manager'] },
  'label.reprint': { roles: ['packer', 'manager'] },
  'stock.receive': { roles: ['picker', 'manager'] },
  'stock.count': { roles: ['picker', 'manager'] },
  'stock.adjust': { roles: ['picker', 'packer', 'counter', 'manager'], approval: 'manager' },
  'stock.override': { roles: ['picker', 'packer', 'counter', 'manager'], approval: 'manager' },
  'payment.collect': { roles: ['counter', 'packer', 'manager'] },
  'payment.difference': { roles: ['counter', 'packer', 'manager'], approval: 'manager' },
  'locker.release': { roles: ['counter', 'manager'] },
  'till.operate': { roles: ['counter', 'packer', 'manager'] },
  'day.close': { roles: ['counter', 'manager'] },
  'day.variance': { roles: ['counter', 'manager'], approval: 'manager' },
  'day.reopen': { roles: ['manager'] },
  'activity.view': { roles: ['picker', 'packer', 'counter', 'manager', 'courier'] },
  'terminal.configure': { roles: ['manager'] },
};

export type Permission =
  | { allowed: true; needsApproval: boolean }
  | { allowed: false; code: 'FORBIDDEN'; message: string };

/** Whether an operator holding `roles` may do `action`, and whether a manager must approve it. */
export function permission(roles: readonly Role[], action: Action): Permission {
  const rule = PERMISSIONS[action];
  if (!roles.some((r) => rule.roles.includes(r))) {
    return { allowed: false, code: 'FORBIDDEN', message: `${action} needs one of the roles: ${rule.roles.join(', ')}` };
  }
  return { allowed: true, needsApproval: rule.approval === 'manager' && !roles.includes('manager') };
}

/** Whether `approverRoles` can approve `action` for someone else. */
export function canApprove(approverRoles: readonly Role[], action: Action): boolean {
  return PERMISSIONS[action].approval === 'manager' && approverRoles.includes('manager');
}

/** How far ahead of the server's clock a terminal's `at` may be before the server refuses to judge it. */
export const MAX_CLOCK_AHEAD_MS = 5 * 60_000;
/**
 * A grant (operator created, reactivated or given a role) recorded up to this long after a fact's `at` still
 * counts for it: the centre's change and the terminal's clock are never perfectly in step. Revocations get no grace.
 */
export const GRANT_GRACE_MS = 2 * 60_000;

/** Whether a terminal's `at` lies further in the future of `nowMs` than the terminal's clock may run ahead. */
export function isClockAhead(at: string, nowMs: number): boolean {
  return Date.parse(at) - nowMs > MAX_CLOCK_AHEAD_MS;
}

export interface Approver {
  id: string;
  roles: readonly Role[];
  active: boolean;
}

export type ApprovalCheck = { ok: true } | { ok: false; code: 'APPROVAL_REQUIRED' | 'VALIDATION_FAILED'; message: string };

/**
 * The one approval rule, for the terminal and the server alike: an approval is present exactly where the actor's
 * roles need one, and comes from someone else who is an active manager. Assumes `permission` already allowed it.
 */
export function checkApproval(actorRoles: readonly Role[], action: Action, approver: Approver | null, actorId: string): ApprovalCheck {
  const p = permission(actorRoles, action);
  const needed = p.allowed && p.needsApproval;
  if (!approver) return needed ? { ok: false, code: 'APPROVAL_REQUIRED', message: `${action} by operator "${actorId}" needs a manager's approval (approvedBy)` } : { ok: true };
  const who = `approvedBy "${approver.id}"`;
  const absent = { ok: false, code: 'VALIDATION_FAILED', message: `${action} by operator "${actorId}" takes no approval; ${who} must be absent` } as const;
  if (PERMISSIONS[action].approval === undefined) return absent;
  if (approver.id === actorId) return { ok: false, code: 'APPROVAL_REQUIRED', message: `${who} is the operator themselves; ${action} needs a second person` };
  if (!needed) return absent;
  if (!approver.active) return { ok: false, code: 'APPROVAL_REQUIRED', message: `${who} is inactive` };
  if (!canApprove(approver.roles, action)) return { ok: false, code: 'APPROVAL_REQUIRED', message: `${who} (${approver.roles.join(', ')}) cannot approve ${action}` };
  return { ok: true };
}
