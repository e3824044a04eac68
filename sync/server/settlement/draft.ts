import { isBusinessDay, periodOf, type AccountingPeriod } from '../../model/money/periods.js';
import { statementId, statementNumber } from '../../model/settlement/lifecycle.js';
import { contractOn } from '../../model/settlement/promotions.js';
import { computeStatement } from '../../model/settlement/statement.js';
import type { StatementBody, StatementDeductionLine } from '../../model/settlement/types.js';
import { ProtocolError } from '../../protocol/errors.js';
import type { DraftStatementsResponse } from '../../protocol/settlement.js';
import type { Db, Queryable } from '../db/index.js';
import { loadPeriodRules } from '../reports/period-rules.js';
import { loadCounters, loadFeeBills, loadSupplies, type CounterInfo } from './load.js';
import { counterGroupSales, loadRateContext, type RateContext } from './sales.js';
import { currentStatements } from './statements.js';

/** Counters drafted per transaction: a chain-wide run neither holds one huge transaction nor commits row by row. */
const COUNTERS_PER_TX = 200;

/** The accounting period that starts on `periodFrom`; anything else is refused (periods are addressed by their start). */
export async function periodStartingOn(db: Queryable, periodFrom: string): Promise<AccountingPeriod> {
  if (!isBusinessDay(periodFrom)) throw new ProtocolError('VALIDATION_FAILED', 'periodFrom is a day (YYYY-MM-DD)', 400, { path: '/body/periodFrom' });
  const period = periodOf(periodFrom, await loadPeriodRules(db));
  if (period.from !== periodFrom) {
    throw new ProtocolError('VALIDATION_FAILED', `no accounting period starts on ${periodFrom} (the period holding it starts on ${period.from})`, 400, { path: '/body/periodFrom', periodFrom: period.from });
  }
  return period;
}

/** What a counter's statement says for a period, from the data as it is now: the body frozen into a version. */
export interface CounterPeriodData {
  ctx: RateContext;
  groups: Awaited<ReturnType<typeof counterGroupSales>>;
  feeBills: Awaited<ReturnType<typeof loadFeeBills>>;
  supplies: Awaited<ReturnType<typeof loadSupplies>>;
}

export async function loadPeriodData(db: Queryable, counterIds: readonly string[], period: AccountingPeriod): Promise<CounterPeriodData> {
  const ctx = await loadRateContext(db, counterIds, period.from, period.to);
  const groups = await counterGroupSales(db, ctx, counterIds, period);
  const [feeBills, supplies] = await Promise.all([loadFeeBills(db, counterIds, period.from), loadSupplies(db, counterIds, period.from)]);
  return { ctx, groups, feeBills, supplies };
}

/** The body of a counter's statement, or null when no contract holds for the period. */
export function bodyOf(counter: CounterInfo, period: AccountingPeriod, data: CounterPeriodData): StatementBody | null {
  const contract = contractOn(period.from, data.ctx.contracts.get(counter.id) ?? []);
  if (!contract) return null;
  const deductions: StatementDeductionLine[] = [
    ...(data.feeBills.get(counter.id) ?? []).map((f) => ({ kind: 'fee_bill' as const, ref: f.billId, code: f.code, name: f.name, amount: f.amount })),
    ...contract.feeItems.map((f) => ({ kind: 'contract_fee' as const, ref: String(contract.seq), code: f.code, name: f.name, amount: f.amount })),
    ...(data.supplies.get(counter.id) ?? []).map((s) => ({ kind: 'supplies' as const, ref: s.id, code: 'SUPPLIES', name: `${s.item} × ${s.qty}`, amount: s.amount })),
  ];
  const names = new Map(data.ctx.promotions.map((p) => [p.id, p.name]));
  const figures = computeStatement({
    baseRateBp: contract.baseRateBp,
    minimumSales: contract.minimumSales,
    groups: (data.groups.get(counter.id) ?? []).map((g) => ({
      promotionId: g.promotionId, promotionName: g.promotionId === null ? null : names.get(g.promotionId) ?? g.promotionId,
      rateBp: g.rateBp, sales: g.sales, returns: g.returns,
    })),
    deductions,
  });
  return {
    counter: { id: counter.id, name: counter.name, storeId: counter.storeId, areaCode: counter.areaCode, category: counter.category },
    supplier: { id: counter.supplierId, name: counter.supplierName },
    period: { from: period.from, to: period.to, label: period.label },
    baseRateBp: contract.baseRateBp,
    groups: figures.groups,
    deductions,
    totals: figures.totals,
  };
}

/** Stores a new version (a draft) of a counter's statement, and its `drafted` event. */
export async function insertDraft(q: Queryable, body: StatementBody, version: number, by: string, reason: string | null): Promise<string> {
  const number = statementNumber(body.period.label, body.counter.id);
  const id = statementId(number, version);
  await q.query(
    `INSERT INTO statements (id, number, version, counter_id, supplier_id, store_id, period_from, period_to, status, body, payable, correction_reason, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7::date, $8::date, 'draft', $9::jsonb, $10, $11, $12)`,
    [id, number, version, body.counter.id, body.supplier.id, body.counter.storeId, body.period.from, body.period.to, JSON.stringify(body), body.totals.payable, reason, by],
  );
  await q.query(`INSERT INTO statement_events (statement_id, type, by_name, comment) VALUES ($1, 'drafted', $2, $3)`, [id, by, reason]);
  return id;
}

/**
 * Drafts the period's statements of every counter (or one) from the data as it is now. A counter without a
 * statement gets version 1; a draft is redrafted in place (drafts are finance's working copy); an issued statement is
 * left alone (a change to it is a correction, a new version).
 */
export async function draftStatements(db: Db, periodFrom: string, by: string, counterId?: string): Promise<DraftStatementsResponse> {
  const period = await periodStartingOn(db, periodFrom);
  const counters = await loadCounters(db, counterId === undefined ? null : [counterId]);
  if (counterId !== undefined && counters.length === 0) throw new ProtocolError('NOT_FOUND', `counter "${counterId}" does not exist`, 404);
  // Chunks of counters of the same stores: each chunk's query reads those stores' month once, so a chain-wide run
  // reads every order once rather than once per chunk.
  counters.sort((a, b) => (a.storeId < b.storeId ? -1 : a.storeId > b.storeId ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const out: DraftStatementsResponse = { periodFrom: period.from, periodTo: period.to, periodLabel: period.label, drafted: 0, skipped: 0, withoutContract: [], statementIds: [] };
  for (let i = 0; i < counters.length; i += COUNTERS_PER_TX) {
    const chunk = counters.slice(i, i + COUNTERS_PER_TX);
    const data = await loadPeriodData(db, chunk.map((c) => c.id), period);
    await db.tx(async (q) => {
      const currents = await currentStatements(q, chunk.map((c) => c.id), period.from);
      for (const counter of chunk) {
        const body = bodyOf(counter, period, data);
        if (!body) {
          out.withoutContract.push(counter.id);
          continue;
        }
        const current = currents.get(counter.id);
        if (current && current.status !== 'draft') {
          out.skipped += 1;
          continue;
        }
        if (current) {
          await q.query('UPDATE statements SET body = $2::jsonb, payable = $3, created_by = $4, created_at = now() WHERE id = $1', [current.id, JSON.stringify(body), body.totals.payable, by]);
          await q.query(`INSERT INTO statement_events (statement_id, type, by_name, comment) VALUES ($1, 'drafted', $2, 'redrafted')`, [current.id, by]);
          out.statementIds.push(current.id);
        } else out.statementIds.push(await insertDraft(q, body, 1, by, null));
        out.drafted += 1;
      }
    });
  }
  out.statementIds.sort();
  out.withoutContract.sort();
  return out;
}
