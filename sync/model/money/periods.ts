/**
 * Accounting periods: which business days a period holds, so finance can report "December" as the 26th of November
 * to the 25th of December when that is how the books are kept. Pure calendar arithmetic on YYYY-MM-DD business days
 * (already in the store's time zone): no clocks, no time zones, no I/O.
 *
 * Finance keeps a list of rules; each says from which day on periods start on day N of every month. Without any
 * rule, periods are the calendar months. A rule takes effect on a day that is itself a start under it (its
 * effectiveFrom has day-of-month = startDay), so the period running when it takes effect is simply cut short there:
 * every business day lies in exactly one period, and periods follow one another without a gap.
 */

/** A business day, YYYY-MM-DD. */
export type BusinessDay = string;

export interface PeriodRule {
  /** The first day of the first period under this rule; its day of month is startDay. */
  effectiveFrom: BusinessDay;
  /** Periods start on this day of every month: 1 for calendar months. At most 28, so every month has it. */
  startDay: number;
}

export interface AccountingPeriod {
  /** The period's first day: unique, and what a period is addressed by. */
  from: BusinessDay;
  /** Its last day (inclusive). */
  to: BusinessDay;
  /**
   * The month the period is named after (YYYY-MM): the month its regular last day falls in, so 26 Nov – 25 Dec is
   * "2026-12" and a calendar month is itself. A period cut short by a new rule keeps its name, so two periods may
   * share one around a change of rule; `from` tells them apart.
   */
  label: string;
}

export const MAX_START_DAY = 28;
/** Calendar months: what applies before and without any rule. */
export const DEFAULT_PERIOD_RULE: PeriodRule = { effectiveFrom: '0001-01-01', startDay: 1 };

export type PeriodRuleRefusal = 'DAY_INVALID' | 'START_DAY_INVALID' | 'NOT_A_START';
export type PeriodRuleCheck = { ok: true } | { ok: false; code: PeriodRuleRefusal; message: string };

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Whether s is a real calendar day written YYYY-MM-DD (no 2026-02-30). */
export function isBusinessDay(s: string): boolean {
  const m = DAY.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return y >= 1 && mo >= 1 && mo <= 12 && d >= 1 && d <= daysInMonth(y, mo);
}

/** What a rule finance sets must satisfy before it is stored. */
export function checkPeriodRule(rule: PeriodRule): PeriodRuleCheck {
  if (!isBusinessDay(rule.effectiveFrom)) return { ok: false, code: 'DAY_INVALID', message: `"${rule.effectiveFrom}" is not a day (YYYY-MM-DD)` };
  if (!Number.isInteger(rule.startDay) || rule.startDay < 1 || rule.startDay > MAX_START_DAY) {
    return { ok: false, code: 'START_DAY_INVALID', message: `periods start on a day from 1 to ${MAX_START_DAY}, not ${rule.startDay}` };
  }
  if (parts(rule.effectiveFrom).d !== rule.startDay) {
    return { ok: false, code: 'NOT_A_START', message: `a rule starting periods on day ${rule.startDay} takes effect on such a day, not on ${rule.effectiveFrom}` };
  }
  return { ok: true };
}

/** The period holding `day` under `rules` (in any order; a later-stored rule for the same day is the caller's pick). */
export function periodOf(day: BusinessDay, rules: readonly PeriodRule[]): AccountingPeriod {
  const sorted = sortRules(rules);
  const i = ruleIndexAt(day, sorted);
  const rule = sorted[i]!;
  const from = startOnOrBefore(day, rule.startDay);
  const regularNext = nextMonthDay(from, rule.startDay);
  const following = sorted[i + 1];
  const next = following && following.effectiveFrom < regularNext ? following.effectiveFrom : regularNext;
  return { from, to: addDays(next, -1), label: addDays(regularNext, -1).slice(0, 7) };
}

/** The periods that overlap [from, to], in order (each whole, so the first may start before `from`). */
export function periodsBetween(from: BusinessDay, to: BusinessDay, rules: readonly PeriodRule[]): AccountingPeriod[] {
  const out: AccountingPeriod[] = [];
  let day = from;
  while (day <= to) {
    const p = periodOf(day, rules);
    out.push(p);
    day = addDays(p.to, 1);
  }
  return out;
}

/** The period whose first day is `from`, or null when no period starts that day. */
export function periodStartingOn(from: BusinessDay, rules: readonly PeriodRule[]): AccountingPeriod | null {
  if (!isBusinessDay(from)) return null;
  const p = periodOf(from, rules);
  return p.from === from ? p : null;
}

/** Rules by effectiveFrom, with calendar months before the first; one rule per day (the last given wins). */
function sortRules(rules: readonly PeriodRule[]): PeriodRule[] {
  const byDay = new Map<string, PeriodRule>([[DEFAULT_PERIOD_RULE.effectiveFrom, DEFAULT_PERIOD_RULE]]);
  for (const r of rules) byDay.set(r.effectiveFrom, r);
  return [...byDay.values()].sort((a, b) => (a.effectiveFrom < b.effectiveFrom ? -1 : 1));
}

function ruleIndexAt(day: BusinessDay, sorted: readonly PeriodRule[]): number {
  let i = 0;
  while (i + 1 < sorted.length && sorted[i + 1]!.effectiveFrom <= day) i += 1;
  return i;
}

function startOnOrBefore(day: BusinessDay, startDay: number): BusinessDay {
  const { y, m, d } = parts(day);
  if (d >= startDay) return fmt(y, m, startDay);
  return m === 1 ? fmt(y - 1, 12, startDay) : fmt(y, m - 1, startDay);
}

function nextMonthDay(day: BusinessDay, startDay: number): BusinessDay {
  const { y, m } = parts(day);
  return m === 12 ? fmt(y + 1, 1, startDay) : fmt(y, m + 1, startDay);
}

/** day plus n days (n may be negative), by the proleptic Gregorian calendar. */
export function addDays(day: BusinessDay, n: number): BusinessDay {
  const { y, m, d } = parts(day);
  const t = new Date(0);
  t.setUTCFullYear(y, m - 1, d + n);
  return fmt(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate());
}

/** Every day from `from` to `to` inclusive. */
export function daysBetween(from: BusinessDay, to: BusinessDay): BusinessDay[] {
  const out: BusinessDay[] = [];
  for (let day = from; day <= to; day = addDays(day, 1)) out.push(day);
  return out;
}

function daysInMonth(y: number, m: number): number {
  const t = new Date(0);
  t.setUTCFullYear(y, m, 0);
  return t.getUTCDate();
}

function parts(day: BusinessDay): { y: number; m: number; d: number } {
  return { y: Number(day.slice(0, 4)), m: Number(day.slice(5, 7)), d: Number(day.slice(8, 10)) };
}

function fmt(y: number, m: number, d: number): BusinessDay {
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}
