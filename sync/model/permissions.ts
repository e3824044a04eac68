import type { OrderEventType } from './order-event.js';
import type { StockMoveKind } from './stock.js';

/** Staff roles (design §5). An operator may hold several. */
export const ROLES = ['picker', 'packer', 'counter', 'manager'] as const;
export type Role = (typeof ROLES)[number];

/** Everything an operator can do on a terminal that the model gates. */
export const ACTIONS = [
  'order.accept',
  'order.reject',
  'order.pick',
  'order.pack',
  'order.ready',
  'order.handover',
  'label.print',
  'label.reprint',
  'stock.receive',
  'stock.count',
  'stock.adjust',
  'payment.collect',
  'locker.release',
  'day.close',
  'activity.view',
] as const;
export type Action = (typeof ACTIONS)[number];

/** The action an order event stands for, so the same table gates the UI, the model and the server. */
export const EVENT_ACTION: Record<OrderEventType, Action> = {
  accepted: 'order.accept',
  rejected: 'order.reject',
  picking_started: 'order.pick',
  picked: 'order.pick',
  packed: 'order.pack',
  ready: 'order.ready',
  dispatched: 'order.handover',
  delivered: 'order.handover',
  picked_up: 'order.handover',
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
  'label.print': { roles: ['packer', 'manager'] },
  'label.reprint': { roles: ['packer', 'manager'] },
  'stock.receive': { roles: ['picker', 'manager'] },
  'stock.count': { roles: ['picker', 'manager'] },
  'stock.adjust': { roles: ['picker', 'packer', 'counter', 'manager'], approval: 'manager' },
  'payment.collect': { roles: ['counter', 'manager'] },
  'locker.release': { roles: ['counter', 'manager'] },
  'day.close': { roles: ['manager'] },
  'activity.view': { roles: ['picker', 'packer', 'counter', 'manager'] },
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
