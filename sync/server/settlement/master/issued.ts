import { addDays } from '../../../model/money/periods.js';
import { ISSUED_STATUSES } from '../../../model/settlement/lifecycle.js';
import { ProtocolError } from '../../../protocol/errors.js';
import type { Promotion } from '../../../protocol/settlement-master.js';
import type { Queryable } from '../../db/index.js';

/**
 * Master data that prices sales after the fact: a promotion's rate, days and coverage, and a counter's area code
 * (promotions cover counters through it). An issued statement froze its figures, but a correction redrafts from
 * the data as it is then, so a change here would silently reprice a period the supplier already has on paper.
 * Such a change is refused (409 STATEMENT_ISSUED) while a current, non-draft statement of a counter it touches
 * covers a day it touches. Finance corrects the statement first (its new version is a draft, which may change),
 * then changes the data and redrafts. Superseded versions are history and do not count; drafts never left finance.
 */

/** Days [from, to] of one counter that a change would reprice. */
export interface AffectedSpan {
  counterId: string;
  from: string;
  to: string;
}

interface IssuedRow {
  number: string;
  counter_id: string;
  period_from: string;
  status: string;
}

const MAX_NAMED = 50;

export async function assertNoIssuedStatements(q: Queryable, spans: readonly AffectedSpan[], what: string): Promise<void> {
  if (spans.length === 0) return;
  const rows = await q.query<IssuedRow>(
    `SELECT DISTINCT s.number, s.counter_id, to_char(s.period_from, 'YYYY-MM-DD') AS period_from, s.status
     FROM statements s
     JOIN unnest($1::text[], $2::date[], $3::date[]) AS a(counter_id, from_day, to_day)
       ON a.counter_id = s.counter_id AND s.period_from <= a.to_day AND s.period_to >= a.from_day
     WHERE s.status = ANY($4::text[])
     ORDER BY period_from, s.number`,
    [spans.map((x) => x.counterId), spans.map((x) => x.from), spans.map((x) => x.to), [...ISSUED_STATUSES]],
  );
  if (rows.length === 0) return;
  const first = rows[0]!;
  throw new ProtocolError(
    'STATEMENT_ISSUED',
    `${what} would change the figures of ${rows.length} issued statement(s), e.g. ${first.number} (${first.status}) of counter "${first.counter_id}" for the period from ${first.period_from}; correct the statement first`,
    409,
    { count: rows.length, statements: rows.slice(0, MAX_NAMED).map((r) => ({ number: r.number, counterId: r.counter_id, periodFrom: r.period_from, status: r.status })) },
  );
}

type Terms = Pick<Promotion, 'fromDay' | 'toDay' | 'rateBp' | 'counterIds' | 'areaCodes'>;
type Span = { from: string; to: string };

/** Days in exactly one of two spans (each possibly absent), as at most two spans. */
function symmetricDifference(a: Span | null, b: Span | null): Span[] {
  if (!a || !b) return [a, b].filter((x): x is Span => x !== null);
  if (a.to < b.from || b.to < a.from) return [a, b];
  const out: Span[] = [];
  if (a.from !== b.from) out.push({ from: a.from < b.from ? a.from : b.from, to: addDays(a.from < b.from ? b.from : a.from, -1) });
  if (a.to !== b.to) out.push({ from: addDays(a.to < b.to ? a.to : b.to, 1), to: a.to < b.to ? b.to : a.to });
  return out;
}

/**
 * Per counter, the days on which a promotion's change (`before` null: its creation) changes what its sales are
 * priced at: with a new rate, every day it covered or covers; else the days it covers in only one of the versions.
 */
export async function promotionChangeSpans(q: Queryable, before: Terms | null, after: Terms): Promise<AffectedSpan[]> {
  const ids = [...(before?.counterIds ?? []), ...after.counterIds];
  const areas = [...(before?.areaCodes ?? []), ...after.areaCodes];
  const counters = await q.query<{ id: string; area_code: string }>(
    'SELECT id, area_code FROM concession_counters WHERE id = ANY($1::text[]) OR area_code = ANY($2::text[])',
    [ids, areas],
  );
  const covers = (t: Terms | null, c: { id: string; area_code: string }): Span | null =>
    t && (t.counterIds.includes(c.id) || t.areaCodes.includes(c.area_code)) ? { from: t.fromDay, to: t.toDay } : null;
  const repriced = before !== null && before.rateBp !== after.rateBp;
  return counters.flatMap((c) => {
    const [was, is] = [covers(before, c), covers(after, c)];
    const spans = repriced ? [was, is].filter((x): x is Span => x !== null) : symmetricDifference(was, is);
    return spans.map((s) => ({ counterId: c.id, ...s }));
  });
}

/**
 * The days a counter's move from one area code to another reprices: those of each promotion that names exactly
 * one of the two codes and does not name the counter itself.
 */
export async function areaChangeSpans(q: Queryable, counterId: string, fromArea: string, toArea: string): Promise<AffectedSpan[]> {
  if (fromArea === toArea) return [];
  const rows = await q.query<{ from_day: string; to_day: string }>(
    `SELECT to_char(from_day, 'YYYY-MM-DD') AS from_day, to_char(to_day, 'YYYY-MM-DD') AS to_day FROM promotions
     WHERE ($2 = ANY(area_codes)) <> ($3 = ANY(area_codes)) AND NOT ($1 = ANY(counter_ids))`,
    [counterId, fromArea, toArea],
  );
  return rows.map((r) => ({ counterId, from: r.from_day, to: r.to_day }));
}
