// Reading a till (POS) sales file: bytes in, its rows or every fault found out. Nothing is stored here; the file is
// checked against itself (its totals row, no row twice) before pos-import.ts looks at the database.
import { CsvError } from 'csv-parse';
import { parse } from 'csv-parse/sync';
import iconv from 'iconv-lite';
import { isBusinessDay } from '../../../model/money/periods.js';
import { fenToYuan, yuanToFen } from '../../../model/money/yuan.js';
import { MAX_POS_ERRORS, POS_COLUMNS, POS_REQUIRED_COLUMNS, POS_TOTAL_MARKERS, type PosColumn, type PosRowError } from '../../../protocol/settlement-master.js';

export interface PosRow {
  /** The file line it came from (the header is line 1), for the errors the database checks find. */
  line: number;
  counterId: string;
  day: string;
  sku: string;
  qty: number;
  amount: number;
  returns: number;
}

export interface PosTotals {
  qty: number;
  amount: number;
  returns: number;
}

export type PosParse =
  | { ok: true; rows: PosRow[]; totals: PosTotals }
  | { ok: false; code: 'POS_FILE_INVALID' | 'POS_TOTALS_MISMATCH'; message: string; errors: PosRowError[] };

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** UTF-8 (with or without a BOM) as written by most tools; else GB18030, what Excel on a Chinese Windows saves. */
export function decodePosFile(bytes: Uint8Array): string {
  try {
    return utf8.decode(bytes);
  } catch {
    return iconv.decode(Buffer.from(bytes), 'gb18030');
  }
}

const norm = (h: string): string => h.replace(/^[\s﻿]+|\s+$/g, '').replace(/（/g, '(').replace(/）/g, ')').replace(/\(元\)$/, '').toLowerCase();
const COLUMN_OF = new Map<string, PosColumn>(
  (Object.entries(POS_COLUMNS) as [PosColumn, readonly string[]][]).flatMap(([col, names]) => names.map((n) => [norm(n), col] as [string, PosColumn])),
);
const INTEGER = /^-?\d{1,9}$/;

/** Every cell of a record read, each fault noted with its line and column; the file is refused if there is one. */
export function parsePosFile(bytes: Uint8Array): PosParse {
  const errors: PosRowError[] = [];
  const fault = (line: number, message: string, column?: PosColumn) => {
    if (errors.length <= MAX_POS_ERRORS) errors.push(column ? { line, column, message } : { line, message });
  };
  const records: { cells: string[]; line: number }[] = [];
  try {
    parse(decodePosFile(bytes), {
      bom: true, relax_column_count: true, skip_empty_lines: true, trim: true,
      on_record: (record: string[], ctx) => {
        records.push({ cells: record, line: ctx.lines });
        return null;
      },
    });
  } catch (err) {
    if (!(err instanceof CsvError)) throw err;
    return { ok: false, code: 'POS_FILE_INVALID', message: `not a CSV file: ${err.message}`, errors: [{ line: typeof err.lines === 'number' ? err.lines : 1, message: err.message }] };
  }
  const [header, ...body] = records;
  if (!header) return { ok: false, code: 'POS_FILE_INVALID', message: 'the file is empty', errors: [{ line: 1, message: 'no header row' }] };
  const at = new Map<PosColumn, number>();
  header.cells.forEach((name, i) => {
    const col = COLUMN_OF.get(norm(name));
    if (col && !at.has(col)) at.set(col, i);
  });
  const missing = POS_REQUIRED_COLUMNS.filter((c) => !at.has(c));
  if (missing.length > 0) {
    return { ok: false, code: 'POS_FILE_INVALID', message: `the header lacks ${missing.join(', ')}`, errors: missing.map((c) => ({ line: header.line, column: c, message: `no column ${POS_COLUMNS[c].join(' / ')}` })) };
  }
  const cell = (cells: string[], col: PosColumn): string => {
    const i = at.get(col);
    return i === undefined ? '' : (cells[i] ?? '');
  };
  const money = (cells: string[], col: PosColumn, line: number, min?: number): number => {
    const text = cell(cells, col);
    if (text === '' && col === 'returns') return 0;
    const fen = yuanToFen(text);
    if (fen === null) fault(line, `"${text}" is not an amount in yuan with at most two decimals`, col);
    else if (min !== undefined && fen < min) fault(line, `${col} must not be negative`, col);
    return fen ?? 0;
  };
  const count = (cells: string[], line: number): number => {
    const text = cell(cells, 'qty');
    if (!INTEGER.test(text)) fault(line, `"${text}" is not a whole number`, 'qty');
    return Number(text) || 0;
  };

  const rows: PosRow[] = [];
  const seen = new Map<string, number>();
  let stated: (PosTotals & { line: number }) | undefined;
  for (const { cells, line } of body) {
    if ((POS_TOTAL_MARKERS as readonly string[]).includes(cells[0] ?? '')) {
      if (stated) fault(line, `a second totals row (the first is on line ${stated.line})`);
      stated = { line, qty: count(cells, line), amount: money(cells, 'amount', line), returns: money(cells, 'returns', line) };
      continue;
    }
    if (stated) fault(line, `a row after the totals row (line ${stated.line})`);
    const counterId = cell(cells, 'counter');
    const day = cell(cells, 'day');
    const sku = cell(cells, 'sku');
    if (counterId === '') fault(line, 'no counter code', 'counter');
    if (!isBusinessDay(day)) fault(line, `"${day}" is not a day (YYYY-MM-DD)`, 'day');
    const key = `${counterId}\u0000${day}\u0000${sku}`;
    const first = seen.get(key);
    if (first !== undefined) fault(line, `counter ${counterId}, day ${day}${sku ? `, SKU ${sku}` : ''} is on line ${first} already`);
    else seen.set(key, line);
    rows.push({ line, counterId, day, sku, qty: count(cells, line), amount: money(cells, 'amount', line), returns: money(cells, 'returns', line, 0) });
  }
  if (rows.length === 0) fault(header.line + 1, 'the file has no sales rows');
  if (!stated) fault((records.at(-1)?.line ?? 1) + 1, `no totals row (first cell ${POS_TOTAL_MARKERS[0]} or total) to check the rows against`);
  if (errors.length > 0) return { ok: false, code: 'POS_FILE_INVALID', message: `the file has ${errors.length > MAX_POS_ERRORS ? `more than ${MAX_POS_ERRORS}` : errors.length} faults; nothing was stored`, errors };

  const totals: PosTotals = { qty: 0, amount: 0, returns: 0 };
  for (const r of rows) {
    totals.qty += r.qty;
    totals.amount += r.amount;
    totals.returns += r.returns;
  }
  if (![totals.qty, totals.amount, totals.returns].every(Number.isSafeInteger)) {
    return { ok: false, code: 'POS_FILE_INVALID', message: 'the file adds up to more than can be kept exactly', errors: [{ line: stated!.line, message: 'totals too large' }] };
  }
  const off: PosRowError[] = [];
  const s = stated!;
  if (s.qty !== totals.qty) off.push({ line: s.line, column: 'qty', message: `the file says ${s.qty}, its rows add up to ${totals.qty}` });
  if (s.amount !== totals.amount) off.push({ line: s.line, column: 'amount', message: `the file says ${fenToYuan(s.amount)}, its rows add up to ${fenToYuan(totals.amount)}` });
  if (s.returns !== totals.returns) off.push({ line: s.line, column: 'returns', message: `the file says ${fenToYuan(s.returns)}, its rows add up to ${fenToYuan(totals.returns)}` });
  if (off.length > 0) return { ok: false, code: 'POS_TOTALS_MISMATCH', message: 'the rows do not add up to the totals row; nothing was stored', errors: off };
  return { ok: true, rows, totals };
}
