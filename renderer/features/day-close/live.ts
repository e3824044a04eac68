import { combineLatest, distinctUntilChanged, map, type Observable } from 'rxjs';
import type { TerminalDb } from '../../db/index.js';
import { dayLists, foldDay, type DayLists, type DayOrder, type DayState, type DrawerKey, type Payment, type TillEvent } from '../../../sync/model/index.js';
import { queueRows$ } from '../orders/live.js';

const DAY_MS = 86_400_000;

/** This terminal's drawer on a business day, live: its till facts and the payments it took, folded (foldDay). */
export function drawer$(db: TerminalDb, key: DrawerKey): Observable<DayState> {
  // Every time zone's business day lies within a day either side of the UTC date; foldDay keeps the day's own.
  const day = Date.parse(`${key.businessDay}T00:00:00.000Z`);
  const from = new Date(day - DAY_MS).toISOString();
  const to = new Date(day + 2 * DAY_MS).toISOString();
  return combineLatest([
    db.till_events.find({ selector: { storeId: key.storeId, businessDay: key.businessDay } }).$,
    db.payments.find({ selector: { storeId: key.storeId, at: { $gte: from, $lt: to } } }).$,
  ]).pipe(map(([till, payments]) => foldDay(key, till.map((d) => d.toJSON() as TillEvent), payments.map((d) => d.toJSON() as Payment))));
}

/** The store's lists for the close (prepaid handed over, locker pickups, out with couriers, refunds owed), live. */
export function dayLists$(db: TerminalDb, businessDay: string, timeZone: string): Observable<DayLists> {
  return queueRows$(db).pipe(
    map((rows) => dayLists(rows.map((r): DayOrder => ({ order: r.order, status: r.derived.status, events: r.derived.history.filter((h) => h.applied).map((h) => h.event) })), businessDay, timeZone)),
  );
}

/**
 * The business day the drawer screen works on: the oldest earlier day this terminal opened and has not closed (a
 * close after midnight still closes yesterday's drawer), else today.
 */
export function workingDay$(db: TerminalDb, key: Omit<DrawerKey, 'businessDay'>, today: string): Observable<string> {
  return db.till_events.find({ selector: { storeId: key.storeId, deviceId: key.deviceId } }).$.pipe(
    map((docs) => {
      const facts = docs.map((d) => d.toJSON() as TillEvent);
      const days = [...new Set(facts.map((f) => f.businessDay))].filter((d) => d < today).sort();
      const open = days.find((d) => {
        const state = foldDay({ ...key, businessDay: d }, facts, []).state;
        return state === 'open' || state === 'counted';
      });
      return open ?? today;
    }),
    distinctUntilChanged(),
  );
}
