import { createWriteStream } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import Fastify, { type FastifyInstance } from 'fastify';
import { yuanToFen } from '../../model/money/yuan.js';
import { contentDisposition, exportQuerySchema, sendExport, writeCsvExport, writeXlsxExport, type ExportColumn, type ExportQuery } from './index.js';

interface SaleRow {
  day: string;
  storeId: string;
  name: string;
  transactionId: string;
  qty: number;
  amount: number;
  paidAt: string;
}

const COLUMNS: ExportColumn<SaleRow>[] = [
  { key: 'day', header: { 'zh-CN': '日期', en: 'Date' }, kind: 'date' },
  { key: 'storeId', header: { 'zh-CN': '门店', en: 'Store' }, kind: 'text' },
  { key: 'name', header: { 'zh-CN': '商品名称', en: 'Product' }, kind: 'text' },
  { key: 'transactionId', header: { 'zh-CN': '支付流水号', en: 'Transaction' }, kind: 'text' },
  { key: 'qty', header: { 'zh-CN': '数量', en: 'Qty' }, kind: 'integer' },
  { key: 'amount', header: { 'zh-CN': '金额（元）', en: 'Amount (CNY)' }, kind: 'fen' },
  { key: 'paidAt', header: { 'zh-CN': '支付时间', en: 'Paid at' }, kind: 'date' },
];

const NAMES = ['有机牛奶, 250ml "鲜"', 'plain', '=HYPERLINK("http://x")', 'two\nlines', '-5 off', '苹果'];
function row(i: number): SaleRow {
  return {
    day: `2026-11-${String(1 + (i % 28)).padStart(2, '0')}`,
    storeId: `S${String(i % 100).padStart(3, '0')}`,
    name: NAMES[i % NAMES.length] ?? '',
    transactionId: `4200${String(i).padStart(24, '0')}`,
    qty: 1 + (i % 7),
    // Negative (refunds), zero, sub-yuan and large amounts, and 0.29 (a float trap: 0.29 * 100 !== 29).
    amount: i % 11 === 0 ? -(1 + ((i * 37) % 10_000)) : i % 13 === 0 ? 29 : (i * 7919) % 10_000_000,
    paidAt: new Date(Date.UTC(2026, 10, 1, 15, 59, 59) + i * 60_000).toISOString(),
  };
}
async function* rows(n: number): AsyncGenerator<SaleRow> {
  for (let i = 0; i < n; i++) yield row(i);
}
const N = 10_000;
const expectedSum = Array.from({ length: N }, (_, i) => row(i).amount).reduce((a, b) => a + b, 0);

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'exports-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('CSV export', () => {
  it('writes 10,000 rows that csv-parse reads back to the same figures, with a BOM and Chinese headers', async () => {
    const file = join(dir, 'sales.csv');
    const progress: number[] = [];
    const result = await writeCsvExport(rows(N), COLUMNS, createWriteStream(file), { lang: 'zh-CN', onProgress: (n) => progress.push(n) });
    expect(result.rows).toBe(N);
    expect(progress.at(-1)).toBe(N);
    expect(progress.length).toBe(N / 1000 + 1);
    const bytes = await readFile(file);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const records = parse(bytes, { bom: true, columns: true }) as Array<Record<string, string>>;
    expect(records).toHaveLength(N);
    expect(Object.keys(records[0] ?? {})).toEqual(COLUMNS.map((c) => c.header['zh-CN']));
    expect(records.reduce((s, r) => s + (yuanToFen(r['金额（元）'] ?? '') ?? Number.NaN), 0)).toBe(expectedSum);
    for (const i of [0, 1, 2, 3, 4, 13, 9999]) {
      const r = records[i] ?? {};
      expect(yuanToFen(r['金额（元）'] ?? '')).toBe(row(i).amount);
      expect(r['数量']).toBe(String(row(i).qty));
      expect(r['支付流水号']).toBe(row(i).transactionId);
      expect(r['日期']).toBe(row(i).day);
    }
    expect(records[0]?.['商品名称']).toBe('有机牛奶, 250ml "鲜"');
    expect(records[3]?.['商品名称']).toBe('two\nlines');
    // Formulas and leading minus signs in text are defused; money is not text and keeps its sign.
    expect(records[2]?.['商品名称']).toBe(`'=HYPERLINK("http://x")`);
    expect(records[4]?.['商品名称']).toBe(`'-5 off`);
    expect(records[0]?.['金额（元）']).toBe('-0.01');
    expect(records[11]?.['金额（元）']).toBe('-4.08');
    expect(records[13]?.['金额（元）']).toBe('0.29');
    // 15:59:59 UTC is 23:59:59 in Beijing; a minute later is the next day there.
    expect(records[0]?.['支付时间']).toBe('2026-11-01 23:59:59');
    expect(records[1]?.['支付时间']).toBe('2026-11-02 00:00:59');
  });

  it('English headers, another time zone, an empty export', async () => {
    const file = join(dir, 'en.csv');
    await writeCsvExport([row(0)], COLUMNS, createWriteStream(file), { lang: 'en', timeZone: 'UTC' });
    const [header, first] = parse(await readFile(file), { bom: true }) as string[][];
    expect(header).toEqual(COLUMNS.map((c) => c.header.en));
    expect(first?.[6]).toBe('2026-11-01 15:59:59');
    const empty = join(dir, 'empty.csv');
    expect((await writeCsvExport([], COLUMNS, createWriteStream(empty), { lang: 'en' })).rows).toBe(0);
    expect((await readFile(empty, 'utf8')).split('\r\n')).toEqual([`\uFEFF${COLUMNS.map((c) => c.header.en).join(',')}`, '']);
  });

  it('refuses a money value that is not integer fen', async () => {
    const bad = [{ ...row(1), amount: 12.5 }];
    await expect(writeCsvExport(bad, COLUMNS, createWriteStream(join(dir, 'bad.csv')), { lang: 'en' })).rejects.toThrow(/amount/);
  });
});

describe('XLSX export', () => {
  it('writes 10,000 rows that exceljs reads back: money as numbers with 0.00, counts, dates, long numbers as text', async () => {
    const file = join(dir, 'sales.xlsx');
    const result = await writeXlsxExport(rows(N), COLUMNS, createWriteStream(file), { lang: 'en', sheetName: 'Sales' });
    expect(result.rows).toBe(N);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const sheet = wb.getWorksheet('Sales');
    if (!sheet) throw new Error('no sheet');
    expect(sheet.rowCount).toBe(N + 1);
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual(COLUMNS.map((c) => c.header.en));
    let sumFen = 0;
    sheet.eachRow((r, i) => {
      if (i === 1) return;
      const amount = r.getCell(6);
      expect(typeof amount.value).toBe('number');
      sumFen += Math.round((amount.value as number) * 100);
    });
    expect(sumFen).toBe(expectedSum);
    const second = sheet.getRow(2);
    expect(second.getCell(6).numFmt).toBe('0.00');
    expect(second.getCell(4).value).toBe(row(0).transactionId);
    expect(second.getCell(5).value).toBe(row(0).qty);
    expect(second.getCell(3).value).toBe('有机牛奶, 250ml "鲜"');
    expect(sheet.getRow(4).getCell(3).value).toBe('=HYPERLINK("http://x")'); // a string cell, never a formula
    expect((second.getCell(1).value as Date).toISOString()).toBe('2026-11-01T00:00:00.000Z');
    expect((second.getCell(7).value as Date).toISOString()).toBe('2026-11-01T23:59:59.000Z'); // Beijing wall clock
    expect(second.getCell(7).numFmt).toBe('yyyy-mm-dd hh:mm:ss');
    expect(sheet.getRow(13).getCell(6).value).toBe(-4.08);
    expect(sheet.getRow(15).getCell(6).value).toBe(0.29);
  });

  it('an empty export is a workbook with the header row only', async () => {
    const file = join(dir, 'empty.xlsx');
    await writeXlsxExport([], COLUMNS, createWriteStream(file), { lang: 'zh-CN' });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const sheet = wb.worksheets[0];
    expect(sheet?.rowCount).toBe(1);
    expect((sheet?.getRow(1).values as unknown[]).slice(1)).toEqual(COLUMNS.map((c) => c.header['zh-CN']));
  });
});

describe('export download over HTTP', () => {
  let app: FastifyInstance;
  let base: string;
  let closedEarly: (() => void) | undefined;
  let pulled = 0;

  beforeAll(async () => {
    // The endless download's socket is cut by the client; close the server without waiting on keep-alive sockets.
    app = Fastify({ forceCloseConnections: true });
    app.get<{ Querystring: ExportQuery }>('/sales/export', { schema: { querystring: exportQuerySchema } }, (req, reply) =>
      sendExport(reply, { ...req.query, filename: '销售日报-2026-11', columns: COLUMNS, rows: rows(1000) }),
    );
    // Rows without end: only streaming can answer this, and a client going away must stop the pulling.
    app.get('/endless', (_req, reply) => {
      pulled = 0;
      async function* endless(): AsyncGenerator<SaleRow> {
        try {
          for (let i = 0; ; i++) {
            pulled++;
            yield row(i);
          }
        } finally {
          closedEarly?.();
        }
      }
      return sendExport(reply, { format: 'csv', lang: 'en', filename: 'endless', columns: COLUMNS, rows: endless() });
    });
    base = await app.listen({ host: '127.0.0.1', port: 0 });
  });
  afterAll(async () => {
    await app.close();
  });

  it('answers with an XLSX download under its UTF-8 name', async () => {
    const res = await fetch(`${base}/sales/export?format=xlsx&lang=zh-CN`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="____-2026-11.xlsx"; filename*=UTF-8''${encodeURIComponent('销售日报-2026-11.xlsx')}`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await res.arrayBuffer());
    expect(wb.worksheets[0]?.rowCount).toBe(1001);
    expect(wb.worksheets[0]?.getRow(1).getCell(6).value).toBe('金额（元）');
  });

  it('answers with a CSV, and refuses an unknown format', async () => {
    const res = await fetch(`${base}/sales/export?format=csv&lang=en`);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const records = parse(Buffer.from(await res.arrayBuffer()), { bom: true, columns: true }) as Array<Record<string, string>>;
    expect(records).toHaveLength(1000);
    expect(records[5]?.['Amount (CNY)']).toBe('395.95'); // (5 × 7919) % 10,000,000 fen
    expect((await fetch(`${base}/sales/export?format=pdf`)).status).toBe(400);
  });

  it('streams: an endless export starts at once, and a client that leaves stops it', async () => {
    const stopped = new Promise<void>((resolve) => (closedEarly = resolve));
    const controller = new AbortController();
    const res = await fetch(`${base}/endless`, { signal: controller.signal });
    const reader = res.body?.getReader();
    const first = await reader?.read();
    expect(first?.value?.length).toBeGreaterThan(0);
    controller.abort();
    await stopped;
    const at = pulled;
    await new Promise((r) => setTimeout(r, 50));
    expect(pulled).toBe(at);
  });

  it('contentDisposition quotes nothing dangerous into the plain name', () => {
    expect(contentDisposition('a"b\\c.csv')).toBe(`attachment; filename="a_b_c.csv"; filename*=UTF-8''a%22b%5Cc.csv`);
    expect(contentDisposition("it's (1).csv")).toContain("filename*=UTF-8''it%27s%20%281%29.csv");
  });
});
