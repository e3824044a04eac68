// XLSX export with exceljs's streaming WorkbookWriter: each row is committed (serialised into the zip) as soon as it
// is added, so memory stays flat however many rows come. Money is a number with the 0.00 format, so Excel can sum
// it; counts are integers; days and times are real Excel dates in the export's time zone; text stays text (the
// 28-digit transaction numbers that CSV-in-Excel would turn into 4.2E+27 survive here).
import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { DEFAULT_EXPORT_TIME_ZONE, dateValue, drained, type DrainableStream, integerValue, localTime, progress, type ExportColumn, type ExportOptions, type ExportResult } from './columns.js';

/** How often the writer lets the zip and the stream catch up (a macrotask: zlib runs off the main thread). */
const YIELD_EVERY = 256;

/**
 * exceljs writes a committed row into the sheet's own buffer and hands it to the zip's deflate stream without
 * looking at that stream's backpressure; when deflate is slower than the rows come, the XML piles up there and
 * memory grows with the row count. So the writer looks at the consumers the sheet's buffer pipes into (exceljs's
 * StreamBuf keeps them in `pipes`) and waits for them to drain. Should a later exceljs hide them, this finds none
 * and the writer still yields every YIELD_EVERY rows; bench/export.ts shows the RSS either way.
 */
function sheetConsumers(sheet: ExcelJS.Worksheet): DrainableStream[] {
  const stream = (sheet as unknown as { stream?: { pipes?: unknown } }).stream;
  const pipes: unknown = stream?.pipes;
  // archiver's streams come from the readable-stream package, not node:stream: recognised by shape, not class.
  const isConsumer = (p: unknown): p is DrainableStream =>
    typeof p === 'object' && p !== null && typeof (p as DrainableStream).on === 'function' && typeof (p as DrainableStream).removeListener === 'function';
  return Array.isArray(pipes) ? pipes.filter(isConsumer) : [];
}
const MONEY_FORMAT = '0.00';

function cellValue<Row>(col: ExportColumn<Row>, row: Row, timeZone: string): ExcelJS.CellValue {
  const v = row[col.key] as unknown;
  switch (col.kind) {
    case 'text':
      return v === null || v === undefined ? null : String(v);
    case 'fen': {
      const fen = integerValue(v, col.key);
      // The one place fen become a float: Excel cells hold doubles; the 0.00 format shows the exact yuan again.
      return fen === null ? null : fen / 100;
    }
    case 'integer':
      return integerValue(v, col.key);
    case 'date': {
      const d = dateValue(v, col.key);
      if (d === null) return null;
      return 'day' in d ? new Date(`${d.day}T00:00:00Z`) : localTime(d.instant, timeZone).asUtc;
    }
  }
}

function numFmt<Row>(col: ExportColumn<Row>, rows: readonly Row[]): string | undefined {
  if (col.kind === 'fen') return MONEY_FORMAT;
  if (col.kind === 'integer') return '0';
  if (col.kind === 'date') return rows.length > 0 && typeof rows[0]?.[col.key] === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(String(rows[0][col.key])) ? 'yyyy-mm-dd' : 'yyyy-mm-dd hh:mm:ss';
  return undefined;
}

/** Writes the rows as one worksheet of an XLSX workbook to `out` and ends it; resolves once all is written. */
export async function writeXlsxExport<Row>(
  rows: AsyncIterable<Row> | Iterable<Row>,
  columns: readonly ExportColumn<Row>[],
  out: Writable,
  opts: ExportOptions & { sheetName?: string },
): Promise<ExportResult> {
  const timeZone = opts.timeZone ?? DEFAULT_EXPORT_TIME_ZONE;
  const tick = progress(opts);
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  wb.creator = 'Store Ops';
  const sheet = wb.addWorksheet((opts.sheetName ?? 'Export').slice(0, 31), { views: [{ state: 'frozen', ySplit: 1 }] });
  let n = 0;
  let started = false;
  const start = (first: Row | undefined) => {
    // The date format (day or day and time) is chosen from the first row: a column holds one or the other.
    sheet.columns = columns.map((c) => {
      const fmt = numFmt(c, first === undefined ? [] : [first]);
      return { header: c.header[opts.lang], key: c.key, width: c.width ?? Math.max(10, c.header[opts.lang].length * 2 + 2), ...(fmt ? { style: { numFmt: fmt } } : {}) };
    });
    sheet.getRow(1).font = { bold: true };
    started = true;
  };
  for await (const row of rows) {
    if (!started) start(row);
    sheet.addRow(columns.map((c) => cellValue(c, row, timeZone))).commit();
    n++;
    tick(n);
    if (n % YIELD_EVERY === 0) {
      await new Promise<void>((resolve) => setImmediate(resolve));
      for (const consumer of sheetConsumers(sheet)) await drained(consumer);
      await drained(out);
    }
  }
  if (!started) start(undefined);
  sheet.commit();
  await wb.commit();
  tick(n, true);
  return { rows: n };
}
