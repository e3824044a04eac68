import { PassThrough, type Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { fenToYuan } from '../../model/money/yuan.js';
import type { ExceptionView } from '../../protocol/reconciliation.js';

/** The exceptions list's columns, as finance reads them: amounts in yuan (the edge), the rest as stored. */
const COLUMNS: ReadonlyArray<{ header: string; value: (e: ExceptionView) => string | number }> = [
  { header: 'key', value: (e) => e.key },
  { header: 'type', value: (e) => e.type },
  { header: 'status', value: (e) => e.status },
  { header: 'day', value: (e) => e.day },
  { header: 'ageDays', value: (e) => e.ageDays },
  { header: 'storeId', value: (e) => e.storeId ?? '' },
  { header: 'orderId', value: (e) => e.orderId ?? '' },
  { header: 'provider', value: (e) => e.provider ?? '' },
  { header: 'amount', value: (e) => fenToYuan(e.amount) },
  { header: 'ours', value: (e) => (e.ours === null ? '' : fenToYuan(e.ours)) },
  { header: 'theirs', value: (e) => (e.theirs === null ? '' : fenToYuan(e.theirs)) },
  { header: 'detail', value: (e) => e.detail },
  { header: 'resolution', value: (e) => e.resolution?.kind ?? '' },
  { header: 'resolvedBy', value: (e) => e.resolution?.by ?? '' },
  { header: 'reason', value: (e) => e.resolution?.reason ?? '' },
];

const csvCell = (v: string | number) => {
  const t = String(v);
  // A leading =, +, - or @ would be read as a formula by a spreadsheet: quoted with a leading apostrophe.
  const safe = /^[=+\-@]/.test(t) && !/^-?\d+(\.\d+)?$/.test(t) ? `'${t}` : t;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};

/** CSV, UTF-8 with a BOM so Excel reads the Chinese text, written as the rows come. */
export function exceptionsCsv(rows: AsyncIterable<ExceptionView>): Readable {
  const out = new PassThrough();
  void (async () => {
    out.write('\uFEFF' + COLUMNS.map((c) => c.header).join(',') + '\r\n');
    for await (const e of rows) {
      if (!out.write(COLUMNS.map((c) => csvCell(c.value(e))).join(',') + '\r\n')) await new Promise((r) => out.once('drain', r));
    }
    out.end();
  })().catch((err: unknown) => out.destroy(err as Error));
  return out;
}

/** XLSX through exceljs's streaming writer: each row is committed as it comes, nothing held. */
export function exceptionsXlsx(rows: AsyncIterable<ExceptionView>): Readable {
  const out = new PassThrough();
  void (async () => {
    const book = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: false, useSharedStrings: false });
    const sheet = book.addWorksheet('exceptions');
    sheet.columns = COLUMNS.map((c) => ({ header: c.header, key: c.header }));
    for await (const e of rows) sheet.addRow(COLUMNS.map((c) => c.value(e))).commit();
    sheet.commit();
    await book.commit();
  })().catch((err: unknown) => out.destroy(err as Error));
  return out;
}
