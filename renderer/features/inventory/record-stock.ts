import type { TerminalDb } from '../../db/index.js';
import { checkStockMove, MAX_STOCK_QTY, STOCK_MOVE_ACTION, type StockMove } from '../../../sync/model/index.js';
import type { Actor, AuthorityCode } from '../approval/authorize.js';
import { checkAuthority } from '../approval/check.js';
import type { ReceiveLine } from './receive-draft.js';

export type StockRecordCode = AuthorityCode | 'INVALID_MOVE' | 'UNKNOWN_SKU' | 'NOTHING_TO_RECEIVE' | 'WRITE_FAILED';

export type StockRecordResult =
  | { ok: true; moves: StockMove[] }
  | { ok: false; code: StockRecordCode; message: string };

type Clock = () => Date;

function baseMove(actor: Actor, sku: string, kind: 'receive' | 'count', qty: number, id: string, at: string): StockMove {
  return { id, storeId: actor.storeId, sku, kind, qty, at, operatorId: actor.operatorId, deviceId: actor.deviceId };
}

async function unknownSkus(db: TerminalDb, skus: readonly string[]): Promise<string[]> {
  const found = await db.products.findByIds([...skus]).exec();
  return skus.filter((sku) => !found.has(sku));
}

/**
 * A delivery into the ledger: one `receive` move per product, positive. Every line is checked before anything is
 * written, so a refused delivery leaves the ledger as it was and the operator can correct the draft and retry.
 */
export async function recordReceipt(db: TerminalDb, lines: readonly ReceiveLine[], actor: Actor, newId: () => string, now: Clock = () => new Date()): Promise<StockRecordResult> {
  const authority = await checkAuthority(db, actor, STOCK_MOVE_ACTION.receive, null);
  if (!authority.ok) return authority;
  if (lines.length === 0) return { ok: false, code: 'NOTHING_TO_RECEIVE', message: 'scan the products of the delivery first' };
  const skus = lines.map((l) => l.sku);
  if (new Set(skus).size !== skus.length) return { ok: false, code: 'INVALID_MOVE', message: 'each product is received on one line' };
  for (const line of lines) {
    const check = checkStockMove({ kind: 'receive', qty: line.qty });
    if (!check.ok || !Number.isInteger(line.qty) || line.qty > MAX_STOCK_QTY) {
      return { ok: false, code: 'INVALID_MOVE', message: `${line.sku}: the quantity received must be a whole number from 1 to ${MAX_STOCK_QTY}` };
    }
  }
  const missing = await unknownSkus(db, skus);
  if (missing.length > 0) return { ok: false, code: 'UNKNOWN_SKU', message: `no product ${missing.join(', ')} in this store` };
  const at = now().toISOString();
  const moves = lines.map((l) => baseMove(actor, l.sku, 'receive', l.qty, newId(), at));
  const written = await db.stock_moves.bulkInsert(moves);
  if (written.error.length > 0) {
    // Fresh ids cannot collide; a failure here is storage trouble, reported with what did land.
    const landed = new Set(written.success.map((d) => d.primary));
    return { ok: false, code: 'WRITE_FAILED', message: `not recorded: ${moves.filter((m) => !landed.has(m.id)).map((m) => m.sku).join(', ')}` };
  }
  return { ok: true, moves };
}

/**
 * A shelf count into the ledger: one `count` move stating what is on the shelf (not a difference), so two
 * terminals counting the same shelf offline agree once their moves meet.
 */
export async function recordCount(db: TerminalDb, count: { sku: string; qty: number }, actor: Actor, newId: () => string, now: Clock = () => new Date()): Promise<StockRecordResult> {
  const authority = await checkAuthority(db, actor, STOCK_MOVE_ACTION.count, null);
  if (!authority.ok) return authority;
  const check = checkStockMove({ kind: 'count', qty: count.qty });
  if (!check.ok || !Number.isInteger(count.qty) || count.qty > MAX_STOCK_QTY) {
    return { ok: false, code: 'INVALID_MOVE', message: `the count must be a whole number from 0 to ${MAX_STOCK_QTY}` };
  }
  if ((await unknownSkus(db, [count.sku])).length > 0) return { ok: false, code: 'UNKNOWN_SKU', message: `no product ${count.sku} in this store` };
  const move = baseMove(actor, count.sku, 'count', count.qty, newId(), now().toISOString());
  await db.stock_moves.insert(move);
  return { ok: true, moves: [move] };
}
