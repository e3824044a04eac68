import { afterEach, describe, expect, it } from 'vitest';
import { firstValueFrom, filter } from 'rxjs';
import { v7 as uuidv7 } from 'uuid';
import type { TerminalDb } from '../../db/index.js';
import { closeTestDbs, openTestDb, operator, product } from '../../testing/db.js';
import type { Actor } from '../approval/authorize.js';
import { onHandFor$ } from './inventory.js';
import { EMPTY_RECEIVE, receiveScan, receiveTyped } from './receive-draft.js';
import { recordCount, recordReceipt } from './record-stock.js';

afterEach(closeTestDbs);

const picker: Actor = { operatorId: 'pick-1', roles: ['picker'], deviceId: 'dev-1', storeId: 'S001' };
const packer: Actor = { operatorId: 'pack-1', roles: ['packer'], deviceId: 'dev-1', storeId: 'S001' };
const at = (time: string) => () => new Date(`2026-11-27T${time}.000Z`);
const products = [product('SKU-1', 'Milk 1L', ['6901234567890']), product('SKU-2', 'Tea', ['6900000000002'])];

async function open(): Promise<TerminalDb> {
  const db = await openTestDb();
  await db.operators.bulkInsert([await operator('pick-1', ['picker'], null), await operator('pack-1', ['packer'], null), await operator('gone-1', ['picker'], null, { active: false })]);
  await db.products.bulkInsert(products);
  return db;
}

const onHandOf = (db: TerminalDb, ok: (m: Map<string, number>) => boolean) => firstValueFrom(onHandFor$(db, ['SKU-1', 'SKU-2']).pipe(filter(ok)));

describe('receiving by scan', () => {
  it('records one positive receive move per product and on hand rises by it', async () => {
    const db = await open();
    await recordCount(db, { sku: 'SKU-1', qty: 4 }, picker, uuidv7, at('08:00:00'));
    let draft = EMPTY_RECEIVE;
    for (const code of ['6901234567890', '6900000000002', '6901234567890', '6901234567890']) draft = receiveScan(draft, code, products).draft;
    draft = receiveTyped(receiveScan(draft, '6900000000002', products).draft, '12').draft;

    const done = await recordReceipt(db, draft.lines, picker, uuidv7, at('09:00:00'));
    expect(done.ok).toBe(true);
    const stored = (await db.stock_moves.find({ selector: { kind: 'receive' } }).exec()).map((d) => d.toJSON());
    expect(stored.sort((a, b) => a.sku.localeCompare(b.sku))).toEqual([
      expect.objectContaining({ kind: 'receive', sku: 'SKU-1', qty: 3, operatorId: 'pick-1', deviceId: 'dev-1', storeId: 'S001', at: '2026-11-27T09:00:00.000Z' }),
      expect.objectContaining({ kind: 'receive', sku: 'SKU-2', qty: 12, operatorId: 'pick-1' }),
    ]);
    expect(stored.every((m) => m.approvedBy === undefined)).toBe(true);
    expect([...(await onHandOf(db, (m) => m.get('SKU-2') === 12))]).toEqual([['SKU-1', 7], ['SKU-2', 12]]);
  });

  it('refuses without writing anything: a role that may not receive, an inactive operator, an empty or bad delivery, an unknown SKU', async () => {
    const db = await open();
    const lines = [{ sku: 'SKU-1', qty: 2 }];
    expect(await recordReceipt(db, lines, packer, uuidv7)).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    // The roles the terminal's database holds win over what the caller claims.
    expect(await recordReceipt(db, lines, { ...packer, roles: ['picker'] }, uuidv7)).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(await recordReceipt(db, lines, { ...picker, operatorId: 'gone-1' }, uuidv7)).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(await recordReceipt(db, [], picker, uuidv7)).toMatchObject({ ok: false, code: 'NOTHING_TO_RECEIVE' });
    expect(await recordReceipt(db, [{ sku: 'SKU-1', qty: 0 }], picker, uuidv7)).toMatchObject({ ok: false, code: 'INVALID_MOVE' });
    expect(await recordReceipt(db, [{ sku: 'SKU-1', qty: 1.5 }], picker, uuidv7)).toMatchObject({ ok: false, code: 'INVALID_MOVE' });
    expect(await recordReceipt(db, [{ sku: 'SKU-1', qty: 1 }, { sku: 'SKU-1', qty: 1 }], picker, uuidv7)).toMatchObject({ ok: false, code: 'INVALID_MOVE' });
    expect(await recordReceipt(db, [{ sku: 'SKU-1', qty: 1 }, { sku: 'NOPE', qty: 1 }], picker, uuidv7)).toMatchObject({ ok: false, code: 'UNKNOWN_SKU' });
    expect(await db.stock_moves.count().exec()).toBe(0);
  });
});

describe('counting', () => {
  it('records the shelf quantity as a count move, which on hand then states whatever came before', async () => {
    const db = await open();
    await recordReceipt(db, [{ sku: 'SKU-1', qty: 10 }], picker, uuidv7, at('08:00:00'));
    const counted = await recordCount(db, { sku: 'SKU-1', qty: 6 }, picker, uuidv7, at('09:00:00'));
    expect(counted).toMatchObject({ ok: true, moves: [{ kind: 'count', sku: 'SKU-1', qty: 6, operatorId: 'pick-1' }] });
    await recordReceipt(db, [{ sku: 'SKU-1', qty: 2 }], picker, uuidv7, at('10:00:00'));
    expect((await onHandOf(db, (m) => m.get('SKU-1') === 8)).get('SKU-1')).toBe(8);
    expect(await recordCount(db, { sku: 'SKU-1', qty: 0 }, picker, uuidv7, at('11:00:00'))).toMatchObject({ ok: true });
    expect((await onHandOf(db, (m) => m.get('SKU-1') === 0)).get('SKU-1')).toBe(0);
  });

  it('refuses a packer, a negative or fractional count and an unknown SKU', async () => {
    const db = await open();
    expect(await recordCount(db, { sku: 'SKU-1', qty: 3 }, packer, uuidv7)).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(await recordCount(db, { sku: 'SKU-1', qty: -1 }, picker, uuidv7)).toMatchObject({ ok: false, code: 'INVALID_MOVE' });
    expect(await recordCount(db, { sku: 'SKU-1', qty: 2.5 }, picker, uuidv7)).toMatchObject({ ok: false, code: 'INVALID_MOVE' });
    expect(await recordCount(db, { sku: 'NOPE', qty: 1 }, picker, uuidv7)).toMatchObject({ ok: false, code: 'UNKNOWN_SKU' });
    expect(await db.stock_moves.count().exec()).toBe(0);
  });
});
