import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { zonedParts } from '../../model/zoned-time.js';
import { periodOf } from '../../model/money/periods.js';
import type { OrderLine } from '../../model/order.js';
import { COD_PAYMENT, makeOrderEvent, makeOrderInput, makeProductInput, startTestServer, type TestServer } from '../testing.js';
import { dailySales, dailySalesKey, periodSales, salesTrend } from './sales.js';
import { paymentsByDay, paymentsKey, providerPayments } from './payments.js';
import { loadPeriodRules, setPeriodRule } from './period-rules.js';
import { exceptionAges, exceptionsByDay } from './exceptions.js';
import { closedDaysReport } from './closed-days.js';
import type { ClosedDay } from '../../model/money/closed-day.js';
import { collect, handOver, storeHandedOver, type Device } from './reports.testkit.js';

let s: TestServer;
let d1: Device;
let d2: Device;

const dayIn = (at: string, tz: string) => {
  const p = zonedParts(new Date(at), tz);
  return `${p.year}-${p.month}-${p.day}`;
};
const line = (sku: string, qty: number, unitPrice: number): OrderLine => ({ sku, name: `Line ${sku}`, qty, unitPrice });
const pickup = { type: 'pickup' as const, slot: { kind: '2h' as const, dueAt: new Date(Date.now() + 7_200_000).toISOString() } };

beforeEach(async () => {
  s = await startTestServer();
  await s.admin.seedStore('S001', { timezone: 'Asia/Shanghai' });
  await s.admin.seedStore('S002', { timezone: 'America/New_York' });
  await s.admin.putProducts('S001', [makeProductInput(1, { sku: 'SKU-A', name: 'Green tea' }), makeProductInput(2, { sku: 'SKU-B', name: 'Rice 5kg' })]);
  d1 = await s.admin.enroll('S001', 'T1');
  d2 = await s.admin.enroll('S002', 'T2');
});
afterEach(async () => {
  await s.close();
});

describe('report queries on a real database', () => {
  it('sales by day × store × SKU count what was handed over, as picked, on the store’s business day; payments by method', async () => {
    const post = (o: Parameters<typeof makeOrderInput>[0]) => s.admin.postOrder(makeOrderInput(o));
    // S001: online delivery in full; a COD pickup short one unit (cash); an online delivery with a substitute; a COD
    // delivery paid by card; an order accepted but never handed over.
    const a = await post({ lines: [line('SKU-A', 2, 3990), line('SKU-B', 1, 1500)], payment: { method: 'online', amount: 9480, currency: 'CNY', paid: true } });
    const b = await post({ lines: [line('SKU-A', 3, 3990)], payment: { ...COD_PAYMENT, amount: 11970 }, fulfilment: pickup });
    const c = await post({ lines: [{ ...line('SKU-B', 2, 1500), substitutable: true }], payment: { method: 'online', amount: 3000, currency: 'CNY', paid: true } });
    const e = await post({ lines: [line('SKU-D', 1, 990)], payment: { ...COD_PAYMENT, amount: 990 } });
    const open = await post({ lines: [line('SKU-A', 5, 3990)] });
    const f = await post({ storeId: 'S002', lines: [line('SKU-A', 1, 4200)], fulfilment: pickup });
    const handed = [
      await handOver(s, d1, a),
      await handOver(s, d1, b, { picked: [2] }),
      await handOver(s, d1, c, { picked: [1], substitutes: { 0: { sku: 'SKU-C', qty: 1 } } }),
      await handOver(s, d1, e, { payBy: 'card' }),
    ];
    const accepted = await s.sync.push(d1.token, 'order_events', [{ newDocumentState: { _deleted: false, ...makeOrderEvent(d1, open.id, 'accepted') } as never }]);
    expect(accepted.status).toBe(200);
    const fHanded = await handOver(s, d2, f);

    const day1 = dayIn(handed[0]!.handedAt, 'Asia/Shanghai');
    expect(handed.every((h) => dayIn(h.handedAt, 'Asia/Shanghai') === day1)).toBe(true);
    const day2 = dayIn(fHanded.handedAt, 'America/New_York');
    const from = day1 < day2 ? day1 : day2;
    const to = day1 < day2 ? day2 : day1;

    const rows = await collect(dailySales(s.db, { from, to, scope: null }));
    const s001 = [
      { day: day1, storeId: 'S001', sku: 'SKU-A', name: 'Green tea', qty: 4, amount: 4 * 3990, orders: 2 },
      { day: day1, storeId: 'S001', sku: 'SKU-B', name: 'Rice 5kg', qty: 2, amount: 3000, orders: 2 },
      // The substitute counts under its own SKU at the line's price; no product document, so the SKU names it.
      { day: day1, storeId: 'S001', sku: 'SKU-C', name: 'SKU-C', qty: 1, amount: 1500, orders: 1 },
      { day: day1, storeId: 'S001', sku: 'SKU-D', name: 'Line SKU-D', qty: 1, amount: 990, orders: 1 },
    ];
    const s002 = [{ day: day2, storeId: 'S002', sku: 'SKU-A', name: 'Line SKU-A', qty: 1, amount: 4200, orders: 1 }];
    expect(rows).toEqual(day1 <= day2 ? [...s001, ...s002] : [...s002, ...s001]);

    // A store manager's scope: their store only; another store asked for by id is simply empty.
    expect(await collect(dailySales(s.db, { from, to, scope: ['S002'] }))).toEqual(s002);
    expect(await collect(dailySales(s.db, { from, to, storeId: 'S001', scope: ['S002'] }))).toEqual([]);

    // Pages resume after the last key and together give every row once.
    const paged = [];
    let after: string[] | null = null;
    for (;;) {
      const page = [];
      for await (const r of dailySales(s.db, { from, to, scope: null }, after)) {
        page.push(r);
        if (page.length === 2) break;
      }
      paged.push(...page);
      if (page.length < 2) break;
      after = dailySalesKey(page.at(-1)!);
    }
    expect(paged).toEqual(rows);

    const trend = await salesTrend(s.db, { from: day1, to: day1, storeId: 'S001', scope: null });
    expect(trend).toEqual([{ day: day1, qty: 8, amount: 4 * 3990 + 3000 + 1500 + 990, orders: 4 }]);

    const payments = await collect(paymentsByDay(s.db, { from, to, scope: null }));
    expect(payments).toEqual([
      { day: day1, storeId: 'S001', method: 'card', payments: 1, amount: 990, difference: 0 },
      { day: day1, storeId: 'S001', method: 'cash', payments: 1, amount: 2 * 3990, difference: 0 },
    ]);
    expect(paymentsKey(payments[0]!)).toEqual([day1, 'S001', 'card']);
  });

  it('puts an order on its store’s business day to the millisecond, and by accounting period', async () => {
    await s.admin.seedStore('S003', { timezone: 'UTC' });
    const lines = [line('SKU-A', 1, 100)];
    const picked = [{ lineIndex: 0, sku: 'SKU-A', ordered: 1, picked: 1, substitute: null, shortReason: null }];
    // Midnight in Shanghai is 16:00 UTC: the first order is the 25th's, the second the 26th's; in UTC both the 25th's.
    for (const [storeId, n] of [['S001', 1], ['S003', 3]] as const) {
      await storeHandedOver(s.db, { id: `EO-${n}-late`, storeId, lines }, '2026-11-25T15:59:59.999Z', picked);
      await storeHandedOver(s.db, { id: `EO-${n}-midnight`, storeId, lines }, '2026-11-25T16:00:00.000Z', picked);
      await storeHandedOver(s.db, { id: `EO-${n}-hand`, storeId, lines: [line('SKU-B', 3, 200)] }, '2026-11-25T16:00:00.001Z', null);
    }
    const rows = await collect(dailySales(s.db, { from: '2026-11-24', to: '2026-11-27', scope: null }));
    expect(rows.map((r) => `${r.day} ${r.storeId} ${r.sku} ${r.qty} ${r.amount}`)).toEqual([
      '2026-11-25 S001 SKU-A 1 100',
      '2026-11-25 S003 SKU-A 2 200',
      // Marked picked by hand: counted as ordered.
      '2026-11-25 S003 SKU-B 3 600',
      '2026-11-26 S001 SKU-A 1 100',
      '2026-11-26 S001 SKU-B 3 600',
    ]);

    // Finance keeps periods from the 26th to the 25th from January on.
    await setPeriodRule(s.db, { effectiveFrom: '2026-01-26', startDay: 26 }, 'finance-1', 'the group closes its books on the 25th');
    await expect(setPeriodRule(s.db, { effectiveFrom: '2026-01-25', startDay: 26 }, 'finance-1', 'wrong')).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    const rules = await loadPeriodRules(s.db);
    expect(rules).toMatchObject([{ effectiveFrom: '2026-01-26', startDay: 26, setBy: 'finance-1' }]);
    expect(periodOf('2026-11-25', rules).label).toBe('2026-11');
    const byPeriod = await collect(periodSales(s.db, { from: '2026-11-25', to: '2026-11-26', scope: null }, rules));
    expect(byPeriod.map((r) => `${r.period} ${r.from}..${r.to} ${r.storeId} ${r.sku} ${r.qty}`)).toEqual([
      '2026-11 2026-10-26..2026-11-25 S001 SKU-A 1',
      '2026-11 2026-10-26..2026-11-25 S003 SKU-A 2',
      '2026-11 2026-10-26..2026-11-25 S003 SKU-B 3',
      '2026-12 2026-11-26..2026-12-25 S001 SKU-A 1',
      '2026-12 2026-11-26..2026-12-25 S001 SKU-B 3',
    ]);
  });

  it('adds the providers’ online payments, and counts exceptions by day, type and age, open until resolved', async () => {
    await s.db.query(
      `INSERT INTO recon_order_payments (order_id, store_id, provider, out_trade_no, amount, paid_at) VALUES
       ('EO-W1', 'S001', 'wechat', 'EO-W1', 1000, '2026-11-25T15:59:00Z'), ('EO-W2', 'S001', 'wechat', 'EO-W2', 2000, '2026-11-25T16:01:00Z'),
       ('EO-A1', 'S001', 'alipay', 'EO-A1', 500, '2026-11-25T01:00:00Z'), ('EO-C1', 'S001', 'cod', NULL, 700, '2026-11-25T01:00:00Z')`,
    );
    const payments = await collect(paymentsByDay(s.db, { from: '2026-11-25', to: '2026-11-26', scope: null }, null, [providerPayments]));
    expect(payments.map((p) => `${p.day} ${p.storeId} ${p.method} ${p.payments} ${p.amount}`)).toEqual([
      '2026-11-25 S001 alipay 1 500', '2026-11-25 S001 wechat 1 1000', '2026-11-26 S001 wechat 1 2000',
    ]);

    const exception = (key: string, type: string, storeId: string | null, day: string, amount: number) =>
      s.db.query(`INSERT INTO recon_exceptions (key, type, amount, store_id, day, detail, as_of) VALUES ($1, $2, $3, $4, $5, '', $5)`, [key, type, amount, storeId, day]);
    await exception('A:1', 'AMOUNT_MISMATCH', 'S001', '2026-11-20', 100);
    await exception('A:2', 'AMOUNT_MISMATCH', 'S001', '2026-11-20', 50);
    await exception('R:1', 'REFUND_MISSING', 'S002', '2026-11-20', 300);
    await exception('D:1', 'DUPLICATE_PAYMENT', null, '2026-11-01', 900);
    await s.db.query(`INSERT INTO recon_resolutions (id, exception_key, kind, reason, resolved_by) VALUES ('r1', 'A:2', 'accept_ours', 'ok', 'finance')`);
    const byDay = await collect(exceptionsByDay(s.db, { from: '2026-11-01', to: '2026-11-30', scope: null }));
    expect(byDay).toEqual([
      { day: '2026-11-01', storeId: '', type: 'DUPLICATE_PAYMENT', found: 1, amount: 900, open: 1, openAmount: 900 },
      { day: '2026-11-20', storeId: 'S001', type: 'AMOUNT_MISMATCH', found: 2, amount: 150, open: 1, openAmount: 100 },
      { day: '2026-11-20', storeId: 'S002', type: 'REFUND_MISSING', found: 1, amount: 300, open: 1, openAmount: 300 },
    ]);
    expect(await collect(exceptionsByDay(s.db, { from: '2026-11-01', to: '2026-11-30', scope: ['S002'] }))).toEqual([byDay[2]]);
    expect(await exceptionAges(s.db, null, '2026-11-21')).toEqual([
      { type: 'AMOUNT_MISMATCH', age: '0-1', open: 1, amount: 100 },
      { type: 'DUPLICATE_PAYMENT', age: '8-30', open: 1, amount: 900 },
      { type: 'REFUND_MISSING', age: '0-1', open: 1, amount: 300 },
    ]);
  });

  it('lists which stores closed which days from the day close’s source, with the drawers summed', async () => {
    const close = (storeId: string, deviceId: string, businessDay: string, variance: number): ClosedDay => ({
      storeId, deviceId, businessDay, closeId: `${storeId}-${deviceId}-${businessDay}`, closedAt: `${businessDay}T14:00:00.000Z`, closedBy: `lead-${storeId}`,
      cashExpected: 10_000, cashCounted: 10_000 + variance, variance, tolerance: 500, cardBatches: [], codOrders: [],
    });
    const asked: string[] = [];
    const source = async ({ from, to }: { from: string; to: string }) => {
      asked.push(`${from}..${to}`);
      return [close('S001', 'T1', '2026-11-25', -800), close('S001', 'T2', '2026-11-25', 100), close('S002', 'T3', '2026-11-26', 0)].filter((c) => c.businessDay >= from && c.businessDay <= to);
    };
    const rows = await collect(closedDaysReport(s.db, { from: '2026-11-25', to: '2026-11-26', scope: null }, source));
    expect(rows.map((r) => `${r.day} ${r.storeId} ${r.closed} ${r.drawers} ${r.variance} ${r.beyondTolerance}`)).toEqual([
      '2026-11-25 S001 true 2 -700 true', '2026-11-25 S002 false 0 0 false', '2026-11-26 S001 false 0 0 false', '2026-11-26 S002 true 1 0 false',
    ]);
    // One day per call: a month of closes is never held at once.
    expect(asked).toEqual(['2026-11-25..2026-11-25', '2026-11-26..2026-11-26']);
  });

  it('refuses a range backwards or longer than a year', async () => {
    await expect(collect(dailySales(s.db, { from: '2026-11-02', to: '2026-11-01', scope: null }))).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    await expect(collect(paymentsByDay(s.db, { from: '2025-01-01', to: '2026-11-01', scope: null }))).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
  });
});

