// CSV export: UTF-8 with a BOM (without it Excel on a Chinese Windows reads the file as GBK and shows noise), CRLF
// lines, RFC 4180 quoting. Rows are pulled from the iterable one at a time and written in chunks of about 64 KB,
// waiting for the stream to drain, so a million rows never sit in memory.
import { finished } from 'node:stream/promises';
import type { Writable } from 'node:stream';
import { DEFAULT_EXPORT_TIME_ZONE, cellText, drained, progress, type ExportColumn, type ExportOptions, type ExportResult } from './columns.js';

const CHUNK_CHARS = 64 * 1024;

/** A cell as CSV: quoted when it holds a comma, a quote or a line break. Text that a spreadsheet would run as a
 *  formula (=, +, -, @ first) gets a leading apostrophe: an export must not execute what a customer typed. */
export function csvCell(text: string, kind: ExportColumn<unknown>['kind']): string {
  const safe = kind === 'text' && /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

async function write(out: Writable, text: string): Promise<void> {
  if (out.destroyed) await drained(out);
  out.write(text, 'utf8');
  await drained(out);
}

/** Writes the rows as CSV to `out` and ends it; resolves once all is written. */
export async function writeCsvExport<Row>(rows: AsyncIterable<Row> | Iterable<Row>, columns: readonly ExportColumn<Row>[], out: Writable, opts: ExportOptions): Promise<ExportResult> {
  const timeZone = opts.timeZone ?? DEFAULT_EXPORT_TIME_ZONE;
  const tick = progress(opts);
  let chunk = `\uFEFF${columns.map((c) => csvCell(c.header[opts.lang], 'text')).join(',')}\r\n`;
  let n = 0;
  for await (const row of rows) {
    chunk += `${columns.map((c) => csvCell(cellText(c, row, timeZone), c.kind)).join(',')}\r\n`;
    n++;
    if (chunk.length >= CHUNK_CHARS) {
      await write(out, chunk);
      chunk = '';
    }
    tick(n);
  }
  if (chunk) await write(out, chunk);
  out.end();
  await finished(out, { readable: false });
  tick(n, true);
  return { rows: n };
}
