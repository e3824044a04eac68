import type { TerminalDb } from '../../db/index.js';
import { checkStockMove, MAX_STOCK_QTY, STOCK_MOVE_ACTION, type StockMove } from '../../../sync/model/index.js';
import type { Actor, AuthorityCode } from '../approval/authorize.js';
import { checkAuthority } from '../approval/check.js';

/** As in the stock_moves schema. */
export const MAX_REASON_LENGTH = 200;

export interface AdjustmentDraft {
  sku: string;
  /** Signed change: +3 found, −2 broken. */
  qty: number;
  reason: string;
}

export type AdjustResult =
  | { ok: true; move: StockMove }
  | { ok: false; code: AuthorityCode | 'INVALID_MOVE' | 'UNKNOWN_SKU'; message: string };

/**
 * Writes a stock adjustment to the ledger: a `stock_moves` fact, never a count field. The model decides first —
 * the operator's roles, the approving manager where one is needed, a non-zero quantity and a reason — so a
 * refusal is explained here rather than by the server after sync.
 */
export async function recordStockAdjustment(
  db: TerminalDb,
  draft: AdjustmentDraft,
  actor: Actor,
  approvedBy: string | null,
  newId: () => string,
  now: () => Date = () => new Date(),
): Promise<AdjustResult> {
  const authority = await checkAuthority(db, actor, STOCK_MOVE_ACTION.adjust, approvedBy);
  if (!authority.ok) return authority;
  const reason = draft.reason.trim();
  if (!Number.isInteger(draft.qty) || Math.abs(draft.qty) > MAX_STOCK_QTY) {
    return { ok: false, code: 'INVALID_MOVE', message: `the quantity must be a whole number within ±${MAX_STOCK_QTY}` };
  }
  if (reason.length > MAX_REASON_LENGTH) return { ok: false, code: 'INVALID_MOVE', message: `the reason is longer than ${MAX_REASON_LENGTH} characters` };
  const check = checkStockMove({ kind: 'adjust', qty: draft.qty, reason });
  if (!check.ok) return { ok: false, code: 'INVALID_MOVE', message: check.message };
  if (!(await db.products.findOne(draft.sku).exec())) return { ok: false, code: 'UNKNOWN_SKU', message: `no product ${draft.sku} in this store` };
  const move: StockMove = {
    id: newId(),
    storeId: actor.storeId,
    sku: draft.sku,
    kind: 'adjust',
    qty: draft.qty,
    at: now().toISOString(),
    operatorId: actor.operatorId,
    deviceId: actor.deviceId,
    reason,
    ...(authority.approvedBy ? { approvedBy: authority.approvedBy } : {}),
  };
  await db.stock_moves.insert(move);
  return { ok: true, move };
}
