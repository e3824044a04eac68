/**
 * Master data that would reprice what an issued statement already says: a promotion's rate, days and coverage, a
 * counter's area code (409 STATEMENT_ISSUED), and a SKU leaving a counter that sold it in an issued period (409
 * SKU_HAS_SALES). Changes that touch only days no issued statement covers go through, and so does a change once
 * finance has started a correction (the current version is then a draft).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ErrorBody } from '../../../protocol/errors.js';
import { settlementMasterRoutes as routes, type Promotion } from '../../../protocol/settlement-master.js';
import { seedConsoleUser, signInConsole, type ConsoleClient } from '../../console-auth/console-auth.testkit.js';
import { storeHandedOver } from '../../reports/reports.testkit.js';
import { startTestServer, type TestServer } from '../../testing.js';
import { draftStatements } from '../draft.js';
import { correctStatement, issuePeriod } from '../events.js';
import { currentStatement } from '../statements.js';
import { insertContract, insertCounter, insertPromotion, insertSupplier } from './master.testkit.js';

let s: TestServer;
let finance: ConsoleClient;
const OCT = '2026-10-01';

beforeEach(async () => {
  s = await startTestServer();
  await s.admin.createStore({ id: 'S1', timezone: 'Asia/Shanghai' });
  await insertSupplier(s, { id: 'SUP' });
  // C1 has an issued October statement; C2 (same store) has none.
  await insertCounter(s, { id: 'C1', storeId: 'S1', supplierId: 'SUP', areaCode: 'A1', skus: ['K1', 'K2', 'K3'] });
  await insertCounter(s, { id: 'C2', storeId: 'S1', supplierId: 'SUP', areaCode: 'B1' });
  for (const c of ['C1', 'C2']) await insertContract(s, { counterId: c, periodFrom: '2026-01-01', baseRateBp: 2500 });
  await insertPromotion(s, { id: 'P-OCT', fromDay: '2026-10-10', toDay: '2026-10-12', rateBp: 2000, counterIds: ['C1'] });
  await insertPromotion(s, { id: 'P-NOV', fromDay: '2026-11-02', toDay: '2026-11-05', rateBp: 2000, counterIds: ['C1'] });
  await insertPromotion(s, { id: 'P-AREA', fromDay: '2026-10-01', toDay: '2026-10-03', rateBp: 1500, areaCodes: ['A1'] });
  // K1 sold on 11 October, K2 returned on 20 October (sold in September); K3 never sold.
  await storeHandedOver(s.db, { id: 'O1', storeId: 'S1', lines: [{ sku: 'K1', name: 'k1', qty: 1, unitPrice: 1000 }] }, '2026-10-11T04:00:00.000Z', null);
  await storeHandedOver(s.db, { id: 'O2', storeId: 'S1', lines: [{ sku: 'K2', name: 'k2', qty: 1, unitPrice: 1000 }] }, '2026-09-11T04:00:00.000Z', null);
  await s.db.query(`INSERT INTO docs (store_id, collection, id, position, data) VALUES ('S1', 'stock_moves', 'M1', 1, $1::jsonb)`, [
    JSON.stringify({ id: 'M1', storeId: 'S1', sku: 'K2', kind: 'return', qty: 1, at: '2026-10-20T04:00:00.000Z', orderId: 'O2', operatorId: 'o', deviceId: 'd' }),
  ]);
  await draftStatements(s.db, OCT, 'test', 'C1');
  await issuePeriod(s.db, OCT, 'test', 'C1');
  await seedConsoleUser(s, { name: 'finance', role: 'finance' });
  finance = await signInConsole(s.url, 'finance', 'test-password-finance');
});
afterEach(async () => {
  await s.close();
});

const terms = { name: 'promo', fromDay: '2026-10-10', toDay: '2026-10-12', rateBp: 2000, counterIds: ['C1'], areaCodes: [] as string[] };
const putPromotion = (id: string, body: Partial<typeof terms>) => finance.request<Promotion & ErrorBody>('PUT', routes.promotion(id), { ...terms, ...body });

describe('promotions over issued statements', () => {
  it('refuses a new rate, days or coverage on days an issued statement covers; a name, or days no statement covers, go through', async () => {
    const rate = await putPromotion('P-OCT', { rateBp: 1800 });
    expect([rate.status, rate.body.code]).toEqual([409, 'STATEMENT_ISSUED']);
    expect(rate.body.details).toMatchObject({ statements: [{ number: expect.any(String) as string, counterId: 'C1', periodFrom: OCT, status: 'issued' }] });
    expect((await putPromotion('P-OCT', { toDay: '2026-11-03' })).body.code).toBe('STATEMENT_ISSUED');
    expect((await putPromotion('P-OCT', { fromDay: '2026-11-01', toDay: '2026-11-03' })).body.code).toBe('STATEMENT_ISSUED');
    expect((await putPromotion('P-OCT', { counterIds: ['C2'] })).body.code).toBe('STATEMENT_ISSUED');
    expect((await putPromotion('P-OCT', { counterIds: [], areaCodes: ['A1'] })).status).toBe(200); // the same counter, the same days
    expect((await putPromotion('P-OCT', { name: 'renamed', counterIds: ['C1', 'C2'] })).status).toBe(200); // C2 has no statement
    // November is not issued: anything goes there, and October's other counters are untouched.
    expect((await putPromotion('P-NOV', { fromDay: '2026-11-01', toDay: '2026-11-30', rateBp: 1000 })).status).toBe(200);
    const created = await finance.request<ErrorBody>('POST', routes.promotions, { ...terms, id: 'P-NEW', fromDay: '2026-10-31', toDay: '2026-11-02', counterIds: [], areaCodes: ['A1'] });
    expect([created.status, created.body.code]).toEqual([409, 'STATEMENT_ISSUED']);
    expect((await finance.request('POST', routes.promotions, { ...terms, id: 'P-NEW', counterIds: [], areaCodes: ['B1'] })).status).toBe(201);
  });

  it('lets the change through once a correction of the statement is under way (its current version a draft)', async () => {
    const issued = await currentStatement(s.db, 'C1', OCT);
    await correctStatement(s.db, issued!.id, 'promotion rate was wrong', 'test');
    expect((await putPromotion('P-OCT', { rateBp: 1800 })).status).toBe(200);
  });
});

describe("a counter's area code over issued statements", () => {
  it('refuses a move that a promotion by area code prices in an issued period; other moves go through', async () => {
    const moved = await finance.request<ErrorBody>('PUT', routes.counter('C1'), { name: 'c1', areaCode: 'Z9', category: 'x' });
    expect([moved.status, moved.body.code]).toEqual([409, 'STATEMENT_ISSUED']);
    expect((await finance.request('PUT', routes.counter('C2'), { name: 'c2', areaCode: 'Z9', category: 'x' })).status).toBe(200);
    // Once no promotion by area code touches C1's issued days, its area may change.
    await s.db.query(`UPDATE promotions SET from_day = '2026-11-01', to_day = '2026-11-03' WHERE id = 'P-AREA'`);
    expect((await finance.request('PUT', routes.counter('C1'), { name: 'c1', areaCode: 'Z9', category: 'x' })).status).toBe(200);
  });
});

describe('SKUs leaving a counter', () => {
  it('refuses to remove a SKU sold or returned in an issued period (SKU_HAS_SALES); one never sold may go', async () => {
    const sold = await finance.request<ErrorBody>('PUT', routes.counterSkus('C1'), { skus: ['K2', 'K3'] });
    expect([sold.status, sold.body.code]).toEqual([409, 'SKU_HAS_SALES']);
    expect(sold.body.details).toMatchObject({ counterId: 'C1', skus: ['K1'], periods: [OCT] });
    const returned = await finance.request<ErrorBody>('PUT', routes.counterSkus('C1'), { skus: ['K1', 'K3'] });
    expect(returned.body).toMatchObject({ code: 'SKU_HAS_SALES', details: { skus: ['K2'] } });
    expect((await finance.request('PUT', routes.counterSkus('C1'), { skus: ['K1', 'K2'] })).status).toBe(200);
    // So a SKU cannot move to another counter and take C1's October sales with it.
    expect((await finance.request<ErrorBody>('PUT', routes.counterSkus('C1'), { skus: ['K2'] })).body.code).toBe('SKU_HAS_SALES');
    expect((await finance.request<ErrorBody>('PUT', routes.counterSkus('C2'), { skus: ['K1'] })).body.code).toBe('SKU_CLAIMED');
  });
});
