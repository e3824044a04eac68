import { rgb } from 'pdf-lib';
import { ContractError, type ZReportInput } from '../../contract.js';
import { A4, a4Document, drawCode128, storeTime } from './pdf-sheet.js';

/**
 * The day-close report (Z report, A4): the drawer's figures (float, cash on delivery taken, paid in and out, cash
 * refunds), expected against counted by denomination, the variance and the tolerance, the card batches (slip
 * against recorded), who counted, who closed and who approved a variance beyond the tolerance and why, and the
 * refunds the platform owes. The close id as a Code 128, so the paper finds its record. Fen printed as yuan exactly.
 */
const MARGIN = 40;
const RIGHT = A4.width - MARGIN;

/** Fen to "¥128.50" / "-¥3.20": integer arithmetic, the same rule as the screens. */
export function signedYuan(fen: number): string {
  const abs = Math.abs(fen);
  return `${fen < 0 ? '-' : ''}¥${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

export async function renderZReport(input: ZReportInput, opts: { cjkFont?: Uint8Array } = {}): Promise<{ pdf: Uint8Array }> {
  const { doc, painter } = await a4Document(`Z report ${input.businessDay} ${input.deviceName}`, opts.cjkFont);
  const page = doc.addPage([A4.width, A4.height]);
  const grey = rgb(0.55, 0.55, 0.55);
  let top = MARGIN;
  const line = (text: string, size = 11, bold = false) => {
    painter.draw(page, text, MARGIN, A4.height - top - size * 0.8, size, bold);
    top += size + 6;
  };
  const row = (label: string, value: string, bold = false) => {
    painter.draw(page, label, MARGIN, A4.height - top - 9, 11, bold);
    painter.draw(page, value, RIGHT - painter.width(value, 11, bold), A4.height - top - 9, 11, bold);
    top += 17;
  };
  const rule = () => {
    page.drawLine({ start: { x: MARGIN, y: A4.height - top }, end: { x: RIGHT, y: A4.height - top }, thickness: 0.5, color: grey });
    top += 8;
  };

  line(`日结报表 Z report · ${input.storeName}`, 18, true);
  line(`营业日 Business day ${input.businessDay} · 终端 Terminal ${input.deviceName}`, 12);
  line(`日结 Closed ${storeTime(input.closedAt, input.timeZone)} · ${input.closedBy}`, 11);
  // A UUID with letters is Code 128 set B throughout: about 430 modules, so it gets a row of its own.
  drawCode128(page, { page: 0, x: MARGIN, y: top, width: 330, height: 26 }, input.closeId);
  top += 32;
  line(input.closeId, 8);
  rule();
  row('备用金 Opening float', signedYuan(input.float));
  row('货到付款现金 Cash on delivery taken', signedYuan(input.cashTaken));
  row('存入 Paid in', signedYuan(input.paidIn));
  row('支出 Paid out', signedYuan(-input.paidOut));
  row('现金退款 Cash refunds', signedYuan(-input.refunds));
  row('应有 Expected', signedYuan(input.expected), true);
  rule();
  line('点钞 Count by denomination', 12, true);
  for (const d of input.denominations.filter((x) => x.qty > 0)) row(`  ${signedYuan(d.fen)} × ${d.qty}`, signedYuan(d.fen * d.qty));
  row('实点 Counted', signedYuan(input.counted), true);
  row(`差额 Variance (允差 tolerance ${signedYuan(input.tolerance)})`, signedYuan(input.variance), true);
  line(`点钞人 Counted by: ${input.countedBy}`, 11);
  if (input.approvedBy || input.reason) {
    for (const l of painter.wrap(`审批 Approved by: ${input.approvedBy ?? input.closedBy} · ${input.reason ?? ''}`, 11, RIGHT - MARGIN, 3)) line(l, 11, true);
  }
  rule();
  line('刷卡批次 Card batches', 12, true);
  if (input.cardBatches.length === 0) line('—', 11);
  for (const b of input.cardBatches) {
    const agrees = b.slipCount === b.recordedCount && b.slipTotal === b.recordedTotal;
    row(`  ${b.batch}: 结算单 slip ${b.slipCount} · ${signedYuan(b.slipTotal)} / 记录 recorded ${b.recordedCount} · ${signedYuan(b.recordedTotal)}`, agrees ? '一致 agrees' : '不一致 differs', !agrees);
  }
  rule();
  row('货到付款订单 COD orders paid in', String(input.codOrders));
  line(`平台应退款 Refunds owed by the platform (${input.refundsOwed.length})`, 12, true);
  for (const r of input.refundsOwed.slice(0, 20)) row(`  ${r.orderId}`, signedYuan(r.amount));
  if (input.refundsOwed.length > 20) line(`  … +${input.refundsOwed.length - 20}`, 10);
  top = Math.max(top + 24, A4.height - MARGIN - 40);
  line('点钞人签字 Counted ____________    店长签字 Manager ____________', 11);
  return { pdf: await doc.save({ useObjectStreams: false }) };
}

const M = 'printZReport';
const fail = (message: string): never => {
  throw new ContractError('INVALID_INPUT', `${M}: ${message}`);
};
const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?Z$/;
const KEYS = ['storeName', 'timeZone', 'deviceName', 'businessDay', 'closeId', 'closedAt', 'closedBy', 'countedBy', 'approvedBy', 'reason', 'float', 'cashTaken', 'paidIn', 'paidOut', 'refunds', 'expected', 'counted', 'variance', 'tolerance', 'denominations', 'cardBatches', 'codOrders', 'refundsOwed'];

function text(where: string, v: unknown, min: number, max: number): string {
  if (typeof v !== 'string' || v.length < min || v.length > max) return fail(`${where} must be a string of ${min}-${max} characters`);
  return v;
}
function fen(where: string, v: unknown, signed = false): number {
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || Math.abs(v) > 100_000_000_00 || (!signed && v < 0)) return fail(`${where} must be an amount in fen (an integer${signed ? '' : ' ≥ 0'})`);
  return v;
}
function list(where: string, v: unknown, max: number): Record<string, unknown>[] {
  if (!Array.isArray(v) || v.length > max || v.some((x) => typeof x !== 'object' || x === null || Array.isArray(x))) return fail(`${where} must be an array of at most ${max} objects`);
  return v as Record<string, unknown>[];
}

/** Edge parser of printZReport: untrusted JSON to the contract's type, every problem INVALID_INPUT naming the field. */
export function parseZReportInput(v: unknown): ZReportInput {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return fail('input must be an object');
  const o = v as Record<string, unknown>;
  const extra = Object.keys(o).filter((k) => !KEYS.includes(k));
  if (extra.length) fail(`input: unknown field(s) ${extra.join(', ')}`);
  const zone = text('timeZone', o.timeZone, 1, 64);
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
  } catch {
    fail('timeZone must be an IANA time zone such as Asia/Shanghai');
  }
  const closedAt = text('closedAt', o.closedAt, 1, 40);
  if (!ISO_UTC.test(closedAt)) fail('closedAt must be an ISO-8601 UTC time');
  const businessDay = text('businessDay', o.businessDay, 10, 10);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(businessDay)) fail('businessDay must be YYYY-MM-DD');
  const out: ZReportInput = {
    storeName: text('storeName', o.storeName, 1, 100), timeZone: zone, deviceName: text('deviceName', o.deviceName, 1, 100), businessDay,
    closeId: text('closeId', o.closeId, 1, 64), closedAt, closedBy: text('closedBy', o.closedBy, 1, 100), countedBy: text('countedBy', o.countedBy, 1, 100),
    ...(o.approvedBy !== undefined ? { approvedBy: text('approvedBy', o.approvedBy, 1, 100) } : {}),
    ...(o.reason !== undefined ? { reason: text('reason', o.reason, 1, 200) } : {}),
    float: fen('float', o.float), cashTaken: fen('cashTaken', o.cashTaken), paidIn: fen('paidIn', o.paidIn), paidOut: fen('paidOut', o.paidOut), refunds: fen('refunds', o.refunds),
    expected: fen('expected', o.expected, true), counted: fen('counted', o.counted), variance: fen('variance', o.variance, true), tolerance: fen('tolerance', o.tolerance),
    denominations: list('denominations', o.denominations, 8).map((d, i) => ({ fen: fen(`denominations[${i}].fen`, d.fen), qty: fen(`denominations[${i}].qty`, d.qty) })),
    cardBatches: list('cardBatches', o.cardBatches, 50).map((b, i) => ({
      batch: text(`cardBatches[${i}].batch`, b.batch, 1, 64), slipCount: fen(`cardBatches[${i}].slipCount`, b.slipCount), slipTotal: fen(`cardBatches[${i}].slipTotal`, b.slipTotal),
      recordedCount: fen(`cardBatches[${i}].recordedCount`, b.recordedCount), recordedTotal: fen(`cardBatches[${i}].recordedTotal`, b.recordedTotal),
    })),
    codOrders: fen('codOrders', o.codOrders),
    refundsOwed: list('refundsOwed', o.refundsOwed, 1000).map((r, i) => ({ orderId: text(`refundsOwed[${i}].orderId`, r.orderId, 1, 64), amount: fen(`refundsOwed[${i}].amount`, r.amount) })),
  };
  if (out.variance !== out.counted - out.expected) fail(`variance ${out.variance} is not counted ${out.counted} − expected ${out.expected}`);
  if (out.denominations.reduce((n, d) => n + d.fen * d.qty, 0) !== out.counted) fail('the denominations do not add up to counted');
  return out;
}
