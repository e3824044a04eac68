/**
 * The supplier's sales screens, from the settlement's aggregation (settlement/sales.ts: handed-over orders, returns
 * in the group of the sale returned, till rows), so the screens and the statements can never disagree. The counter
 * list it is given comes from scopedCounterIds, a query on concession_counters with supplier_id = the session's
 * supplier; rows are checked against that list once more on the way out.
 */
import type { PeriodRule } from '../../model/money/periods.js';
import type {
  SupplierCounterDailySalesRow,
  SupplierDailySalesRow,
  SupplierPeriodSalesRow,
  SupplierSalesFigures,
  SupplierSalesQuery,
} from '../../protocol/supplier.js';
import type { Queryable } from '../db/index.js';
import { counterDailySales, counterPeriodSales } from '../settlement/sales.js';
import { salesDays, scopedCounterIds, supplierCounters } from './scope.js';

export interface SalesScope {
  counterIds: string[];
  from: string;
  to: string;
  sku: string | undefined;
}

export async function salesScope(q: Queryable, supplierId: string, query: SupplierSalesQuery, rules: readonly PeriodRule[]): Promise<SalesScope> {
  // The days first: a bad one is refused before any query.
  const days = salesDays(query, rules);
  const counterIds = await scopedCounterIds(q, supplierId, query.counter);
  return { counterIds, ...days, sku: query.sku };
}

export const emptyFigures = (): SupplierSalesFigures => ({ qty: 0, returnedQty: 0, sales: 0, returns: 0, net: 0 });

export function addFigures(into: SupplierSalesFigures, f: SupplierSalesFigures): void {
  into.qty += f.qty;
  into.returnedQty += f.returnedQty;
  into.sales += f.sales;
  into.returns += f.returns;
  into.net += f.net;
}

export async function* dailySalesRows(q: Queryable, scope: SalesScope): AsyncGenerator<SupplierDailySalesRow> {
  const mine = new Set(scope.counterIds);
  for await (const r of counterDailySales(q, { counterIds: scope.counterIds, from: scope.from, to: scope.to })) {
    if (!mine.has(r.counterId) || (scope.sku !== undefined && r.sku !== scope.sku)) continue;
    yield {
      day: r.day, counterId: r.counterId, storeId: r.storeId, sku: r.sku, name: r.name, promotionId: r.promotionId, rateBp: r.rateBp,
      qty: r.qty, returnedQty: r.returnQty, sales: r.sales, returns: r.returns, net: r.sales - r.returns,
    };
  }
}

/** Per day and counter: the daily rows summed (they arrive day by day, so one day is held at a time). */
export async function* counterDailySalesRows(q: Queryable, supplierId: string, scope: SalesScope): AsyncGenerator<SupplierCounterDailySalesRow> {
  const names = new Map((await supplierCounters(q, supplierId)).map((c) => [c.id, c]));
  let day = '';
  let byCounter = new Map<string, SupplierCounterDailySalesRow>();
  const flush = function* (): Generator<SupplierCounterDailySalesRow> {
    yield* [...byCounter.values()].sort((a, b) => (a.counterId < b.counterId ? -1 : a.counterId > b.counterId ? 1 : 0));
    byCounter = new Map();
  };
  for await (const r of dailySalesRows(q, scope)) {
    if (r.day !== day) {
      yield* flush();
      day = r.day;
    }
    let row = byCounter.get(r.counterId);
    if (!row) {
      row = { day: r.day, counterId: r.counterId, counterName: names.get(r.counterId)?.name ?? r.counterId, storeId: r.storeId, ...emptyFigures() };
      byCounter.set(r.counterId, row);
    }
    addFigures(row, r);
  }
  yield* flush();
}

export async function* periodSalesRows(q: Queryable, scope: SalesScope, rules: readonly PeriodRule[]): AsyncGenerator<SupplierPeriodSalesRow> {
  const mine = new Set(scope.counterIds);
  for await (const r of counterPeriodSales(q, { counterIds: scope.counterIds, from: scope.from, to: scope.to }, rules)) {
    if (!mine.has(r.counterId) || (scope.sku !== undefined && r.sku !== scope.sku)) continue;
    yield {
      period: { from: r.periodFrom, to: r.periodTo, label: r.periodLabel }, counterId: r.counterId, storeId: r.storeId, sku: r.sku, name: r.name,
      promotionId: r.promotionId, rateBp: r.rateBp, qty: r.qty, returnedQty: r.returnQty, sales: r.sales, returns: r.returns, net: r.sales - r.returns,
    };
  }
}
