/**
 * Settlement master data written straight to the database, for the tests of other features (statements, the
 * supplier portal) and for the demo: no HTTP, no audit, no checks beyond the tables' own. Stores must exist first
 * (TestServer.admin.createStore or seedStore). Money is fen, rates basis points, periods their first day.
 */
import type { FeeItem, SupplierContact } from '../../../protocol/settlement-master.js';
import type { Db, Queryable } from '../../db/index.js';

type Contacts = readonly SupplierContact[];
type FeeItemInput = FeeItem;

type Target = Db | Queryable | { db: Db };
const q = (t: Target): Queryable => ('query' in t ? t : t.db);

export async function insertSupplier(t: Target, s: { id: string; name?: string; contacts?: Contacts }): Promise<void> {
  await q(t).query('INSERT INTO suppliers (id, name, contacts) VALUES ($1, $2, $3::jsonb)', [s.id, s.name ?? `供应商 ${s.id}`, JSON.stringify(s.contacts ?? [])]);
}

export interface CounterSeed {
  id: string;
  storeId: string;
  supplierId: string;
  name?: string;
  areaCode?: string;
  category?: string;
  /** SKUs it sells in its store. */
  skus?: readonly string[];
}

export async function insertCounter(t: Target, c: CounterSeed): Promise<void> {
  await q(t).query('INSERT INTO concession_counters (id, store_id, supplier_id, name, area_code, category) VALUES ($1, $2, $3, $4, $5, $6)', [
    c.id, c.storeId, c.supplierId, c.name ?? `专柜 ${c.id}`, c.areaCode ?? 'A01', c.category ?? '服装',
  ]);
  if (c.skus?.length) await insertCounterSkus(t, c.storeId, c.id, c.skus);
}

export async function insertCounterSkus(t: Target, storeId: string, counterId: string, skus: readonly string[]): Promise<void> {
  await q(t).query('INSERT INTO counter_skus (store_id, sku, counter_id) SELECT $1, x, $2 FROM jsonb_array_elements_text($3::jsonb) AS x', [storeId, counterId, JSON.stringify(skus)]);
}

export interface ContractSeed {
  counterId: string;
  periodFrom: string;
  baseRateBp: number;
  minimumSales?: number | null;
  feeItems?: readonly FeeItemInput[];
  setBy?: string;
  reason?: string;
}

export async function insertContract(t: Target, c: ContractSeed): Promise<void> {
  await q(t).query(
    'INSERT INTO counter_contracts (counter_id, period_from, base_rate_bp, minimum_sales, fee_items, set_by, reason) VALUES ($1, $2::date, $3, $4, $5::jsonb, $6, $7)',
    [c.counterId, c.periodFrom, c.baseRateBp, c.minimumSales ?? null, JSON.stringify(c.feeItems ?? []), c.setBy ?? 'testkit', c.reason ?? 'test contract'],
  );
}

export interface PromotionSeed {
  id: string;
  name?: string;
  fromDay: string;
  toDay: string;
  rateBp: number;
  counterIds?: readonly string[];
  areaCodes?: readonly string[];
}

export async function insertPromotion(t: Target, p: PromotionSeed): Promise<void> {
  await q(t).query(
    `INSERT INTO promotions (id, name, from_day, to_day, rate_bp, counter_ids, area_codes, created_by)
     VALUES ($1, $2, $3::date, $4::date, $5, ARRAY(SELECT jsonb_array_elements_text($6::jsonb)), ARRAY(SELECT jsonb_array_elements_text($7::jsonb)), 'testkit')`,
    [p.id, p.name ?? `买送活动 ${p.id}`, p.fromDay, p.toDay, p.rateBp, JSON.stringify(p.counterIds ?? []), JSON.stringify(p.areaCodes ?? [])],
  );
}

/** A fee bill whose total is the sum of its items; its id defaults to the server's numbering for the first bill. */
export async function insertFeeBill(t: Target, b: { id?: string; counterId: string; periodFrom: string; items: readonly FeeItemInput[] }): Promise<string> {
  const id = b.id ?? `FB${b.periodFrom.replace(/-/g, '')}-${b.counterId}-1`;
  const total = b.items.reduce((a, i) => a + i.amount, 0);
  await q(t).query("INSERT INTO fee_bills (id, counter_id, period_from, items, total, created_by) VALUES ($1, $2, $3::date, $4::jsonb, $5, 'testkit')", [
    id, b.counterId, b.periodFrom, JSON.stringify(b.items), total,
  ]);
  return id;
}

/** A supplies line; amount = qty × unitPrice. The store is the counter's. */
export async function insertSupplies(t: Target, s: { counterId: string; periodFrom: string; day: string; item: string; qty: number; unitPrice: number }): Promise<void> {
  await q(t).query(
    `INSERT INTO supplies_usage (counter_id, store_id, period_from, day, item, qty, unit_price, amount, created_by)
     SELECT $1, store_id, $2::date, $3::date, $4, $5, $6, $7, 'testkit' FROM concession_counters WHERE id = $1`,
    [s.counterId, s.periodFrom, s.day, s.item, s.qty, s.unitPrice, s.qty * s.unitPrice],
  );
}

/** Till sales rows as one import (its hash made unique by the rows), for statement tests. */
export async function insertPosSales(
  t: Target,
  rows: readonly { counterId: string; day: string; sku?: string; qty: number; amount: number; returns?: number }[],
): Promise<void> {
  const db = q(t);
  const total = rows.reduce((a, r) => a + r.amount, 0);
  const [imp] = await db.query<{ id: string | number }>(
    "INSERT INTO pos_imports (file_hash, file_name, rows, total, imported_by) VALUES ($1, 'testkit.csv', $2, $3, 'testkit') RETURNING id",
    [`testkit:${JSON.stringify(rows)}`, rows.length, total],
  );
  await db.query(
    `INSERT INTO pos_sales (import_id, counter_id, day, sku, qty, amount, returns)
     SELECT $1, x.counter_id, x.day, x.sku, x.qty, x.amount, x.returns
     FROM jsonb_to_recordset($2::jsonb) AS x(counter_id text, day date, sku text, qty integer, amount bigint, returns bigint)`,
    [imp!.id, JSON.stringify(rows.map((r) => ({ counter_id: r.counterId, day: r.day, sku: r.sku ?? '', qty: r.qty, amount: r.amount, returns: r.returns ?? 0 })))],
  );
}
