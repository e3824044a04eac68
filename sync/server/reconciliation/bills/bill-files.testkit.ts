// Writes real bill files, byte for byte in the providers' formats, from a list of items: for the parsers' tests, the
// reconciliation's and the console's tests, the scenario and the demo. Everything is deterministic: the same items
// give the same bytes (and so the same billHash).
//
//   const items: BillFileItem[] = [
//     { at: '2026-11-27T02:15:00Z', outTradeNo: 'EO-1', amount: 12850 },
//     { kind: 'refund', at: '2026-11-27T09:00:00Z', outTradeNo: 'EO-1', outRefundNo: 'RF-1', amount: 3990 },
//   ];
//   const wx = wechatBill(items);                        // Buffer: UTF-8 CSV with a BOM
//   const ali = await alipayBill(items);                 // Buffer: a ZIP of GBK CSVs
//   await parseBill('wechat', wx);                       // { ok: true, bill } with the same amounts in fen
//
// Fees default to the providers' usual 0.6% (WeChat to 1/100 000 yuan, Alipay to the fen); give `fee` (yuan text,
// a fee charged positive, one given back negative, as ParsedBill signs it) to choose one. The awkward cases are
// options (`columns` to reorder, `summary`/`footer` to make the totals lie, `bom: false`), or a slice of the bytes
// for a file cut short.
import { createHash } from 'node:crypto';
import iconv from 'iconv-lite';
import yazl from 'yazl';
import { fenToYuan } from '../../../model/money/yuan.js';

export interface BillFileItem {
  /** Default 'payment'. */
  kind?: 'payment' | 'refund';
  /** ISO-8601 UTC; written in Beijing time. */
  at: string;
  /** The merchant order number (the order's payment.outTradeNo). */
  outTradeNo: string;
  /** Fen, > 0: paid or refunded. */
  amount: number;
  /** The provider's transaction number; by default derived from outTradeNo, so a refund row names its payment's. */
  transactionId?: string;
  /** Refunds: our refund number (the platform's refundId) and WeChat's own (derived when absent). */
  outRefundNo?: string;
  refundId?: string;
  /** Yuan text, charged positive / given back negative; by default 0.6% of the amount. */
  fee?: string;
  /** 商品名称; commas and quotes are welcome. Default 门店订单. */
  product?: string;
}

/** 27 columns of the WeChat Pay ALL bill, in the order WeChat writes them. */
export const WECHAT_COLUMNS = [
  '交易时间', '公众账号ID', '商户号', '特约商户号', '设备号', '微信订单号', '商户订单号', '用户标识', '交易类型', '交易状态', '付款银行', '货币种类',
  '应结订单金额', '代金券金额', '微信退款单号', '商户退款单号', '退款金额', '充值券退款金额', '退款类型', '退款状态', '商品名称', '商户数据包',
  '手续费', '费率', '订单金额', '申请退款金额', '费率备注',
] as const;
const WECHAT_SUMMARY = ['总交易单数', '应结订单总金额', '退款总金额', '充值券退款总金额', '手续费总金额', '订单总金额', '申请退款总金额'] as const;

/** The columns of Alipay's 业务明细, in Alipay's order. */
export const ALIPAY_COLUMNS = [
  '支付宝交易号', '商户订单号', '业务类型', '商品名称', '创建时间', '完成时间', '门店编号', '门店名称', '操作员', '终端号', '对方账户', '订单金额（元）',
  '商家实收（元）', '支付宝红包（元）', '集分宝（元）', '支付宝优惠（元）', '商家优惠（元）', '券核销金额（元）', '券名称', '商家红包消费金额（元）',
  '卡消费金额（元）', '退款批次号/请求号', '服务费（元）', '分润（元）', '备注',
] as const;

const BEIJING_MS = 8 * 3600_000;
/** "2026-11-27 10:15:00" in Beijing time. */
export function beijingText(iso: string): string {
  return new Date(Date.parse(iso) + BEIJING_MS).toISOString().slice(0, 19).replace('T', ' ');
}

function digits(seed: string, n: number): string {
  return BigInt(`0x${createHash('sha256').update(seed).digest('hex')}`).toString().slice(0, n);
}

/** Exact yuan text from a count of 10^-scale yuan, e.g. (7710n, 5) → "0.07710". */
function decimal(units: bigint, scale: number): string {
  const neg = units < 0n;
  const s = (neg ? -units : units).toString().padStart(scale + 1, '0');
  return `${neg ? '-' : ''}${s.slice(0, -scale)}.${s.slice(-scale)}`;
}
const sumDecimal = (texts: readonly string[], scale: number) =>
  texts.reduce((acc, t) => {
    const [int = '0', frac = ''] = t.replace('-', '').split('.');
    const u = BigInt(int) * 10n ** BigInt(scale) + BigInt(frac.padEnd(scale, '0').slice(0, scale) || '0');
    return acc + (t.startsWith('-') ? -u : u);
  }, 0n);

/** The exact sum of yuan texts, without trailing zeros beyond the fen ("0.67496", "1.20"). */
const exactText = (texts: readonly string[]) => decimal(sumDecimal(texts, 8), 8).replace(/(\.\d\d\d*?)0+$/, '$1');

const isRefund = (i: BillFileItem) => i.kind === 'refund';
const txOf = (i: BillFileItem, prefix: string, n: number) => i.transactionId ?? `${prefix}${digits(`tx:${i.outTradeNo}`, n)}`;

// ---- WeChat Pay ----------------------------------------------------------------------------------------------

export interface WechatBillOptions {
  merchantId?: string;
  appId?: string;
  /** Default true: WeChat's download starts with a UTF-8 BOM. */
  bom?: boolean;
  /** A permutation of WECHAT_COLUMNS (or a subset, to leave a column out), to prove columns are found by name. */
  columns?: readonly string[];
  /** Replace figures of the summary row (the text written, without the backtick) to make the totals lie. */
  summary?: Partial<Record<(typeof WECHAT_SUMMARY)[number], string>>;
}

/** WeChat's fee: 0.6% to 1/100 000 yuan (amount fen × 6 = units of 10⁻⁵ yuan). */
const wechatFee = (i: BillFileItem) => i.fee ?? decimal(BigInt(i.amount * 6) * (isRefund(i) ? -1n : 1n), 5);

function wechatRow(i: BillFileItem, opts: WechatBillOptions): Record<string, string> {
  const refund = isRefund(i);
  const amount = fenToYuan(i.amount);
  return {
    交易时间: beijingText(i.at), 公众账号ID: opts.appId ?? 'wx2421b1c4370ec43b', 商户号: opts.merchantId ?? '1900000109', 特约商户号: '0', 设备号: 'POS-01',
    微信订单号: txOf(i, '4200', 24), 商户订单号: i.outTradeNo, 用户标识: `oUpF8u${digits(`user:${i.outTradeNo}`, 12)}`, 交易类型: 'JSAPI',
    交易状态: refund ? 'REFUND' : 'SUCCESS', 付款银行: 'OTHERS', 货币种类: 'CNY', 应结订单金额: refund ? '0.00' : amount, 代金券金额: '0.00',
    微信退款单号: refund ? (i.refundId ?? `5030${digits(`rf:${i.outRefundNo ?? i.outTradeNo}`, 24)}`) : '0', 商户退款单号: refund ? (i.outRefundNo ?? '') : '0',
    退款金额: refund ? amount : '0.00', 充值券退款金额: '0.00', 退款类型: refund ? 'ORIGINAL' : '', 退款状态: refund ? 'SUCCESS' : '',
    商品名称: i.product ?? '门店订单', 商户数据包: '', 手续费: wechatFee(i), 费率: '0.60%', 订单金额: refund ? '0.00' : amount,
    申请退款金额: refund ? amount : '0.00', 费率备注: '',
  };
}

/** A CSV value: the backtick WeChat puts first, then quoted when it holds a comma, a quote or a line break. */
const wxCell = (v: string) => {
  const t = `\`${v}`;
  return /[",\r\n]/.test(t) ? `"${t.replace(/"/g, '""')}"` : t;
};

/** A WeChat Pay trade bill, type ALL, as WeChat writes it (CRLF lines, backticks, summary at the end). */
export function wechatBill(items: readonly BillFileItem[], opts: WechatBillOptions = {}): Buffer {
  const columns = opts.columns ?? WECHAT_COLUMNS;
  const lines = [columns.join(',')];
  for (const i of items) {
    const row = wechatRow(i, opts);
    lines.push(columns.map((c) => wxCell(row[c] ?? '')).join(','));
  }
  const paid = items.filter((i) => !isRefund(i)).reduce((s, i) => s + i.amount, 0);
  const refunded = items.filter(isRefund).reduce((s, i) => s + i.amount, 0);
  const fees = exactText(items.map(wechatFee));
  const summary: Record<(typeof WECHAT_SUMMARY)[number], string> = {
    总交易单数: String(items.length), 应结订单总金额: fenToYuan(paid), 退款总金额: fenToYuan(refunded), 充值券退款总金额: '0.00',
    手续费总金额: fees, 订单总金额: fenToYuan(paid), 申请退款总金额: fenToYuan(refunded), ...opts.summary,
  };
  lines.push(WECHAT_SUMMARY.join(','), WECHAT_SUMMARY.map((k) => wxCell(summary[k])).join(','));
  const text = `${opts.bom === false ? '' : '\uFEFF'}${lines.join('\r\n')}\r\n`;
  return Buffer.from(text, 'utf8');
}

// ---- Alipay --------------------------------------------------------------------------------------------------

export interface AlipayBillOptions {
  /** 支付宝账号 in the header and the file names. */
  account?: string;
  /** YYYY-MM-DD; default the Beijing day of the first item (or today's date when there are none). */
  billDate?: string;
  /** A permutation (or subset) of ALIPAY_COLUMNS. */
  columns?: readonly string[];
  /** Replace figures in the footer (the text written) to make the totals lie. */
  footer?: Partial<Record<'tradeCount' | 'tradeReceived' | 'tradeFee' | 'refundCount' | 'refundReceived' | 'refundFee', string>>;
  /** Leave out the 汇总 file (it is not read; by default the ZIP has it, as Alipay's does). */
  summaryFile?: boolean;
}

/** Alipay's fee to the fen, 0.6% rounded half up; the file writes it as money out: negative on a trade. */
const alipayFee = (i: BillFileItem) => i.fee ?? (isRefund(i) ? '-' : '') + fenToYuan(Math.floor((i.amount * 6 + 500) / 1000));
const written = (fee: string) => (fee.startsWith('-') ? fee.slice(1) : /^0(\.0*)?$/.test(fee) ? fee : `-${fee}`);

function alipayRow(i: BillFileItem): Record<string, string> {
  const refund = isRefund(i);
  const amount = fenToYuan(i.amount);
  const created = beijingText(new Date(Date.parse(i.at) - 6000).toISOString());
  return {
    支付宝交易号: txOf(i, '2026', 24), 商户订单号: i.outTradeNo, 业务类型: refund ? '退款' : '交易', 商品名称: i.product ?? '门店订单',
    创建时间: created, 完成时间: beijingText(i.at), 门店编号: '', 门店名称: '', 操作员: '', 终端号: '', 对方账户: '张*三',
    '订单金额（元）': refund ? `-${amount}` : amount, '商家实收（元）': refund ? `-${amount}` : amount, '支付宝红包（元）': '0.00', '集分宝（元）': '0.00',
    '支付宝优惠（元）': '0.00', '商家优惠（元）': '0.00', '券核销金额（元）': '0.00', 券名称: '', '商家红包消费金额（元）': '0.00', '卡消费金额（元）': '0.00',
    '退款批次号/请求号': refund ? (i.outRefundNo ?? '') : '', '服务费（元）': written(alipayFee(i)), '分润（元）': '0.00', 备注: '',
  };
}

/** A value as Alipay pads it: a tab after it, spaces before the amounts; quoted when it holds a comma or a quote. */
const aliCell = (v: string) => {
  if (/[",\r\n]/.test(v)) return `"${v.replace(/"/g, '""')}"\t`;
  return /^-?\d+\.\d\d$/.test(v) ? `  ${v}\t` : `${v}\t`;
};
const cnDate = (day: string) => `${day.slice(0, 4)}年${day.slice(5, 7)}月${day.slice(8, 10)}日`;

function sumOf(items: readonly BillFileItem[]) {
  const received = items.reduce((s, i) => s + i.amount, 0);
  return { count: String(items.length), received, fee: exactText(items.map((i) => written(alipayFee(i)))) };
}

/** The 业务明细 CSV as text (before GBK encoding), for tests that look at the lines themselves. */
export function alipayCsv(items: readonly BillFileItem[], opts: AlipayBillOptions = {}): string {
  const account = opts.account ?? '20881234567890120156';
  const day = opts.billDate ?? beijingText(items[0]?.at ?? new Date().toISOString()).slice(0, 10);
  const next = new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
  const columns = opts.columns ?? ALIPAY_COLUMNS;
  const trades = sumOf(items.filter((i) => !isRefund(i)));
  const refunds = sumOf(items.filter(isRefund));
  const f = {
    tradeCount: trades.count, tradeReceived: fenToYuan(trades.received), tradeFee: trades.fee,
    refundCount: refunds.count, refundReceived: fenToYuan(-refunds.received), refundFee: refunds.fee, ...opts.footer,
  };
  const lines = [
    '#支付宝业务明细查询',
    `#账号：[${account}]`,
    `#起始日期：[${cnDate(day)} 00:00:00]   终止日期：[${cnDate(next)} 00:00:00]`,
    '#-----------------------------------------业务明细列表----------------------------------------',
    columns.join(','),
    ...items.map((i) => {
      const row = alipayRow(i);
      return columns.map((c) => aliCell(row[c] ?? '')).join(',');
    }),
    '#-----------------------------------------业务明细列表结束------------------------------------',
    `#交易合计：${f.tradeCount}笔，商家实收共${f.tradeReceived}元，商家优惠共0.00元，券核销共0.00元，服务费共${f.tradeFee}元，分润共0.00元`,
    `#退款合计：${f.refundCount}笔，商家实收退款共${f.refundReceived}元，商家优惠退款共0.00元，券核销退款共0.00元，服务费退款共${f.refundFee}元，分润退款共0.00元`,
    `#导出时间：[${cnDate(next)} 09:23:41]`,
  ];
  return `${lines.join('\r\n')}\r\n`;
}

/** Alipay's daily statement download: a ZIP holding the 业务明细 CSV and its 汇总, both GBK. */
export async function alipayBill(items: readonly BillFileItem[], opts: AlipayBillOptions = {}): Promise<Buffer> {
  const account = opts.account ?? '20881234567890120156';
  const day = opts.billDate ?? beijingText(items[0]?.at ?? new Date().toISOString()).slice(0, 10);
  const stem = `${account}_${day.replace(/-/g, '')}`;
  return zipOf([
    [`${stem}_业务明细.csv`, iconv.encode(alipayCsv(items, { ...opts, account, billDate: day }), 'gbk')],
    ...(opts.summaryFile === false ? [] : [[`${stem}_业务明细(汇总).csv`, iconv.encode(`#支付宝业务汇总查询\r\n门店编号,门店名称,交易订单总笔数\r\n,,${items.length}\r\n`, 'gbk')] as [string, Buffer]]),
  ]);
}

/** A ZIP of the given files (yazl), fixed timestamps so the bytes are the same every time. */
export async function zipOf(files: ReadonlyArray<readonly [string, Buffer]>): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  for (const [name, data] of files) zip.addBuffer(data, name, { mtime: new Date('2026-01-01T00:00:00Z') });
  zip.end();
  const chunks: Buffer[] = [];
  for await (const chunk of zip.outputStream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** `n` payments (every tenth followed by a partial refund) spread over one Beijing bill day, for benches and demos. */
export function sampleBillItems(n: number, billDate = '2026-11-27'): BillFileItem[] {
  const start = Date.parse(`${billDate}T00:00:00+08:00`);
  const items: BillFileItem[] = [];
  for (let k = 0; items.length < n; k++) {
    const at = new Date(start + Math.floor((k * 86_399_000) / n)).toISOString().replace('.000Z', 'Z');
    const outTradeNo = `EO-${billDate.replace(/-/g, '')}-${String(k).padStart(7, '0')}`;
    const amount = 990 + ((k * 7919) % 50_000);
    items.push({ at, outTradeNo, amount, product: k % 17 === 0 ? '有机牛奶, 250ml "鲜"' : '门店订单' });
    if (k % 10 === 9 && items.length < n) items.push({ kind: 'refund', at, outTradeNo, outRefundNo: `RF-${outTradeNo}`, amount: Math.floor(amount / 3) });
  }
  return items;
}
