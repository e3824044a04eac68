import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { REPORTS_BASE, type ClosedDayRow, type DailySalesRow, type PeriodsResponse, type ReportPage, type SalesTrendPoint } from '../../protocol/reports.js';
import { seedConsoleUser, signInConsole, type ConsoleClient } from '../console-auth/console-auth.testkit.js';
import { startTestServer, type TestServer } from '../testing.js';
import { storeHandedOver } from './reports.testkit.js';

let s: TestServer;
let finance: ConsoleClient;
let manager: ConsoleClient;

const line = (sku: string, qty: number, unitPrice: number) => ({ sku, name: `商品 ${sku}`, qty, unitPrice });
const picked = (sku: string, qty: number) => [{ lineIndex: 0, sku, ordered: qty, picked: qty, substitute: null, shortReason: null }];
const q = '?from=2026-11-24&to=2026-11-26';

beforeEach(async () => {
  s = await startTestServer();
  await s.admin.seedStore('S001', { timezone: 'Asia/Shanghai' });
  await s.admin.seedStore('S002', { timezone: 'Asia/Shanghai' });
  // Handed over on the 25th (Shanghai): three SKUs in S001, one in S002; and one on the 26th.
  await storeHandedOver(s.db, { id: 'EO-1', storeId: 'S001', lines: [line('SKU-A', 2, 1234)] }, '2026-11-25T02:00:00.000Z', picked('SKU-A', 2));
  await storeHandedOver(s.db, { id: 'EO-2', storeId: 'S001', lines: [line('SKU-B', 1, 5)] }, '2026-11-25T03:00:00.000Z', picked('SKU-B', 1));
  await storeHandedOver(s.db, { id: 'EO-3', storeId: 'S001', lines: [line('SKU-C', 3, 100)] }, '2026-11-25T04:00:00.000Z', picked('SKU-C', 3));
  await storeHandedOver(s.db, { id: 'EO-4', storeId: 'S002', lines: [line('SKU-A', 1, 1234)] }, '2026-11-25T05:00:00.000Z', picked('SKU-A', 1));
  await storeHandedOver(s.db, { id: 'EO-5', storeId: 'S001', lines: [line('SKU-A', 1, 1234)] }, '2026-11-26T05:00:00.000Z', picked('SKU-A', 1));
  await seedConsoleUser(s, { name: 'finance', role: 'finance' });
  await seedConsoleUser(s, { name: 'manager', role: 'manager', storeIds: ['S002'] });
  finance = await signInConsole(s.url, 'finance', 'test-password-finance');
  manager = await signInConsole(s.url, 'manager', 'test-password-manager');
});
afterEach(async () => {
  await s.close();
});

describe('report routes over HTTP', () => {
  it('answers nobody who is not signed in', async () => {
    const res = await fetch(`${s.url}${REPORTS_BASE}/sales/daily${q}`);
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ code: 'CONSOLE_SIGNED_OUT' });
    expect((await fetch(`${s.url}${REPORTS_BASE}/sales/daily.csv${q}`)).status).toBe(401);
  });

  it('pages daily sales for finance; a manager sees their own store only', async () => {
    const first = await finance.request<ReportPage<DailySalesRow>>('GET', `${REPORTS_BASE}/sales/daily${q}&limit=3`);
    expect(first.status).toBe(200);
    expect(first.body.rows.map((r) => `${r.day} ${r.storeId} ${r.sku} ${r.amount}`)).toEqual([
      '2026-11-25 S001 SKU-A 2468', '2026-11-25 S001 SKU-B 5', '2026-11-25 S001 SKU-C 300',
    ]);
    expect(first.body.next).not.toBeNull();
    const second = await finance.request<ReportPage<DailySalesRow>>('GET', `${REPORTS_BASE}/sales/daily${q}&limit=3&after=${first.body.next}`);
    expect(second.body.rows.map((r) => `${r.day} ${r.storeId} ${r.sku}`)).toEqual(['2026-11-25 S002 SKU-A', '2026-11-26 S001 SKU-A']);
    expect(second.body.next).toBeNull();

    const mine = await manager.request<ReportPage<DailySalesRow>>('GET', `${REPORTS_BASE}/sales/daily${q}`);
    expect(mine.body.rows.map((r) => r.storeId)).toEqual(['S002']);
    const notMine = await manager.request<ReportPage<DailySalesRow>>('GET', `${REPORTS_BASE}/sales/daily${q}&storeId=S001`);
    expect(notMine.body.rows).toEqual([]);

    const trend = await finance.request<SalesTrendPoint[]>('GET', `${REPORTS_BASE}/sales/trend${q}`);
    expect(trend.body).toEqual([
      { day: '2026-11-24', amount: 0, qty: 0, orders: 0 },
      { day: '2026-11-25', amount: 2468 + 5 + 300 + 1234, qty: 7, orders: 4 },
      { day: '2026-11-26', amount: 1234, qty: 1, orders: 1 },
    ]);
    expect((await finance.request('GET', `${REPORTS_BASE}/sales/daily?from=2026-11-26&to=2026-11-01`)).status).toBe(400);
    expect((await finance.request('GET', `${REPORTS_BASE}/sales/daily${q}&after=garbage`)).status).toBe(400);
  });

  it('exports CSV with a BOM, chunked, in yuan exactly', async () => {
    const res = await finance.fetch(`${REPORTS_BASE}/sales/daily.csv${q}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-length')).toBeNull();
    expect(res.headers.get('transfer-encoding')).toBe('chunked');
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="sales-by-day_2026-11-24_2026-11-26.csv"; filename*=UTF-8''sales-by-day_2026-11-24_2026-11-26.csv`);
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = new TextDecoder().decode(bytes.slice(3)).trimEnd().split('\r\n');
    expect(lines).toEqual([
      '营业日,门店,SKU,商品,数量,金额（元）,订单数',
      '2026-11-25,S001,SKU-A,商品 SKU-A,2,24.68,1',
      '2026-11-25,S001,SKU-B,商品 SKU-B,1,0.05,1',
      '2026-11-25,S001,SKU-C,商品 SKU-C,3,3.00,1',
      '2026-11-25,S002,SKU-A,商品 SKU-A,1,12.34,1',
      '2026-11-26,S001,SKU-A,商品 SKU-A,1,12.34,1',
    ]);
    const en = await (await manager.fetch(`${REPORTS_BASE}/sales/daily.csv${q}&lang=en`)).text();
    expect(en.replace('\uFEFF', '').trimEnd().split('\r\n')).toEqual(['Business day,Store,SKU,Product,Quantity,Amount (CNY),Orders', '2026-11-25,S002,SKU-A,商品 SKU-A,1,12.34,1']);
  });

  it('exports XLSX that exceljs reads back with the same figures', async () => {
    const res = await finance.fetch(`${REPORTS_BASE}/sales/periods.xlsx${q}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-length')).toBeNull();
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await res.arrayBuffer());
    const sheet = book.worksheets[0]!;
    expect(sheet.name).toBe('会计期间销售');
    // Business days are date cells (exports/columns.ts), read back as UTC midnights.
    const day = (d: string) => new Date(`${d}T00:00:00.000Z`);
    const values = sheet.getSheetValues().slice(1).map((r) => (Array.isArray(r) ? r.slice(1) : []));
    expect(values).toEqual([
      ['会计期间', '起', '止', '门店', 'SKU', '商品', '数量', '金额（元）', '订单数'],
      ['2026-11', day('2026-11-01'), day('2026-11-30'), 'S001', 'SKU-A', '商品 SKU-A', 3, 37.02, 2],
      ['2026-11', day('2026-11-01'), day('2026-11-30'), 'S001', 'SKU-B', '商品 SKU-B', 1, 0.05, 1],
      ['2026-11', day('2026-11-01'), day('2026-11-30'), 'S001', 'SKU-C', '商品 SKU-C', 3, 3, 1],
      ['2026-11', day('2026-11-01'), day('2026-11-30'), 'S002', 'SKU-A', '商品 SKU-A', 1, 12.34, 1],
    ]);
  });

  it('lets finance set the periods (with the CSRF token), not a manager; the period report follows', async () => {
    const rule = { effectiveFrom: '2026-01-26', startDay: 26, reason: '集团每月25日结账' };
    expect((await manager.request('POST', `${REPORTS_BASE}/periods/rules`, rule)).status).toBe(403);
    const noCsrf = await finance.fetch(`${REPORTS_BASE}/periods/rules`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-csrf-token': 'wrong' }, body: JSON.stringify(rule) });
    expect(noCsrf.status).toBe(403);
    const bad = await finance.request<{ code: string }>('POST', `${REPORTS_BASE}/periods/rules`, { ...rule, effectiveFrom: '2026-01-25' });
    expect(bad).toMatchObject({ status: 400, body: { code: 'VALIDATION_FAILED' } });
    const set = await finance.request('POST', `${REPORTS_BASE}/periods/rules`, rule);
    expect(set).toMatchObject({ status: 200, body: [{ effectiveFrom: '2026-01-26', startDay: 26, setBy: 'finance', reason: rule.reason }] });

    const periods = await manager.request<PeriodsResponse>('GET', `${REPORTS_BASE}/periods?from=2026-11-20&to=2026-11-30`);
    expect(periods.body.periods).toEqual([
      { from: '2026-10-26', to: '2026-11-25', label: '2026-11' },
      { from: '2026-11-26', to: '2026-12-25', label: '2026-12' },
    ]);
    const byPeriod = await finance.request<ReportPage<{ period: string; storeId: string; sku: string; qty: number }>>('GET', `${REPORTS_BASE}/sales/periods${q}`);
    expect(byPeriod.body.rows.map((r) => `${r.period} ${r.storeId} ${r.sku} ${r.qty}`)).toEqual([
      '2026-11 S001 SKU-A 2', '2026-11 S001 SKU-B 1', '2026-11 S001 SKU-C 3', '2026-11 S002 SKU-A 1', '2026-12 S001 SKU-A 1',
    ]);
  });

  it('lists every store day in the closed-days report, not closed without a day close source', async () => {
    const res = await manager.request<ReportPage<ClosedDayRow>>('GET', `${REPORTS_BASE}/closed-days?from=2026-11-25&to=2026-11-26`);
    expect(res.body.rows.map((r) => `${r.day} ${r.storeId} ${r.closed}`)).toEqual(['2026-11-25 S002 false', '2026-11-26 S002 false']);
  });
});
