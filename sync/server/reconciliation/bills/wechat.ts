// WeChat Pay trade bill (交易账单), type ALL, as the merchant platform or the downloadbill API gives it: UTF-8 CSV,
// perhaps with a BOM; a header row; detail rows whose every value starts with a backtick (so Excel keeps the long
// numbers as text); then a summary header (总交易单数,应结订单总金额,退款总金额,…,手续费总金额,…) and one summary row.
// A file that stops before its summary row was cut short; a summary that differs from the rows does not add up.
// Either way nothing of it is kept.
import type { BillItem, ParsedBill } from '../../../model/money/bill.js';
import { BillDay, Tally, beijingTime, columnsOf, eachRecord, exactOf, fenOf, mismatch, optionalColumn, refuse, roundedFee } from './common.js';
import { fenToYuan } from '../../../model/money/yuan.js';

const DETAIL = ['交易时间', '微信订单号', '商户订单号', '交易状态', '应结订单金额', '微信退款单号', '商户退款单号', '退款金额', '手续费'] as const;
const SUMMARY = ['总交易单数', '应结订单总金额', '退款总金额', '手续费总金额'] as const;
type Detail = Record<(typeof DETAIL)[number], number>;

/** The backtick WeChat puts before every value, and the blanks around it. */
const unquote = (cell: string | undefined): string => {
  const v = (cell ?? '').trim();
  return v.startsWith('`') ? v.slice(1).trim() : v;
};

function itemOf(cells: readonly string[], col: Detail, line: number): { item: BillItem; exactFee: bigint; day: string } {
  const v = (name: keyof Detail) => unquote(cells[col[name]]);
  const status = v('交易状态');
  const { at, day } = beijingTime(v('交易时间'), line);
  const exactFee = exactOf(v('手续费'), '手续费', line);
  const base = { at, transactionId: v('微信订单号'), outTradeNo: v('商户订单号'), fee: roundedFee(exactFee), feeExact: v('手续费') || '0', status, line };
  if (!base.transactionId && !base.outTradeNo) refuse('BILL_BAD_VALUE', 'a row with neither 微信订单号 nor 商户订单号', line);
  let item: BillItem;
  if (status === 'SUCCESS') {
    item = { kind: 'payment', amount: fenOf(v('应结订单金额'), '应结订单金额', line), ...base };
  } else if (status === 'REFUND') {
    item = { kind: 'refund', amount: fenOf(v('退款金额'), '退款金额', line), refundId: v('微信退款单号'), outRefundNo: v('商户退款单号'), ...base };
    if (!item.outRefundNo && !item.refundId) refuse('BILL_BAD_VALUE', 'a refund row without a refund number', line);
  } else {
    // REVOKED (a reversed card-reader payment) and anything newer are not handled: refuse rather than guess.
    refuse('BILL_BAD_VALUE', `交易状态 "${status}" is not SUCCESS or REFUND`, line);
  }
  if (item.amount <= 0) refuse('BILL_BAD_VALUE', `a ${item.kind} of ${fenToYuan(item.amount)} yuan`, line);
  return { item, exactFee, day };
}

interface SummaryCheck {
  line: number;
  header: readonly string[];
  row?: readonly string[];
  rowLine?: number;
}

function checkSummary(s: SummaryCheck, tally: Tally, settled: number): void {
  if (!s.row || s.rowLine === undefined) refuse('BILL_TRUNCATED', 'the summary header has no summary row after it', s.line);
  if (s.row.length < s.header.length) refuse('BILL_TRUNCATED', 'the summary row stops short', s.rowLine);
  const col = columnsOf(s.header.map(unquote), SUMMARY, s.line);
  const line = s.rowLine;
  const v = (name: (typeof SUMMARY)[number]) => unquote(s.row?.[col[name]]);
  const count = Number(v('总交易单数'));
  if (!/^\d+$/.test(v('总交易单数'))) refuse('BILL_BAD_VALUE', `总交易单数 "${v('总交易单数')}" is not a count`, line);
  if (count !== tally.count) mismatch('总交易单数', count, tally.count, line);
  const total = fenOf(v('应结订单总金额'), '应结订单总金额', line);
  if (total !== settled) mismatch('应结订单总金额', v('应结订单总金额'), fenToYuan(settled), line);
  const refunded = fenOf(v('退款总金额'), '退款总金额', line);
  if (refunded !== tally.refunded) mismatch('退款总金额', v('退款总金额'), fenToYuan(tally.refunded), line);
  const fees = exactOf(v('手续费总金额'), '手续费总金额', line);
  // Exact: the file's fee total is compared with the exact sum of the exact row fees, before any rounding.
  if (fees !== tally.exactFees) mismatch('手续费总金额', v('手续费总金额'), `${tally.exactFees} × 10⁻⁸`, line);
}

export function parseWechat(text: string, opts: { billDate?: string | undefined }): ParsedBill {
  let col: Detail | undefined;
  let width = 0;
  let merchantCol = -1;
  let merchantId: string | undefined;
  let summary: SummaryCheck | undefined;
  let shortRow: number | undefined;
  let settled = 0;
  const day = new BillDay(opts.billDate);
  const tally = new Tally();
  const items: BillItem[] = [];

  eachRecord(text, { trim: false }, (cells, line) => {
    if (!col) {
      if (unquote(cells[0]) !== '交易时间') refuse('BILL_UNRECOGNISED', 'not a WeChat Pay trade bill: the first column is not 交易时间', line);
      col = columnsOf(cells, DETAIL, line);
      width = cells.length;
      merchantCol = optionalColumn(cells, '商户号');
      return;
    }
    if (summary) {
      if (summary.row) refuse('BILL_BAD_VALUE', 'more after the summary row', line);
      summary.row = cells;
      summary.rowLine = line;
      return;
    }
    if (unquote(cells[0]) === '总交易单数') {
      summary = { line, header: cells };
      return;
    }
    // A short row is judged once the end is known: without a summary after it the file was cut in that row.
    if (cells.length !== width) {
      shortRow ??= line;
      return;
    }
    const { item, exactFee, day: rowDay } = itemOf(cells, col, line);
    day.check(rowDay, line);
    if (merchantCol >= 0) merchantId ??= unquote(cells[merchantCol]) || undefined;
    settled += item.kind === 'payment' ? item.amount : fenOf(unquote(cells[col['应结订单金额']]) || '0', '应结订单金额', line);
    tally.add(item, exactFee);
    items.push(item);
  });

  if (!col) refuse('BILL_UNRECOGNISED', 'the file is empty');
  if (!summary) refuse('BILL_TRUNCATED', 'the file ends before its summary (总交易单数…)', shortRow);
  if (shortRow !== undefined) refuse('BILL_BAD_VALUE', `a row without the ${width} columns of the header`, shortRow);
  checkSummary(summary, tally, settled);
  return { provider: 'wechat', billDate: day.get(), ...(merchantId ? { merchantId } : {}), items, totals: tally.totals() };
}
