import type { ExceptionView } from '../../protocol/reconciliation.js';
import type { ExportColumn } from '../exports/index.js';

/** One exception as a row of the export: flat, amounts in fen (the export module shows them in yuan). */
export interface ExceptionRow {
  key: string;
  type: string;
  status: string;
  day: string;
  ageDays: number;
  storeId: string;
  orderId: string;
  provider: string;
  amount: number;
  ours: number | null;
  theirs: number | null;
  detail: string;
  resolution: string;
  resolvedBy: string;
  reason: string;
  resolvedAt: string | null;
}

export const EXCEPTION_COLUMNS: readonly ExportColumn<ExceptionRow>[] = [
  { key: 'type', header: { 'zh-CN': '类型', en: 'Type' }, kind: 'text', width: 22 },
  { key: 'status', header: { 'zh-CN': '状态', en: 'Status' }, kind: 'text' },
  { key: 'day', header: { 'zh-CN': '日期', en: 'Day' }, kind: 'date', width: 12 },
  { key: 'ageDays', header: { 'zh-CN': '账龄(天)', en: 'Age (days)' }, kind: 'integer' },
  { key: 'storeId', header: { 'zh-CN': '门店', en: 'Store' }, kind: 'text' },
  { key: 'orderId', header: { 'zh-CN': '订单', en: 'Order' }, kind: 'text', width: 24 },
  { key: 'provider', header: { 'zh-CN': '支付方式', en: 'Provider' }, kind: 'text' },
  { key: 'amount', header: { 'zh-CN': '差异金额', en: 'Amount' }, kind: 'fen' },
  { key: 'ours', header: { 'zh-CN': '我方金额', en: 'Ours' }, kind: 'fen' },
  { key: 'theirs', header: { 'zh-CN': '对方金额', en: 'Theirs' }, kind: 'fen' },
  { key: 'detail', header: { 'zh-CN': '说明', en: 'Detail' }, kind: 'text', width: 50 },
  { key: 'resolution', header: { 'zh-CN': '处理', en: 'Resolution' }, kind: 'text' },
  { key: 'resolvedBy', header: { 'zh-CN': '处理人', en: 'Resolved by' }, kind: 'text' },
  { key: 'reason', header: { 'zh-CN': '原因', en: 'Reason' }, kind: 'text', width: 30 },
  { key: 'resolvedAt', header: { 'zh-CN': '处理时间', en: 'Resolved at' }, kind: 'date', width: 20 },
  { key: 'key', header: { 'zh-CN': '编号', en: 'Key' }, kind: 'text', width: 40 },
];

export function exceptionRow(e: ExceptionView): ExceptionRow {
  return {
    key: e.key, type: e.type, status: e.status, day: e.day, ageDays: e.ageDays, storeId: e.storeId ?? '', orderId: e.orderId ?? '',
    provider: e.provider ?? '', amount: e.amount, ours: e.ours, theirs: e.theirs, detail: e.detail, resolution: e.resolution?.kind ?? '',
    resolvedBy: e.resolution?.by ?? '', reason: e.resolution?.reason ?? '', resolvedAt: e.resolution?.at ?? null,
  };
}

export async function* exceptionRows(list: AsyncIterable<ExceptionView>): AsyncGenerator<ExceptionRow> {
  for await (const e of list) yield exceptionRow(e);
}
