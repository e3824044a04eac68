import type { FastifyInstance, FastifyRequest } from 'fastify';
import {
  supplierFeeBillsQuerySchema,
  supplierPromotionsQuerySchema,
  supplierSalesQuerySchema,
  supplierSuppliesQuerySchema,
  type SupplierCounterDailySalesResponse,
  type SupplierCounterDailySalesRow,
  type SupplierCountersResponse,
  type SupplierDailySalesResponse,
  type SupplierDailySalesRow,
  type SupplierFeeBill,
  type SupplierFeeBillsQuery,
  type SupplierFeeBillsResponse,
  type SupplierPeriodSalesResponse,
  type SupplierPeriodSalesRow,
  type SupplierPeriodsResponse,
  type SupplierPromotion,
  type SupplierPromotionsQuery,
  type SupplierPromotionsResponse,
  type SupplierSalesFigures,
  type SupplierSalesQuery,
  type SupplierSuppliesQuery,
  type SupplierSuppliesResponse,
  type SupplierSuppliesRow,
} from '../../protocol/supplier.js';
import type { ServerContext } from '../context.js';
import { assertQueryDays } from '../settlement/master/common.js';
import { supplierOf, type SupplierAuth } from '../supplier-auth/sessions.js';
import { deductionTotals, feeBill, listFeeBills, listPromotions, listSupplies } from './facts.js';
import { exportReply, LIST_LIMIT, todayInShanghai, truncate, withExport, type ExportParams } from './http.js';
import { addFigures, counterDailySalesRows, dailySalesRows, emptyFigures, periodSalesRows, salesScope } from './sales.js';
import { assertSupplierStore, periodRules, scopedCounterIds, supplierCounters, supplierPeriods } from './scope.js';
import * as cols from './columns.js';

const idParams = { type: 'object', properties: { id: { type: 'string', minLength: 1, maxLength: 64 } }, required: ['id'] } as const;

/** Periods, counters, fee bills, sales, promotions and supplies: the supplier's month, each with its export. */
export async function supplierDataRoutes(app: FastifyInstance, ctx: ServerContext, auth: SupplierAuth): Promise<void> {
  const guard = auth.guard();
  const db = ctx.db;
  const me = (req: FastifyRequest) => supplierOf(req).supplier.code;

  app.get('/periods', { onRequest: guard }, async (req): Promise<SupplierPeriodsResponse> => ({ periods: await supplierPeriods(db, me(req), todayInShanghai()) }));
  app.get('/counters', { onRequest: guard }, async (req): Promise<SupplierCountersResponse> => ({ counters: await supplierCounters(db, me(req)) }));

  // Fee bills (供应商费用单) and the deductions they make.
  const feeBills = async (supplierId: string, query: SupplierFeeBillsQuery, limit: number): Promise<SupplierFeeBill[]> => {
    assertQueryDays(query, ['period']);
    if (query.counter !== undefined) await scopedCounterIds(db, supplierId, query.counter);
    return listFeeBills(db, supplierId, query, await periodRules(db), limit);
  };
  app.get<{ Querystring: SupplierFeeBillsQuery }>('/fee-bills', { onRequest: guard, schema: { querystring: supplierFeeBillsQuerySchema } }, async (req): Promise<SupplierFeeBillsResponse> => {
    const { rows, truncated } = truncate(await feeBills(me(req), req.query, LIST_LIMIT));
    return { bills: rows, totals: await deductionTotals(db, me(req), req.query, await periodRules(db)), truncated };
  });
  app.get<{ Querystring: SupplierFeeBillsQuery & ExportParams }>('/fee-bills/export', { onRequest: guard, schema: { querystring: withExport(supplierFeeBillsQuerySchema) } }, async (req, reply) => {
    const bills = await feeBills(me(req), req.query, Number.MAX_SAFE_INTEGER);
    const rows = bills.flatMap((b) => b.items.map((i) => ({ id: b.id, counterId: b.counterId, counterName: b.counterName, periodLabel: b.period.label, code: i.code, name: i.name, amount: i.amount })));
    return exportReply(req, reply, req.query, { 'zh-CN': '供应商费用单', en: 'fee-bills' }, cols.FEE_BILL_COLUMNS, rows);
  });
  app.get<{ Params: { id: string } }>('/fee-bills/:id', { onRequest: guard, schema: { params: idParams } }, async (req): Promise<SupplierFeeBill> => feeBill(db, me(req), req.params.id, await periodRules(db)));

  // Sales: counter daily, daily detail, accounting period.
  const scope = async (supplierId: string, query: SupplierSalesQuery) => salesScope(db, supplierId, query, await periodRules(db));
  const totalsOf = (rows: SupplierSalesFigures[]): SupplierSalesFigures => {
    const t = emptyFigures();
    for (const r of rows) addFigures(t, r);
    return t;
  };
  const salesQuery = { onRequest: guard, schema: { querystring: supplierSalesQuerySchema } };
  const salesExport = { onRequest: guard, schema: { querystring: withExport(supplierSalesQuerySchema) } };

  app.get<{ Querystring: SupplierSalesQuery }>('/sales/counter-daily', salesQuery, async (req): Promise<SupplierCounterDailySalesResponse> => {
    const all: SupplierCounterDailySalesRow[] = [];
    for await (const r of counterDailySalesRows(db, me(req), await scope(me(req), req.query))) all.push(r);
    return { ...truncate(all), totals: totalsOf(all) };
  });
  app.get<{ Querystring: SupplierSalesQuery & ExportParams }>('/sales/counter-daily/export', salesExport, async (req, reply) =>
    exportReply(req, reply, req.query, { 'zh-CN': '专柜日销售', en: 'counter-daily-sales' }, cols.COUNTER_DAILY_COLUMNS, counterDailySalesRows(db, me(req), await scope(me(req), req.query))));

  app.get<{ Querystring: SupplierSalesQuery }>('/sales/daily', salesQuery, async (req): Promise<SupplierDailySalesResponse> => {
    const all: SupplierDailySalesRow[] = [];
    for await (const r of dailySalesRows(db, await scope(me(req), req.query))) all.push(r);
    return { ...truncate(all), totals: totalsOf(all) };
  });
  app.get<{ Querystring: SupplierSalesQuery & ExportParams }>('/sales/daily/export', salesExport, async (req, reply) =>
    exportReply(req, reply, req.query, { 'zh-CN': '日销售', en: 'daily-sales' }, cols.DAILY_COLUMNS, dailySalesRows(db, await scope(me(req), req.query))));

  app.get<{ Querystring: SupplierSalesQuery }>('/sales/period', salesQuery, async (req): Promise<SupplierPeriodSalesResponse> => {
    const all: SupplierPeriodSalesRow[] = [];
    for await (const r of periodSalesRows(db, await scope(me(req), req.query), await periodRules(db))) all.push(r);
    return { ...truncate(all), totals: totalsOf(all) };
  });
  app.get<{ Querystring: SupplierSalesQuery & ExportParams }>('/sales/period/export', salesExport, async (req, reply) => {
    const rows = periodSalesRows(db, await scope(me(req), req.query), await periodRules(db));
    return exportReply(req, reply, req.query, { 'zh-CN': '会计期间销售', en: 'period-sales' }, cols.PERIOD_COLUMNS, flattenPeriod(rows));
  });

  // Promotions (买送活动).
  const promotions = async (supplierId: string, query: SupplierPromotionsQuery, limit: number): Promise<SupplierPromotion[]> => {
    assertQueryDays(query, ['from', 'to']);
    if (query.counter !== undefined) await scopedCounterIds(db, supplierId, query.counter);
    return listPromotions(db, supplierId, query, limit);
  };
  app.get<{ Querystring: SupplierPromotionsQuery }>('/promotions', { onRequest: guard, schema: { querystring: supplierPromotionsQuerySchema } }, async (req): Promise<SupplierPromotionsResponse> => {
    const { rows, truncated } = truncate(await promotions(me(req), req.query, LIST_LIMIT));
    return { promotions: rows, truncated };
  });
  app.get<{ Querystring: SupplierPromotionsQuery & ExportParams }>('/promotions/export', { onRequest: guard, schema: { querystring: withExport(supplierPromotionsQuerySchema) } }, async (req, reply) => {
    const rows = (await promotions(me(req), req.query, Number.MAX_SAFE_INTEGER)).map((p) => ({ ...p, counters: p.counterIds.join(' '), areas: p.areaCodes.join(' ') }));
    return exportReply(req, reply, req.query, { 'zh-CN': '促销活动', en: 'promotions' }, cols.PROMOTION_COLUMNS, rows);
  });

  // Supplies usage (领用明细).
  const supplies = async (supplierId: string, query: SupplierSuppliesQuery, limit: number): Promise<SupplierSuppliesRow[]> => {
    assertQueryDays(query, ['period']);
    if (query.counter !== undefined) await scopedCounterIds(db, supplierId, query.counter);
    if (query.store !== undefined) await assertSupplierStore(db, supplierId, query.store);
    return listSupplies(db, supplierId, query, await periodRules(db), limit);
  };
  app.get<{ Querystring: SupplierSuppliesQuery }>('/supplies', { onRequest: guard, schema: { querystring: supplierSuppliesQuerySchema } }, async (req): Promise<SupplierSuppliesResponse> => {
    const { rows, truncated } = truncate(await supplies(me(req), req.query, LIST_LIMIT));
    return { rows, total: rows.reduce((s, r) => s + r.amount, 0), truncated };
  });
  app.get<{ Querystring: SupplierSuppliesQuery & ExportParams }>('/supplies/export', { onRequest: guard, schema: { querystring: withExport(supplierSuppliesQuerySchema) } }, async (req, reply) => {
    const rows = (await supplies(me(req), req.query, Number.MAX_SAFE_INTEGER)).map((r) => ({ ...r, periodLabel: r.period.label }));
    return exportReply(req, reply, req.query, { 'zh-CN': '领用明细', en: 'supplies' }, cols.SUPPLIES_COLUMNS, rows);
  });
}

async function* flattenPeriod(rows: AsyncIterable<SupplierPeriodSalesRow>): AsyncGenerator<cols.PeriodSalesExportRow> {
  for await (const r of rows) yield { ...r, periodLabel: r.period.label, promotionId: r.promotionId ?? '' };
}
