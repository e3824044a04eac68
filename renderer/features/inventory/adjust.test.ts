import { afterEach, describe, expect, it } from 'vitest';
import { firstValueFrom, filter } from 'rxjs';
import { v7 as uuidv7 } from 'uuid';
import type { TerminalDb } from '../../db/index.js';
import { closeTestDbs, openTestDb, operator, product } from '../../testing/db.js';
import type { Actor } from '../approval/authorize.js';
import { recordStockAdjustment } from './adjust.js';
import { onHandFor$, searchProducts } from './inventory.js';

afterEach(closeTestDbs);

const picker: Actor = { operatorId: 'pick-1', roles: ['picker'], deviceId: 'dev-1', storeId: 'S001' };
const manager: Actor = { operatorId: 'boss-1', roles: ['manager'], deviceId: 'dev-1', storeId: 'S001' };

async function open(): Promise<TerminalDb> {
  const db = await openTestDb();
  await db.operators.bulkInsert([
    await operator('pick-1', ['picker'], null),
    await operator('pack-1', ['packer'], null),
    await operator('boss-1', ['manager'], null),
    await operator('boss-old', ['manager'], null, { active: false }),
  ]);
  await db.products.bulkInsert([product('SKU-1', 'Milk 1L', ['6901234567890']), product('SKU-2', 'Tea', [], 'A2')]);
  return db;
}

describe('stock adjustment', () => {
  it('needs a manager for a picker, records both people, and on-hand follows the ledger', async () => {
    const db = await open();
    const draft = { sku: 'SKU-1', qty: -2, reason: 'broken' };
    expect(await recordStockAdjustment(db, draft, picker, null, uuidv7)).toMatchObject({ ok: false, code: 'NEEDS_APPROVAL' });
    expect(await recordStockAdjustment(db, draft, picker, 'pack-1', uuidv7)).toMatchObject({ ok: false, code: 'APPROVER_INVALID' });
    expect(await recordStockAdjustment(db, draft, picker, 'boss-old', uuidv7)).toMatchObject({ ok: false, code: 'APPROVER_INVALID' });
    expect(await recordStockAdjustment(db, draft, picker, 'nobody', uuidv7)).toMatchObject({ ok: false, code: 'APPROVER_INVALID' });
    expect(await db.stock_moves.count().exec()).toBe(0);

    const done = await recordStockAdjustment(db, draft, picker, 'boss-1', uuidv7, () => new Date('2026-11-27T10:00:00.000Z'));
    expect(done).toMatchObject({ ok: true, move: { kind: 'adjust', sku: 'SKU-1', qty: -2, operatorId: 'pick-1', approvedBy: 'boss-1', deviceId: 'dev-1', reason: 'broken', at: '2026-11-27T10:00:00.000Z' } });
    expect(await recordStockAdjustment(db, { sku: 'SKU-1', qty: 5, reason: 'found' }, manager, null, uuidv7)).toMatchObject({ ok: true });

    const stored = (await db.stock_moves.find().exec()).map((d) => d.toJSON());
    expect(stored.find((m) => m.operatorId === 'boss-1')?.approvedBy).toBeUndefined();
    const totals = await firstValueFrom(onHandFor$(db, ['SKU-1', 'SKU-2']).pipe(filter((m) => m.get('SKU-1') === 3)));
    expect([...totals]).toEqual([['SKU-1', 3], ['SKU-2', 0]]);
  });

  it('refuses a zero or fractional quantity, a missing reason and an unknown SKU', async () => {
    const db = await open();
    expect(await recordStockAdjustment(db, { sku: 'SKU-1', qty: 0, reason: 'x' }, manager, null, uuidv7)).toMatchObject({ ok: false, code: 'INVALID_MOVE' });
    expect(await recordStockAdjustment(db, { sku: 'SKU-1', qty: 1.5, reason: 'x' }, manager, null, uuidv7)).toMatchObject({ ok: false, code: 'INVALID_MOVE' });
    expect(await recordStockAdjustment(db, { sku: 'SKU-1', qty: -1, reason: '   ' }, manager, null, uuidv7)).toMatchObject({ ok: false, code: 'INVALID_MOVE' });
    expect(await recordStockAdjustment(db, { sku: 'SKU-1', qty: -1, reason: 'x'.repeat(201) }, manager, null, uuidv7)).toMatchObject({ ok: false, code: 'INVALID_MOVE' });
    expect(await recordStockAdjustment(db, { sku: 'NOPE', qty: -1, reason: 'x' }, manager, null, uuidv7)).toMatchObject({ ok: false, code: 'UNKNOWN_SKU' });
    expect(await db.stock_moves.count().exec()).toBe(0);
  });
});

describe('product search', () => {
  const products = [product('SKU-1', 'Milk 1L', ['6901234567890']), product('SKU-10', 'Oat milk', ['6900000000010']), product('TEA-3', 'Green tea')];
  it('finds by any part of SKU or name, or by barcode, and puts an exact code first', () => {
    expect(searchProducts(products, 'milk').map((p) => p.sku)).toEqual(['SKU-1', 'SKU-10']);
    expect(searchProducts(products, '6901234567890').map((p) => p.sku)).toEqual(['SKU-1']);
    const [milk, oat] = products;
    expect(searchProducts([oat!, milk!], 'sku-1').map((p) => p.sku)).toEqual(['SKU-1', 'SKU-10']);
    expect(searchProducts(products, '').length).toBe(3);
    expect(searchProducts(products, 'nothing')).toEqual([]);
    expect(searchProducts(products, '', 2).length).toBe(2);
  });
});
