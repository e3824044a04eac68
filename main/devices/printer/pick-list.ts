import { randomUUID } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import bwipjs from 'bwip-js/node';
import type { Font } from '@pdf-lib/fontkit';
import { PDFDocument, StandardFonts, rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import { ContractError, type PickListInput } from '../../contract.js';
import { CONFIRM_CODE, SHORT_REASONS, shortReasonCode, type ShortReason } from '../../../sync/model/pick-state.js';
import { drawGlyph, fontRuns, parsedFont } from './pdf.js';
import { findCjkFont, systemPdfHandoff, type PdfHandoff } from './pdf-route.js';
import { parsePickListInput } from './pick-list-input.js';

/**
 * The paper pick list of one batch (A4): the stops in walking order, each with a Code 128 of the shelf and of the
 * product, the split into totes, a card of command codes and the tote list, so a picker works with the scanner
 * alone. Drawn with pdf-lib like the PDF labels (Chinese as glyph outlines from the OS's CJK font).
 */

/** A rectangle on a page in points, y measured from the top of the page (the tests crop rasters with it). */
export interface Box {
  page: number;
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Where the scannable and checkable parts landed. */
export interface PickListLayout {
  pages: number;
  stops: { name: Box; location: Box | null; product: Box | null }[];
  commands: { code: string; box: Box }[];
}

type Op =
  | { kind: 'text'; page: number; x: number; y: number; size: number; bold: boolean; text: string; align: 'left' | 'right' | 'center' }
  | { kind: 'code128'; box: Box; text: string }
  | { kind: 'rule'; page: number; y: number };

export const A4 = { width: 595.28, height: 841.89 } as const;
const MARGIN = 36;
const RIGHT = A4.width - MARGIN;
const BOTTOM = A4.height - MARGIN - 14;
const LEFT_COL = 262;
const CODE_X = MARGIN + LEFT_COL + 12;
const CODE_W = RIGHT - CODE_X;
const BAR_H = 28;
/** One barcode with its caption below. */
const CODE_BLOCK = BAR_H + 14;
const LINE = 12;
const QUIET_MODULES = 10;
/** Below half a point a module is narrower than the dots of a 203 dpi printer can place evenly. */
const MIN_MODULE_PT = 0.5;
const MAX_MODULE_PT = 1;

const REASON_TEXT: Record<ShortReason, string> = {
  out_of_stock: '缺货 Out of stock',
  damaged: '破损 Damaged',
  expired: '过期 Expired',
  not_found: '找不到 Not found',
};

/** Measures and draws mixed Latin/Chinese text: Helvetica for what WinAnsi has, CJK outlines for the rest. */
class Painter {
  private readonly latinSets = new Map<PDFFont, Set<number>>();
  constructor(
    readonly regular: PDFFont,
    readonly bold: PDFFont,
    private readonly cjk: Font | null,
  ) {}

  private runs(text: string, font: PDFFont) {
    let set = this.latinSets.get(font);
    if (!set) this.latinSets.set(font, (set = new Set(font.getCharacterSet())));
    const latin = set;
    return fontRuns(text, (ch) => latin.has(ch.codePointAt(0) ?? -1));
  }

  width(text: string, size: number, bold = false): number {
    const font = bold ? this.bold : this.regular;
    let w = 0;
    for (const run of this.runs(text, font)) {
      if (run.latin) w += font.widthOfTextAtSize(run.text, size);
      else for (const ch of run.text) w += this.glyphWidth(ch, size, font);
    }
    return w;
  }

  private glyphWidth(ch: string, size: number, font: PDFFont): number {
    const cp = ch.codePointAt(0) ?? 0;
    if (!this.cjk || !this.cjk.hasGlyphForCodePoint(cp)) return font.widthOfTextAtSize('?', size);
    return this.cjk.glyphForCodePoint(cp).advanceWidth * (size / this.cjk.unitsPerEm);
  }

  draw(page: PDFPage, text: string, x: number, baseline: number, size: number, bold = false): void {
    const font = bold ? this.bold : this.regular;
    for (const run of this.runs(text, font)) {
      if (run.latin) {
        page.drawText(run.text, { x, y: baseline, size, font, color: rgb(0, 0, 0) });
        x += font.widthOfTextAtSize(run.text, size);
      } else for (const ch of run.text) x += drawGlyph(page, this.cjk, font, ch, x, baseline, size);
    }
  }

  /** Up to `lines` lines of at most `width`; the last one ends in an ellipsis when the text is longer. */
  wrap(text: string, size: number, width: number, lines: number): string[] {
    const out: string[] = [];
    let line = '';
    for (const ch of text) {
      if (this.width(line + ch, size) <= width) {
        line += ch;
        continue;
      }
      out.push(line);
      line = ch;
      if (out.length === lines) {
        const last = out[lines - 1] ?? '';
        out[lines - 1] = `${[...last].slice(0, -1).join('')}…`;
        return out;
      }
    }
    out.push(line);
    return out;
  }
}

/** Lays the list out top-down, page by page; drawing happens afterwards, when the page count is known. */
function layout(input: PickListInput, p: Painter): { ops: Op[]; layout: PickListLayout } {
  const ops: Op[] = [];
  const result: PickListLayout = { pages: 1, stops: [], commands: [] };
  let page = 0;
  let y = MARGIN + 24;
  const text = (t: string, x: number, size: number, bold = false, align: 'left' | 'right' = 'left') => ops.push({ kind: 'text', page, x, y: y + size * 0.8, size, bold, text: t, align });
  const newPage = () => {
    page++;
    result.pages = page + 1;
    y = MARGIN + 24;
  };
  const ensure = (h: number) => {
    if (y + h > BOTTOM) newPage();
  };
  const code = (t: string, x: number, top: number, width: number): Box | null => {
    if (t === '') return null;
    const box = { page, x, y: top, width, height: BAR_H };
    ops.push({ kind: 'code128', box, text: t });
    ops.push({ kind: 'text', page, x: x + width / 2, y: top + BAR_H + 9, size: 8, bold: false, text: t, align: 'center' });
    return box;
  };
  const section = (title: string) => {
    ensure(LINE * 3 + CODE_BLOCK);
    y += 6;
    text(title, MARGIN, 13, true);
    y += 18;
    ops.push({ kind: 'rule', page, y });
    y += 6;
  };

  const units = input.stops.reduce((n, s) => n + s.qty, 0);
  text(input.storeName, MARGIN, 16, true);
  y += 22;
  text(`Batch ${input.batchId}`, MARGIN, 11, true);
  text(`Created ${input.createdAt.replace('T', ' ').slice(0, 16)} UTC · operator ${input.operatorId}`, RIGHT, 9, false, 'right');
  y += 15;
  text(`${input.stops.length} stops · ${units} units · ${input.totes.length} orders`, MARGIN, 10);
  y += 12;

  section('拣货路线 Stops (walk in this order)');
  input.stops.forEach((stop, i) => {
    const nameLines = p.wrap(stop.name, 11, LEFT_COL, 2);
    const head = 18 + nameLines.length * 13 + LINE;
    ensure(Math.max(head + Math.min(stop.orders.length, 3) * LINE, 2 * CODE_BLOCK + 4));
    const top = y;
    text(`${i + 1}. ${stop.location || '— (no location)'}`, MARGIN, 14, true);
    text(`× ${stop.qty}`, MARGIN + LEFT_COL, 16, true, 'right');
    y += 18;
    const nameTop = y;
    for (const line of nameLines) {
      text(line, MARGIN, 11);
      y += 13;
    }
    const name = { page, x: MARGIN, y: nameTop, width: LEFT_COL, height: y - nameTop };
    text(`SKU ${stop.sku}`, MARGIN, 9);
    y += LINE;
    const location = code(stop.locationCode, CODE_X, top, CODE_W);
    const product = code(stop.barcode, CODE_X, top + CODE_BLOCK + 4, CODE_W);
    const codesBottom = top + 2 * CODE_BLOCK + 4;
    for (const a of stop.orders) {
      const before = page;
      ensure(LINE);
      if (page !== before) {
        text(`${i + 1}. ${stop.sku} (cont.)`, MARGIN, 9, true);
        y += LINE;
      }
      text(`  箱 Tote ${a.tote}   ${a.orderId}   × ${a.qty}`, MARGIN, 9);
      y += LINE;
    }
    if (page === location?.page || page === product?.page) y = Math.max(y, codesBottom);
    y += 6;
    ops.push({ kind: 'rule', page, y });
    y += 6;
    result.stops.push({ name, location, product });
  });

  section('指令卡 Command card (scan instead of typing)');
  const commands: { code: string; label: string }[] = [
    { code: CONFIRM_CODE, label: '确认 Confirm' },
    ...SHORT_REASONS.map((r) => ({ code: shortReasonCode(r), label: `缺拣 Short: ${REASON_TEXT[r]}` })),
  ];
  const cardW = (RIGHT - MARGIN - 16) / 2;
  for (let i = 0; i < commands.length; i += 2) {
    ensure(LINE + CODE_BLOCK + 6);
    commands.slice(i, i + 2).forEach((c, k) => {
      const x = MARGIN + k * (cardW + 16);
      text(c.label, x, 10, true);
      const box = code(c.code, x, y + LINE + 2, cardW);
      if (box) result.commands.push({ code: c.code, box });
    });
    y += LINE + 2 + CODE_BLOCK + 6;
  }

  section('周转箱 Totes (put-wall)');
  const cols = 3;
  const colW = (RIGHT - MARGIN) / cols;
  const totes = [...input.totes].sort((a, b) => a.tote - b.tote);
  for (let i = 0; i < totes.length; i += cols) {
    ensure(LINE + 2);
    totes.slice(i, i + cols).forEach((t, k) => text(`箱 Tote ${t.tote}: ${t.orderId}`, MARGIN + k * colW, 9));
    y += LINE + 2;
  }
  return { ops, layout: result };
}

function drawCode128(page: PDFPage, box: Box, value: string): void {
  const [sym] = bwipjs.raw('code128', value, {});
  if (!sym || !('sbs' in sym)) throw new ContractError('INTERNAL', `bwip-js returned no Code 128 for ${value}`);
  const modules = sym.sbs.reduce((a, b) => a + b, 0);
  const m = Math.min(MAX_MODULE_PT, box.width / (modules + 2 * QUIET_MODULES));
  if (m < MIN_MODULE_PT) throw new ContractError('INVALID_INPUT', `printPickList: "${value}" is too long to print as a scannable Code 128`);
  let x = box.x + (box.width - modules * m) / 2;
  sym.sbs.forEach((w, i) => {
    // sbs alternates bar, space, bar, … starting with a bar.
    if (i % 2 === 0) page.drawRectangle({ x, y: A4.height - box.y - box.height, width: w * m, height: box.height, color: rgb(0, 0, 0), borderWidth: 0 });
    x += w * m;
  });
}

export interface PickListRenderOptions {
  /** A font with Chinese glyphs (see findCjkFont); without it Chinese prints as "?". */
  cjkFont?: Uint8Array;
}

export async function renderPickList(input: PickListInput, opts: PickListRenderOptions = {}): Promise<{ pdf: Uint8Array; layout: PickListLayout }> {
  const doc = await PDFDocument.create();
  // Fixed metadata so the same batch renders to the same bytes.
  doc.setCreationDate(new Date(0));
  doc.setModificationDate(new Date(0));
  doc.setProducer('Store Ops');
  doc.setCreator('Store Ops');
  doc.setTitle(`Pick list ${input.batchId}`);
  const painter = new Painter(
    await doc.embedFont(StandardFonts.Helvetica),
    await doc.embedFont(StandardFonts.HelveticaBold),
    opts.cjkFont ? parsedFont(opts.cjkFont) : null,
  );
  const { ops, layout: placed } = layout(input, painter);
  const pages = Array.from({ length: placed.pages }, () => doc.addPage([A4.width, A4.height]));
  pages.forEach((page, i) => {
    painter.draw(page, `Pick list 拣货单 · ${input.batchId}`, MARGIN, A4.height - MARGIN - 9, 9, true);
    const n = `${i + 1} / ${pages.length}`;
    painter.draw(page, n, RIGHT - painter.width(n, 9), A4.height - MARGIN - 9, 9);
  });
  for (const op of ops) {
    if (op.kind === 'code128') {
      const page = pages[op.box.page];
      if (page) drawCode128(page, op.box, op.text);
      continue;
    }
    const page = pages[op.page];
    if (!page) continue;
    if (op.kind === 'rule') {
      page.drawLine({ start: { x: MARGIN, y: A4.height - op.y }, end: { x: RIGHT, y: A4.height - op.y }, thickness: 0.5, color: rgb(0.5, 0.5, 0.5) });
      continue;
    }
    const w = painter.width(op.text, op.size, op.bold);
    const x = op.align === 'right' ? op.x - w : op.align === 'center' ? op.x - w / 2 : op.x;
    painter.draw(page, op.text, x, A4.height - op.y, op.size, op.bold);
  }
  return { pdf: await doc.save({ useObjectStreams: false }), layout: placed };
}

export interface PickListPrinterOptions {
  dataDir: string;
  pdfHandoff?: PdfHandoff;
  cjkFont?: () => Promise<Uint8Array | null>;
}

/** printPickList of the contract: validate, render, keep the file in DATA_DIR/pick-lists, hand it to the OS. */
export function createPickListPrinter(opts: PickListPrinterOptions) {
  const handoff = opts.pdfHandoff ?? systemPdfHandoff();
  let font: Promise<Uint8Array | null> | null = null;
  const cjkFont = () => (font ??= (opts.cjkFont ?? (() => findCjkFont()))());
  return {
    async print(raw: PickListInput): Promise<{ path: string }> {
      const input = parsePickListInput(raw);
      const { pdf } = await renderPickList(input, { cjkFont: (await cjkFont()) ?? undefined });
      const dir = join(opts.dataDir, 'pick-lists');
      await mkdir(dir, { recursive: true });
      const path = join(dir, `${input.batchId.replace(/[^A-Za-z0-9._-]/g, '_')}-${randomUUID()}.pdf`);
      await writeFile(path, pdf);
      // The file is kept whether or not a print system took it: the operator can print it by hand.
      await handoff.submit(path);
      return { path };
    },
  };
}
