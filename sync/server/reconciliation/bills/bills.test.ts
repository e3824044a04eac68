import { describe, expect, it } from 'vitest';
import iconv from 'iconv-lite';
import type { BillParse, BillRefusalCode, ParsedBill } from '../../../model/money/bill.js';
import { ALIPAY_COLUMNS, WECHAT_COLUMNS, alipayBill, alipayCsv, wechatBill, zipOf, type BillFileItem } from './bill-files.testkit.js';
import { billHash, parseBill } from './index.js';

const DAY = '2026-11-27';
const ITEMS: BillFileItem[] = [
  // 00:00:05 Beijing time is 16:00:05 UTC the day before.
  { at: '2026-11-26T16:00:05Z', outTradeNo: 'EO-1', amount: 12850, product: '有机牛奶, 250ml "鲜"' },
  { at: '2026-11-27T03:30:00Z', outTradeNo: 'EO-2', amount: 3990, fee: '0.0239' },
  { kind: 'refund', at: '2026-11-27T08:00:00Z', outTradeNo: 'EO-1', outRefundNo: 'RF-1', amount: 2000 },
  { at: '2026-11-27T15:59:59Z', outTradeNo: 'EO-3', amount: 1 },
];

function ok(r: BillParse): ParsedBill {
  if (!r.ok) throw new Error(`refused: ${r.refusal.code} ${r.refusal.message}`);
  return r.bill;
}
function refusal(r: BillParse, code: BillRefusalCode): string {
  if (r.ok) throw new Error(`accepted, expected ${code}`);
  expect(r.refusal.code, r.refusal.message).toBe(code);
  return r.refusal.message;
}
const shuffled = <T>(xs: readonly T[]) => xs.map((x, i) => [x, (i * 7919) % 31] as const).sort((a, b) => a[1] - b[1]).map(([x]) => x);

function expectItems(bill: ParsedBill): void {
  expect(bill.billDate).toBe(DAY);
  expect(bill.items.map((i) => [i.kind, i.outTradeNo, i.amount, i.at])).toEqual([
    ['payment', 'EO-1', 12850, '2026-11-26T16:00:05.000Z'],
    ['payment', 'EO-2', 3990, '2026-11-27T03:30:00.000Z'],
    ['refund', 'EO-1', 2000, '2026-11-27T08:00:00.000Z'],
    ['payment', 'EO-3', 1, '2026-11-27T15:59:59.000Z'],
  ]);
  const [first, , refund] = bill.items;
  expect(refund?.outRefundNo).toBe('RF-1');
  expect(refund?.transactionId).toBe(first?.transactionId);
  expect(bill.totals.count).toBe(4);
  expect(bill.totals.paid).toBe(12850 + 3990 + 1);
  expect(bill.totals.refunded).toBe(2000);
  expect(bill.totals.fees).toBe(bill.items.reduce((s, i) => s + i.fee, 0));
}

describe('WeChat Pay trade bill (ALL)', () => {
  it('reads the detail rows behind their backticks, a quoted product name, a refund row, and the BOM', async () => {
    const bytes = wechatBill(ITEMS);
    expect(bytes.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(bytes.toString('utf8')).toContain('`REFUND');
    const bill = ok(await parseBill('wechat', bytes, { billDate: DAY }));
    expectItems(bill);
    expect(bill.merchantId).toBe('1900000109');
    const [eo1, eo2, refund, eo3] = bill.items;
    // 0.6% of 128.50 is 0.77100; of 0.01 it is 0.00006, which rounds to no fen; the refund gives 0.12 back.
    expect([eo1?.fee, eo1?.feeExact]).toEqual([77, '0.77100']);
    expect([eo2?.fee, eo2?.feeExact]).toEqual([2, '0.0239']);
    expect([refund?.fee, refund?.feeExact, refund?.status]).toEqual([-12, '-0.12000', 'REFUND']);
    expect(refund?.refundId).toMatch(/^5030\d+$/);
    expect([eo3?.fee, eo3?.feeExact]).toEqual([0, '0.00006']);
    expect(eo1?.transactionId).toMatch(/^4200\d{24}$/);
    expect(eo1?.line).toBe(2);
  });

  it('finds columns by name: shuffled, without a BOM, and without the columns it does not need', async () => {
    expectItems(ok(await parseBill('wechat', wechatBill(ITEMS, { columns: shuffled(WECHAT_COLUMNS), bom: false }))));
    const needed = WECHAT_COLUMNS.filter((c) => !['公众账号ID', '设备号', '用户标识', '商品名称', '费率备注', '商户号'].includes(c));
    const bill = ok(await parseBill('wechat', wechatBill(ITEMS, { columns: needed })));
    expectItems(bill);
    expect(bill.merchantId).toBeUndefined();
  });

  it('refuses a bill without a column the matching needs', async () => {
    const msg = refusal(await parseBill('wechat', wechatBill(ITEMS, { columns: WECHAT_COLUMNS.filter((c) => c !== '商户订单号') })), 'BILL_MISSING_COLUMN');
    expect(msg).toContain('商户订单号');
  });

  it('refuses a file cut short, wherever it was cut', async () => {
    const bytes = wechatBill(ITEMS);
    const text = bytes.toString('utf8');
    const byteAt = (s: string, from = 0) => Buffer.byteLength(text.slice(0, text.indexOf(s, from)));
    const cuts = [
      byteAt('总交易单数'), // before the summary
      byteAt('`0.00', text.indexOf('总交易单数')), // inside the summary row
      byteAt('有机牛奶') + 6, // inside a quoted value
      byteAt('EO-2') + 2, // inside a detail row
      byteAt('门店订单') + 1, // inside a character's UTF-8 bytes
    ];
    for (const cut of cuts) refusal(await parseBill('wechat', bytes.subarray(0, cut)), 'BILL_TRUNCATED');
  });

  it('refuses a summary that does not add up to the rows: count, amounts, and the exact fee', async () => {
    const lies = [{ 总交易单数: '5' }, { 应结订单总金额: '168.40' }, { 退款总金额: '20.01' }, { 手续费总金额: '1.12' }] as const;
    for (const summary of lies) {
      const msg = refusal(await parseBill('wechat', wechatBill(ITEMS, { summary })), 'BILL_TOTALS_MISMATCH');
      expect(msg).toContain(Object.keys(summary)[0]);
    }
    // The rounded fees add up to 0.77 + 0.02 - 0.12 + 0.00 = 0.67, the exact ones to 0.67496: only the exact passes.
    refusal(await parseBill('wechat', wechatBill(ITEMS, { summary: { 手续费总金额: '0.67' } })), 'BILL_TOTALS_MISMATCH');
    expect(ok(await parseBill('wechat', wechatBill(ITEMS, { summary: { 手续费总金额: '0.67496' } }))).totals.fees).toBe(67);
  });

  it('refuses rows of another day than the bill day, and bad values', async () => {
    refusal(await parseBill('wechat', wechatBill(ITEMS), { billDate: '2026-11-26' }), 'BILL_WRONG_DAY');
    refusal(await parseBill('wechat', wechatBill([...ITEMS, { at: '2026-11-27T16:00:00Z', outTradeNo: 'EO-9', amount: 5 }])), 'BILL_WRONG_DAY');
    refusal(await parseBill('wechat', wechatBill([{ at: '2026-11-27T03:30:00Z', outTradeNo: 'EO-2', amount: 3990, fee: '0.1.2' }])), 'BILL_BAD_VALUE');
    const revoked = wechatBill(ITEMS).toString('utf8').replace('`SUCCESS', '`REVOKED');
    expect(refusal(await parseBill('wechat', Buffer.from(revoked)), 'BILL_BAD_VALUE')).toContain('REVOKED');
    const threeDecimals = wechatBill(ITEMS).toString('utf8').replace('`39.90', '`39.901');
    refusal(await parseBill('wechat', Buffer.from(threeDecimals)), 'BILL_BAD_VALUE');
    refusal(await parseBill('wechat', wechatBill(ITEMS), { billDate: '27/11/2026' }), 'BILL_BAD_VALUE');
  });

  it('refuses what is not a WeChat bill', async () => {
    refusal(await parseBill('wechat', Buffer.from('a,b,c\r\n1,2,3\r\n')), 'BILL_UNRECOGNISED');
    refusal(await parseBill('wechat', new Uint8Array()), 'BILL_UNRECOGNISED');
    refusal(await parseBill('wechat', iconv.encode(wechatBill(ITEMS).toString('utf8'), 'gbk')), 'BILL_UNRECOGNISED');
    refusal(await parseBill('wechat', await alipayBill(ITEMS)), 'BILL_UNRECOGNISED');
  });

  it('a day without trades is a bill with no rows, on the day the importer names', async () => {
    const bill = ok(await parseBill('wechat', wechatBill([]), { billDate: DAY }));
    expect(bill).toMatchObject({ billDate: DAY, items: [], totals: { count: 0, paid: 0, refunded: 0, fees: 0 } });
    refusal(await parseBill('wechat', wechatBill([])), 'BILL_BAD_VALUE');
  });
});

describe('Alipay account statement (业务明细)', () => {
  it('reads the GBK details out of the ZIP, past the # lines and the padding, with a refund row', async () => {
    const bytes = await alipayBill(ITEMS);
    expect(bytes.subarray(0, 2).toString('latin1')).toBe('PK');
    const bill = ok(await parseBill('alipay', bytes));
    expectItems(bill);
    expect(bill.merchantId).toBe('20881234567890120156');
    const [eo1, eo2, refund] = bill.items;
    // Alipay writes the fee as money out (-0.77 on a trade); the bill gives it as charged, like WeChat.
    expect([eo1?.fee, eo1?.feeExact, eo1?.status]).toEqual([77, '0.77', '交易']);
    expect([eo2?.fee, eo2?.feeExact]).toEqual([2, '0.0239']);
    expect([refund?.fee, refund?.feeExact, refund?.status, refund?.refundId]).toEqual([-12, '-0.12', '退款', undefined]);
    expect(eo1?.transactionId).toMatch(/^2026\d{24}$/);
    expect(eo1?.line).toBe(6);
  });

  it('decodes GBK text: names and product names survive', async () => {
    const csv = alipayCsv(ITEMS);
    const gbk = iconv.encode(csv, 'gbk');
    expect(gbk.includes(Buffer.from('业务明细', 'utf8'))).toBe(false);
    const bill = ok(await parseBill('alipay', await zipOf([['20881234567890120156_20261127_业务明细.csv', gbk]]), { billDate: DAY }));
    expect(bill.items[0]?.outTradeNo).toBe('EO-1');
    // The same text in UTF-8 reads as noise in GBK: its header names are not found.
    refusal(await parseBill('alipay', await zipOf([['x_业务明细.csv', Buffer.from(csv, 'utf8')]])), 'BILL_MISSING_COLUMN');
  });

  it('reads entry names written in GBK without the UTF-8 flag, as Alipay and Chinese Windows tools write them', async () => {
    // yazl always writes UTF-8 names; swap the name's bytes for a GBK name of the same length and clear the flag.
    const utf8Name = Buffer.from('x_业务明细.csv', 'utf8');
    const gbkName = iconv.encode('x_业务明细abcd.csv', 'gbk');
    expect(gbkName.length).toBe(utf8Name.length);
    const zip = Buffer.from(await zipOf([[utf8Name.toString('utf8'), iconv.encode(alipayCsv(ITEMS), 'gbk')]]));
    let swapped = 0;
    for (let at = zip.indexOf(utf8Name); at >= 0; at = zip.indexOf(utf8Name, at + 1), swapped++) gbkName.copy(zip, at);
    expect(swapped).toBe(2); // the local header and the central directory
    for (const [signature, flagAt] of [[0x04034b50, 6], [0x02014b50, 8]] as const) {
      for (let at = 0; at + 4 <= zip.length; at++) {
        if (zip.readUInt32LE(at) === signature) zip.writeUInt16LE(zip.readUInt16LE(at + flagAt) & ~0x800, at + flagAt);
      }
    }
    expectItems(ok(await parseBill('alipay', zip)));
  });

  it('finds columns by name in any order', async () => {
    expectItems(ok(await parseBill('alipay', await alipayBill(ITEMS, { columns: shuffled(ALIPAY_COLUMNS) }))));
    refusal(await parseBill('alipay', await alipayBill(ITEMS, { columns: ALIPAY_COLUMNS.filter((c) => c !== '服务费（元）') })), 'BILL_MISSING_COLUMN');
  });

  it('refuses a footer that does not add up', async () => {
    const lies = [{ tradeCount: '4' }, { tradeReceived: '168.40' }, { tradeFee: '-0.80' }, { refundCount: '2' }, { refundReceived: '-20.10' }, { refundFee: '0.13' }];
    for (const footer of lies) refusal(await parseBill('alipay', await alipayBill(ITEMS, { footer })), 'BILL_TOTALS_MISMATCH');
  });

  it('refuses a statement cut short: in the rows, before the footer, in the footer, or in the ZIP itself', async () => {
    const csv = alipayCsv(ITEMS);
    const details = (text: string) => zipOf([['20881234567890120156_20261127_业务明细.csv', iconv.encode(text, 'gbk')]]);
    for (const cut of [csv.indexOf('EO-2') + 3, csv.indexOf('#---', csv.indexOf('EO-3')), csv.indexOf('#退款合计')]) {
      refusal(await parseBill('alipay', await details(csv.slice(0, cut))), 'BILL_TRUNCATED');
    }
    const whole = await alipayBill(ITEMS);
    refusal(await parseBill('alipay', whole.subarray(0, whole.length - 30)), 'BILL_TRUNCATED');
  });

  it('refuses a ZIP without the details, a file that is no ZIP, and the wrong day', async () => {
    const onlySummary = await zipOf([['x_业务明细(汇总).csv', iconv.encode('#汇总\r\n', 'gbk')]]);
    expect(refusal(await parseBill('alipay', onlySummary), 'BILL_UNRECOGNISED')).toContain('汇总');
    refusal(await parseBill('alipay', wechatBill(ITEMS)), 'BILL_UNRECOGNISED');
    refusal(await parseBill('alipay', await alipayBill(ITEMS), { billDate: '2026-11-28' }), 'BILL_WRONG_DAY');
    const late = [...ITEMS, { at: '2026-11-27T16:00:01Z', outTradeNo: 'EO-9', amount: 100 }];
    refusal(await parseBill('alipay', await alipayBill(late, { billDate: DAY })), 'BILL_WRONG_DAY');
  });
});

describe('billHash', () => {
  it('is the sha256 of the bytes: the same file twice is the same hash, any change another', async () => {
    const a = wechatBill(ITEMS);
    expect(billHash(a)).toBe(billHash(Buffer.from(a)));
    expect(billHash(a)).toMatch(/^[0-9a-f]{64}$/);
    expect(billHash(a)).not.toBe(billHash(wechatBill(ITEMS.slice(1))));
    expect(billHash(await alipayBill(ITEMS))).toBe(billHash(await alipayBill(ITEMS)));
    expect(billHash(new Uint8Array())).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });
});
