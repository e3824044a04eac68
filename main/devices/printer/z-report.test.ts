import { readFile } from 'node:fs/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ZReportInput } from '../../contract.js';
import { parseZReportInput, renderZReport } from './z-report.js';
import { CJK_TEST_FONT, pdfText } from './test-support.js';

const input: ZReportInput = {
  storeName: '静安门店 Demo Store', timeZone: 'Asia/Shanghai', deviceName: 'counter-1', businessDay: '2026-12-03',
  closeId: '01a238d7-2537-71dd-b7c1-cd5c835bbda3', closedAt: '2026-12-03T13:45:00.000Z',
  closedBy: '陈静 Chen Jing (S001-chen-jing)', countedBy: '陈静 Chen Jing (S001-chen-jing)', approvedBy: '王芳 Wang Fang (S001-wang-fang)', reason: '找零失误',
  float: 20000, cashTaken: 1050, paidIn: 0, paidOut: 300, refunds: 0, expected: 20750, counted: 20000, variance: -750, tolerance: 500,
  denominations: [{ fen: 10000, qty: 2 }, { fen: 50, qty: 0 }],
  cardBatches: [{ batch: '000321', slipCount: 2, slipTotal: 15960, recordedCount: 1, recordedTotal: 7980 }],
  codOrders: 1, refundsOwed: [{ orderId: 'EO-1', amount: 3990 }],
};

let font: Uint8Array;
beforeAll(async () => {
  font = new Uint8Array(await readFile(CJK_TEST_FONT));
});

describe('the Z report PDF', () => {
  // Chinese is drawn as outlines (pdf.ts), so only the Latin text can be read back.
  it('prints the figures, the variance against the tolerance, the card batches and who counted and approved', async () => {
    const { pdf } = await renderZReport(input, { cjkFont: font });
    const text = await pdfText(pdf);
    for (const s of ['2026-12-03', '¥200.00', '¥10.50', '-¥3.00', '¥207.50', '-¥7.50', '¥5.00', 'S001-wang-fang', '000321', 'differs', 'EO-1', '¥39.90', '2026-12-03 21:45', input.closeId]) {
      expect(text).toContain(s);
    }
  });
  it('refuses input that does not add up', () => {
    expect(parseZReportInput(input)).toEqual(input);
    expect(() => parseZReportInput({ ...input, variance: -700 })).toThrow(/variance -700 is not counted/);
    expect(() => parseZReportInput({ ...input, counted: 20050, variance: -700 })).toThrow(/denominations do not add up/);
    expect(() => parseZReportInput({ ...input, float: 1.5 })).toThrow(/float must be an amount in fen/);
    expect(() => parseZReportInput({ ...input, extra: 1 })).toThrow(/unknown field/);
  });
});
