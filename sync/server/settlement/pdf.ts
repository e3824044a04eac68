import { readFile } from 'node:fs/promises';
import type { PDFDocument, PDFPage } from 'pdf-lib';
// The same A4 painter as the terminals' sheets (pick list, Z report): mixed Latin/Chinese text and Code 128.
import { A4, a4Document, drawCode128, type Painter } from '../../pdf/sheet.js';
import { fenToYuan } from '../../model/money/yuan.js';
import type { StatementView } from '../../protocol/settlement.js';
import { labelOf, rateText } from './export.js';

/**
 * The printable statement (专柜结款单): A4, Chinese, the number as a Code 128 barcode (bwip-js's bars drawn as
 * rectangles), so a supplier's clerk can scan the paper back to the statement. The portal's print route reuses
 * `renderStatementPdf`.
 *
 * Chinese text is drawn as glyph outlines from a CJK font on the server (pdf-lib's subsetting garbles CJK fonts and
 * a whole one adds megabytes): the first of CJK_FONT_CANDIDATES found, or the one given. Latin text is Helvetica.
 * Without a CJK font the PDF still renders, with "?" for what Helvetica lacks.
 */

export const CJK_FONT_CANDIDATES = [
  '/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf',
  '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc',
  '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc',
  'C:\\Windows\\Fonts\\simhei.ttf',
  'C:\\Windows\\Fonts\\msyh.ttc',
  '/System/Library/Fonts/PingFang.ttc',
];

let found: Promise<Uint8Array | null> | null = null;

/** The first CJK font on this machine, read once. */
export function serverCjkFont(candidates: readonly string[] = CJK_FONT_CANDIDATES): Promise<Uint8Array | null> {
  found ??= (async () => {
    for (const path of candidates) {
      try {
        return new Uint8Array(await readFile(path));
      } catch {
        // Not here: the next candidate.
      }
    }
    return null;
  })();
  return found;
}

const MARGIN = 40;

/** A cursor down the page that starts a new page near the bottom; y is pdf-lib's (from the bottom). */
class Writer {
  y = A4.height - MARGIN;
  constructor(
    private readonly doc: PDFDocument,
    public page: PDFPage,
    private readonly painter: Painter,
  ) {}

  text(text: string, x: number, size = 10, bold = false): void {
    this.painter.draw(this.page, text, x, this.y, size, bold);
  }

  right(text: string, xRight: number, size = 10, bold = false): void {
    this.text(text, xRight - this.painter.width(text, size, bold), size, bold);
  }

  line(): void {
    this.page.drawLine({ start: { x: MARGIN, y: this.y + 4 }, end: { x: A4.width - MARGIN, y: this.y + 4 }, thickness: 0.5 });
  }

  next(step = 16): void {
    this.y -= step;
    if (this.y < MARGIN + 40) {
      this.page = this.doc.addPage([A4.width, A4.height]);
      this.y = A4.height - MARGIN;
    }
  }
}

const money = (fen: number): string => fenToYuan(fen);
/** Half a text's width: to centre the number under its barcode. */
const painterHalf = (p: Painter, text: string): number => p.width(text, 9) / 2;

const STATUS_ZH: Record<StatementView['status'], string> = {
  draft: '草稿', issued: '已出单', confirmed: '已确认', disputed: '有异议', resolved: '已处理', paid: '已付款', superseded: '已作废(已更正)',
};

/** The statement as a PDF; the same statement renders to the same bytes (fixed metadata). */
export async function renderStatementPdf(s: StatementView, opts: { cjkFont?: Uint8Array | null } = {}): Promise<Uint8Array> {
  const cjk = opts.cjkFont === undefined ? await serverCjkFont() : opts.cjkFont;
  const { doc, painter } = await a4Document(`专柜结款单 ${s.number} v${s.version}`, cjk ?? undefined);
  const w = new Writer(doc, doc.addPage([A4.width, A4.height]), painter);
  const b = s.body;
  const t = b.totals;
  const zh = 'zh-CN' as const;

  w.text('专柜结款单', MARGIN, 18, true);
  drawCode128(w.page, { page: 0, x: A4.width - MARGIN - 220, y: MARGIN - 22, width: 220, height: 34 }, s.number);
  w.next(24);
  w.right(s.number, A4.width - MARGIN - 110 + painterHalf(painter, s.number), 9);
  w.next(20);
  const info: [string, string][] = [
    ['结款单号', `${s.number}  第 ${s.version} 版`],
    ['状态', STATUS_ZH[s.status]],
    ['供应商', `${b.supplier.id} ${b.supplier.name}`],
    ['专柜', `${b.counter.id} ${b.counter.name}`],
    ['门店 / 库区 / 品类', `${b.counter.storeId} / ${b.counter.areaCode} / ${b.counter.category}`],
    ['结算期间', `${b.period.label} (${b.period.from} 至 ${b.period.to})`],
    ['合同扣率', rateText(b.baseRateBp)],
    ['保底销售额', t.minimumSales === null ? '无' : money(t.minimumSales)],
    ['出单日期', s.issuedAt ? s.issuedAt.slice(0, 10) : `未出单 (应于 ${s.dueDate} 前)`],
  ];
  if (s.correctionReason) info.push(['更正原因', s.correctionReason]);
  for (const [k, v] of info) {
    w.text(k, MARGIN, 10);
    w.text(v, MARGIN + 110, 10);
    w.next(15);
  }
  w.next(6);

  // Name and rate left-aligned; the four amounts right-aligned on these edges.
  const rateX = MARGIN + 200;
  const edges = [MARGIN + 330, MARGIN + 400, MARGIN + 460, A4.width - MARGIN];
  w.text('销售类别', MARGIN, 10);
  w.text('扣率', rateX, 10);
  ['销售金额', '退货金额', '净销售额', '扣点金额'].forEach((h, i) => w.right(h, edges[i]!, 10));
  w.next(8);
  w.line();
  w.next(14);
  for (const g of b.groups) {
    const name = g.kind === 'regular' ? '正常扣率销售' : `促销 ${g.promotionId ?? ''} ${g.promotionName ?? ''}`;
    w.text([...name].slice(0, 24).join(''), MARGIN, 9);
    w.text(rateText(g.rateBp), rateX, 9);
    [g.sales, -g.returns, g.net, g.commission].forEach((v, i) => w.right(money(v), edges[i]!, 9));
    w.next(14);
  }
  w.line();
  w.next(16);

  const totals: [string, number][] = [
    [labelOf('gross', zh), t.grossSales],
    [labelOf('returns', zh), -t.returns],
    [labelOf('net', zh), t.netSales],
    [labelOf('groupCommission', zh), t.groupCommission],
    ...(t.minimumShortfall !== 0 ? ([[labelOf('shortfall', zh), t.minimumShortfall]] as [string, number][]) : []),
    [labelOf('commission', zh), t.commission],
    [labelOf('invoice', zh), t.invoiceAmount],
  ];
  for (const [k, v] of totals) {
    w.text(k, MARGIN + 250, 10);
    w.right(money(v), A4.width - MARGIN, 10);
    w.next(15);
  }
  w.next(6);
  w.text(labelOf('deductions', zh), MARGIN, 11);
  w.next(16);
  for (const d of b.deductions) {
    w.text(`${labelOf(d.kind, zh)}  ${d.code}  ${d.name}`.slice(0, 60), MARGIN + 10, 9);
    w.right(money(d.amount), A4.width - MARGIN, 9);
    w.next(14);
  }
  w.line();
  w.next(16);
  w.text(labelOf('deductionsTotal', zh), MARGIN + 250, 10);
  w.right(money(t.deductions), A4.width - MARGIN, 10);
  w.next(18);
  w.text(labelOf('payable', zh), MARGIN + 250, 13, true);
  w.right(money(t.payable), A4.width - MARGIN, 13, true);
  w.next(40);
  w.text('供应商确认(签章):', MARGIN, 10);
  w.text('财务审核:', MARGIN + 280, 10);
  return doc.save({ useObjectStreams: false });
}
