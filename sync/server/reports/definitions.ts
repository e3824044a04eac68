import type { ClosedDayRow, DailySalesRow, ExceptionsByDayRow, PaymentsByDayRow, PeriodSalesRow } from '../../protocol/reports.js';
import type { Queryable } from '../db/index.js';
import type { ReportRange } from './chunks.js';
import type { ClosedDaySource } from '../../model/money/closed-day.js';
import { closedDayKey, closedDaysReport, NO_CLOSED_DAYS } from './closed-days.js';
import { loadPeriodRules } from './period-rules.js';
import { exceptionsByDay, exceptionsKey } from './exceptions.js';
import { paymentsByDay, paymentsKey, providerPayments, type PaymentsChunkSource } from './payments.js';
import { dailySales, dailySalesKey, periodSales, periodSalesKey } from './sales.js';

/** What the reports read beyond this folder's own SQL, wired by whoever builds the server (app.ts). */
export interface ReportSources {
  /** The day close's stored closes (sync/server/day-close closedDaySource(db)); none: no day reads as closed. */
  closedDays?: ClosedDaySource;
  /** Payments by day beyond the terminals' own; absent, the providers' (reconciliation's recon_order_payments). */
  payments?: readonly PaymentsChunkSource[];
}

/**
 * How a column is written (the exports module's kinds, sync/server/exports/columns.ts): text as it is; a business
 * day as YYYY-MM-DD; an instant in Beijing time; a count as an integer; fen as yuan, exactly; yes/no as words.
 */
export type ColumnKind = 'text' | 'day' | 'instant' | 'count' | 'fen' | 'yesno';

export interface ReportColumn<Row> {
  key: keyof Row & string;
  kind: ColumnKind;
  /** Header in each console language. */
  header: { 'zh-CN': string; en: string };
}

export interface ReportDefinition<Row extends object> {
  /** Under /reports/: the JSON page; with .csv or .xlsx, the export. */
  path: string;
  /** The file name's stem. */
  file: string;
  /** Sheet title in each language. */
  title: { 'zh-CN': string; en: string };
  columns: readonly ReportColumn<Row>[];
  /** The key a page resumes after, and its length. */
  key: (row: Row) => string[];
  keyLength: number;
  rows: (db: Queryable, range: ReportRange, sources: ReportSources, after: readonly string[] | null) => Promise<AsyncIterable<Row>>;
}

const col = <Row>(key: keyof Row & string, kind: ColumnKind, zh: string, en: string): ReportColumn<Row> => ({ key, kind, header: { 'zh-CN': zh, en } });

const dailySalesReport: ReportDefinition<DailySalesRow> = {
  path: 'sales/daily',
  file: 'sales-by-day',
  title: { 'zh-CN': '每日销售', en: 'Daily sales' },
  columns: [
    col('day', 'day', '营业日', 'Business day'), col('storeId', 'text', '门店', 'Store'), col('sku', 'text', 'SKU', 'SKU'),
    col('name', 'text', '商品', 'Product'), col('qty', 'count', '数量', 'Quantity'), col('amount', 'fen', '金额（元）', 'Amount (CNY)'),
    col('orders', 'count', '订单数', 'Orders'),
  ],
  key: dailySalesKey,
  keyLength: 3,
  rows: async (db, range, _sources, after) => dailySales(db, range, after),
};

const periodSalesReport: ReportDefinition<PeriodSalesRow> = {
  path: 'sales/periods',
  file: 'sales-by-period',
  title: { 'zh-CN': '会计期间销售', en: 'Sales by accounting period' },
  columns: [
    col('period', 'text', '会计期间', 'Period'), col('from', 'day', '起', 'From'), col('to', 'day', '止', 'To'),
    col('storeId', 'text', '门店', 'Store'), col('sku', 'text', 'SKU', 'SKU'), col('name', 'text', '商品', 'Product'),
    col('qty', 'count', '数量', 'Quantity'), col('amount', 'fen', '金额（元）', 'Amount (CNY)'), col('orders', 'count', '订单数', 'Orders'),
  ],
  key: periodSalesKey,
  keyLength: 3,
  rows: async (db, range, _sources, after) => periodSales(db, range, await loadPeriodRules(db), after),
};

const paymentsReport: ReportDefinition<PaymentsByDayRow> = {
  path: 'payments/daily',
  file: 'payments-by-day',
  title: { 'zh-CN': '每日收款（按方式）', en: 'Payments by day and method' },
  columns: [
    col('day', 'day', '营业日', 'Business day'), col('storeId', 'text', '门店', 'Store'), col('method', 'text', '方式', 'Method'),
    col('payments', 'count', '笔数', 'Payments'), col('amount', 'fen', '金额（元）', 'Amount (CNY)'), col('difference', 'fen', '差额（元）', 'Difference (CNY)'),
  ],
  key: paymentsKey,
  keyLength: 3,
  rows: async (db, range, sources, after) => paymentsByDay(db, range, after, sources.payments ?? [providerPayments]),
};

const closedDaysDefinition: ReportDefinition<ClosedDayRow> = {
  path: 'closed-days',
  file: 'closed-days',
  title: { 'zh-CN': '门店日结', en: 'Store day closes' },
  columns: [
    col('day', 'day', '营业日', 'Business day'), col('storeId', 'text', '门店', 'Store'), col('closed', 'yesno', '已日结', 'Closed'),
    col('drawers', 'count', '钱箱数', 'Drawers'), col('closedAt', 'instant', '日结时间', 'Closed at'), col('closedBy', 'text', '日结人', 'Closed by'),
    col('cashExpected', 'fen', '应有现金（元）', 'Cash expected (CNY)'), col('cashCounted', 'fen', '清点现金（元）', 'Cash counted (CNY)'),
    col('variance', 'fen', '差异（元）', 'Variance (CNY)'), col('beyondTolerance', 'yesno', '超出容差', 'Beyond tolerance'),
  ],
  key: closedDayKey,
  keyLength: 2,
  rows: async (db, range, sources, after) => closedDaysReport(db, range, sources.closedDays ?? NO_CLOSED_DAYS, after),
};

const exceptionsDefinition: ReportDefinition<ExceptionsByDayRow> = {
  path: 'exceptions/daily',
  file: 'exceptions-by-day',
  title: { 'zh-CN': '对账异常（按日）', en: 'Reconciliation exceptions by day' },
  columns: [
    col('day', 'day', '日期', 'Day'), col('storeId', 'text', '门店', 'Store'), col('type', 'text', '类型', 'Type'),
    col('found', 'count', '发现', 'Found'), col('amount', 'fen', '金额（元）', 'Amount (CNY)'),
    col('open', 'count', '未处理', 'Open'), col('openAmount', 'fen', '未处理金额（元）', 'Open amount (CNY)'),
  ],
  key: exceptionsKey,
  keyLength: 3,
  rows: async (db, range, _sources, after) => exceptionsByDay(db, range, after),
};

/** Every report the console lists and exports. */
export const REPORTS = {
  dailySales: dailySalesReport,
  periodSales: periodSalesReport,
  payments: paymentsReport,
  closedDays: closedDaysDefinition,
  exceptions: exceptionsDefinition,
} as const;
