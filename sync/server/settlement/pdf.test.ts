import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { computeStatement } from '../../model/settlement/statement.js';
import type { StatementView } from '../../protocol/settlement.js';
import { statementLineRows } from './export.js';
import { CJK_FONT_CANDIDATES, renderStatementPdf } from './pdf.js';

/** The worked example as a stored statement. */
function example(): StatementView {
  const deductions = [{ kind: 'fee_bill' as const, ref: 'FB1', code: 'AD', name: '广告费', amount: 266_000 }];
  const figures = computeStatement({
    baseRateBp: 2500, minimumSales: null, deductions,
    groups: [
      { promotionId: null, promotionName: null, rateBp: 2500, sales: 10_000_000, returns: 200_000 },
      { promotionId: 'P1', promotionName: '买送活动', rateBp: 2000, sales: 4_000_000, returns: 0 },
    ],
  });
  return {
    id: 'JS202611-C001-v1', number: 'JS202611-C001', version: 1, counterId: 'C001', supplierId: 'SA', storeId: 'S1',
    periodFrom: '2026-11-01', periodTo: '2026-11-30', periodLabel: '2026-11', status: 'issued', payable: figures.totals.payable,
    correctionReason: null, createdBy: 'fei', createdAt: '2026-12-02T01:00:00.000Z', issuedAt: '2026-12-02T02:00:00.000Z', dueDate: '2026-12-05',
    body: {
      counter: { id: 'C001', name: '甲女装专柜', storeId: 'S1', areaCode: 'F1', category: '女装' }, supplier: { id: 'SA', name: '甲服饰有限公司' },
      period: { from: '2026-11-01', to: '2026-11-30', label: '2026-11' }, baseRateBp: 2500, groups: figures.groups, deductions, totals: figures.totals,
    },
  };
}

// A machine without any CJK font (none ships on npm) cannot show the outlines; the next test covers it printing anyway.
const font = CJK_FONT_CANDIDATES.find((p) => existsSync(p));

describe('statement paper', () => {
  it.skipIf(!font)('prints Chinese as outlines (no font file embedded, a small PDF), the same bytes every time', async () => {
    const bytes = new Uint8Array(await readFile(font!));
    const a = await renderStatementPdf(example(), { cjkFont: bytes });
    const b = await renderStatementPdf(example(), { cjkFont: bytes });
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
    const doc = await PDFDocument.load(a);
    expect(doc.getTitle()).toBe('专柜结款单 JS202611-C001 v1');
    expect(Buffer.from(a).toString('latin1')).not.toContain('/FontFile2');
    expect(a.length).toBeLessThan(200_000);
  });

  it('still prints without a CJK font (what Helvetica lacks becomes "?")', async () => {
    const doc = await PDFDocument.load(await renderStatementPdf(example(), { cjkFont: null }));
    expect(doc.getPageCount()).toBe(1);
  });

  it('exports the worked example line by line, payable last', () => {
    const rows = statementLineRows(example(), 'zh-CN');
    expect(rows.map((r) => [r.item, r.amount])).toEqual([
      ['正常扣率销售', 2_450_000], ['促销活动 P1 买送活动', 800_000], ['销售金额', 14_000_000], ['退货金额', -200_000], ['净销售额', 13_800_000],
      ['扣点金额', 3_250_000], ['扣点合计', 3_250_000], ['供应商开票金额', 10_550_000], ['费用单 AD 广告费', 266_000], ['其他扣款合计', 266_000], ['应付金额', 10_284_000],
    ]);
  });
});
