import { afterEach, describe, expect, it } from 'vitest';
import { firstValueFrom } from 'rxjs';
import { v7 as uuidv7 } from 'uuid';
import type { TerminalDb } from '../../db/index.js';
import type { Payment } from '../../../sync/model/index.js';
import { closeTestDbs, openTestDb, operator } from '../../testing/db.js';
import type { Actor } from '../approval/authorize.js';
import { drawer$, workingDay$ } from './live.js';
import { recordTill } from './record.js';

afterEach(closeTestDbs);

const TZ = 'Asia/Shanghai';
const counter: Actor = { operatorId: 'ct-1', roles: ['counter'], deviceId: 'dev-1', storeId: 'S001' };
const manager: Actor = { operatorId: 'mg-1', roles: ['manager'], deviceId: 'dev-1', storeId: 'S001' };
/** 2026-12-02 in Shanghai: 09:00 local plus m minutes. */
const at = (m: number) => new Date(Date.parse('2026-12-02T01:00:00.000Z') + m * 60_000);
const key = { storeId: 'S001', deviceId: 'dev-1', businessDay: '2026-12-02', timeZone: TZ };

async function terminal(): Promise<TerminalDb> {
  const db = await openTestDb();
  await db.operators.bulkInsert([await operator('ct-1', ['counter'], null), await operator('mg-1', ['manager'], null)]);
  return db;
}
const cash = (amount: number, m: number): Payment => ({
  id: uuidv7(), storeId: 'S001', orderId: `O-${m}`, eventId: uuidv7(), method: 'cash', amount, currency: 'CNY', due: amount, difference: 0,
  tendered: amount, change: 0, operatorId: 'ct-1', deviceId: 'dev-1', at: at(m).toISOString(),
});

describe('the drawer on the terminal', () => {
  it('records the day from the float to a close beyond the tolerance, which needs a manager and a reason', async () => {
    const db = await terminal();
    const state = () => firstValueFrom(drawer$(db, key));
    expect(await recordTill(db, counter, await state(), TZ, { type: 'opened', amount: 20000 }, { id: uuidv7(), now: () => at(0) })).toMatchObject({ ok: true });
    await db.payments.insert(cash(1050, 5));
    expect(await recordTill(db, counter, await state(), TZ, { type: 'opened', amount: 1 }, { id: uuidv7(), now: () => at(6) })).toMatchObject({ ok: false, code: 'ALREADY_OPEN' });
    const denominations = [{ fen: 10000 as const, qty: 2 }];
    expect(await recordTill(db, counter, await state(), TZ, { type: 'counted', denominations, counted: 20000 }, { id: uuidv7(), now: () => at(10) })).toMatchObject({ ok: true });
    const s = await state();
    expect(s.count).toMatchObject({ expected: 21050, variance: -1050 });
    const close = { type: 'closed' as const, counted: 20000, expected: 21050, variance: -1050, tolerance: 500, reason: 'short' };
    expect(await recordTill(db, counter, s, TZ, close, { id: uuidv7(), now: () => at(11) })).toMatchObject({ ok: false, code: 'NEEDS_APPROVAL' });
    expect(await recordTill(db, counter, s, TZ, { ...close, approvedBy: 'ct-1' }, { id: uuidv7(), now: () => at(11) })).toMatchObject({ ok: false, code: 'APPROVER_INVALID' });
    const id = uuidv7();
    expect(await recordTill(db, counter, s, TZ, { ...close, approvedBy: 'mg-1' }, { id, now: () => at(11) })).toMatchObject({ ok: true });
    expect((await state()).state).toBe('closed');
    // Reopening is a manager's.
    expect(await recordTill(db, counter, await state(), TZ, { type: 'reopened', reason: 'recount' }, { id: uuidv7(), now: () => at(12) })).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(await recordTill(db, manager, await state(), TZ, { type: 'reopened', reason: 'recount' }, { id: uuidv7(), now: () => at(12) })).toMatchObject({ ok: true });
    expect((await state()).state).toBe('open');
  });

  it('works on yesterday\'s drawer until it is closed, then on today', async () => {
    const db = await terminal();
    const today = '2026-12-03';
    const working = () => firstValueFrom(workingDay$(db, { storeId: 'S001', deviceId: 'dev-1', timeZone: TZ }, today));
    expect(await working()).toBe(today);
    await recordTill(db, counter, await firstValueFrom(drawer$(db, key)), TZ, { type: 'opened', amount: 0 }, { id: uuidv7(), now: () => at(0) });
    expect(await working()).toBe('2026-12-02');
    const after = () => new Date('2026-12-02T16:30:00.000Z');
    await recordTill(db, counter, await firstValueFrom(drawer$(db, key)), TZ, { type: 'counted', denominations: [], counted: 0 }, { id: uuidv7(), now: after });
    await recordTill(db, counter, await firstValueFrom(drawer$(db, key)), TZ, { type: 'closed', counted: 0, expected: 0, variance: 0, tolerance: 500 }, { id: uuidv7(), now: after });
    expect(await working()).toBe(today);
  });
});
