import { readFile } from 'node:fs/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import type { RunSheetInput } from '../../contract.js';
import { parseRunSheetInput } from './run-sheet-input.js';
import { renderRunSheet } from './run-sheet.js';
import { A4, type Box } from './pdf-sheet.js';
import { CJK_TEST_FONT, blankRaster, decodeBarcode, pdfText, rasterizePdf, type Raster } from './test-support.js';

const DPI = 200;
const px = (pt: number) => Math.round((pt * DPI) / 72);
function crop(r: Raster, box: Box, margin = 4): Raster {
  const x0 = px(box.x - margin);
  const y0 = px(box.y - margin);
  const out = blankRaster(px(box.width + 2 * margin), px(box.height + 2 * margin));
  for (let y = 0; y < out.height; y++) for (let x = 0; x < out.width; x++) out.pixels[y * out.width + x] = r.pixels[(y0 + y) * r.width + x0 + x] ?? 0;
  return out;
}

function run(n: number): RunSheetInput {
  return {
    storeName: '静安门店 Demo Store',
    timeZone: 'Asia/Shanghai',
    courierId: 'S001-zhao-qiang',
    courierName: '赵强 Zhao Qiang',
    operatorName: '王芳',
    dispatchedAt: '2026-05-31T22:47:00.000Z',
    orders: Array.from({ length: n }, (_, i) => ({
      orderId: `EO-20260601-${String(i + 1).padStart(4, '0')}`,
      customerName: '王小明',
      phone: '•••••••8000',
      address: `南京西路 ${100 + i}号 ${i + 1}01室, 上海`,
      dueAt: '2026-06-01T00:30:00.000Z',
      collect: i % 3 === 0 ? 0 : 12_850 + i,
      currency: 'CNY',
    })),
  };
}

let font: Uint8Array;
beforeAll(async () => {
  font = new Uint8Array(await readFile(CJK_TEST_FONT));
});

describe('the run sheet PDF', () => {
  it('lists every order with its money to collect, the total once, on as many A4 pages as it takes', async () => {
    const input = run(14);
    const { pdf, layout } = await renderRunSheet(input, { cjkFont: font });
    expect(layout.pages).toBe(2);
    expect(layout.total).toBe(input.orders.reduce((n, o) => n + o.collect, 0));
    const text = await pdfText(pdf);
    for (const o of input.orders) expect(text).toContain(o.orderId);
    // The total in yuan exactly, and the store's time (22:47 UTC is 06:47 next morning in Shanghai).
    const yuan = `¥${Math.floor(layout.total / 100)}.${String(layout.total % 100).padStart(2, '0')}`;
    expect(text).toContain(yuan);
    expect(text).toContain('2026-06-01 06:47');
    expect(text).toContain('¥128.51');
  });

  it("each order's Code 128 scans back to the order id, as the return screen reads it", async () => {
    const input = run(3);
    const { pdf, layout } = await renderRunSheet(input, { cjkFont: font });
    const page = await rasterizePdf(pdf, DPI, 0);
    expect(Math.abs(page.width - px(A4.width))).toBeLessThanOrEqual(1);
    for (const o of layout.orders) expect(decodeBarcode(crop(page, o.box), 'code128')).toBe(o.orderId);
  });

  it('refuses input it cannot print honestly', () => {
    expect(() => parseRunSheetInput({ ...run(1), orders: [] })).toThrow(/orders must be an array/);
    expect(() => parseRunSheetInput({ ...run(1), orders: [{ ...run(1).orders[0], collect: 12.5 }] })).toThrow(/collect must be an amount in fen/);
    expect(() => parseRunSheetInput({ ...run(2), orders: [run(2).orders[0], { ...run(2).orders[1], currency: 'USD' }] })).toThrow(/one currency/);
    expect(() => parseRunSheetInput({ ...run(1), timeZone: 'Mars/Base' })).toThrow(/IANA/);
    expect(parseRunSheetInput(run(2))).toEqual(run(2));
  });
});
