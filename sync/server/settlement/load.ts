import type { ContractTerms, PromotionTerms } from '../../model/settlement/promotions.js';
import type { Queryable } from '../db/index.js';

/**
 * The master data a statement or a sales report of some counters needs, read straight from migration 16's tables
 * (the screens that fill them are masterdata's). Each loader takes a list of counter ids, so a supplier's portal
 * and a chain-wide drafting run read the same way.
 */

export interface CounterInfo {
  id: string;
  name: string;
  storeId: string;
  supplierId: string;
  supplierName: string;
  areaCode: string;
  category: string;
}

export async function loadCounters(db: Queryable, counterIds: readonly string[] | null): Promise<CounterInfo[]> {
  const rows = await db.query<{ id: string; name: string; store_id: string; supplier_id: string; supplier_name: string; area_code: string; category: string }>(
    `SELECT c.id, c.name, c.store_id, c.supplier_id, s.name AS supplier_name, c.area_code, c.category
     FROM concession_counters c JOIN suppliers s ON s.id = c.supplier_id
     WHERE $1::text[] IS NULL OR c.id = ANY($1::text[])
     ORDER BY c.id`,
    [counterIds === null ? null : [...counterIds]],
  );
  return rows.map((r) => ({ id: r.id, name: r.name, storeId: r.store_id, supplierId: r.supplier_id, supplierName: r.supplier_name, areaCode: r.area_code, category: r.category }));
}

/** The counters of one supplier (what the portal may show), by id. */
export async function supplierCounterIds(db: Queryable, supplierId: string): Promise<string[]> {
  const rows = await db.query<{ id: string }>('SELECT id FROM concession_counters WHERE supplier_id = $1 ORDER BY id', [supplierId]);
  return rows.map((r) => r.id);
}

interface FeeItemJson {
  code?: unknown;
  name?: unknown;
  amount?: unknown;
}

export function feeItemsOf(json: unknown): { code: string; name: string; amount: number }[] {
  if (!Array.isArray(json)) return [];
  return (json as FeeItemJson[]).map((i) => ({ code: String(i.code ?? ''), name: String(i.name ?? ''), amount: Number(i.amount ?? 0) }));
}

/** Every contract row of the counters, grouped by counter (the model picks the one in force on a day). */
export async function loadContracts(db: Queryable, counterIds: readonly string[]): Promise<Map<string, ContractTerms[]>> {
  const rows = await db.query<{ seq: string | number; counter_id: string; period_from: string; base_rate_bp: number; minimum_sales: string | number | null; fee_items: unknown }>(
    `SELECT seq, counter_id, to_char(period_from, 'YYYY-MM-DD') AS period_from, base_rate_bp, minimum_sales, fee_items
     FROM counter_contracts WHERE counter_id = ANY($1::text[]) ORDER BY counter_id, period_from, seq`,
    [[...counterIds]],
  );
  const out = new Map<string, ContractTerms[]>();
  for (const r of rows) {
    const list = out.get(r.counter_id) ?? [];
    list.push({
      seq: Number(r.seq), periodFrom: r.period_from, baseRateBp: Number(r.base_rate_bp),
      minimumSales: r.minimum_sales === null ? null : Number(r.minimum_sales), feeItems: feeItemsOf(r.fee_items),
    });
    out.set(r.counter_id, list);
  }
  return out;
}

/** The promotions overlapping [from, to] (all of them: a promotion may cover counters through their area codes). */
export async function loadPromotions(db: Queryable, from: string, to: string): Promise<PromotionTerms[]> {
  const rows = await db.query<{ id: string; name: string; from_day: string; to_day: string; rate_bp: number; counter_ids: string[]; area_codes: string[] }>(
    `SELECT id, name, to_char(from_day, 'YYYY-MM-DD') AS from_day, to_char(to_day, 'YYYY-MM-DD') AS to_day, rate_bp, counter_ids, area_codes
     FROM promotions WHERE from_day <= $2::date AND to_day >= $1::date ORDER BY id`,
    [from, to],
  );
  return rows.map((r) => ({ id: r.id, name: r.name, fromDay: r.from_day, toDay: r.to_day, rateBp: Number(r.rate_bp), counterIds: r.counter_ids, areaCodes: r.area_codes }));
}

export interface FeeBillLine {
  billId: string;
  code: string;
  name: string;
  amount: number;
}

/** The period's fee bills of the counters, item by item. */
export async function loadFeeBills(db: Queryable, counterIds: readonly string[], periodFrom: string): Promise<Map<string, FeeBillLine[]>> {
  const rows = await db.query<{ id: string; counter_id: string; items: unknown }>(
    'SELECT id, counter_id, items FROM fee_bills WHERE counter_id = ANY($1::text[]) AND period_from = $2::date ORDER BY counter_id, id',
    [[...counterIds], periodFrom],
  );
  const out = new Map<string, FeeBillLine[]>();
  for (const r of rows) {
    const list = out.get(r.counter_id) ?? [];
    for (const item of feeItemsOf(r.items)) list.push({ billId: r.id, ...item });
    out.set(r.counter_id, list);
  }
  return out;
}

export interface SuppliesLine {
  id: string;
  item: string;
  qty: number;
  amount: number;
}

/** The period's supplies usage of the counters. */
export async function loadSupplies(db: Queryable, counterIds: readonly string[], periodFrom: string): Promise<Map<string, SuppliesLine[]>> {
  const rows = await db.query<{ id: string | number; counter_id: string; item: string; qty: number; amount: string | number }>(
    'SELECT id, counter_id, item, qty, amount FROM supplies_usage WHERE counter_id = ANY($1::text[]) AND period_from = $2::date ORDER BY counter_id, day, id',
    [[...counterIds], periodFrom],
  );
  const out = new Map<string, SuppliesLine[]>();
  for (const r of rows) {
    const list = out.get(r.counter_id) ?? [];
    list.push({ id: String(r.id), item: r.item, qty: Number(r.qty), amount: Number(r.amount) });
    out.set(r.counter_id, list);
  }
  return out;
}
