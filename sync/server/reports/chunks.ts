import { ProtocolError } from '../../protocol/errors.js';
import { MAX_REPORT_DAYS } from '../../protocol/reports.js';
import { daysBetween, isBusinessDay } from '../../model/money/periods.js';
import type { Queryable } from '../db/index.js';

/**
 * How a report reads without holding a month of a chain in memory: one business day (or one period) at a time, and
 * within it a few stores at a time, each chunk one query whose answer is already in the report's order. A chunk is
 * small however large the chain (STORES_PER_CHUNK stores × the SKUs they sold that day), and no transaction or
 * cursor is held open while a slow client downloads: on PGlite, a single connection, that would stop every push.
 */
export const STORES_PER_CHUNK = 10;

/** Which stores a user may see: null = every store (finance, admin); a list = those only (a store manager). */
export type StoreScope = readonly string[] | null;

export interface ReportRange {
  from: string;
  to: string;
  /** One store, or every store in scope. */
  storeId?: string;
  scope: StoreScope;
}

/** The range's days after checking it: real days, from ≤ to, at most MAX_REPORT_DAYS. */
export function checkedDays(range: Pick<ReportRange, 'from' | 'to'>): string[] {
  if (!isBusinessDay(range.from) || !isBusinessDay(range.to)) {
    throw new ProtocolError('VALIDATION_FAILED', 'from and to are business days (YYYY-MM-DD)', 400, { path: '/querystring' });
  }
  if (range.from > range.to) throw new ProtocolError('VALIDATION_FAILED', `from ${range.from} is after to ${range.to}`, 400, { path: '/querystring/from' });
  const days = daysBetween(range.from, range.to);
  if (days.length > MAX_REPORT_DAYS) {
    throw new ProtocolError('VALIDATION_FAILED', `a report covers at most ${MAX_REPORT_DAYS} days`, 400, { path: '/querystring/to' });
  }
  return days;
}

/**
 * The stores a report covers, by id (bytewise), in chunks. A store outside the user's scope is never listed: asking
 * for one gives an empty report, the same answer as a store that does not exist, so a manager cannot probe ids.
 */
export async function storeChunks(db: Queryable, range: ReportRange): Promise<string[][]> {
  const rows = await db.query<{ id: string }>(
    `SELECT id FROM stores
     WHERE ($1::text[] IS NULL OR id = ANY($1::text[])) AND ($2::text IS NULL OR id = $2)
     ORDER BY id`,
    [range.scope === null ? null : [...range.scope], range.storeId ?? null],
  );
  const out: string[][] = [];
  for (let i = 0; i < rows.length; i += STORES_PER_CHUNK) out.push(rows.slice(i, i + STORES_PER_CHUNK).map((r) => r.id));
  return out;
}

/**
 * The instants a store's business days [from, to] span, as SQL over `stores st`: lo and hi are timestamptz, and
 * lo_text/hi_text the same widened by a second as UTC ISO text, for an index on an ISO text column (documents keep
 * UTC ISO text, which sorts as time to the second; the exact comparison on the instants follows).
 */
export const STORE_SPAN_SQL = `
  ((DAYFROM)::date::timestamp AT TIME ZONE st.timezone) AS lo,
  (((DAYTO)::date + 1)::timestamp AT TIME ZONE st.timezone) AS hi,
  to_char(((DAYFROM)::date::timestamp AT TIME ZONE st.timezone) AT TIME ZONE 'UTC' - interval '1 second', 'YYYY-MM-DD"T"HH24:MI:SS') AS lo_text,
  to_char(((((DAYTO)::date + 1)::timestamp AT TIME ZONE st.timezone) AT TIME ZONE 'UTC') + interval '1 second', 'YYYY-MM-DD"T"HH24:MI:SS') AS hi_text`;

/** STORE_SPAN_SQL with its day parameters named. */
export function storeSpan(fromParam: string, toParam: string): string {
  return STORE_SPAN_SQL.replaceAll('DAYFROM', fromParam).replaceAll('DAYTO', toParam);
}

/** A page cursor: the last row's key, as an opaque string. */
export function encodeAfter(key: readonly string[]): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

export function decodeAfter(after: string | undefined, length: number): string[] | null {
  if (after === undefined) return null;
  try {
    const key: unknown = JSON.parse(Buffer.from(after, 'base64url').toString('utf8'));
    if (Array.isArray(key) && key.length === length && key.every((k) => typeof k === 'string')) return key as string[];
  } catch {
    // falls through to the refusal
  }
  throw new ProtocolError('VALIDATION_FAILED', 'after is not a cursor this report gave', 400, { path: '/querystring/after' });
}

/** Bytewise comparison of two keys, as the SQL orders them (COLLATE "C"). */
export function compareKeys(a: readonly string[], b: readonly string[]): number {
  for (let i = 0; i < a.length; i += 1) {
    const x = Buffer.from(a[i] ?? ''), y = Buffer.from(b[i] ?? '');
    const c = Buffer.compare(x, y);
    if (c !== 0) return c;
  }
  return 0;
}
