import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StockMove } from '../model/stock.js';
import type { PushResponse, WireDoc } from '../protocol/sync.js';
import { makeOperatorInput, makeStockMove, startTestServer, testOperatorId, type TestServer } from './testing.js';

type Device = { deviceId: string; storeId: string; token: string };

let s: TestServer;
let d1: Device;
let d2: Device;
const picker = testOperatorId('S001', 'picker');
const lead = testOperatorId('S001');
beforeEach(async () => {
  s = await startTestServer();
  await s.admin.seedStore('S001');
  await s.admin.seedStore('S002', { location: { lat: 23.13, lon: 113.26 } });
  d1 = await s.admin.enroll('S001', 'T1');
  d2 = await s.admin.enroll('S002', 'T2');
});
afterEach(async () => {
  await s.close();
});

async function push(device: Device, moves: Array<StockMove | WireDoc<'stock_moves'>>): Promise<PushResponse<'stock_moves'>> {
  const res = await s.sync.push(device.token, 'stock_moves', moves.map((m) => ({ newDocumentState: { _deleted: false, ...m } })));
  expect(res.status).toBe(200);
  return res.body;
}

const codes = (res: PushResponse<'stock_moves'>) => res.rejected.map((r) => [r.documentId, r.code]);

async function storedMoves(): Promise<Array<{ id: string; position: number; data: StockMove }>> {
  return s.db.query("SELECT id, position, data FROM docs WHERE collection = 'stock_moves' ORDER BY id");
}

const adjust = (overrides: Partial<StockMove>) => makeStockMove(d1, { kind: 'adjust', qty: -2, reason: 'broken bottles', operatorId: picker, ...overrides });

describe('stock moves pushed by terminals', () => {
  it('a stock adjustment by a picker needs the approval of another operator who is an active manager', async () => {
    const clerk = makeOperatorInput({ roles: ['counter', 'packer'] });
    await s.admin.putOperators('S001', [clerk]);
    const unapproved = adjust({});
    const byManager = adjust({ approvedBy: lead });
    const byClerk = adjust({ approvedBy: clerk.id });
    const byThemselves = adjust({ operatorId: lead, approvedBy: lead });
    const byOtherStoresManager = adjust({ approvedBy: testOperatorId('S002') });
    const managerAlone = adjust({ operatorId: lead });
    const res = await push(d1, [unapproved, byManager, byClerk, byThemselves, byOtherStoresManager, managerAlone]);
    expect(codes(res)).toEqual([
      [unapproved.id, 'APPROVAL_REQUIRED'],
      [byClerk.id, 'APPROVAL_REQUIRED'],
      [byThemselves.id, 'APPROVAL_REQUIRED'],
      [byOtherStoresManager.id, 'APPROVAL_REQUIRED'],
    ]);
    expect(res.rejected[0]?.message).toMatch(new RegExp(`stock\\.adjust by operator "${picker}" needs a manager's approval`));
    expect(res.rejected[1]?.message).toContain(`"${clerk.id}"`);
    expect((await storedMoves()).map((m) => m.id).sort()).toEqual([byManager.id, managerAlone.id].sort());
    expect((await storedMoves()).find((m) => m.id === byManager.id)?.data).toMatchObject({ operatorId: picker, approvedBy: lead });
  });

  it('an approval by a manager who was deactivated by then does not count', async () => {
    const boss = makeOperatorInput({ roles: ['manager'] });
    await s.admin.putOperators('S001', [boss]);
    const { pin: _pin, ...noPin } = boss;
    await s.admin.putOperators('S001', [{ ...noPin, active: false }]);
    const res = await push(d1, [adjust({ approvedBy: boss.id })]);
    expect(res.rejected).toEqual([expect.objectContaining({ code: 'APPROVAL_REQUIRED', message: expect.stringContaining('inactive') })]);
  });

  it('refuses bad moves with reasons, each on its own', async () => {
    const good = makeStockMove(d1, { operatorId: picker });
    const pickUp = makeStockMove(d1, { kind: 'pick', qty: 3 });
    const noReason = makeStockMove(d1, { kind: 'adjust', qty: 4, operatorId: lead });
    const fractional = makeStockMove(d1, { qty: 1.5 });
    const otherDevice = makeStockMove({ ...d1, deviceId: d2.deviceId });
    const otherStore = makeStockMove({ ...d1, storeId: 'S002' });
    const counterReceives = makeStockMove(d2, { operatorId: testOperatorId('S001') });
    const approvalNotAsked = makeStockMove(d1, { approvedBy: lead, operatorId: picker });
    const res = await push(d1, [good, pickUp, noReason, fractional, otherDevice, otherStore, approvalNotAsked]);
    expect(codes(res)).toEqual([
      [pickUp.id, 'VALIDATION_FAILED'],
      [noReason.id, 'VALIDATION_FAILED'],
      [fractional.id, 'VALIDATION_FAILED'],
      [otherDevice.id, 'DEVICE_MISMATCH'],
      [otherStore.id, 'STORE_MISMATCH'],
      [approvalNotAsked.id, 'VALIDATION_FAILED'],
    ]);
    expect(res.rejected[0]?.message).toMatch(/negative/);
    expect(res.rejected[1]?.message).toMatch(/reason/);
    expect((await push(d2, [counterReceives])).rejected.map((r) => r.code)).toEqual(['UNKNOWN_OPERATOR']);
    expect((await storedMoves()).map((m) => m.id)).toEqual([good.id]);
  });

  it('gates each kind of move by role: a counter clerk may not receive stock (FORBIDDEN)', async () => {
    const clerk = makeOperatorInput({ roles: ['counter'] });
    await s.admin.putOperators('S001', [clerk]);
    const receive = makeStockMove(d1, { operatorId: clerk.id });
    const count = makeStockMove(d1, { kind: 'count', qty: 12, operatorId: picker });
    const res = await push(d1, [receive, count]);
    expect(codes(res)).toEqual([[receive.id, 'FORBIDDEN']]);
    expect(res.rejected[0]?.message).toContain('stock.receive');
  });

  it('is append-only and idempotent: a retry changes nothing, a different move under the same id is a conflict, a tombstone is refused', async () => {
    const move = makeStockMove(d1, { operatorId: picker });
    expect(await push(d1, [move])).toEqual({ conflicts: [], rejected: [] });
    const before = await storedMoves();
    const seq = await s.db.query("SELECT seq FROM stores WHERE id = 'S001'");
    expect(await push(d1, [move])).toEqual({ conflicts: [], rejected: [] });
    expect(await storedMoves()).toEqual(before);
    expect(await s.db.query("SELECT seq FROM stores WHERE id = 'S001'")).toEqual(seq);

    const rewritten = await push(d1, [{ ...move, qty: 500 }]);
    expect(rewritten).toEqual({ conflicts: [{ ...move, _deleted: false }], rejected: [] });
    const tombstone = await push(d1, [{ ...move, _deleted: true }]);
    expect(tombstone.rejected).toEqual([{ documentId: move.id, code: 'VALIDATION_FAILED', message: expect.stringMatching(/append-only/) }]);
    expect(await storedMoves()).toEqual(before);
    const pulled = await s.sync.pull(d1.token, 'stock_moves');
    expect(pulled.body.documents).toEqual([{ ...move, _deleted: false }]);
    expect((await s.sync.pull(d2.token, 'stock_moves')).body.documents).toEqual([]);
  });
});
