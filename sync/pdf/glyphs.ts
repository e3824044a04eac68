import fontkit from '@pdf-lib/fontkit';
import type { Font } from '@pdf-lib/fontkit';
import { rgb, type PDFFont, type PDFPage } from 'pdf-lib';

/**
 * Chinese text in a PDF, shared by the terminal's labels and sheets (main/devices/printer) and the centre's papers
 * (sync/server/settlement): a CJK font is parsed once and each character is drawn as its outline.
 */

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
