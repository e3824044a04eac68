import { checkApproval, permission, type Action, type Operator, type Role } from '../../../sync/model/index.js';

/** Who does something on this terminal: the signed-in operator, with their roles, on this device and store. */
export interface Actor {
  operatorId: string;
  roles: readonly Role[];
  deviceId: string;
  storeId: string;
}

export function actorOf(operator: Pick<Operator, 'id' | 'roles'>, device: { deviceId: string; storeId: string }): Actor {
  return { operatorId: operator.id, roles: operator.roles, deviceId: device.deviceId, storeId: device.storeId };
}

export type AuthorityCode = 'FORBIDDEN' | 'NEEDS_APPROVAL' | 'APPROVER_INVALID';
export type Authority = { ok: true; approvedBy?: string } | { ok: false; code: AuthorityCode; message: string };

/**
 * The model's permission table applied to one write, with the approving manager where one is needed. Every
 * recording function calls this before it inserts, whatever the screen allowed: the server refuses the same.
 */
export function authorize(actor: Pick<Actor, 'operatorId' | 'roles'>, action: Action, approver?: Operator | null): Authority {
  const p = permission(actor.roles, action);
  if (!p.allowed) return { ok: false, code: 'FORBIDDEN', message: p.message };
  if (!p.needsApproval) return { ok: true };
  if (!approver) return { ok: false, code: 'NEEDS_APPROVAL', message: `${action} needs a manager's approval` };
  // The same rule the server applies to the pushed document.
  const check = checkApproval(actor.roles, action, approver, actor.operatorId);
  if (!check.ok) return { ok: false, code: 'APPROVER_INVALID', message: check.message };
  return { ok: true, approvedBy: approver.id };
}

/** What a screen shows for an action: a plain button, a button that asks for a manager, or nothing usable. */
export type Gate = 'allowed' | 'approval' | 'forbidden';

export function gateOf(roles: readonly Role[], action: Action): Gate {
  const p = permission(roles, action);
  if (!p.allowed) return 'forbidden';
  return p.needsApproval ? 'approval' : 'allowed';
}
