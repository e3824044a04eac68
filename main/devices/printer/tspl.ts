import iconv from 'iconv-lite';
import { LABEL_SIZE_MM, type LabelLayout, type LayoutText } from '../../../sync/model/label.js';
import { labelGraphics, type Bitmap } from './barcode.js';

export interface TsplOptions {
  /**
   * Built-in font. TSS24.BF2 is the 24×24-dot Simplified Chinese font of TSC printers and of the Xprinter and
   * Gprinter clones; it takes GB2312/GB18030 bytes and also has 12×24 ASCII.
   */
  font?: string;
  /** Gap between labels in mm (0 for continuous stock). */
  gapMm?: number;
}

const FONT_DOTS = 24;

/**
 * TSPL for one label. Text goes through the printer's Chinese font encoded as GB18030; the Code 128 is sent as
 * BAR rectangles (exact, and a few hundred bytes) and the QR as a BITMAP.
 */
export function renderTspl(layout: LabelLayout, opts: TsplOptions = {}): Uint8Array {
  const { code128, qr } = labelGraphics(layout);
  const mm = LABEL_SIZE_MM[layout.size];
  const parts: Uint8Array[] = [];
  const line = (s: string) => parts.push(ascii(`${s}\r\n`));
  line(`SIZE ${mm.width} mm,${mm.height} mm`);
  line(`GAP ${opts.gapMm ?? 2} mm,0 mm`);
  line('DIRECTION 1');
  line('REFERENCE 0,0');
  line('CLS');
  for (const t of layout.texts) parts.push(tsplText(t, opts.font ?? 'TSS24.BF2'), ascii('\r\n'));
  for (const bar of code128.bars) line(`BAR ${bar.x},${code128.y},${bar.width},${code128.height}`);
  parts.push(tsplBitmap(qr), ascii('\r\n'));
  line('PRINT 1,1');
  return concat(parts);
}

/** Resident bitmap fonts every TSPL printer and clone has: name, cell width and height in dots. */
const LATIN_FONTS = [['1', 8, 12], ['2', 12, 20], ['3', 16, 24], ['4', 24, 32], ['5', 32, 48]] as const;

/**
 * Chinese lines use the CJK font, which only comes in integer multiples of 24 dots. ASCII-only lines (order and
 * package ids) use the largest resident Latin font that fits the line's height and width, so long ids stay whole.
 */
function tsplFont(t: LayoutText, cjkFont: string): { font: string; mul: number } {
  if (!/^[\x20-\x7E]*$/.test(t.text)) return { font: cjkFont, mul: Math.max(1, Math.min(10, Math.round(t.height / FONT_DOTS))) };
  let best: { font: string; mul: number; h: number } = { font: '1', mul: 1, h: 0 };
  for (const [font, w, h] of LATIN_FONTS) {
    for (let mul = 1; mul <= 10; mul++) {
      if (h * mul <= t.height && w * mul * t.text.length <= t.maxWidth && h * mul > best.h) best = { font, mul, h: h * mul };
    }
  }
  return { font: best.font, mul: best.mul };
}

function tsplText(t: LayoutText, cjkFont: string): Uint8Array {
  const { font, mul } = tsplFont(t, cjkFont);
  // Inside a TSPL string a double quote is written \["].
  const content = t.text.replace(/"/g, '\\["]');
  return concat([ascii(`TEXT ${t.x},${t.y},"${font}",0,${mul},${mul},"`), gb18030(content), ascii('"')]);
}

/** BITMAP x,y,width in bytes,height,mode 0 (overwrite),data — in TSPL a 0 bit is a printed dot, so invert. */
function tsplBitmap(b: Bitmap): Uint8Array {
  const data = new Uint8Array(b.data.length);
  for (let i = 0; i < data.length; i++) data[i] = ~(b.data[i] ?? 0) & 0xff;
  return concat([ascii(`BITMAP ${b.x},${b.y},${b.bytesPerRow},${b.height},0,`), data]);
}

export function gb18030(text: string): Uint8Array {
  return new Uint8Array(iconv.encode(text, 'gb18030'));
}

function ascii(s: string): Uint8Array {
  return new TextEncoder().encode(s);
}

export function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
