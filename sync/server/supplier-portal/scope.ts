/**
 * What a supplier may see, decided in SQL: every query of the portal starts from concession_counters with
 * supplier_id = the session's supplier (a bound parameter, never a list the request brings). Anything outside that
 * is answered 404 NOT_FOUND, exactly like something that does not exist.
 */
import { periodOf, periodsBetween, periodStartingOn, type AccountingPeriod, type PeriodRule } from '../../model/money/periods.js';
import { ProtocolError } from '../../protocol/errors.js';
import { SUPPLIER_SALES_MAX_DAYS, type SupplierCounter, type SupplierPeriod } from '../../protocol/supplier.js';
import type { Queryable } from '../db/index.js';
import { loadPeriodRules } from '../reports/period-rules.js';
import { assertQueryDays } from '../settlement/master/common.js';

export function notFound(what: string, details: Record<string, unknown> = {}): ProtocolError {
  return new ProtocolError('NOT_FOUND', `no ${what}`, 404, details);
}

export async function supplierCounters(q: Queryable, supplierId: string): Promise<SupplierCounter[]> {
  const rows = await q.query<{ id: string; name: string; store_id: string; store_name: string; area_code: string; category: string }>(
    `SELECT c.id, c.name, c.store_id, st.name AS store_name, c.area_code, c.category
     FROM concession_counters c JOIN stores st ON st.id = c.store_id
     WHERE c.supplier_id = $1 ORDER BY c.id`,
    [supplierId],
  );
  return rows.map((r) => ({ id: r.id, name: r.name, storeId: r.store_id, storeName: r.store_name, areaCode: r.area_code, category: r.category }));
}

/** The supplier's counter ids, optionally just the one asked for: 404 when it is not theirs (or does not exist). */
export async function scopedCounterIds(q: Queryable, supplierId: string, counter?: string): Promise<string[]> {
  const rows = await q.query<{ id: string }>(
    'SELECT id FROM concession_counters WHERE supplier_id = $1 AND ($2::text IS NULL OR id = $2) ORDER BY id',
    [supplierId, counter ?? null],
  );
  if (counter !== undefined && rows.length === 0) throw notFound('counter of yours with that code', { counter });
  return rows.map((r) => r.id);
}

/** 404 unless the supplier has a counter in the store. */
export async function assertSupplierStore(q: Queryable, supplierId: string, store: string): Promise<void> {
  const rows = await q.query('SELECT 1 FROM concession_counters WHERE supplier_id = $1 AND store_id = $2 LIMIT 1', [supplierId, store]);
  if (rows.length === 0) throw notFound('store with a counter of yours', { store });
}

export const periodView = (p: AccountingPeriod): SupplierPeriod => ({ from: p.from, to: p.to, label: p.label });

export async function periodRules(q: Queryable): Promise<PeriodRule[]> {
  return (await loadPeriodRules(q)).map((r) => ({ effectiveFrom: r.effectiveFrom, startDay: r.startDay }));
}

/** The period that starts on `from`; 400 when no period starts that day. */
export function periodStarting(from: string, rules: readonly PeriodRule[]): AccountingPeriod {
  const p = periodStartingOn(from, rules);
  if (!p) throw new ProtocolError('VALIDATION_FAILED', `no accounting period starts on ${from}`, 400, { path: 'querystring/period' });
  return p;
}

export function periodOfDay(day: string, rules: readonly PeriodRule[]): SupplierPeriod {
  return periodView(periodOf(day, rules));
}

/** A sales query's days: the period's (narrowed by from/to), or from..to; at most SUPPLIER_SALES_MAX_DAYS. */
export function salesDays(query: { from?: string; to?: string; period?: string }, rules: readonly PeriodRule[]): { from: string; to: string } {
  // Date.parse takes 2026-02-30 for 2 March: every day is checked against the calendar first.
  assertQueryDays(query, ['from', 'to', 'period']);
  let from = query.from;
  let to = query.to;
  if (query.period) {
    const p = periodStarting(query.period, rules);
    from = from && from > p.from ? from : p.from;
    to = to && to < p.to ? to : p.to;
  }
  if (!from || !to) throw new ProtocolError('VALIDATION_FAILED', 'give a period, or from and to', 400, { path: 'querystring' });
  const span = (Date.parse(to) - Date.parse(from)) / 86_400_000;
  if (!(span >= 0 && span < SUPPLIER_SALES_MAX_DAYS)) {
    throw new ProtocolError('VALIDATION_FAILED', `from must not be after to, and a query covers at most ${SUPPLIER_SALES_MAX_DAYS} days`, 400, { path: 'querystring/to' });
  }
  return { from, to };
}

/** The periods the supplier has anything in (statements, fee bills, supplies), newest first; the current one too. */
export async function supplierPeriods(q: Queryable, supplierId: string, today: string): Promise<SupplierPeriod[]> {
  const rules = await periodRules(q);
  const rows = await q.query<{ day: string }>(
    `SELECT DISTINCT to_char(x.period_from, 'YYYY-MM-DD') AS day FROM (
       SELECT s.period_from FROM statements s JOIN concession_counters c ON c.id = s.counter_id WHERE c.supplier_id = $1 AND s.issued_at IS NOT NULL
       UNION SELECT f.period_from FROM fee_bills f JOIN concession_counters c ON c.id = f.counter_id WHERE c.supplier_id = $1
       UNION SELECT u.period_from FROM supplies_usage u JOIN concession_counters c ON c.id = u.counter_id WHERE c.supplier_id = $1
     ) x`,
    [supplierId],
  );
  const byFrom = new Map<string, SupplierPeriod>();
  for (const day of [today, ...rows.map((r) => r.day)]) {
    const p = periodOf(day, rules);
    byFrom.set(p.from, periodView(p));
  }
  return [...byFrom.values()].sort((a, b) => (a.from < b.from ? 1 : -1));
}

export { periodsBetween };
