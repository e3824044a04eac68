import { ProtocolError } from '../../protocol/errors.js';
import type { PeriodsResponse } from '../../protocol/reports.js';
import { checkPeriodRule, periodsBetween, type PeriodRule } from '../../model/money/periods.js';
import type { Queryable } from '../db/index.js';
import { checkedDays } from './chunks.js';

type StoredRule = PeriodsResponse['rules'][number];

/**
 * The accounting period rules in force: for each effectiveFrom, the rule finance set last (rules are facts, a change
 * is a new row). A rule set back to calendar months is a rule like any other (startDay 1).
 */
export async function loadPeriodRules(db: Queryable): Promise<StoredRule[]> {
  const rows = await db.query<{ effective_from: string; start_day: number; set_by: string; reason: string; set_at: string }>(
    `SELECT DISTINCT ON (effective_from) to_char(effective_from, 'YYYY-MM-DD') AS effective_from, start_day, set_by, reason,
            to_char(set_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS set_at
     FROM accounting_period_rules ORDER BY effective_from, seq DESC`,
  );
  return rows.map((r) => ({ effectiveFrom: r.effective_from, startDay: Number(r.start_day), setBy: r.set_by, reason: r.reason, setAt: r.set_at }));
}

/** Finance sets a rule: checked by the model's rule (it must start on its own start day), then appended. */
export async function setPeriodRule(db: Queryable, rule: PeriodRule, setBy: string, reason: string): Promise<void> {
  const check = checkPeriodRule(rule);
  if (!check.ok) throw new ProtocolError('VALIDATION_FAILED', check.message, 400, { path: '/body', reason: check.code });
  await db.query(
    'INSERT INTO accounting_period_rules (effective_from, start_day, set_by, reason) VALUES ($1::date, $2, $3, $4)',
    [rule.effectiveFrom, rule.startDay, setBy, reason],
  );
}

/** The rules and the periods overlapping [from, to]. */
export async function periodsReport(db: Queryable, from: string, to: string): Promise<PeriodsResponse> {
  checkedDays({ from, to });
  const rules = await loadPeriodRules(db);
  return { rules, periods: periodsBetween(from, to, rules) };
}
