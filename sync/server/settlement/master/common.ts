import { isBusinessDay, periodOf } from '../../../model/money/periods.js';
import { ProtocolError } from '../../../protocol/errors.js';
import type { Queryable } from '../../db/index.js';
import { loadPeriodRules } from '../../reports/period-rules.js';

/** A timestamptz column as ISO-8601 UTC, the same text on PostgreSQL and PGlite. */
export const ISO = (col: string): string => `to_char(${col} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
/** A date column as YYYY-MM-DD (never a Date object, whose day would depend on the server's time zone). */
export const DAY = (col: string): string => `to_char(${col}, 'YYYY-MM-DD')`;

/** bigint columns come back as strings from pg and as bigint from PGlite; every figure here fits a double exactly. */
export const num = (v: string | number | bigint): number => Number(v);

/** 400 VALIDATION_FAILED for a day the schema's pattern could not judge (2026-02-30 is no calendar day). */
export function assertDay(day: string, path: string): void {
  if (!isBusinessDay(day)) throw new ProtocolError('VALIDATION_FAILED', `"${day}" is not a day (YYYY-MM-DD)`, 400, { path });
}

/**
 * assertDay for each of a query's day fields that is given: a route calls it before any query, so a day the schema's
 * pattern let through (2026-02-30) is a 400, never a `::date` error and a 500.
 */
export function assertQueryDays<Q extends object>(query: Q, keys: readonly (keyof Q & string)[]): void {
  for (const k of keys) {
    const v = query[k];
    if (typeof v === 'string') assertDay(v, `/querystring/${k}`);
  }
}

/** The period holding a day under finance's rules (reports/period-rules.ts). */
export async function periodFromOf(q: Queryable, day: string): Promise<string> {
  return periodOf(day, await loadPeriodRules(q)).from;
}

/** A period is addressed by its first day: anything else is refused, naming the period the day lies in. */
export async function assertPeriodStart(q: Queryable, periodFrom: string, path: string): Promise<void> {
  assertDay(periodFrom, path);
  const from = await periodFromOf(q, periodFrom);
  if (from !== periodFrom) {
    throw new ProtocolError('NOT_A_PERIOD_START', `${periodFrom} is not the first day of an accounting period; its period starts on ${from}`, 422, { path, periodFrom: from });
  }
}

export interface CounterRef {
  id: string;
  storeId: string;
  supplierId: string;
  areaCode: string;
}

/** The counter, or 404/422 UNKNOWN_COUNTER (404 when it is the route's own subject, 422 when a body names it). */
export async function counterRef(q: Queryable, id: string, status: 404 | 422 = 404): Promise<CounterRef> {
  const [row] = await q.query<{ id: string; store_id: string; supplier_id: string; area_code: string }>(
    'SELECT id, store_id, supplier_id, area_code FROM concession_counters WHERE id = $1',
    [id],
  );
  if (!row) throw new ProtocolError('UNKNOWN_COUNTER', `counter "${id}" does not exist`, status, { counterId: id });
  return { id: row.id, storeId: row.store_id, supplierId: row.supplier_id, areaCode: row.area_code };
}

/**
 * Fees, supplies and till sales of a period feed its statement. An issued statement froze its figures when it was
 * drafted, and a correction (a new version, allowed until the statement is paid) redrafts from the data as it is
 * then, so finance fixes a fee here and then corrects the statement. Once the counter's statement for the period is
 * paid nothing can carry a change any more: 409 PERIOD_SETTLED rather than a change no paper would ever show.
 */
export async function assertNotSettled(q: Queryable, counterId: string, periodFrom: string): Promise<void> {
  const [row] = await q.query<{ number: string; status: string }>(
    `SELECT number, status FROM statements WHERE counter_id = $1 AND period_from = $2::date AND status = 'paid' LIMIT 1`,
    [counterId, periodFrom],
  );
  if (row) {
    throw new ProtocolError('PERIOD_SETTLED', `statement ${row.number} of counter "${counterId}" for the period from ${periodFrom} is ${row.status}`, 409, {
      counterId,
      periodFrom,
      statement: row.number,
    });
  }
}

/** A sum of fen that must stay exact in a double (and in the bigint columns). */
export function exactSum(values: readonly number[], path: string): number {
  const total = values.reduce((a, b) => a + b, 0);
  if (!Number.isSafeInteger(total)) throw new ProtocolError('VALIDATION_FAILED', 'the amounts add up to more than can be kept exactly', 400, { path });
  return total;
}
