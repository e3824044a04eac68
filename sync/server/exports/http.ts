// Answering a GET with an export as a download, streamed: the response starts with the first rows while the rest
// are still being read. Once the headers are sent a failure can no longer become an error status, so the stream is
// destroyed instead: the browser shows a failed download rather than a file that looks complete and is not.
import { PassThrough } from 'node:stream';
import type { FastifyReply } from 'fastify';
import { writeCsvExport } from './csv.js';
import { EXPORT_FORMATS, EXPORT_LANGS, type ExportColumn, type ExportFormat, type ExportLang, type ExportOptions } from './columns.js';
import { writeXlsxExport } from './xlsx.js';

export const EXPORT_CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** The query string an export route accepts: `?format=csv|xlsx&lang=zh-CN|en` (Fastify schema). */
export const exportQuerySchema = {
  type: 'object',
  additionalProperties: true,
  properties: {
    format: { type: 'string', enum: [...EXPORT_FORMATS], default: 'xlsx' },
    lang: { type: 'string', enum: [...EXPORT_LANGS], default: 'zh-CN' },
  },
} as const;
export interface ExportQuery {
  format: ExportFormat;
  lang: ExportLang;
}

/**
 * `attachment; filename="…"; filename*=UTF-8''…` (RFC 6266 / 5987): browsers use the UTF-8 name (日报-2026-11.xlsx);
 * the plain one is an ASCII stand-in for clients that do not read filename*.
 */
export function contentDisposition(filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  const encoded = encodeURIComponent(filename).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

export interface SendExportInput<Row> extends ExportOptions {
  format: ExportFormat;
  /** Without the extension; `.csv` or `.xlsx` is added. */
  filename: string;
  columns: readonly ExportColumn<Row>[];
  rows: AsyncIterable<Row> | Iterable<Row>;
  sheetName?: string;
  /** Told when the export fails after the download started (the log, in a route). */
  onError?: (err: unknown) => void;
}

/** Sends the export as the reply's body and returns the reply (return it from the handler). */
export function sendExport<Row>(reply: FastifyReply, input: SendExportInput<Row>): FastifyReply {
  const body = new PassThrough();
  const { format, filename, columns, rows, onError, ...opts } = input;
  const write = format === 'csv' ? writeCsvExport(rows, columns, body, opts) : writeXlsxExport(rows, columns, body, opts);
  write.catch((err: unknown) => {
    onError?.(err);
    body.destroy(err instanceof Error ? err : new Error(String(err)));
  });
  return reply
    .header('content-type', EXPORT_CONTENT_TYPES[format])
    .header('content-disposition', contentDisposition(`${filename}.${format}`))
    .header('cache-control', 'no-store')
    .header('x-content-type-options', 'nosniff')
    .send(body);
}
