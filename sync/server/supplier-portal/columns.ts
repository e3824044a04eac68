/** The columns of the portal's exports, zh-CN first (the supplier's staff read Chinese headers) and English. */
import type { SupplierCounterDailySalesRow, SupplierDailySalesRow, SupplierPeriodSalesRow, SupplierPromotion, SupplierSuppliesRow } from '../../protocol/supplier.js';
import type { ExportColumn } from '../exports/index.js';

type H = Record<'zh-CN' | 'en', string>;
const h = (zh: string, en: string): H => ({ 'zh-CN': zh, en });

const FIGURES = <Row extends { qty: number; returnedQty: number; sales: number; returns: number; net: number }>(): ExportColumn<Row>[] => [
  { key: 'qty', header: h('销售数量', 'Qty sold'), kind: 'integer' },
  { key: 'sales', header: h('销售金额', 'Sales'), kind: 'fen' },
  { key: 'returnedQty', header: h('退货数量', 'Qty returned'), kind: 'integer' },
  { key: 'returns', header: h('退货金额', 'Returns'), kind: 'fen' },
  { key: 'net', header: h('净销售', 'Net sales'), kind: 'fen' },
];

export const COUNTER_DAILY_COLUMNS: readonly ExportColumn<SupplierCounterDailySalesRow>[] = [
  { key: 'day', header: h('日期', 'Day'), kind: 'date' },
  { key: 'counterId', header: h('专柜编码', 'Counter'), kind: 'text' },
  { key: 'counterName', header: h('专柜名称', 'Counter name'), kind: 'text', width: 20 },
  { key: 'storeId', header: h('门店', 'Store'), kind: 'text' },
  ...FIGURES<SupplierCounterDailySalesRow>(),
];

export const DAILY_COLUMNS: readonly ExportColumn<SupplierDailySalesRow>[] = [
  { key: 'day', header: h('日期', 'Day'), kind: 'date' },
  { key: 'counterId', header: h('专柜编码', 'Counter'), kind: 'text' },
  { key: 'storeId', header: h('门店', 'Store'), kind: 'text' },
  { key: 'sku', header: h('商品编码', 'SKU'), kind: 'text' },
  { key: 'name', header: h('商品名称', 'Product'), kind: 'text', width: 24 },
  { key: 'promotionId', header: h('促销活动', 'Promotion'), kind: 'text' },
  { key: 'rateBp', header: h('扣点(基点)', 'Rate (bp)'), kind: 'integer' },
  ...FIGURES<SupplierDailySalesRow>(),
];

export type PeriodSalesExportRow = Omit<SupplierPeriodSalesRow, 'promotionId'> & { promotionId: string; periodLabel: string };
export const PERIOD_COLUMNS: readonly ExportColumn<PeriodSalesExportRow>[] = [
  { key: 'periodLabel', header: h('会计期间', 'Period'), kind: 'text' },
  { key: 'counterId', header: h('专柜编码', 'Counter'), kind: 'text' },
  { key: 'storeId', header: h('门店', 'Store'), kind: 'text' },
  { key: 'sku', header: h('商品编码', 'SKU'), kind: 'text' },
  { key: 'name', header: h('商品名称', 'Product'), kind: 'text', width: 24 },
  { key: 'promotionId', header: h('促销活动', 'Promotion'), kind: 'text' },
  { key: 'rateBp', header: h('扣点(基点)', 'Rate (bp)'), kind: 'integer' },
  ...FIGURES<PeriodSalesExportRow>(),
];

export interface FeeBillExportRow {
  id: string;
  counterId: string;
  counterName: string;
  periodLabel: string;
  code: string;
  name: string;
  amount: number;
}
export const FEE_BILL_COLUMNS: readonly ExportColumn<FeeBillExportRow>[] = [
  { key: 'id', header: h('费用单号', 'Fee bill'), kind: 'text', width: 18 },
  { key: 'periodLabel', header: h('会计期间', 'Period'), kind: 'text' },
  { key: 'counterId', header: h('专柜编码', 'Counter'), kind: 'text' },
  { key: 'counterName', header: h('专柜名称', 'Counter name'), kind: 'text', width: 20 },
  { key: 'code', header: h('费用代码', 'Fee code'), kind: 'text' },
  { key: 'name', header: h('费用名称', 'Fee'), kind: 'text', width: 20 },
  { key: 'amount', header: h('价税合计', 'Amount incl. tax'), kind: 'fen' },
];

export type PromotionExportRow = SupplierPromotion & { counters: string; areas: string };
export const PROMOTION_COLUMNS: readonly ExportColumn<PromotionExportRow>[] = [
  { key: 'id', header: h('活动流水号', 'Activity serial'), kind: 'text', width: 18 },
  { key: 'name', header: h('活动名称', 'Name'), kind: 'text', width: 24 },
  { key: 'fromDay', header: h('开始日期', 'From'), kind: 'date' },
  { key: 'toDay', header: h('结束日期', 'To'), kind: 'date' },
  { key: 'rateBp', header: h('扣点(基点)', 'Rate (bp)'), kind: 'integer' },
  { key: 'counters', header: h('专柜', 'Counters'), kind: 'text', width: 20 },
  { key: 'areas', header: h('库区', 'Areas'), kind: 'text' },
];

export type SuppliesExportRow = SupplierSuppliesRow & { periodLabel: string };
export const SUPPLIES_COLUMNS: readonly ExportColumn<SuppliesExportRow>[] = [
  { key: 'periodLabel', header: h('会计期间', 'Period'), kind: 'text' },
  { key: 'storeId', header: h('门店编码', 'Store'), kind: 'text' },
  { key: 'counterId', header: h('专柜编码', 'Counter'), kind: 'text' },
  { key: 'day', header: h('日期', 'Day'), kind: 'date' },
  { key: 'item', header: h('物品', 'Item'), kind: 'text', width: 20 },
  { key: 'qty', header: h('数量', 'Qty'), kind: 'integer' },
  { key: 'unitPrice', header: h('单价', 'Unit price'), kind: 'fen' },
  { key: 'amount', header: h('金额', 'Amount'), kind: 'fen' },
];
