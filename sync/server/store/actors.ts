import { canApprove, permission, PERMISSIONS, type Action } from '../../model/permissions.js';
import type { PushRejection } from '../../protocol/sync.js';
import type { Queryable } from '../db/index.js';
import { operatorAt, type OperatorAt } from './operators.js';

/** Who a terminal's fact says did it, and when. */
export interface Actor {
  operatorId: string;
  at: string;
  approvedBy?: string;
}

export interface Refusal {
  code: PushRejection['code'];
  message: string;
}

/**
 * The operators of one store as of any moment, looked up once per (operator, time) within a push: a batch of
 * facts usually names a few operators many times.
 */
export class OperatorBook {
  private readonly cache = new Map<string, Promise<OperatorAt>>();

  constructor(
    private readonly q: Queryable,
    readonly storeId: string,
  ) {}

  at(operatorId: string, at: string): Promise<OperatorAt> {
    const key = `${operatorId}\u0000${at}`;
    let found = this.cache.get(key);
    if (!found) {
      found = operatorAt(this.q, this.storeId, operatorId, at);
      this.cache.set(key, found);
    }
    return found;
  }
}

/**
 * The server's copy of the terminal's rule: the operator belonged to this store and was active when the fact
 * happened, their roles then allowed the action, and where the table asks for it a different operator who was an
 * active manager at that moment approved it. A terminal cannot talk its way past any of this by being offline.
 */
export async function checkActor(book: OperatorBook, actor: Actor, action: Action): Promise<Refusal | undefined> {
  const who = `operator "${actor.operatorId}"`;
  const op = await book.at(actor.operatorId, actor.at);
  if (op.kind === 'unknown' || op.kind === 'other_store') {
    return { code: 'UNKNOWN_OPERATOR', message: `${who} is not an operator of store "${book.storeId}"` };
  }
  if (op.kind === 'not_yet') return { code: 'OPERATOR_INACTIVE', message: `${who} was not yet an operator of store "${book.storeId}" at ${actor.at}` };
  if (!op.active) return { code: 'OPERATOR_INACTIVE', message: `${who} was inactive at ${actor.at}` };
  const allowed = permission(op.roles, action);
  if (!allowed.allowed) return { code: 'FORBIDDEN', message: `${who} (${op.roles.join(', ')}) may not do this: ${allowed.message}` };
  if (actor.approvedBy === undefined) {
    return allowed.needsApproval ? { code: 'APPROVAL_REQUIRED', message: `${action} by ${who} needs a manager's approval (approvedBy)` } : undefined;
  }
  // An approval that is recorded must be true even where none was needed: the activity view shows both people.
  return checkApprover(book, actor, actor.approvedBy, action);
}

async function checkApprover(book: OperatorBook, actor: Actor, approverId: string, action: Action): Promise<Refusal | undefined> {
  const approver = `approvedBy "${approverId}"`;
  if (PERMISSIONS[action].approval === undefined) return { code: 'VALIDATION_FAILED', message: `${action} takes no approval; ${approver} must be absent` };
  if (approverId === actor.operatorId) return { code: 'APPROVAL_REQUIRED', message: `${approver} is the operator themselves; ${action} needs a second person` };
  const op = await book.at(approverId, actor.at);
  if (op.kind !== 'known') return { code: 'APPROVAL_REQUIRED', message: `${approver} was not an operator of store "${book.storeId}" at ${actor.at}` };
  if (!op.active) return { code: 'APPROVAL_REQUIRED', message: `${approver} was inactive at ${actor.at}` };
  if (!canApprove(op.roles, action)) return { code: 'APPROVAL_REQUIRED', message: `${approver} (${op.roles.join(', ')}) cannot approve ${action}` };
  return undefined;
}
