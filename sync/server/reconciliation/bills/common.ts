// What the WeChat and Alipay parsers share: refusing a file whole, finding columns by their header names, reading
// yuan and Beijing times, and running csv-parse one record at a time (so a 100,000-row bill never exists twice in
// memory as rows of strings and as items).
import { CsvError } from 'csv-parse';
import { parse } from 'csv-parse/sync';
import type { BillItem, BillParse, BillRefusal, BillRefusalCode, BillTotals, ParsedBill } from '../../../model/money/bill.js';
import { parseExactYuan, roundExactToFen, yuanToFen } from '../../../model/money/yuan.js';

/** Thrown inside a parser and turned into `{ ok: false }` by `asParse`: a bill is refused at the first fault found. */
export class BillRefused extends Error {
  constructor(readonly refusal: BillRefusal) {
    super(refusal.message);
  }
}

export function refuse(code: BillRefusalCode, message: string, line?: number): never {
  throw new BillRefused(line === undefined ? { code, message } : { code, message, line });
}

export async function asParse(run: () => ParsedBill | Promise<ParsedBill>): Promise<BillParse> {
  try {
    return { ok: true, bill: await run() };
  } catch (err) {
    if (err instanceof BillRefused) return { ok: false, refusal: err.refusal };
    throw err;
  }
}

/** Header names compared without surrounding blanks and with half-width brackets read as the full-width ones the
 *  providers print, so `订单金额(元)` from a re-saved file still finds `订单金额（元）`. */
export function headerKey(name: string): string {
  return name.replace(/^[\s`﻿]+|\s+$/g, '').replace(/\(/g, '（').replace(/\)/g, '）');
}

/** Column positions by header name; `need` names every column the matching reads, so a missing one refuses the file. */
export function columnsOf<const N extends string>(header: readonly string[], need: readonly N[], line: number): Record<N, number> {
  const at = new Map<string, number>();
  header.forEach((h, i) => {
    if (!at.has(headerKey(h))) at.set(headerKey(h), i);
  });
  const out = {} as Record<N, number>;
  for (const name of need) {
    const i = at.get(headerKey(name));
    if (i === undefined) refuse('BILL_MISSING_COLUMN', `column ${name} is missing from the header`, line);
    out[name] = i;
  }
  return out;
}

/** An optional column's position, or -1. */
export function optionalColumn(header: readonly string[], name: string): number {
  return header.findIndex((h) => headerKey(h) === headerKey(name));
}

export function fenOf(text: string, what: string, line: number): number {
  const fen = yuanToFen(text);
  if (fen === null) refuse('BILL_BAD_VALUE', `${what} "${text}" is not an amount in yuan to the fen`, line);
  return fen;
}

export function exactOf(text: string, what: string, line: number): bigint {
  const units = parseExactYuan(text === '' ? '0' : text);
  if (units === null) refuse('BILL_BAD_VALUE', `${what} "${text}" is not an amount in yuan`, line);
  return units;
}

const BEIJING_MS = 8 * 3600_000;
const LOCAL_TIME = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})$/;

/** "2026-11-27 23:59:58" in Beijing time → ISO-8601 UTC, and the Beijing day it belongs to. */
export function beijingTime(text: string, line: number): { at: string; day: string } {
  const m = LOCAL_TIME.exec(text);
  if (!m) refuse('BILL_BAD_VALUE', `"${text}" is not a time (YYYY-MM-DD HH:mm:ss)`, line);
  const [y, mo, d, h, mi, s] = m.slice(1).map(Number) as [number, number, number, number, number, number];
  const utc = Date.UTC(y, mo - 1, d, h, mi, s);
  const back = new Date(utc);
  // Date.UTC rolls 2026-02-30 over to March; a time that does not survive the round trip is not a time.
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d || h > 23 || mi > 59 || s > 59) {
    refuse('BILL_BAD_VALUE', `"${text}" is not a time`, line);
  }
  return { at: new Date(utc - BEIJING_MS).toISOString(), day: text.slice(0, 10) };
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
export function checkBillDate(day: string | undefined): string | undefined {
  if (day !== undefined && !DAY.test(day)) refuse('BILL_BAD_VALUE', `bill date "${day}" is not YYYY-MM-DD`);
  return day;
}

/** Every row must fall on the bill day (00:00–24:00 Beijing time); the first row names it when nobody did. */
export class BillDay {
  constructor(private day: string | undefined) {}
  check(rowDay: string, line: number): void {
    this.day ??= rowDay;
    if (rowDay !== this.day) refuse('BILL_WRONG_DAY', `a row of ${rowDay} in the bill of ${this.day}`, line);
  }
  get(): string {
    if (this.day === undefined) refuse('BILL_BAD_VALUE', 'the bill has no rows and no bill date was given');
    return this.day;
  }
}

/** Sums kept while reading: fen for amounts, exact 10⁻⁸ yuan for the fees the file gives finer than the fen. */
export class Tally {
  count = 0;
  paid = 0;
  refunded = 0;
  fees = 0;
  exactFees = 0n;
  add(item: BillItem, exactFee: bigint): void {
    this.count++;
    if (item.kind === 'payment') this.paid += item.amount;
    else this.refunded += item.amount;
    this.fees += item.fee;
    this.exactFees += exactFee;
  }
  totals(): BillTotals {
    return { count: this.count, paid: this.paid, refunded: this.refunded, fees: this.fees };
  }
}

export function roundedFee(exact: bigint): number {
  return roundExactToFen(exact);
}

export function mismatch(what: string, file: string | number, rows: string | number, line?: number): never {
  refuse('BILL_TOTALS_MISMATCH', `${what}: the file says ${file}, its rows add up to ${rows}`, line);
}

/**
 * Runs csv-parse over `text`, handing each record and its 1-based line to `onRow` as it is read; nothing is
 * collected. Column counts may differ (a bill has a detail section and a summary of another width); the parsers
 * judge that themselves. A quote left open at the end means the file was cut short.
 */
export function eachRecord(text: string, opts: { trim: boolean; firstLine?: number }, onRow: (cells: string[], line: number) => void): void {
  const offset = (opts.firstLine ?? 1) - 1;
  try {
    parse(text, {
      bom: true,
      relax_column_count: true,
      skip_empty_lines: true,
      trim: opts.trim,
      on_record: (record: string[], ctx) => {
        onRow(record, ctx.lines + offset);
        return null;
      },
    });
  } catch (err) {
    if (err instanceof BillRefused) throw err;
    if (err instanceof CsvError && err.code === 'CSV_QUOTE_NOT_CLOSED') refuse('BILL_TRUNCATED', 'the file ends inside a quoted value');
    if (err instanceof CsvError) refuse('BILL_UNRECOGNISED', `not a CSV the parser can read: ${err.message}`);
    throw err;
  }
}
