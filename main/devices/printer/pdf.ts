import { PDFDocument, StandardFonts, rgb, type PDFPage } from 'pdf-lib';
import { LABEL_SIZE_MM, type LabelLayout } from '../../../sync/model/label.js';
import { barsToBitmap, labelGraphics, type Bitmap } from './barcode.js';
import { drawGlyph, fontRuns, parsedFont } from '../../../sync/pdf/glyphs.js';

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
