import { rgb } from 'pdf-lib';
import type { RunSheetInput } from '../../contract.js';
import { A4, a4Document, drawCode128, storeTime, type Box } from './pdf-sheet.js';

/**
 * A courier's run sheet (A4): who took the run and when, then one row per order (a Code 128 of the order id to scan
 * at the return, the customer, the address, the slot, the money to collect), and the total to collect, which is
 * what the courier hands in. Amounts are fen printed as yuan exactly; times in the store's zone.
 */
export interface RunSheetLayout {
  pages: number;
  orders: { orderId: string; box: Box }[];
  /** The total to collect, in fen, as printed. */
  total: number;
}

const MARGIN = 36;
const RIGHT = A4.width - MARGIN;
const ROW_H = 64;
const HEAD = 96;
const BAR_W = 150;
const BAR_H = 26;

/** Fen to "¥128.50": integer arithmetic, the same rule as the screens. */
export function yuan(fen: number, currency: string): string {
  const body = `${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, '0')}`;
  return currency === 'CNY' ? `¥${body}` : `${body} ${currency}`;
}

export async function renderRunSheet(input: RunSheetInput, opts: { cjkFont?: Uint8Array } = {}): Promise<{ pdf: Uint8Array; layout: RunSheetLayout }> {
  const { doc, painter } = await a4Document(`Run sheet ${input.courierId} ${input.dispatchedAt}`, opts.cjkFont);
  const currency = input.orders[0]?.currency ?? 'CNY';
  const total = input.orders.reduce((n, o) => n + o.collect, 0);
  const perPage = Math.floor((A4.height - MARGIN * 2 - HEAD - 40) / ROW_H);
  const pages = Math.max(1, Math.ceil(input.orders.length / perPage));
  const layout: RunSheetLayout = { pages, orders: [], total };
  const grey = rgb(0.55, 0.55, 0.55);
  const at = (top: number, size: number) => A4.height - top - size * 0.8;

  for (let p = 0; p < pages; p++) {
    const page = doc.addPage([A4.width, A4.height]);
    painter.draw(page, `路单 Run sheet · ${input.storeName}`, MARGIN, at(MARGIN, 16), 16, true);
    const n = `${p + 1} / ${pages}`;
    painter.draw(page, n, RIGHT - painter.width(n, 9), at(MARGIN, 9), 9);
    painter.draw(page, `配送员 Courier: ${input.courierName} (${input.courierId})`, MARGIN, at(MARGIN + 24, 12), 12, true);
    painter.draw(page, `出车 Dispatched: ${storeTime(input.dispatchedAt, input.timeZone)} · ${input.operatorName} · ${input.orders.length} 单 orders`, MARGIN, at(MARGIN + 42, 10), 10);
    const totalText = `代收合计 To collect: ${yuan(total, currency)}`;
    painter.draw(page, totalText, MARGIN, at(MARGIN + 60, 14), 14, true);
    let top = MARGIN + HEAD;
    page.drawLine({ start: { x: MARGIN, y: A4.height - top + 4 }, end: { x: RIGHT, y: A4.height - top + 4 }, thickness: 0.75, color: grey });
    for (const [i, o] of input.orders.slice(p * perPage, (p + 1) * perPage).entries()) {
      const index = p * perPage + i + 1;
      const box: Box = { page: p, x: MARGIN, y: top + 6, width: BAR_W, height: BAR_H };
      drawCode128(page, box, o.orderId);
      painter.draw(page, `${index}. ${o.orderId}`, MARGIN, at(top + 6 + BAR_H + 4, 9), 9);
      const x = MARGIN + BAR_W + 14;
      const width = RIGHT - x - 120;
      painter.draw(page, `${o.customerName}  ${o.phone}`, x, at(top + 6, 11), 11, true);
      painter.wrap(o.address, 10, width, 2).forEach((line, k) => painter.draw(page, line, x, at(top + 22 + k * 12, 10), 10));
      painter.draw(page, `送达 Due ${storeTime(o.dueAt, input.timeZone)}`, x, at(top + 48, 9), 9);
      const money = o.collect > 0 ? yuan(o.collect, o.currency) : '已付 Paid';
      painter.draw(page, money, RIGHT - painter.width(money, 14, true), at(top + 8, 14), 14, true);
      const sign = '签收 ________';
      painter.draw(page, sign, RIGHT - painter.width(sign, 9), at(top + 44, 9), 9);
      layout.orders.push({ orderId: o.orderId, box });
      top += ROW_H;
      page.drawLine({ start: { x: MARGIN, y: A4.height - top + 2 }, end: { x: RIGHT, y: A4.height - top + 2 }, thickness: 0.25, color: grey });
    }
    if (p === pages - 1) {
      const line = `合计 Total: ${input.orders.length} 单 orders · ${yuan(total, currency)}`;
      painter.draw(page, line, RIGHT - painter.width(line, 13, true), at(top + 10, 13), 13, true);
    }
  }
  return { pdf: await doc.save({ useObjectStreams: false }), layout };
}
