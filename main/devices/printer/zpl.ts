import type { LabelLayout, LayoutText } from '../../../sync/model/label.js';
import { barsToBitmap, labelGraphics, type Bitmap } from './barcode.js';

export interface ZplOptions {
  /**
   * Printer font for lines with Chinese text. Zebra's Chinese models ship SimSun as E:SIMSUN.FNT; others need a
   * font downloaded to them, so it is a printer setting.
   */
  cjkFont?: string;
}

/** ZPL II for one label. Text uses the printer's fonts (^CI28 = UTF-8); barcodes are ^GFA graphics. */
export function renderZpl(layout: LabelLayout, opts: ZplOptions = {}): string {
  const { code128, qr } = labelGraphics(layout);
  const out = ['^XA', '^CI28', `^PW${layout.widthDots}`, `^LL${layout.heightDots}`, '^LH0,0'];
  if (layout.texts.some((t) => !isAscii(t.text))) out.push(`^CW1,${opts.cjkFont ?? 'E:SIMSUN.FNT'}`);
  for (const t of layout.texts) out.push(zplText(t));
  out.push(zplGraphic(barsToBitmap(code128)), zplGraphic(qr));
  out.push('^PQ1', '^XZ');
  return out.join('\n') + '\n';
}

function isAscii(s: string): boolean {
  return /^[\x20-\x7E]*$/.test(s);
}

function zplText(t: LayoutText): string {
  // Font 0 is the scalable Latin font every ZPL printer has; font 1 is mapped to the CJK font above.
  const font = isAscii(t.text) ? `^A0N,${t.height},${Math.round(t.height * 0.55)}` : `^A1N,${t.height},${t.height}`;
  return `^FO${t.x},${t.y}${font}^FH^FD${escapeFd(t.text)}^FS`;
}

/** ^FH makes _XX a hex escape, so the three characters ZPL would treat as commands or escapes are sent as hex. */
function escapeFd(text: string): string {
  return text.replace(/[\^~_]/g, (c) => `_${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

function zplGraphic(b: Bitmap): string {
  const total = b.bytesPerRow * b.height;
  return `^FO${b.x},${b.y}^GFA,${total},${total},${b.bytesPerRow},${compressGraphic(b)}^FS`;
}

/**
 * Zebra's ASCII compression for ^GF hex data: per row, runs become a repeat count (G-Y = 1-19, g-z = 20-400,
 * added together) before the hex digit, "," ends a row of zeros, "!" a row of F's, and ":" repeats the previous row.
 * Barcode rows repeat, so a label shrinks from ~100 KB of hex to a few KB.
 */
export function compressGraphic(b: Bitmap): string {
  const parts: string[] = [];
  for (let y = 0; y < b.height; y++) {
    const row = b.data.subarray(y * b.bytesPerRow, (y + 1) * b.bytesPerRow);
    if (y > 0 && sameBytes(row, b.data.subarray((y - 1) * b.bytesPerRow, y * b.bytesPerRow))) {
      parts.push(':');
      continue;
    }
    let hex = '';
    for (const byte of row) hex += HEX[byte];
    parts.push(compressRow(hex));
  }
  return parts.join('');
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).toUpperCase().padStart(2, '0'));

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function compressRow(hex: string): string {
  let out = '';
  let i = 0;
  while (i < hex.length) {
    const c = hex[i] ?? '0';
    let n = 1;
    while (i + n < hex.length && hex[i + n] === c) n++;
    if (i + n === hex.length && (c === '0' || c === 'F')) return out + (c === '0' ? ',' : '!');
    out += repeatCount(n) + c;
    i += n;
  }
  return out;
}

function repeatCount(n: number): string {
  if (n === 1) return '';
  let s = '';
  let rest = n;
  while (rest >= 400) {
    s += 'z';
    rest -= 400;
  }
  if (rest >= 20) {
    s += String.fromCharCode('g'.charCodeAt(0) + Math.floor(rest / 20) - 1);
    rest %= 20;
  }
  if (rest > 0) s += String.fromCharCode('G'.charCodeAt(0) + rest - 1);
  return s;
}
