import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, checkPeriodRule, daysBetween, isBusinessDay, periodOf, periodsBetween, periodStartingOn, type PeriodRule } from './periods.js';

const dayArb = fc.date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date('2030-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
/** A rule as finance may store it: aligned on its own start day. */
const ruleArb = fc.record({ day: dayArb, startDay: fc.integer({ min: 1, max: 28 }) }).map(({ day, startDay }): PeriodRule => ({
  effectiveFrom: `${day.slice(0, 8)}${String(startDay).padStart(2, '0')}`,
  startDay,
}));

describe('accounting periods', () => {
  it('are calendar months without a rule', () => {
    expect(periodOf('2026-02-14', [])).toEqual({ from: '2026-02-01', to: '2026-02-28', label: '2026-02' });
    expect(periodOf('2028-02-29', [])).toEqual({ from: '2028-02-01', to: '2028-02-29', label: '2028-02' });
  });

  it('run from the 26th to the 25th, named after the month they end in, across a year end', () => {
    const rules = [{ effectiveFrom: '2026-01-26', startDay: 26 }];
    expect(periodOf('2026-12-27', rules)).toEqual({ from: '2026-12-26', to: '2027-01-25', label: '2027-01' });
    expect(periodOf('2026-12-25', rules)).toEqual({ from: '2026-11-26', to: '2026-12-25', label: '2026-12' });
    // Before the rule, calendar months; the month it takes effect in is cut short on the 25th.
    expect(periodOf('2026-01-10', rules)).toEqual({ from: '2026-01-01', to: '2026-01-25', label: '2026-01' });
    expect(periodsBetween('2026-01-20', '2026-03-01', rules).map((p) => `${p.from}..${p.to}`)).toEqual([
      '2026-01-01..2026-01-25', '2026-01-26..2026-02-25', '2026-02-26..2026-03-25',
    ]);
  });

  it('refuses a rule that would not start on its own start day, or a start day some month lacks', () => {
    expect(checkPeriodRule({ effectiveFrom: '2026-01-25', startDay: 26 })).toMatchObject({ ok: false, code: 'NOT_A_START' });
    expect(checkPeriodRule({ effectiveFrom: '2026-01-30', startDay: 30 })).toMatchObject({ ok: false, code: 'START_DAY_INVALID' });
    expect(checkPeriodRule({ effectiveFrom: '2026-02-30', startDay: 1 })).toMatchObject({ ok: false, code: 'DAY_INVALID' });
    expect(checkPeriodRule({ effectiveFrom: '2026-03-26', startDay: 26 })).toEqual({ ok: true });
    expect(isBusinessDay('2026-13-01')).toBe(false);
  });

  it('put every day in exactly one period, and follow one another without a gap, whatever the rules', () => {
    fc.assert(
      fc.property(fc.array(ruleArb, { maxLength: 4 }), dayArb, fc.integer({ min: 0, max: 120 }), (rules, from, span) => {
        for (const r of rules) expect(checkPeriodRule(r)).toEqual({ ok: true });
        const to = addDays(from, span);
        const periods = periodsBetween(from, to, rules);
        // Contiguous and non-empty: each starts the day after the one before ends.
        for (let i = 0; i < periods.length; i += 1) {
          expect(periods[i]!.from <= periods[i]!.to).toBe(true);
          if (i > 0) expect(periods[i]!.from).toBe(addDays(periods[i - 1]!.to, 1));
        }
        expect(periods[0]!.from <= from && periods.at(-1)!.to >= to).toBe(true);
        // Each day's own period is the one, and the only one, of the list that holds it.
        for (const day of daysBetween(from, to)) {
          const holding = periods.filter((p) => p.from <= day && day <= p.to);
          expect(holding).toHaveLength(1);
          expect(periodOf(day, rules)).toEqual(holding[0]);
          expect(periodStartingOn(holding[0]!.from, rules)).toEqual(holding[0]);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('never make a period longer than a month and a day short of two', () => {
    fc.assert(
      fc.property(fc.array(ruleArb, { maxLength: 3 }), dayArb, (rules, day) => {
        const p = periodOf(day, rules);
        expect(daysBetween(p.from, p.to).length).toBeLessThanOrEqual(31);
      }),
    );
  });
});
