import fontkit from '@pdf-lib/fontkit';
import type { Font } from '@pdf-lib/fontkit';
import { PDFDocument, StandardFonts, rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import { LABEL_SIZE_MM, type LabelLayout } from '../../../sync/model/label.js';
import { barsToBitmap, labelGraphics, type Bitmap } from './barcode.js';

export interface PdfOptions {
  /**
   * A TrueType/OpenType font with Chinese glyphs (e.g. SimHei, Droid Sans Fallback). No npm package ships one
   * small enough to bundle, so the printer service finds one on the OS. Latin text always uses Helvetica; without
   * this font, characters outside WinAnsi print as "?".
   */
  cjkFont?: Uint8Array;
}

const MM_TO_PT = 72 / 25.4;
/** Baseline position and glyph size as fractions of the layout's text height (ascender ≈ 0.8 of the em box). */
const ASCENT = 0.8;

export async function renderPdf(layout: LabelLayout, opts: PdfOptions = {}): Promise<Uint8Array> {
  const { code128, qr } = labelGraphics(layout);
  const doc = await PDFDocument.create();
  // Fixed metadata so the same label renders to the same bytes.
  doc.setCreationDate(new Date(0));
  doc.setModificationDate(new Date(0));
  doc.setProducer('Store Ops');
  doc.setCreator('Store Ops');
  const mm = LABEL_SIZE_MM[layout.size];
  const page = doc.addPage([mm.width * MM_TO_PT, mm.height * MM_TO_PT]);
  const pt = 72 / layout.dpi;
  const latin = await doc.embedFont(StandardFonts.Helvetica);
  const latinSet = new Set(latin.getCharacterSet());
  const cjk = opts.cjkFont ? parsedFont(opts.cjkFont) : null;
  for (const t of layout.texts) {
    const size = t.height * pt;
    const baseline = page.getHeight() - (t.y + t.height * ASCENT) * pt;
    let x = t.x * pt;
    for (const run of fontRuns(t.text, (ch) => latinSet.has(ch.codePointAt(0) ?? -1))) {
      if (run.latin) {
        page.drawText(run.text, { x, y: baseline, size, font: latin, color: rgb(0, 0, 0) });
        x += latin.widthOfTextAtSize(run.text, size);
        continue;
      }
      for (const ch of run.text) x += drawGlyph(page, cjk, latin, ch, x, baseline, size);
    }
  }
  drawBitmap(page, barsToBitmap(code128), pt);
  drawBitmap(page, qr, pt);
  return doc.save({ useObjectStreams: false });
}

const fonts = new WeakMap<Uint8Array, Font>();

/** Parsing a CJK font takes tens of milliseconds; a printer service renders many labels with the same bytes. */
export function parsedFont(bytes: Uint8Array): Font {
  let f = fonts.get(bytes);
  if (!f) {
    f = pickFace(fontkit.create(bytes));
    fonts.set(bytes, f);
  }
  return f;
}

/** Windows, macOS and Noto ship CJK fonts as collections (.ttc); take the first face that has 中. */
function pickFace(created: Font | { fonts: Font[] }): Font {
  if (!('fonts' in created)) return created;
  const face = created.fonts.find((f) => f.hasGlyphForCodePoint(0x4e2d)) ?? created.fonts[0];
  if (!face) throw new Error('The CJK font collection has no fonts');
  return face;
}

export function fontRuns(text: string, isLatin: (ch: string) => boolean): Array<{ latin: boolean; text: string }> {
  const runs: Array<{ latin: boolean; text: string }> = [];
  for (const ch of text) {
    const latin = isLatin(ch);
    const last = runs[runs.length - 1];
    if (last && last.latin === latin) last.text += ch;
    else runs.push({ latin, text: ch });
  }
  return runs;
}

/**
 * Draws one non-Latin character as its outline. Outlines instead of an embedded font: pdf-lib's font subsetting
 * garbles CJK fonts and an unsubset CJK font adds megabytes to every label, while outlines add a few hundred
 * bytes per glyph. Returns the advance in points.
 */
export function drawGlyph(page: PDFPage, cjk: Font | null, latin: PDFFont, ch: string, x: number, y: number, size: number): number {
  const cp = ch.codePointAt(0) ?? 0;
  if (!cjk || !cjk.hasGlyphForCodePoint(cp)) {
    page.drawText('?', { x, y, size, font: latin, color: rgb(0, 0, 0) });
    return latin.widthOfTextAtSize('?', size);
  }
  const glyph = cjk.glyphForCodePoint(cp);
  const scale = size / cjk.unitsPerEm;
  const path = flipSvgPath(glyph.path.toSVG());
  if (path) page.drawSvgPath(path, { x, y, scale, color: rgb(0, 0, 0), borderWidth: 0 });
  return glyph.advanceWidth * scale;
}

/** fontkit paths are y-up in font units; pdf-lib reads SVG paths y-down. Only M, L, Q, C and Z occur. */
function flipSvgPath(svg: string): string {
  return svg.replace(/([MLQC])([^MLQCZ]*)/g, (_, cmd: string, args: string) => {
    const nums = args.trim().split(/[\s,]+/).filter(Boolean).map(Number);
    return cmd + nums.map((n, i) => (i % 2 === 1 ? -n : n)).join(' ');
  });
}

/**
 * Draws the dot bitmap as rectangles on the label's dot grid: one rectangle per horizontal run, stretched over
 * identical rows. A driver at the label's resolution then prints exactly the dots ZPL and TSPL send.
 */
function drawBitmap(page: PDFPage, b: Bitmap, pt: number): void {
  const rowKey = (y: number) => b.data.subarray(y * b.bytesPerRow, (y + 1) * b.bytesPerRow).join(',');
  let y = 0;
  while (y < b.height) {
    let h = 1;
    const key = rowKey(y);
    while (y + h < b.height && rowKey(y + h) === key) h++;
    for (const run of blackRuns(b, y)) {
      page.drawRectangle({
        x: (b.x + run.x) * pt,
        y: page.getHeight() - (b.y + y + h) * pt,
        width: run.width * pt,
        height: h * pt,
        color: rgb(0, 0, 0),
        borderWidth: 0,
      });
    }
    y += h;
  }
}

function blackRuns(b: Bitmap, y: number): Array<{ x: number; width: number }> {
  const runs: Array<{ x: number; width: number }> = [];
  let start = -1;
  for (let x = 0; x <= b.width; x++) {
    const on = x < b.width && ((b.data[y * b.bytesPerRow + (x >> 3)] ?? 0) & (0x80 >> (x & 7))) !== 0;
    if (on && start < 0) start = x;
    if (!on && start >= 0) {
      runs.push({ x: start, width: x - start });
      start = -1;
    }
  }
  return runs;
}
