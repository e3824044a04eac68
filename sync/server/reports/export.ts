import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import type { FastifyReply } from 'fastify';
import { fenToYuan } from '../../model/money/yuan.js';
import type { ReportRange } from './chunks.js';
import type { ColumnKind, ReportDefinition } from './definitions.js';

export const EXPORT_FORMATS = ['csv', 'xlsx'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

const BOM = '\uFEFF';

/** A CSV field: quoted when it holds a separator, a quote or a line break; a leading =+-@ is defused for Excel. */
function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) && !/^-?\d+(\.\d+)?$/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

function textOf(kind: ColumnKind, value: unknown): string {
  if (value === null || value === undefined) return '';
  if (kind === 'fen') return fenToYuan(Number(value));
  if (kind === 'yesno') return value ? 'Y' : 'N';
  return String(value);
}

function cellOf(kind: ColumnKind, value: unknown): string | number | null {
  if (value === null || value === undefined) return null;
  // Yuan from exact text: fen / 100 as a double is the nearest double to the exact decimal, shown with two places.
  if (kind === 'fen') return Number(fenToYuan(Number(value)));
  if (kind === 'count') return Number(value);
  if (kind === 'yesno') return value ? 'Y' : 'N';
  return String(value);
}

/** CSV lines, UTF-8 with a BOM so Excel reads the Chinese headers, a chunk of rows per write. */
async function* csvChunks<Row extends object>(report: ReportDefinition<Row>, lang: 'zh-CN' | 'en', rows: AsyncIterable<Row>): AsyncGenerator<string> {
  yield BOM + report.columns.map((c) => csvField(c.header[lang])).join(',') + '\r\n';
  let chunk = '';
  for await (const row of rows) {
    chunk += report.columns.map((c) => csvField(textOf(c.kind, row[c.key]))).join(',') + '\r\n';
    if (chunk.length > 64 * 1024) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk) yield chunk;
}

/** An XLSX written row by row by exceljs's streaming writer: each row is committed (and freed) as it is written. */
function xlsxStream<Row extends object>(report: ReportDefinition<Row>, lang: 'zh-CN' | 'en', rows: AsyncIterable<Row>): PassThrough {
  const out = new PassThrough();
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  const sheet = book.addWorksheet(report.title[lang].slice(0, 31));
  sheet.columns = report.columns.map((c) => ({
    header: c.header[lang], key: c.key, width: c.kind === 'text' ? 18 : 14, ...(c.kind === 'fen' ? { style: { numFmt: '0.00' } } : {}),
  }));
  void (async () => {
    for await (const row of rows) {
      const values: Record<string, string | number | null> = {};
      for (const c of report.columns) values[c.key] = cellOf(c.kind, row[c.key]);
      sheet.addRow(values).commit();
    }
    sheet.commit();
    await book.commit();
  })().catch((err: unknown) => out.destroy(err instanceof Error ? err : new Error(String(err))));
  return out;
}

/**
 * Sends a report as a download, streamed: chunked, no Content-Length, so the browser shows bytes arriving and the
 * server holds one chunk of rows at a time. An error after the first bytes cuts the response short (the download
 * fails visibly rather than ending as a file that looks whole).
 */
export function sendExport<Row extends object>(reply: FastifyReply, format: ExportFormat, report: ReportDefinition<Row>, range: ReportRange, rows: AsyncIterable<Row>, lang: 'zh-CN' | 'en' = 'zh-CN'): FastifyReply {
  const name = `${report.file}_${range.from}_${range.to}${range.storeId ? `_${range.storeId}` : ''}.${format}`;
  reply.header('content-disposition', `attachment; filename="${name}"`).header('cache-control', 'no-store');
  if (format === 'csv') {
    return reply.type('text/csv; charset=utf-8').send(PassThrough.from(csvChunks(report, lang, rows)));
  }
  return reply.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet').send(xlsxStream(report, lang, rows));
}
