import iconv from 'iconv-lite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ErrorBody } from '../../../protocol/errors.js';
import { settlementMasterRoutes as routes, type PosImportResponse, type PosImportsResponse, type PosRefusalDetails } from '../../../protocol/settlement-master.js';
import { seedConsoleUser, signInConsole, type ConsoleClient } from '../../console-auth/console-auth.testkit.js';
import { startTestServer, type TestServer } from '../../testing.js';
import { insertCounter, insertSupplier } from './master.testkit.js';

let s: TestServer;
let finance: ConsoleClient;
let manager: ConsoleClient;

beforeEach(async () => {
  s = await startTestServer();
  await s.admin.createStore({ id: 'S001', timezone: 'Asia/Shanghai' });
  await insertSupplier(s, { id: 'SUP-A' });
  await insertCounter(s, { id: 'C001', storeId: 'S001', supplierId: 'SUP-A' });
  await insertCounter(s, { id: 'C002', storeId: 'S001', supplierId: 'SUP-A' });
  await seedConsoleUser(s, { name: 'finance', role: 'finance' });
  await seedConsoleUser(s, { name: 'manager', role: 'manager', storeIds: ['S001'] });
  finance = await signInConsole(s.url, 'finance', 'test-password-finance');
  manager = await signInConsole(s.url, 'manager', 'test-password-manager');
});
afterEach(async () => {
  await s.close();
});

async function upload<T>(client: ConsoleClient, body: string | Uint8Array<ArrayBuffer>, fileName = 'pos.csv', type = 'text/csv'): Promise<{ status: number; body: T }> {
  const res = await client.fetch(`${routes.posImports}?fileName=${encodeURIComponent(fileName)}`, { method: 'POST', headers: { 'content-type': type }, body });
  return { status: res.status, body: (await res.json()) as T };
}

const stored = async () => {
  const [row] = await s.db.query<{ n: string | number; amount: string | number | null }>('SELECT count(*) AS n, sum(amount) AS amount FROM pos_sales');
  const [imports] = await s.db.query<{ n: string | number }>('SELECT count(*) AS n FROM pos_imports');
  return { rows: Number(row!.n), amount: Number(row!.amount ?? 0), imports: Number(imports!.n) };
};

const GOOD = [
  '专柜编码,日期,商品编码,数量,销售金额,退货金额',
  'C001,2026-11-25,SKU-1,3,"1,299.00",0',
  'C001,2026-11-25,SKU-2,1,88.5,10.00',
  'C002,2026-11-26,,2,200,',
  '合计,,,6,1587.50,10',
].join('\r\n');

describe('till (POS) sales import', () => {
  it('stores a sound file whole, and the same file twice changes nothing', async () => {
    const first = await upload<PosImportResponse>(finance, `\uFEFF${GOOD}\r\n`, '11月25日.csv');
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ outcome: 'imported', qty: 6, returns: 1000, import: { fileName: '11月25日.csv', rows: 3, total: 158_750, importedBy: 'finance' } });
    expect(first.body.import.fileHash).toMatch(/^[0-9a-f]{64}$/);
    expect(await stored()).toEqual({ rows: 3, amount: 158_750, imports: 1 });
    const rows = await s.db.query<{ counter_id: string; day: string; sku: string; qty: number; amount: string | number; returns: string | number }>(
      "SELECT counter_id, to_char(day, 'YYYY-MM-DD') AS day, sku, qty, amount, returns FROM pos_sales ORDER BY counter_id, sku",
    );
    expect(rows.map((r) => `${r.counter_id} ${r.day} ${r.sku || '-'} ${r.qty} ${r.amount} ${r.returns}`)).toEqual([
      'C001 2026-11-25 SKU-1 3 129900 0', 'C001 2026-11-25 SKU-2 1 8850 1000', 'C002 2026-11-26 - 2 20000 0',
    ]);

    const again = await upload<PosImportResponse>(finance, `\uFEFF${GOOD}\r\n`, 'renamed.csv');
    expect(again.body).toMatchObject({ outcome: 'unchanged', import: { id: first.body.import.id, fileName: '11月25日.csv' }, qty: 6, returns: 1000 });
    expect(await stored()).toEqual({ rows: 3, amount: 158_750, imports: 1 });
    const list = await finance.request<PosImportsResponse>('GET', routes.posImports);
    expect(list.body.imports.map((i) => i.id)).toEqual([first.body.import.id]);
    const audits = await s.db.query<{ n: string | number }>("SELECT count(*) AS n FROM console_audit WHERE action = 'settlement.pos.import'");
    expect(Number(audits[0]!.n)).toBe(1);
  });

  it('refuses a file with faults whole, naming each by line and column', async () => {
    const bad = [
      'counter,day,sku,qty,amount',
      'C001,2026-11-25,SKU-1,3,12.345',
      'C001,2026-11-31,SKU-2,1,1',
      ',2026-11-25,SKU-3,x,1',
      'C001,2026-11-25,SKU-1,1,1',
      'total,,,5,15.35',
    ].join('\n');
    const res = await upload<ErrorBody & { details: PosRefusalDetails }>(finance, bad);
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('POS_FILE_INVALID');
    expect(res.body.details.errors.map((e) => `${e.line} ${e.column ?? '-'}`)).toEqual(['2 amount', '3 day', '4 counter', '4 qty', '5 -']);
    expect(res.body.details.more).toBe(false);
    expect(await stored()).toEqual({ rows: 0, amount: 0, imports: 0 });
  });

  it('checks the file against its own totals row before anything is stored', async () => {
    const off = await upload<ErrorBody & { details: PosRefusalDetails }>(finance, GOOD.replace('合计,,,6,1587.50,10', '合计,,,6,1587.49,10'));
    expect(off.status).toBe(422);
    expect(off.body).toMatchObject({ code: 'POS_TOTALS_MISMATCH', details: { errors: [{ line: 5, column: 'amount', message: 'the file says 1587.49, its rows add up to 1587.50' }] } });
    const none = await upload<ErrorBody & { details: PosRefusalDetails }>(finance, GOOD.split('\r\n').slice(0, 4).join('\r\n'));
    expect(none.body).toMatchObject({ code: 'POS_FILE_INVALID', details: { errors: [{ line: 5 }] } });
    const header = await upload<ErrorBody & { details: PosRefusalDetails }>(finance, 'counter,day,qty\nC001,2026-11-25,1\ntotal,,1');
    expect(header.body).toMatchObject({ code: 'POS_FILE_INVALID', details: { errors: [{ line: 1, column: 'amount' }] } });
    const quote = await upload<ErrorBody>(finance, 'counter,day,qty,amount\n"C001,2026-11-25,1,1');
    expect(quote.body.code).toBe('POS_FILE_INVALID');
    expect(await stored()).toEqual({ rows: 0, amount: 0, imports: 0 });
  });

  it('refuses unknown counters, a counter-day already imported from another file and a paid period, storing nothing of it', async () => {
    await upload(finance, GOOD);
    await s.db.query(
      `INSERT INTO statements (id, number, version, counter_id, supplier_id, store_id, period_from, period_to, status, body, payable, created_by, issued_at)
       VALUES ('st1', 'JS202610-C002', 1, 'C002', 'SUP-A', 'S001', '2026-10-01', '2026-10-31', 'paid', '{}', 0, 'finance', now())`,
    );
    const second = [
      'counter,day,sku,qty,amount',
      'C002,2026-11-27,,1,5',
      'C001,2026-11-25,SKU-9,1,5',
      'C404,2026-11-27,,1,5',
      'C002,2026-10-31,,1,5',
      'total,,,4,20',
    ].join('\n');
    const res = await upload<ErrorBody & { details: PosRefusalDetails }>(finance, second);
    expect(res.status).toBe(422);
    expect(res.body.details.errors.map((e) => `${e.line} ${e.column}`)).toEqual(['3 day', '4 counter', '5 day']);
    expect(res.body.details.errors[2]!.message).toContain('paid');
    expect(await stored()).toEqual({ rows: 3, amount: 158_750, imports: 1 });
  });

  it('takes one of two different files racing for the same counter and day, never both', async () => {
    const file = (extra: string) => `counter,day,qty,amount\nC001,2026-11-21,1,${extra}\ntotal,,1,${extra}\n`;
    const results = await Promise.all([upload<PosImportResponse>(finance, file('1.00')), upload<PosImportResponse>(finance, file('2.00'))]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 422]);
    expect(await stored()).toMatchObject({ rows: 1, imports: 1 });
  });

  it('reads GB18030 files as Excel saves them, and refuses what is not a CSV upload or not finance\'s', async () => {
    const gbk = iconv.encode('专柜编码,日期,数量,销售金额\r\nC001,2026-11-20,1,9.90\r\n合计,,1,9.90\r\n', 'gb18030');
    const res = await upload<PosImportResponse>(finance, new Uint8Array(gbk.buffer.slice(gbk.byteOffset, gbk.byteOffset + gbk.byteLength) as ArrayBuffer));
    expect(res.body).toMatchObject({ outcome: 'imported', import: { rows: 1, total: 990 } });
    expect((await upload<ErrorBody>(finance, '{}', 'x.json', 'application/json')).status).toBe(415);
    expect((await upload<ErrorBody>(manager, GOOD)).body.code).toBe('CONSOLE_ROLE_FORBIDDEN');
    expect((await manager.request<ErrorBody>('GET', routes.posImports)).status).toBe(403);
    expect((await upload<ErrorBody>(finance, '', 'empty.csv')).status).toBe(422);
  });
});
