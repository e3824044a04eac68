import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PickedLine } from '../../model/order-event.js';
import { collect, storeHandedOver } from '../reports/reports.testkit.js';
import { startTestServer, type TestServer } from '../testing.js';
import { counterDailySales, counterPeriodSales } from './sales.js';

/**
 * The sales aggregation's edges, on orders and moves stored as a push stores them (storeHandedOver): returns of a
 * sale made under a promotion in an earlier month, a substitute returned, the lowest of two promotions, a store in
 * another time zone, and an empty scope.
 */
let s: TestServer;

beforeEach(async () => {
  s = await startTestServer();
  await s.admin.seedStore('S1', { timezone: 'Asia/Shanghai' });
  await s.admin.seedStore('S2', { timezone: 'America/New_York' });
  await s.db.query(`INSERT INTO suppliers (id, name) VALUES ('SA', 'A')`);
  await s.db.query(`INSERT INTO concession_counters (id, store_id, supplier_id, name, area_code, category) VALUES
    ('C1', 'S1', 'SA', 'c1', 'F1', 'x'), ('C2', 'S2', 'SA', 'c2', 'F2', 'x')`);
  await s.db.query(`INSERT INTO counter_skus (store_id, sku, counter_id) VALUES ('S1', 'A', 'C1'), ('S1', 'SUB', 'C1'), ('S2', 'B', 'C2')`);
  await s.db.query(`INSERT INTO counter_contracts (counter_id, period_from, base_rate_bp, set_by, reason) VALUES ('C1', '2026-01-01', 2500, 't', 't'), ('C2', '2026-01-01', 3000, 't', 't')`);
  await s.db.query(`INSERT INTO promotions (id, name, from_day, to_day, rate_bp, counter_ids, area_codes, created_by) VALUES
    ('P-HI', 'high', '2026-09-29', '2026-09-30', 2200, '{C1}', '{}', 't'), ('P-LO', 'low', '2026-09-30', '2026-10-02', 1800, '{}', '{F1}', 't')`);
});
afterEach(async () => {
  await s.close();
});

const picked = (lines: [string, number, number, { sku: string; qty: number } | null][]): PickedLine[] =>
  lines.map(([sku, ordered, got, substitute], i) => ({ lineIndex: i, sku, ordered, picked: got, substitute, shortReason: null }));

async function returnMove(storeId: string, orderId: string, sku: string, qty: number, at: string, id: string) {
  await s.db.query(`INSERT INTO docs (store_id, collection, id, position, data) VALUES ($1, 'stock_moves', $2, 1, $3::jsonb)`,
    [storeId, id, JSON.stringify({ id, storeId, sku, kind: 'return', qty, at, orderId, operatorId: 'o', deviceId: 'd' })]);
}

describe('counter sales', () => {
  it('puts a return in the rate group of its sale, a month later, and values a substitute at its line', async () => {
    // 30 September (Beijing): both promotions apply to C1, the lower rate wins. Line 2 was substituted by SUB.
    await storeHandedOver(s.db, { id: 'O1', storeId: 'S1', lines: [{ sku: 'A', name: 'a', qty: 2, unitPrice: 1000 }, { sku: 'Z', name: 'z', qty: 1, unitPrice: 700 }] },
      '2026-09-30T04:00:00.000Z', picked([['A', 2, 2, null], ['Z', 1, 0, { sku: 'SUB', qty: 1 }]]));
    // 3 October: no promotion.
    await storeHandedOver(s.db, { id: 'O2', storeId: 'S1', lines: [{ sku: 'A', name: 'a', qty: 1, unitPrice: 1000 }] }, '2026-10-03T04:00:00.000Z', null);
    // S2 in New York: 1 October 23:30 local is 2 October UTC, still 1 October there.
    await storeHandedOver(s.db, { id: 'O3', storeId: 'S2', lines: [{ sku: 'B', name: 'b', qty: 1, unitPrice: 5000 }] }, '2026-10-02T03:30:00.000Z', null);
    await returnMove('S1', 'O1', 'A', 1, '2026-10-05T04:00:00.000Z', 'M1');
    await returnMove('S1', 'O1', 'SUB', 1, '2026-10-05T05:00:00.000Z', 'M2');

    const october = await collect(counterDailySales(s.db, { counterIds: ['C1', 'C2'], from: '2026-10-01', to: '2026-10-31' }));
    expect(october.map((r) => [r.day, r.counterId, r.sku, r.promotionId, r.rateBp, r.sales, r.returns, r.orders])).toEqual([
      ['2026-10-01', 'C2', 'B', null, 3000, 5000, 0, 1],
      ['2026-10-03', 'C1', 'A', null, 2500, 1000, 0, 1],
      ['2026-10-05', 'C1', 'A', 'P-LO', 1800, 0, 1000, 0],
      ['2026-10-05', 'C1', 'SUB', 'P-LO', 1800, 0, 700, 0],
    ]);
    const september = await collect(counterPeriodSales(s.db, { counterIds: ['C1'], from: '2026-09-01', to: '2026-09-30' }, []));
    expect(september.map((r) => [r.periodLabel, r.sku, r.promotionId, r.sales, r.returns])).toEqual([['2026-09', 'A', 'P-LO', 2000, 0], ['2026-09', 'SUB', 'P-LO', 700, 0]]);
  });

  it('reads a range from 29 February, and puts a return in the group of a promotion more than a year before it', async () => {
    // A leap day as the range's first day: a year back of it is no day at all, yet the query must answer.
    await storeHandedOver(s.db, { id: 'O-LEAP', storeId: 'S1', lines: [{ sku: 'A', name: 'a', qty: 1, unitPrice: 1000 }] }, '2024-02-29T04:00:00.000Z', null);
    expect((await collect(counterDailySales(s.db, { counterIds: ['C1'], from: '2024-02-29', to: '2024-02-29' }))).map((r) => [r.day, r.sales])).toEqual([['2024-02-29', 1000]]);
    // Sold on 30 September 2025 under P-OLD, returned on 5 October 2026: the return keeps the promotion's rate.
    await s.db.query(`INSERT INTO promotions (id, name, from_day, to_day, rate_bp, counter_ids, area_codes, created_by) VALUES
      ('P-OLD', 'old', '2025-09-29', '2025-09-30', 1500, '{C1}', '{}', 't')`);
    await storeHandedOver(s.db, { id: 'O-OLD', storeId: 'S1', lines: [{ sku: 'A', name: 'a', qty: 1, unitPrice: 3000 }] }, '2025-09-30T04:00:00.000Z', null);
    await returnMove('S1', 'O-OLD', 'A', 1, '2026-10-05T04:00:00.000Z', 'M-OLD');
    const rows = await collect(counterDailySales(s.db, { counterIds: ['C1'], from: '2026-10-05', to: '2026-10-05' }));
    expect(rows.map((r) => [r.day, r.promotionId, r.rateBp, r.returns])).toEqual([['2026-10-05', 'P-OLD', 1500, 3000]]);
  });

  it('answers nothing for no counters, and nothing of counters not asked for', async () => {
    await storeHandedOver(s.db, { id: 'O1', storeId: 'S1', lines: [{ sku: 'A', name: 'a', qty: 1, unitPrice: 1000 }] }, '2026-10-03T04:00:00.000Z', null);
    expect(await collect(counterDailySales(s.db, { counterIds: [], from: '2026-10-01', to: '2026-10-31' }))).toEqual([]);
    expect(await collect(counterDailySales(s.db, { counterIds: ['C2'], from: '2026-10-01', to: '2026-10-31' }))).toEqual([]);
  });
});
