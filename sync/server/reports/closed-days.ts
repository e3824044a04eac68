import type { ClosedDay, ClosedDaySource } from '../../model/money/closed-day.js';
import type { ClosedDayRow } from '../../protocol/reports.js';
import type { Queryable } from '../db/index.js';
import { checkedDays, compareKeys, storeChunks, type ReportRange } from './chunks.js';

/**
 * Where the closed days come from: the day close's stored closes (sync/server/day-close closedDaySource(db), the
 * contract money/closed-day.ts), the same source the reconciliation is given (app.ts). Without one, no day is closed.
 */
export const NO_CLOSED_DAYS: ClosedDaySource = async () => [];

/**
 * Which stores closed which days: one row per store in range and business day, closed or not (a day with no row
 * would read as "nothing to report", not as "not closed"), with the drawers' cash figures summed. One day at a time.
 */
export async function* closedDaysReport(db: Queryable, range: ReportRange, source: ClosedDaySource, after: readonly string[] | null = null): AsyncGenerator<ClosedDayRow> {
  const days = checkedDays(range);
  const stores = (await storeChunks(db, range)).flat();
  for (const day of days) {
    if (after && day < after[0]!) continue;
    const closes = await source({ from: day, to: day });
    const byStore = new Map<string, ClosedDay[]>();
    for (const c of closes) {
      if (c.businessDay !== day) continue;
      const list = byStore.get(c.storeId);
      if (list) list.push(c);
      else byStore.set(c.storeId, [c]);
    }
    for (const storeId of stores) {
      const row = closedDayRow(day, storeId, byStore.get(storeId) ?? []);
      if (after && compareKeys(closedDayKey(row), after) <= 0) continue;
      yield row;
    }
  }
}

export const closedDayKey = (r: ClosedDayRow): string[] => [r.day, r.storeId];

/** A store day from its drawers' closes: closed when any drawer closed; the latest close names when and who. */
export function closedDayRow(day: string, storeId: string, closes: readonly ClosedDay[]): ClosedDayRow {
  const latest = [...closes].sort((a, b) => (a.closedAt < b.closedAt ? -1 : 1)).at(-1);
  return {
    day,
    storeId,
    closed: closes.length > 0,
    drawers: closes.length,
    closedAt: latest?.closedAt ?? null,
    closedBy: latest?.closedBy ?? null,
    cashExpected: closes.reduce((sum, c) => sum + c.cashExpected, 0),
    cashCounted: closes.reduce((sum, c) => sum + c.cashCounted, 0),
    variance: closes.reduce((sum, c) => sum + c.variance, 0),
    beyondTolerance: closes.some((c) => Math.abs(c.variance) > c.tolerance),
  };
}
