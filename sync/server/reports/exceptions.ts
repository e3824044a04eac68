import type { ExceptionAgeRow, ExceptionsByDayRow } from '../../protocol/reports.js';
import type { Queryable } from '../db/index.js';
import { checkedDays, compareKeys, type ReportRange } from './chunks.js';

/**
 * The reconciliation's exceptions (recon_exceptions, migration 13) by day, store and type: how many were found,
 * how many are still open (current, and no resolution yet), and their amounts. An exception of no store (a bill item
 * no order claims) is listed under store "" and only to users who see every store.
 */
const BY_DAY_SQL = `
SELECT e.day, coalesce(e.store_id, '') COLLATE "C" AS store_id, e.type COLLATE "C" AS type,
       count(*)::bigint AS found, sum(e.amount)::bigint AS amount,
       count(*) FILTER (WHERE r.exception_key IS NULL)::bigint AS open,
       coalesce(sum(e.amount) FILTER (WHERE r.exception_key IS NULL), 0)::bigint AS open_amount
FROM recon_exceptions e
LEFT JOIN (SELECT DISTINCT exception_key FROM recon_resolutions) r ON r.exception_key = e.key
WHERE e.current AND e.day = $1
  AND ($2::text[] IS NULL OR e.store_id = ANY($2::text[])) AND ($3::text IS NULL OR e.store_id = $3)
GROUP BY 1, 2, 3
ORDER BY 1, 2, 3`;

type Num = string | number;

/** Exceptions by day × store × type, one day per query (a day holds few). */
export async function* exceptionsByDay(db: Queryable, range: ReportRange, after: readonly string[] | null = null): AsyncGenerator<ExceptionsByDayRow> {
  for (const day of checkedDays(range)) {
    if (after && day < after[0]!) continue;
    const rows = await db.query<{ day: string; store_id: string; type: string; found: Num; amount: Num; open: Num; open_amount: Num }>(
      BY_DAY_SQL,
      [day, range.scope === null ? null : [...range.scope], range.storeId ?? null],
    );
    for (const r of rows) {
      const row: ExceptionsByDayRow = {
        day: r.day, storeId: r.store_id, type: r.type, found: Number(r.found), amount: Number(r.amount), open: Number(r.open), openAmount: Number(r.open_amount),
      };
      if (after && compareKeys(exceptionsKey(row), after) <= 0) continue;
      yield row;
    }
  }
}

export const exceptionsKey = (r: ExceptionsByDayRow): string[] => [r.day, r.storeId, r.type];

/** Age buckets in days since the exception's day, as finance chases them: this week, this month, older. */
export const AGE_BUCKETS = [
  { id: '0-1', max: 1 },
  { id: '2-7', max: 7 },
  { id: '8-30', max: 30 },
  { id: '31+', max: Number.POSITIVE_INFINITY },
] as const;

/**
 * The open exceptions by type and age on `today` (a business day): the few rows of a small summary, so one query.
 * Age is in whole days from the exception's day.
 */
export async function exceptionAges(db: Queryable, scope: readonly string[] | null, today: string): Promise<ExceptionAgeRow[]> {
  const rows = await db.query<{ type: string; day: string; found: Num; amount: Num }>(
    `SELECT e.type, e.day, count(*)::bigint AS found, sum(e.amount)::bigint AS amount
     FROM recon_exceptions e
     WHERE e.current AND NOT EXISTS (SELECT 1 FROM recon_resolutions r WHERE r.exception_key = e.key)
       AND ($1::text[] IS NULL OR e.store_id = ANY($1::text[]))
     GROUP BY 1, 2`,
    [scope === null ? null : [...scope]],
  );
  const out = new Map<string, ExceptionAgeRow>();
  for (const r of rows) {
    const age = ageInDays(r.day, today);
    const bucket = AGE_BUCKETS.find((b) => age <= b.max)!.id;
    const k = `${r.type} ${bucket}`;
    const row = out.get(k) ?? { type: r.type, age: bucket, open: 0, amount: 0 };
    row.open += Number(r.found);
    row.amount += Number(r.amount);
    out.set(k, row);
  }
  const order = AGE_BUCKETS.map((b) => b.id as string);
  return [...out.values()].sort((a, b) => (a.type === b.type ? order.indexOf(a.age) - order.indexOf(b.age) : a.type < b.type ? -1 : 1));
}

/** Whole days from `day` to `today` (0 when the same day; an exception dated after today counts as 0). */
export function ageInDays(day: string, today: string): number {
  // Both are calendar days, read as UTC midnights: their difference is a whole number of days.
  return Math.max(0, Math.round((Date.parse(today) - Date.parse(day)) / 86_400_000));
}
