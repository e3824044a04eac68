/**
 * The month's facts a supplier reads: fee bills (with the totals that make the statement's other deductions),
 * promotions covering their counters, and supplies drawn. Every query starts from concession_counters with
 * supplier_id = $1, the session's supplier.
 */
import type { PeriodRule } from '../../model/money/periods.js';
import { contractOn } from '../../model/settlement/promotions.js';
import type {
  SupplierDeductionTotals,
  SupplierFeeBill,
  SupplierFeeBillsQuery,
  SupplierPromotion,
  SupplierPromotionsQuery,
  SupplierSuppliesQuery,
  SupplierSuppliesRow,
} from '../../protocol/supplier.js';
import type { Queryable } from '../db/index.js';
import { feeItemsOf, loadContracts } from '../settlement/load.js';
import { notFound, periodOfDay } from './scope.js';

interface FeeBillRow {
  id: string;
  counter_id: string;
  counter_name: string;
  period_from: string;
  items: unknown;
  total: string | number;
  created_at: Date | string;
}

const FEE_BILL_SELECT = `SELECT f.id, f.counter_id, c.name AS counter_name, to_char(f.period_from, 'YYYY-MM-DD') AS period_from, f.items, f.total, f.created_at
  FROM fee_bills f JOIN concession_counters c ON c.id = f.counter_id AND c.supplier_id = $1`;

function feeBillView(r: FeeBillRow, rules: readonly PeriodRule[]): SupplierFeeBill {
  return {
    id: r.id,
    counterId: r.counter_id,
    counterName: r.counter_name,
    period: periodOfDay(r.period_from, rules),
    items: feeItemsOf(r.items),
    total: Number(r.total),
    createdAt: new Date(r.created_at).toISOString(),
  };
}

export async function listFeeBills(q: Queryable, supplierId: string, query: SupplierFeeBillsQuery, rules: readonly PeriodRule[], limit: number): Promise<SupplierFeeBill[]> {
  const rows = await q.query<FeeBillRow>(
    `${FEE_BILL_SELECT} WHERE ($2::date IS NULL OR f.period_from = $2::date) AND ($3::text IS NULL OR f.counter_id = $3)
     ORDER BY f.period_from DESC, f.counter_id, f.id LIMIT $4`,
    [supplierId, query.period ?? null, query.counter ?? null, limit],
  );
  return rows.map((r) => feeBillView(r, rules));
}

export async function feeBill(q: Queryable, supplierId: string, id: string, rules: readonly PeriodRule[]): Promise<SupplierFeeBill> {
  const [row] = await q.query<FeeBillRow>(`${FEE_BILL_SELECT} WHERE f.id = $2`, [supplierId, id]);
  if (!row) throw notFound('fee bill of yours with that id', { id });
  return feeBillView(row, rules);
}

/**
 * Per counter and period in the filter: fee bills + the contract's recurring fees + supplies = other deductions,
 * beside the current shown statement's deductions, so the page can show they tie (or why not, before drafting).
 */
export async function deductionTotals(q: Queryable, supplierId: string, query: SupplierFeeBillsQuery, rules: readonly PeriodRule[]): Promise<SupplierDeductionTotals[]> {
  const rows = await q.query<{ counter_id: string; period_from: string; fee_bills: string | number; supplies: string | number; statement_number: string | null; statement_deductions: unknown }>(
    `WITH mine AS (SELECT id FROM concession_counters WHERE supplier_id = $1 AND ($3::text IS NULL OR id = $3)),
     pairs AS (
       SELECT f.counter_id, f.period_from FROM fee_bills f JOIN mine ON mine.id = f.counter_id
       UNION SELECT u.counter_id, u.period_from FROM supplies_usage u JOIN mine ON mine.id = u.counter_id
       UNION SELECT s.counter_id, s.period_from FROM statements s JOIN mine ON mine.id = s.counter_id WHERE s.issued_at IS NOT NULL
     )
     SELECT p.counter_id, to_char(p.period_from, 'YYYY-MM-DD') AS period_from,
       (SELECT coalesce(sum(f.total), 0) FROM fee_bills f WHERE f.counter_id = p.counter_id AND f.period_from = p.period_from) AS fee_bills,
       (SELECT coalesce(sum(u.amount), 0) FROM supplies_usage u WHERE u.counter_id = p.counter_id AND u.period_from = p.period_from) AS supplies,
       s.number AS statement_number, s.body->'totals'->'deductions' AS statement_deductions
     FROM pairs p
     LEFT JOIN LATERAL (SELECT s.number, s.body FROM statements s WHERE s.counter_id = p.counter_id AND s.period_from = p.period_from
                        AND s.issued_at IS NOT NULL ORDER BY s.version DESC LIMIT 1) s ON true
     WHERE $2::date IS NULL OR p.period_from = $2::date
     ORDER BY p.period_from DESC, p.counter_id`,
    [supplierId, query.period ?? null, query.counter ?? null],
  );
  const contracts = await loadContracts(q, [...new Set(rows.map((r) => r.counter_id))]);
  return rows.map((r) => {
    const contract = contractOn(r.period_from, contracts.get(r.counter_id) ?? []);
    const contractFees = (contract?.feeItems ?? []).reduce((sum, i) => sum + i.amount, 0);
    const feeBills = Number(r.fee_bills);
    const supplies = Number(r.supplies);
    return {
      counterId: r.counter_id,
      period: periodOfDay(r.period_from, rules),
      feeBills,
      contractFees,
      supplies,
      otherDeductions: feeBills + contractFees + supplies,
      statementNumber: r.statement_number,
      statementOtherDeductions: r.statement_deductions === null || r.statement_deductions === undefined ? null : Number(r.statement_deductions),
    };
  });
}

/**
 * Promotions that cover at least one of the supplier's counters (named, or through its area code); each shows only
 * the supplier's own counters and areas, never who else is in it.
 */
export async function listPromotions(q: Queryable, supplierId: string, query: SupplierPromotionsQuery, limit: number): Promise<SupplierPromotion[]> {
  const like = query.serial ? `%${query.serial.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%` : null;
  const rows = await q.query<{ id: string; name: string; from_day: string; to_day: string; rate_bp: number; counter_ids: string[]; area_codes: string[] }>(
    `SELECT p.id, p.name, to_char(p.from_day, 'YYYY-MM-DD') AS from_day, to_char(p.to_day, 'YYYY-MM-DD') AS to_day, p.rate_bp,
       array_agg(DISTINCT c.id ORDER BY c.id) AS counter_ids,
       coalesce(array_agg(DISTINCT c.area_code ORDER BY c.area_code) FILTER (WHERE c.area_code = ANY(p.area_codes)), '{}') AS area_codes
     FROM promotions p
     JOIN concession_counters c ON c.supplier_id = $1 AND (c.id = ANY(p.counter_ids) OR c.area_code = ANY(p.area_codes))
     WHERE ($2::text IS NULL OR p.id ILIKE $2)
       AND ($3::text IS NULL OR c.id = $3)
       AND ($4::text IS NULL OR c.area_code = $4)
       AND ($5::date IS NULL OR p.to_day >= $5::date) AND ($6::date IS NULL OR p.from_day <= $6::date)
     GROUP BY p.id, p.name, p.from_day, p.to_day, p.rate_bp
     ORDER BY p.from_day DESC, p.id LIMIT $7`,
    [supplierId, like, query.counter ?? null, query.area ?? null, query.from ?? null, query.to ?? null, limit],
  );
  return rows.map((r) => ({ id: r.id, name: r.name, fromDay: r.from_day, toDay: r.to_day, rateBp: Number(r.rate_bp), counterIds: r.counter_ids, areaCodes: r.area_codes }));
}

export async function listSupplies(q: Queryable, supplierId: string, query: SupplierSuppliesQuery, rules: readonly PeriodRule[], limit: number): Promise<SupplierSuppliesRow[]> {
  const rows = await q.query<{ id: string | number; counter_id: string; store_id: string; period_from: string; day: string; item: string; qty: number; unit_price: string | number; amount: string | number }>(
    `SELECT u.id, u.counter_id, u.store_id, to_char(u.period_from, 'YYYY-MM-DD') AS period_from, to_char(u.day, 'YYYY-MM-DD') AS day,
       u.item, u.qty, u.unit_price, u.amount
     FROM supplies_usage u JOIN concession_counters c ON c.id = u.counter_id AND c.supplier_id = $1
     WHERE ($2::date IS NULL OR u.period_from = $2::date) AND ($3::text IS NULL OR u.store_id = $3) AND ($4::text IS NULL OR u.counter_id = $4)
     ORDER BY u.period_from DESC, u.day, u.counter_id, u.id LIMIT $5`,
    [supplierId, query.period ?? null, query.store ?? null, query.counter ?? null, limit],
  );
  return rows.map((r) => ({
    id: String(r.id), counterId: r.counter_id, storeId: r.store_id, period: periodOfDay(r.period_from, rules), day: r.day,
    item: r.item, qty: Number(r.qty), unitPrice: Number(r.unit_price), amount: Number(r.amount),
  }));
}
