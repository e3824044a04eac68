import bwipjs from 'bwip-js/node';
import { zonedParts } from '../model/zoned-time.js';
import type { Font } from '@pdf-lib/fontkit';
import { PDFDocument, StandardFonts, rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import { drawGlyph, fontRuns, parsedFont } from './glyphs.js';

/** A barcode that cannot be drawn: the value (INVALID_INPUT) or bwip-js (INTERNAL); each caller maps it to its own error. */
export class SheetError extends Error {
  constructor(
    readonly code: 'INVALID_INPUT' | 'INTERNAL',
    message: string,
  ) {
    super(message);
    this.name = 'SheetError';
  }
}

/**
 * What the A4 sheets (the terminal's pick list, tote labels and Z report; the centre's statements) share: the page, mixed Latin/Chinese text, Code 128 bars
 * drawn from bwip-js's encoding as rectangles (so what a test decodes from the raster is what a printer prints),
 * and times in the store's zone.
 */

export const A4 = { width: 595.28, height: 841.89 } as const;

/** A rectangle on a page in points, y measured from the top of the page (the tests crop rasters with it). */
export interface Box {
  page: number;
  x: number;
  y: number;
  width: number;
  height: number;
}

const QUIET_MODULES = 10;
/** Below half a point a module is narrower than the dots of a 203 dpi printer can place evenly. */
const MIN_MODULE_PT = 0.5;

/** Measures and draws mixed Latin/Chinese text: Helvetica for what WinAnsi has, CJK outlines for the rest. */
export class Painter {
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

/** A new A4 document with fixed metadata (the same input renders to the same bytes) and its painter. */
export async function a4Document(title: string, cjkFont: Uint8Array | undefined): Promise<{ doc: PDFDocument; painter: Painter }> {
  const doc = await PDFDocument.create();
  doc.setCreationDate(new Date(0));
  doc.setModificationDate(new Date(0));
  doc.setProducer('Store Ops');
  doc.setCreator('Store Ops');
  doc.setTitle(title);
  const painter = new Painter(await doc.embedFont(StandardFonts.Helvetica), await doc.embedFont(StandardFonts.HelveticaBold), cjkFont ? parsedFont(cjkFont) : null);
  return { doc, painter };
}

/** Draws a Code 128 centred in the box, with modules of at most `maxModulePt` and a quiet zone on both sides. */
export function drawCode128(page: PDFPage, box: Box, value: string, maxModulePt = 1): void {
  const [sym] = bwipjs.raw('code128', value, {});
  if (!sym || !('sbs' in sym)) throw new SheetError('INTERNAL', `bwip-js returned no Code 128 for ${value}`);
  const modules = sym.sbs.reduce((a, b) => a + b, 0);
  const m = Math.min(maxModulePt, box.width / (modules + 2 * QUIET_MODULES));
  if (m < MIN_MODULE_PT) throw new SheetError('INVALID_INPUT', `"${value}" is too long to print as a scannable Code 128`);
  let x = box.x + (box.width - modules * m) / 2;
  sym.sbs.forEach((w, i) => {
    // sbs alternates bar, space, bar, … starting with a bar.
    if (i % 2 === 0) page.drawRectangle({ x, y: A4.height - box.y - box.height, width: w * m, height: box.height, color: rgb(0, 0, 0), borderWidth: 0 });
    x += w * m;
  });
}

/** "2026-06-01 17:30" in the store's zone: what the screens show for the same moment. */
export function storeTime(iso: string, timeZone: string): string {
  const p = zonedParts(new Date(iso), timeZone);
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
}
