// What an export says about its columns, and how one value becomes text or an Excel cell. Every report and list is
// exported through these: the CSV and the XLSX writers differ only in how they write what is decided here.
import { fenToYuan } from '../../model/money/yuan.js';

export type ExportLang = 'zh-CN' | 'en';
export const EXPORT_LANGS: readonly ExportLang[] = ['zh-CN', 'en'];
export type ExportFormat = 'csv' | 'xlsx';
export const EXPORT_FORMATS: readonly ExportFormat[] = ['csv', 'xlsx'];

/**
 * - text: shown as it is (null/undefined as empty).
 * - fen: integer fen, shown in yuan: "1234.56" in CSV (exact, via fenToYuan), a number with the 0.00 format in XLSX.
 * - integer: a count.
 * - date: a business day "YYYY-MM-DD" as it is, or an instant (ISO-8601 UTC or a Date) shown in the export's time
 *   zone as "YYYY-MM-DD HH:mm:ss" (Asia/Shanghai unless told), since people read times where the stores are.
 */
export type ExportKind = 'text' | 'fen' | 'integer' | 'date';

export interface ExportColumn<Row> {
  key: keyof Row & string;
  header: Record<ExportLang, string>;
  kind: ExportKind;
  /** XLSX column width in characters; a guess from the header when absent. */
  width?: number;
}

export interface ExportOptions {
  lang: ExportLang;
  /** IANA zone for instants in `date` columns. Default Asia/Shanghai. */
  timeZone?: string;
  /** Called every `progressEvery` rows (default 1000) and once at the end with the rows written so far. */
  onProgress?: (rows: number) => void;
  progressEvery?: number;
}

export interface ExportResult {
  rows: number;
}

export const DEFAULT_EXPORT_TIME_ZONE = 'Asia/Shanghai';
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Wall-clock parts of an instant in a zone; one formatter per zone, as creating one costs more than using it. */
const formatters = new Map<string, Intl.DateTimeFormat>();
function wallClock(at: Date, timeZone: string): { y: number; mo: number; d: number; h: number; mi: number; s: number } {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });
    formatters.set(timeZone, f);
  }
  const p: Record<string, number> = {};
  for (const part of f.formatToParts(at)) if (part.type !== 'literal') p[part.type] = Number(part.value);
  return { y: p.year ?? 0, mo: p.month ?? 0, d: p.day ?? 0, h: p.hour ?? 0, mi: p.minute ?? 0, s: p.second ?? 0 };
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

export type DateValue = { day: string } | { instant: Date };
export function dateValue(v: unknown, column: string): DateValue | null {
  if (v === null || v === undefined || v === '') return null;
  if (typeof v === 'string' && DAY.test(v)) return { day: v };
  const at = v instanceof Date ? v : typeof v === 'string' ? new Date(v) : null;
  if (!at || Number.isNaN(at.getTime())) throw new TypeError(`export column ${column}: ${String(v)} is not a date`);
  return { instant: at };
}

/** "YYYY-MM-DD HH:mm:ss" of an instant in the zone; the same wall clock as a UTC Date (what Excel cells hold). */
export function localTime(at: Date, timeZone: string): { text: string; asUtc: Date } {
  const w = wallClock(at, timeZone);
  return { text: `${pad(w.y, 4)}-${pad(w.mo)}-${pad(w.d)} ${pad(w.h)}:${pad(w.mi)}:${pad(w.s)}`, asUtc: new Date(Date.UTC(w.y, w.mo - 1, w.d, w.h, w.mi, w.s)) };
}

export function integerValue(v: unknown, column: string): number | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number' && Number.isSafeInteger(v)) return v;
  if (typeof v === 'bigint' && v <= BigInt(Number.MAX_SAFE_INTEGER) && v >= BigInt(Number.MIN_SAFE_INTEGER)) return Number(v);
  // PostgreSQL hands bigint and numeric columns over as text.
  if (typeof v === 'string' && /^-?\d{1,15}$/.test(v)) return Number(v);
  throw new TypeError(`export column ${column}: ${String(v)} is not an integer`);
}

/** The text a CSV cell shows for a value of the column's kind. */
export function cellText<Row>(col: ExportColumn<Row>, row: Row, timeZone: string): string {
  const v = row[col.key] as unknown;
  switch (col.kind) {
    case 'text':
      return v === null || v === undefined ? '' : String(v);
    case 'fen': {
      const fen = integerValue(v, col.key);
      return fen === null ? '' : fenToYuan(fen);
    }
    case 'integer': {
      const n = integerValue(v, col.key);
      return n === null ? '' : String(n);
    }
    case 'date': {
      const d = dateValue(v, col.key);
      return d === null ? '' : 'day' in d ? d.day : localTime(d.instant, timeZone).text;
    }
  }
}

export function progress(opts: ExportOptions): (rows: number, done?: boolean) => void {
  const every = Math.max(1, opts.progressEvery ?? 1000);
  return (rows, done = false) => {
    if (opts.onProgress && (done || rows % every === 0)) opts.onProgress(rows);
  };
}

/** A writable as far as waiting for it goes: node:stream's, or an older readable-stream's (archiver's, inside exceljs). */
export interface DrainableStream {
  destroyed?: boolean;
  writableNeedDrain?: boolean;
  _writableState?: { needDrain?: boolean };
  on(event: string, listener: () => void): unknown;
  removeListener(event: string, listener: () => void): unknown;
}

const needsDrain = (s: DrainableStream) => s.writableNeedDrain ?? s._writableState?.needDrain ?? false;

/** Waits until `out` takes more; fails when it is closed first (a client that went away), so the export stops
 *  pulling rows (and a `for await` over a database cursor closes it) instead of waiting for ever. */
export async function drained(out: DrainableStream): Promise<void> {
  if (out.destroyed) throw new Error('the export stream was closed before the end');
  if (!needsDrain(out)) return;
  await new Promise<void>((resolve, reject) => {
    const cleanup = () => {
      out.removeListener('drain', done);
      out.removeListener('close', closed);
      out.removeListener('error', closed);
    };
    const done = () => (cleanup(), resolve());
    const closed = () => (cleanup(), reject(new Error('the export stream was closed before the end')));
    out.on('drain', done);
    out.on('close', closed);
    out.on('error', closed);
  });
}
