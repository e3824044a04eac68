import { readFile } from 'node:fs/promises';
import fontkit from '@pdf-lib/fontkit';
import bwipjs from 'bwip-js/node';
import { PDFDocument, StandardFonts, rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import { fenToYuan } from '../../model/money/yuan.js';
import type { StatementView } from '../../protocol/settlement.js';
import { labelOf, rateText } from './export.js';

/**
 * The printable statement (专柜结款单): A4, Chinese, the number as a Code 128 barcode (bwip-js's encoding drawn as
 * rectangles, as the terminals' pick lists do), so a supplier's clerk can scan the paper back to the statement. The
 * portal's print route reuses `renderStatementPdf`.
 *
 * Chinese text needs a font with CJK glyphs; none small enough to bundle ships on npm, so the server embeds (as a
 * subset: only the glyphs used) the first TrueType/OpenType font found among CJK_FONT_CANDIDATES or the one given.
 * Without one, the PDF still renders, with "?" for what Helvetica lacks.
 */

export const CJK_FONT_CANDIDATES = [
  '/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf',
  '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc',
  '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc',
  'C:\\Windows\\Fonts\\simhei.ttf',
  '/Library/Fonts/Arial Unicode.ttf',
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

const A4 = { width: 595.28, height: 841.89 };
const MARGIN = 40;

class Writer {
  y = A4.height - MARGIN;
  constructor(
    private readonly doc: PDFDocument,
    public page: PDFPage,
    private readonly font: PDFFont,
    private readonly fallback: PDFFont | null,
  ) {}

  /** Text the font cannot draw becomes "?" rather than an exception. */
  private safe(text: string): string {
    if (!this.fallback) return text;
    const set = new Set(this.font.getCharacterSet());
    return [...text].map((ch) => (set.has(ch.codePointAt(0) ?? -1) ? ch : '?')).join('');
  }

  width(text: string, size: number): number {
    return this.font.widthOfTextAtSize(this.safe(text), size);
  }

  text(text: string, x: number, size = 10, y = this.y): void {
    this.page.drawText(this.safe(text), { x, y, size, font: this.font, color: rgb(0, 0, 0) });
  }

  right(text: string, xRight: number, size = 10): void {
    this.text(text, xRight - this.width(text, size), size);
  }

  line(): void {
    this.page.drawLine({ start: { x: MARGIN, y: this.y + 4 }, end: { x: A4.width - MARGIN, y: this.y + 4 }, thickness: 0.5, color: rgb(0, 0, 0) });
  }

  next(step = 16): void {
    this.y -= step;
    if (this.y < MARGIN + 40) {
      this.page = this.doc.addPage([A4.width, A4.height]);
      this.y = A4.height - MARGIN;
    }
  }
}

function drawCode128(page: PDFPage, value: string, x: number, top: number, width: number, height: number): void {
  const [sym] = bwipjs.raw('code128', value, {});
  if (!sym || !('sbs' in sym)) throw new Error(`bwip-js returned no Code 128 for ${value}`);
  const modules = sym.sbs.reduce((a, b) => a + b, 0);
  const m = Math.min(1.2, width / (modules + 20));
  let at = x + (width - modules * m) / 2;
  sym.sbs.forEach((w, i) => {
    // sbs alternates bar, space, bar, …, starting with a bar.
    if (i % 2 === 0) page.drawRectangle({ x: at, y: top - height, width: w * m, height, color: rgb(0, 0, 0), borderWidth: 0 });
    at += w * m;
  });
}

const money = (fen: number): string => fenToYuan(fen);

const STATUS_ZH: Record<StatementView['status'], string> = {
  draft: '草稿', issued: '已出单', confirmed: '已确认', disputed: '有异议', resolved: '已处理', paid: '已付款', superseded: '已作废(已更正)',
};

/** The statement as a PDF; the same statement renders to the same bytes (fixed metadata). */
export async function renderStatementPdf(s: StatementView, opts: { cjkFont?: Uint8Array | null } = {}): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.setCreationDate(new Date(0));
  doc.setModificationDate(new Date(0));
  doc.setProducer('Store Ops');
  doc.setCreator('Store Ops');
  doc.setTitle(`专柜结款单 ${s.number} v${s.version}`);
  const cjk = opts.cjkFont === undefined ? await serverCjkFont() : opts.cjkFont;
  let font: PDFFont;
  let fallback: PDFFont | null = null;
  if (cjk) {
    doc.registerFontkit(fontkit);
    font = await doc.embedFont(cjk, { subset: true });
  } else {
    font = await doc.embedFont(StandardFonts.Helvetica);
    fallback = font;
  }
  const w = new Writer(doc, doc.addPage([A4.width, A4.height]), font, fallback);
  const b = s.body;
  const t = b.totals;
  const zh = 'zh-CN' as const;

  w.text('专柜结款单', MARGIN, 18);
  drawCode128(w.page, s.number, A4.width - MARGIN - 220, A4.height - MARGIN + 10, 220, 36);
  w.next(14);
  w.right(s.number, A4.width - MARGIN - 70, 9);
  w.next(22);
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
  w.next(4);
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
  w.text(labelOf('payable', zh), MARGIN + 250, 13);
  w.right(money(t.payable), A4.width - MARGIN, 13);
  w.next(40);
  w.text('供应商确认(签章):', MARGIN, 10);
  w.text('财务审核:', MARGIN + 280, 10);
  return doc.save({ useObjectStreams: false });
}
