// Alipay account statement, business details (业务明细), as the merchant portal or the bill-download API gives it:
// a ZIP of GBK CSV files (read as GB18030, its superset), one of them the details (its name has 业务明细 and not 汇总). Inside, lines starting with
// `#` come before the header (the account, the period) and after the details (the footer's totals:
// `#交易合计：N笔，商家实收共X元，…，服务费共Y元，…` and `#退款合计：M笔，商家实收退款共Z元，…，服务费退款共W元，…`);
// the values are padded with tabs and spaces.
//
// Sign of the fee: Alipay writes the service fee as money leaving the merchant (negative on a trade, positive on a
// refund that gives it back). The parser turns it round, fee and feeExact both, so a fee charged is positive for
// both providers as ParsedBill says. The footer's totals are compared by magnitude, as Alipay's export versions
// differ in the sign they print there; the rows' own signs are what the items keep.
import iconv from 'iconv-lite';
import type { BillItem, ParsedBill } from '../../../model/money/bill.js';
import { fenToYuan } from '../../../model/money/yuan.js';
import { BillDay, Tally, beijingTime, columnsOf, eachRecord, exactOf, fenOf, mismatch, optionalColumn, refuse, roundedFee } from './common.js';
import { unzipEntries } from './zip.js';

const DETAIL = ['支付宝交易号', '商户订单号', '业务类型', '完成时间', '商家实收（元）', '服务费（元）'] as const;
type Detail = Record<(typeof DETAIL)[number], number>;

const TRADE_TOTAL = /^#交易合计[：:]\s*(\d+)\s*笔[，,]\s*商家实收共\s*(-?[\d.]+)\s*元.*服务费共\s*(-?[\d.]+)\s*元/;
const REFUND_TOTAL = /^#退款合计[：:]\s*(\d+)\s*笔[，,]\s*商家实收退款共\s*(-?[\d.]+)\s*元.*服务费退款共\s*(-?[\d.]+)\s*元/;
const ACCOUNT = /^#账号[：:]\s*\[([^\]]*)\]/;
const START = /^#起始日期[：:]\s*\[(\d{4})年(\d{2})月(\d{2})日/;

/** Per business type, the sums the footer states: count, 商家实收 in fen and 服务费 exactly, both as the rows sign them. */
class TypeSum {
  count = 0;
  received = 0;
  fee = 0n;
}

const negate = (text: string) => (text.startsWith('-') ? text.slice(1) : text === '0' || /^0(\.0+)?$/.test(text) ? text : `-${text}`);

interface Lines {
  prelude: string[];
  /** The header and the detail rows, as one text for csv-parse, and the file line it starts on. */
  block: string;
  blockLine: number;
  footer: Array<{ text: string; line: number }>;
}

/** Splits the file at its `#` lines without copying the detail rows line by line. */
function splitLines(text: string): Lines {
  const prelude: string[] = [];
  let pos = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  for (;;) {
    const end = text.indexOf('\n', pos);
    const current = text.slice(pos, end < 0 ? text.length : end).trim();
    if (!current.startsWith('#') && current !== '') break;
    if (current !== '') prelude.push(current);
    if (end < 0) return { prelude, block: '', blockLine: line, footer: [] };
    pos = end + 1;
    line++;
  }
  const blockStart = pos;
  const blockLine = line;
  const footerAt = text.indexOf('\n#', blockStart);
  if (footerAt < 0) return { prelude, block: text.slice(blockStart), blockLine, footer: [] };
  const block = text.slice(blockStart, footerAt + 1);
  let footerLine = blockLine;
  for (let i = block.indexOf('\n'); i >= 0; i = block.indexOf('\n', i + 1)) footerLine++;
  const footer = text
    .slice(footerAt + 1)
    .split('\n')
    .map((t, i) => ({ text: t.trim(), line: footerLine + i }))
    .filter((l) => l.text !== '');
  return { prelude, block, blockLine, footer };
}

function itemOf(cells: readonly string[], col: Detail, refundCol: number, line: number): { item: BillItem; written: { received: number; fee: bigint }; day: string } {
  const v = (i: number) => (cells[i] ?? '').trim();
  const type = v(col['业务类型']);
  const { at, day } = beijingTime(v(col['完成时间']), line);
  const received = fenOf(v(col['商家实收（元）']), '商家实收（元）', line);
  const feeText = v(col['服务费（元）']) || '0';
  const feeWritten = exactOf(feeText, '服务费（元）', line);
  const base = {
    at,
    transactionId: v(col['支付宝交易号']),
    outTradeNo: v(col['商户订单号']),
    amount: Math.abs(received),
    fee: roundedFee(-feeWritten),
    feeExact: negate(feeText),
    status: type,
    line,
  };
  if (!base.transactionId && !base.outTradeNo) refuse('BILL_BAD_VALUE', 'a row with neither 支付宝交易号 nor 商户订单号', line);
  if (base.amount === 0) refuse('BILL_BAD_VALUE', `a ${type} of 0.00 yuan`, line);
  let item: BillItem;
  if (type === '交易') item = { kind: 'payment', ...base };
  else if (type === '退款') {
    const outRefundNo = refundCol >= 0 ? v(refundCol) : '';
    item = outRefundNo ? { kind: 'refund', outRefundNo, ...base } : { kind: 'refund', ...base };
  } else refuse('BILL_BAD_VALUE', `业务类型 "${type}" is not 交易 or 退款`, line);
  return { item, written: { received, fee: feeWritten }, day };
}

function checkFooter(footer: Lines['footer'], trades: TypeSum, refunds: TypeSum): void {
  const trade = footer.find((l) => l.text.startsWith('#交易合计'));
  const refund = footer.find((l) => l.text.startsWith('#退款合计'));
  if (!trade || !refund) refuse('BILL_TRUNCATED', 'the footer lacks #交易合计 or #退款合计', footer.at(-1)?.line);
  for (const [l, re, sum, what] of [
    [trade, TRADE_TOTAL, trades, '交易合计'],
    [refund, REFUND_TOTAL, refunds, '退款合计'],
  ] as const) {
    const m = re.exec(l.text);
    if (!m) refuse('BILL_BAD_VALUE', `the ${what} line cannot be read: ${l.text}`, l.line);
    const [count, received, fee] = [Number(m[1]), fenOf(m[2] ?? '', what, l.line), exactOf(m[3] ?? '', what, l.line)];
    if (count !== sum.count) mismatch(`${what} 笔数`, count, sum.count, l.line);
    if (Math.abs(received) !== Math.abs(sum.received)) mismatch(`${what} 商家实收`, m[2] ?? '', fenToYuan(sum.received), l.line);
    const abs = (x: bigint) => (x < 0n ? -x : x);
    if (abs(fee) !== abs(sum.fee)) mismatch(`${what} 服务费`, m[3] ?? '', `${sum.fee} × 10⁻⁸`, l.line);
  }
}

export function parseAlipayCsv(text: string, opts: { billDate?: string | undefined }): ParsedBill {
  const { prelude, block, blockLine, footer } = splitLines(text);
  const merchantId = prelude.map((l) => ACCOUNT.exec(l)?.[1]?.trim()).find((x) => x);
  const start = prelude.map((l) => START.exec(l)).find((m) => m);
  const stated = start ? `${start[1]}-${start[2]}-${start[3]}` : undefined;
  if (stated && opts.billDate && stated !== opts.billDate) refuse('BILL_WRONG_DAY', `the file is the statement of ${stated}, not of ${opts.billDate}`);
  const day = new BillDay(opts.billDate ?? stated);
  const tally = new Tally();
  const sums = { trades: new TypeSum(), refunds: new TypeSum() };
  const items: BillItem[] = [];
  let col: Detail | undefined;
  let refundCol = -1;
  let width = 0;
  let shortRow: number | undefined;

  eachRecord(block, { trim: true, firstLine: blockLine }, (cells, line) => {
    if (!col) {
      col = columnsOf(cells, DETAIL, line);
      refundCol = optionalColumn(cells, '退款批次号/请求号');
      width = cells.length;
      return;
    }
    // A row of another width than the header's was cut short (judged at the end) or is not a row.
    if (cells.length !== width) {
      shortRow ??= line;
      return;
    }
    const { item, written, day: rowDay } = itemOf(cells, col, refundCol, line);
    day.check(rowDay, line);
    const sum = item.kind === 'payment' ? sums.trades : sums.refunds;
    sum.count++;
    sum.received += written.received;
    sum.fee += written.fee;
    tally.add(item, -written.fee);
    items.push(item);
  });

  if (!col) refuse(prelude.length > 0 ? 'BILL_TRUNCATED' : 'BILL_UNRECOGNISED', 'no header row of 业务明细');
  if (footer.length === 0) refuse('BILL_TRUNCATED', 'the file ends before its footer (#交易合计…)', shortRow);
  if (shortRow !== undefined) refuse('BILL_BAD_VALUE', `a row without the ${width} columns of the header`, shortRow);
  checkFooter(footer, sums.trades, sums.refunds);
  return { provider: 'alipay', billDate: day.get(), ...(merchantId ? { merchantId } : {}), items, totals: tally.totals() };
}

const isDetails = (name: string) => /\.csv$/i.test(name) && name.includes('业务明细') && !name.includes('汇总');

export async function parseAlipay(bytes: Uint8Array, opts: { billDate?: string | undefined }): Promise<ParsedBill> {
  const { names, picked } = await unzipEntries(bytes, isDetails);
  const [details, ...more] = picked;
  if (!details) refuse('BILL_UNRECOGNISED', `no 业务明细 CSV in the ZIP (it holds: ${names.join(', ') || 'nothing'})`);
  if (more.length > 0) refuse('BILL_UNRECOGNISED', `more than one 业务明细 CSV in the ZIP: ${picked.map((p) => p.name).join(', ')}`);
  return parseAlipayCsv(iconv.decode(details.data, 'gb18030'), opts);
}
