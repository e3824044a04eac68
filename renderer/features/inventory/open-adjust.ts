import type { TerminalDb } from '../../db/index.js';
import { STOCK_MOVE_ACTION, type Operator, type Product } from '../../../sync/model/index.js';
import type { ApprovalRequest } from '../approval/ApprovalDialog.js';
import type { Actor, AuthorityCode } from '../approval/authorize.js';
import { checkAuthority } from '../approval/check.js';

/**
 * Leave to open the adjustment dialog for one product: who asked, and the manager who approved it with their PIN
 * (null when the operator may adjust alone). The dialog opens only with one of these.
 */
export interface AdjustGrant {
  sku: string;
  requesterId: string;
  approvedBy: Pick<Operator, 'id' | 'name'> | null;
}

export type OpenAdjustResult =
  | { ok: true; grant: AdjustGrant }
  | { ok: false; code: AuthorityCode | 'NOT_APPROVED' | 'UNKNOWN_SKU'; message: string };

/** Shows the manager approval dialog and waits: the verified manager's id, or null when cancelled. */
export type AskApproval = (request: ApprovalRequest) => Promise<string | null>;

/**
 * The step before the adjustment dialog. The permission table decides on the operator as this terminal knows
 * them now; where a manager must approve, the approval comes first, on the operator's own screen, so nobody who
 * needs approval ever sees a form they cannot submit alone.
 */
export async function openAdjustment(
  db: TerminalDb,
  actor: Actor,
  product: Pick<Product, 'sku' | 'name'>,
  ask: AskApproval,
  summary: string,
): Promise<OpenAdjustResult> {
  if (!(await db.products.findOne(product.sku).exec())) return { ok: false, code: 'UNKNOWN_SKU', message: `no product ${product.sku} in this store` };
  const alone = await checkAuthority(db, actor, STOCK_MOVE_ACTION.adjust, null);
  if (alone.ok) return { ok: true, grant: { sku: product.sku, requesterId: actor.operatorId, approvedBy: null } };
  if (alone.code !== 'NEEDS_APPROVAL') return alone;

  const managerId = await ask({ action: STOCK_MOVE_ACTION.adjust, requesterId: actor.operatorId, summary });
  if (!managerId) return { ok: false, code: 'NOT_APPROVED', message: 'the manager approval was cancelled' };
  // The dialog verified the PIN; the table is asked again so a stale list or a non-manager cannot slip through.
  const approved = await checkAuthority(db, actor, STOCK_MOVE_ACTION.adjust, managerId);
  if (!approved.ok) return approved;
  const manager = (await db.operators.findOne(managerId).exec())?.toJSON() as Operator | undefined;
  if (!manager) return { ok: false, code: 'APPROVER_INVALID', message: `${managerId} is not an operator of store ${actor.storeId}` };
  return { ok: true, grant: { sku: product.sku, requesterId: actor.operatorId, approvedBy: { id: manager.id, name: manager.name } } };
}

/** Whether a grant opens the dialog for this product and operator: it is for whoever asked, for that SKU only. */
export function grantHolds(grant: AdjustGrant | null, sku: string | undefined, operatorId: string): grant is AdjustGrant {
  return grant !== null && grant.sku === sku && grant.requesterId === operatorId;
}
