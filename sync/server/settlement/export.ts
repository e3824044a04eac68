import type { FastifyReply } from 'fastify';
import type { StatementSummary, StatementView } from '../../protocol/settlement.js';
import { sendExport, type ExportColumn, type ExportFormat, type ExportLang } from '../exports/index.js';

/**
 * A statement and the statement list as XLSX/CSV (sync/server/exports). The portal's routes reuse
 * `sendStatementExport` for a supplier's own statement, so both answer the same file.
 */

export const rateText = (bp: number): string => `${(bp / 100).toFixed(2)}%`;

/** One line of a statement as exported: a rate group, a total, or a deduction. */
export interface StatementLineRow {
  section: string;
  item: string;
  rate: string;
  sales: number | null;
  returns: number | null;
  net: number | null;
  amount: number;
}

const T = {
  sales: { 'zh-CN': '销售', en: 'Sales' },
  regular: { 'zh-CN': '正常扣率销售', en: 'Regular-rate sales' },
  promotion: { 'zh-CN': '促销活动', en: 'Promotion' },
  totals: { 'zh-CN': '合计', en: 'Totals' },
  gross: { 'zh-CN': '销售金额', en: 'Gross sales' },
  returns: { 'zh-CN': '退货金额', en: 'Returns' },
  net: { 'zh-CN': '净销售额', en: 'Net sales' },
  groupCommission: { 'zh-CN': '扣点金额', en: 'Commission' },
  shortfall: { 'zh-CN': '保底补差', en: 'Guaranteed minimum shortfall' },
  commission: { 'zh-CN': '扣点合计', en: 'Commission total' },
  invoice: { 'zh-CN': '供应商开票金额', en: 'Supplier invoice amount' },
  deductions: { 'zh-CN': '其他扣款(价外)', en: 'Other deductions' },
  deductionsTotal: { 'zh-CN': '其他扣款合计', en: 'Other deductions total' },
  payable: { 'zh-CN': '应付金额', en: 'Payable' },
  fee_bill: { 'zh-CN': '费用单', en: 'Fee bill' },
  contract_fee: { 'zh-CN': '合同费用', en: 'Contract fee' },
  supplies: { 'zh-CN': '领用', en: 'Supplies' },
} as const satisfies Record<string, Record<ExportLang, string>>;

export const labelOf = (key: keyof typeof T, lang: ExportLang): string => T[key][lang];

export function statementLineRows(s: StatementView, lang: ExportLang): StatementLineRow[] {
  const b = s.body;
  const t = b.totals;
  const rows: StatementLineRow[] = b.groups.map((g) => ({
    section: T.sales[lang],
    item: g.kind === 'regular' ? T.regular[lang] : `${T.promotion[lang]} ${g.promotionId ?? ''} ${g.promotionName ?? ''}`.trim(),
    rate: rateText(g.rateBp), sales: g.sales, returns: g.returns, net: g.net, amount: g.commission,
  }));
  const total = (key: keyof typeof T, amount: number): StatementLineRow => ({ section: T.totals[lang], item: T[key][lang], rate: '', sales: null, returns: null, net: null, amount });
  rows.push(total('gross', t.grossSales), total('returns', -t.returns), total('net', t.netSales), total('groupCommission', t.groupCommission));
  if (t.minimumShortfall !== 0) rows.push(total('shortfall', t.minimumShortfall));
  rows.push(total('commission', t.commission), total('invoice', t.invoiceAmount));
  for (const d of b.deductions) rows.push({ section: T.deductions[lang], item: `${T[d.kind][lang]} ${d.code} ${d.name}`.trim(), rate: '', sales: null, returns: null, net: null, amount: d.amount });
  rows.push(total('deductionsTotal', t.deductions), total('payable', t.payable));
  return rows;
}

export const STATEMENT_LINE_COLUMNS: readonly ExportColumn<StatementLineRow>[] = [
  { key: 'section', header: { 'zh-CN': '项目', en: 'Section' }, kind: 'text', width: 14 },
  { key: 'item', header: { 'zh-CN': '明细', en: 'Item' }, kind: 'text', width: 30 },
  { key: 'rate', header: { 'zh-CN': '扣率', en: 'Rate' }, kind: 'text' },
  { key: 'sales', header: { 'zh-CN': '销售金额', en: 'Sales' }, kind: 'fen' },
  { key: 'returns', header: { 'zh-CN': '退货金额', en: 'Returns' }, kind: 'fen' },
  { key: 'net', header: { 'zh-CN': '净销售额', en: 'Net' }, kind: 'fen' },
  { key: 'amount', header: { 'zh-CN': '金额', en: 'Amount' }, kind: 'fen' },
];

export function sendStatementExport(reply: FastifyReply, s: StatementView, format: ExportFormat, lang: ExportLang, onError?: (err: unknown) => void): FastifyReply {
  return sendExport(reply, {
    format, lang, filename: `${s.number}-v${s.version}`, sheetName: s.number, columns: STATEMENT_LINE_COLUMNS,
    rows: statementLineRows(s, lang), ...(onError ? { onError } : {}),
  });
}

export type StatementListRow = Pick<StatementSummary, 'number' | 'version' | 'periodLabel' | 'supplierId' | 'supplierName' | 'counterId' | 'counterName' | 'storeId' | 'status' | 'netSales' | 'commission' | 'deductions' | 'payable' | 'dueDate' | 'issuedAt'>;

export const STATEMENT_LIST_COLUMNS: readonly ExportColumn<StatementListRow>[] = [
  { key: 'number', header: { 'zh-CN': '结款单号', en: 'Number' }, kind: 'text', width: 20 },
  { key: 'version', header: { 'zh-CN': '版本', en: 'Version' }, kind: 'integer' },
  { key: 'periodLabel', header: { 'zh-CN': '结算期间', en: 'Period' }, kind: 'text' },
  { key: 'supplierId', header: { 'zh-CN': '供应商编码', en: 'Supplier' }, kind: 'text' },
  { key: 'supplierName', header: { 'zh-CN': '供应商名称', en: 'Supplier name' }, kind: 'text', width: 24 },
  { key: 'counterId', header: { 'zh-CN': '专柜编码', en: 'Counter' }, kind: 'text' },
  { key: 'counterName', header: { 'zh-CN': '专柜名称', en: 'Counter name' }, kind: 'text', width: 20 },
  { key: 'storeId', header: { 'zh-CN': '门店', en: 'Store' }, kind: 'text' },
  { key: 'status', header: { 'zh-CN': '状态', en: 'Status' }, kind: 'text' },
  { key: 'netSales', header: { 'zh-CN': '净销售额', en: 'Net sales' }, kind: 'fen' },
  { key: 'commission', header: { 'zh-CN': '扣点合计', en: 'Commission' }, kind: 'fen' },
  { key: 'deductions', header: { 'zh-CN': '其他扣款', en: 'Deductions' }, kind: 'fen' },
  { key: 'payable', header: { 'zh-CN': '应付金额', en: 'Payable' }, kind: 'fen' },
  { key: 'dueDate', header: { 'zh-CN': '应出单日', en: 'Due' }, kind: 'date' },
  { key: 'issuedAt', header: { 'zh-CN': '出单时间', en: 'Issued at' }, kind: 'date' },
];
