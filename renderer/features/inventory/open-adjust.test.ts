import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import type { TerminalDb } from '../../db/index.js';
import { closeTestDbs, openTestDb, operator, product } from '../../testing/db.js';
import type { ApprovalRequest } from '../approval/ApprovalDialog.js';
import type { Actor } from '../approval/authorize.js';
import { recordStockAdjustment } from './adjust.js';
import { grantHolds, type AskApproval } from './open-adjust.js';
import { useInventoryUi } from './ui-state.js';

afterEach(closeTestDbs);
beforeEach(() => useInventoryUi.getState().closeAdjust());

const picker: Actor = { operatorId: 'pick-1', roles: ['picker'], deviceId: 'dev-1', storeId: 'S001' };
const manager: Actor = { operatorId: 'boss-1', roles: ['manager'], deviceId: 'dev-1', storeId: 'S001' };
const milk = { sku: 'SKU-1', name: 'Milk 1L' };

async function open(): Promise<TerminalDb> {
  const db = await openTestDb();
  await db.operators.bulkInsert([
    await operator('pick-1', ['picker'], null),
    await operator('pack-1', ['packer'], null),
    await operator('boss-1', ['manager'], null, { name: '王芳' }),
    await operator('boss-old', ['manager'], null, { active: false }),
    await operator('gone-1', ['picker'], null, { active: false }),
  ]);
  await db.products.bulkInsert([product('SKU-1', 'Milk 1L', ['6901234567890'])]);
  return db;
}

/** The manager approval dialog as the screen shows it: records what it was asked, answers as told. */
function approvalDialog(answer: string | null): AskApproval & { asked: ApprovalRequest[] } {
  const asked: ApprovalRequest[] = [];
  return Object.assign(async (request: ApprovalRequest) => {
    asked.push(request);
    return answer;
  }, { asked });
}

const ui = () => useInventoryUi.getState();

describe('opening a stock adjustment (what activating adjust-open-<sku> does)', () => {
  it('does not open for a picker without a manager: the approval comes first, and cancelling it writes nothing', async () => {
    const db = await open();
    let answer: (id: string | null) => void = () => undefined;
    const asked: ApprovalRequest[] = [];
    const pending = ui().requestAdjust(db, picker, milk, (request) => {
      asked.push(request);
      return new Promise((resolve) => (answer = resolve));
    }, 'adjust milk');
    await expect.poll(() => asked.length).toBe(1);
    // The approval dialog is up, the adjustment dialog is not.
    expect(asked[0]).toEqual({ action: 'stock.adjust', requesterId: 'pick-1', summary: 'adjust milk' });
    expect(ui()).toMatchObject({ pendingSku: 'SKU-1', adjust: null });

    answer(null);
    expect(await pending).toMatchObject({ ok: false, code: 'NOT_APPROVED' });
    expect(ui()).toMatchObject({ pendingSku: null, adjust: null });
    expect(await db.stock_moves.count().exec()).toBe(0);
  });

  it('opens for a picker once a manager approved, and the move records the picker and the manager', async () => {
    const db = await open();
    const ask = approvalDialog('boss-1');
    expect(await ui().requestAdjust(db, picker, milk, ask, 'adjust milk')).toMatchObject({ ok: true });
    const grant = ui().adjust;
    expect(grant).toEqual({ sku: 'SKU-1', requesterId: 'pick-1', approvedBy: { id: 'boss-1', name: '王芳' } });
    expect(ask.asked).toHaveLength(1);

    const done = await recordStockAdjustment(db, { sku: 'SKU-1', qty: -2, reason: 'broken' }, picker, grant?.approvedBy?.id ?? null, uuidv7);
    expect(done).toMatchObject({ ok: true });
    const stored = (await db.stock_moves.find().exec()).map((d) => d.toJSON());
    expect(stored).toEqual([expect.objectContaining({ kind: 'adjust', sku: 'SKU-1', qty: -2, operatorId: 'pick-1', approvedBy: 'boss-1', deviceId: 'dev-1' })]);
  });

  it('opens for a manager at once, asking nobody, and the move names no approver', async () => {
    const db = await open();
    const ask = approvalDialog('pack-1');
    expect(await ui().requestAdjust(db, manager, milk, ask, 'adjust milk')).toMatchObject({ ok: true });
    expect(ask.asked).toEqual([]);
    expect(ui().adjust).toEqual({ sku: 'SKU-1', requesterId: 'boss-1', approvedBy: null });

    expect(await recordStockAdjustment(db, { sku: 'SKU-1', qty: 4, reason: 'found' }, manager, null, uuidv7)).toMatchObject({ ok: true });
    const [move] = (await db.stock_moves.find().exec()).map((d) => d.toJSON());
    expect(move).toMatchObject({ operatorId: 'boss-1', qty: 4 });
    expect(move?.approvedBy).toBeUndefined();
  });

  it('stays shut when the approver is no manager, no longer active, or the picker themselves', async () => {
    const db = await open();
    for (const approver of ['pack-1', 'boss-old', 'pick-1', 'nobody']) {
      expect(await ui().requestAdjust(db, picker, milk, approvalDialog(approver), 'adjust milk'), approver).toMatchObject({ ok: false, code: 'APPROVER_INVALID' });
      expect(ui().adjust).toBeNull();
    }
  });

  it('asks nobody for a deactivated operator or an unknown product', async () => {
    const db = await open();
    const ask = approvalDialog('boss-1');
    const gone: Actor = { ...picker, operatorId: 'gone-1' };
    expect(await ui().requestAdjust(db, gone, milk, ask, 's')).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(await ui().requestAdjust(db, picker, { sku: 'NOPE', name: 'x' }, ask, 's')).toMatchObject({ ok: false, code: 'UNKNOWN_SKU' });
    expect(ask.asked).toEqual([]);
    expect(ui().adjust).toBeNull();
  });

  it('ignores an approval that arrives after the screen closed the request', async () => {
    const db = await open();
    let answer: ((id: string | null) => void) | null = null;
    const pending = ui().requestAdjust(db, picker, milk, () => new Promise((resolve) => (answer = resolve)), 's');
    await expect.poll(() => answer !== null).toBe(true);
    expect(ui().pendingSku).toBe('SKU-1');
    ui().dropPending();
    answer!('boss-1');
    expect(await pending).toMatchObject({ ok: false });
    expect(ui()).toMatchObject({ pendingSku: null, adjust: null });
  });
});

describe('grantHolds', () => {
  it('opens the dialog only for the operator who asked and the product asked for', () => {
    const grant = { sku: 'SKU-1', requesterId: 'pick-1', approvedBy: { id: 'boss-1', name: 'B' } };
    expect(grantHolds(grant, 'SKU-1', 'pick-1')).toBe(true);
    expect(grantHolds(grant, 'SKU-1', 'pack-1')).toBe(false);
    expect(grantHolds(grant, 'SKU-2', 'pick-1')).toBe(false);
    expect(grantHolds(null, 'SKU-1', 'pick-1')).toBe(false);
  });
});
