import type { TerminalDb } from '../../db/index.js';
import type { Action, Operator } from '../../../sync/model/index.js';
import { authorize, type Actor, type Authority } from './authorize.js';

/**
 * The check every recording function makes before it inserts: the actor and the approver as the terminal's
 * database knows them now (roles and active flag as last synced), against the permission table.
 */
export async function checkAuthority(db: TerminalDb, actor: Actor, action: Action, approvedBy?: string | null): Promise<Authority> {
  const me = (await db.operators.findOne(actor.operatorId).exec())?.toJSON() as Operator | undefined;
  if (!me || !me.active || me.storeId !== actor.storeId) {
    return { ok: false, code: 'FORBIDDEN', message: `${actor.operatorId} is not an active operator of store ${actor.storeId}` };
  }
  let approver: Operator | null = null;
  if (approvedBy) {
    approver = ((await db.operators.findOne(approvedBy).exec())?.toJSON() as Operator | undefined) ?? null;
    if (!approver || approver.storeId !== actor.storeId) {
      return { ok: false, code: 'APPROVER_INVALID', message: `${approvedBy} is not an operator of store ${actor.storeId}` };
    }
  }
  return authorize({ operatorId: me.id, roles: me.roles }, action, approver);
}
