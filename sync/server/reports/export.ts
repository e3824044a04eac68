import type { FastifyReply } from 'fastify';
import { EXPORT_FORMATS, sendExport, type ExportColumn, type ExportFormat, type ExportKind, type ExportLang } from '../exports/index.js';
import type { ReportRange } from './chunks.js';
import type { ColumnKind, ReportDefinition } from './definitions.js';

export { EXPORT_FORMATS, type ExportFormat };

const KINDS: Record<ColumnKind, ExportKind> = { text: 'text', day: 'date', instant: 'date', count: 'integer', fen: 'fen', yesno: 'text' };
const YES_NO: Record<ExportLang, [string, string]> = { 'zh-CN': ['是', '否'], en: ['Yes', 'No'] };

/** A report's rows with its yes/no columns as words of the export's language; everything else as it is. */
async function* withWords<Row extends object>(rows: AsyncIterable<Row>, keys: readonly string[], lang: ExportLang): AsyncGenerator<Row> {
  const [yes, no] = YES_NO[lang];
  for await (const row of rows) {
    if (keys.length === 0) {
      yield row;
      continue;
    }
    const out = { ...row } as Record<string, unknown>;
    for (const k of keys) out[k] = out[k] ? yes : no;
    yield out as Row;
  }
}

/**
 * A report as a download through the exports module (sync/server/exports): streamed as the rows come from the
 * database, chunked without a Content-Length, so the browser shows the bytes arriving; CSV with a BOM, XLSX row by
 * row. A failure after the first bytes cuts the download short, and is logged.
 */
export function sendReportExport<Row extends object>(
  reply: FastifyReply, format: ExportFormat, report: ReportDefinition<Row>, range: ReportRange, rows: AsyncIterable<Row>, lang: ExportLang,
): FastifyReply {
  const columns: ExportColumn<Row>[] = report.columns.map((c) => ({ key: c.key, header: c.header, kind: KINDS[c.kind] }));
  const yesNo = report.columns.filter((c) => c.kind === 'yesno').map((c) => c.key);
  return sendExport(reply, {
    format,
    lang,
    filename: `${report.file}_${range.from}_${range.to}${range.storeId ? `_${range.storeId}` : ''}`,
    sheetName: report.title[lang],
    columns,
    rows: withWords(rows, yesNo, lang),
    onError: (err) => reply.log.error({ err, report: report.path }, 'report export failed after the download started'),
  });
}
