import { cashToleranceOf } from '../../model/money/till.js';
import { closedDayOf, foldDay } from '../../model/money/day-close.js';
import type { ClosedDay, ClosedDaySource } from '../../model/money/closed-day.js';
import type { TillEvent } from '../../model/money/till.js';
import type { Payment } from '../../model/payment.js';
import type { Queryable } from '../db/index.js';
import { storedTillFacts } from './judge.js';

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const DAY_MS = 86_400_000;

/**
 * The store days closed within [from, to] (business days, YYYY-MM-DD), as the reconciliation reads them
 * (money/closed-day.ts): for every drawer (store × terminal × day) with a close, the same fold the terminal ran
 * (foldDay) over the till facts and the payments the centre holds, and the latest close of it. A day reopened and
 * not closed again is not closed, and is left out until it is. Figures follow the facts the centre holds: a payment
 * that reaches it after the close (its terminal was offline) is counted as soon as it arrives.
 */
export function closedDaySource(db: Queryable): ClosedDaySource {
  return async ({ from, to }) => {
    if (!DAY.test(from) || !DAY.test(to)) throw new Error(`closed days are asked for by business day (YYYY-MM-DD), got ${from}..${to}`);
    const drawers = await db.query<{ store_id: string; device_id: string; business_day: string; timezone: string; cash_tolerance: number | null }>(
      `SELECT DISTINCT d.store_id, d.data->>'deviceId' AS device_id, d.data->>'businessDay' AS business_day, s.timezone,
         (SELECT (sd.data->'settings'->>'cashTolerance')::int FROM docs sd
           WHERE sd.store_id = d.store_id AND sd.collection = 'stores' AND sd.id = d.store_id) AS cash_tolerance
       FROM docs d JOIN stores s ON s.id = d.store_id
       WHERE d.collection = 'till_events' AND d.data->>'type' = 'closed' AND NOT d.deleted
         AND d.data->>'businessDay' >= $1 AND d.data->>'businessDay' <= $2
       ORDER BY 1, 3, 2`,
      [from, to],
    );
    const out: ClosedDay[] = [];
    for (const k of drawers) {
      const till: TillEvent[] = await storedTillFacts(db, k.store_id, [{ deviceId: k.device_id, businessDay: k.business_day }]);
      // Every time zone's business day lies within a day either side of the UTC date; foldDay keeps the day's own.
      const day = Date.parse(`${k.business_day}T00:00:00.000Z`);
      const payments = await db.query<{ data: Payment }>(
        `SELECT data FROM docs WHERE store_id = $1 AND collection = 'payments' AND NOT deleted
           AND (data->>'at') COLLATE "C" >= $2 AND (data->>'at') COLLATE "C" < $3 AND data->>'deviceId' = $4`,
        [k.store_id, new Date(day - DAY_MS).toISOString(), new Date(day + 2 * DAY_MS).toISOString(), k.device_id],
      );
      const state = foldDay({ storeId: k.store_id, deviceId: k.device_id, businessDay: k.business_day, timeZone: k.timezone }, till, payments.map((p) => p.data));
      const closed = closedDayOf(state);
      // The tolerance a close names is the terminal's word; finance judges by no more than the store's own setting,
      // so a terminal that claimed a wider one (an old setting kept offline, or a modified terminal) hides nothing.
      if (closed) out.push({ ...closed, tolerance: Math.min(closed.tolerance, cashToleranceOf(k.cash_tolerance === null ? undefined : { cashTolerance: k.cash_tolerance })) });
    }
    return out;
  };
}
