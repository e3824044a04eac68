import bwipjs from 'bwip-js/node';
import { LabelError, type LabelLayout, type LayoutBox } from '../../../sync/model/label.js';

/**
 * Barcodes are encoded once with bwip-js (BWIPP) and drawn as whole printer dots, then every renderer sends the
 * same pixels (ZPL ^GFA, TSPL BAR/BITMAP, PDF rectangles). Native printer barcode commands were not used: their
 * module sizes, quiet zones and QR defaults differ between Zebra, TSC and the Chinese TSPL clones, and we could
 * not decode what a printer draws from its own commands. Sending pixels makes what we test what is printed.
 */

/** 1 bit per dot, MSB first, rows padded to whole bytes; a set bit is a black dot. */
export interface Bitmap {
  x: number;
  y: number;
  width: number;
  height: number;
  bytesPerRow: number;
  data: Uint8Array;
}

/** Code 128 bars in dots: x offset and width of each black bar, all spanning the bitmap's height. */
export interface Bars {
  x: number;
  y: number;
  height: number;
  moduleDots: number;
  bars: Array<{ x: number; width: number }>;
}

const CODE128_QUIET_MODULES = 10;
const QR_QUIET_MODULES = 4;
/** A 1-dot QR module (0.125 mm at 203 dpi) does not scan reliably off a thermal head. */
const QR_MIN_MODULE_DOTS = 2;

export function code128Bars(box: LayoutBox & { text: string }): Bars {
  const [sym] = bwipjs.raw('code128', box.text, {});
  if (!sym || !('sbs' in sym)) throw new LabelError('BARCODE_DOES_NOT_FIT', 'bwip-js returned no Code 128 symbol');
  const modules = sym.sbs.reduce((a, b) => a + b, 0);
  const moduleDots = Math.floor(box.width / (modules + 2 * CODE128_QUIET_MODULES));
  if (moduleDots < 1) {
    throw new LabelError('BARCODE_DOES_NOT_FIT', `Code 128 of "${box.text}" needs ${modules} modules; the box is ${box.width} dots`);
  }
  // Centre the symbol: the leftover width on each side is at least the quiet zone.
  const left = box.x + Math.floor((box.width - modules * moduleDots) / 2);
  const bars: Bars['bars'] = [];
  let at = 0;
  sym.sbs.forEach((w, i) => {
    // sbs alternates bar, space, bar, ... starting with a bar.
    if (i % 2 === 0) bars.push({ x: left + at * moduleDots, width: w * moduleDots });
    at += w;
  });
  return { x: left, y: box.y, height: box.height, moduleDots, bars };
}

export function barsToBitmap(b: Bars): Bitmap {
  const last = b.bars[b.bars.length - 1];
  const width = last ? last.x + last.width - b.x : 0;
  const bytesPerRow = Math.ceil(width / 8);
  const row = new Uint8Array(bytesPerRow);
  for (const bar of b.bars) for (let px = bar.x - b.x; px < bar.x - b.x + bar.width; px++) setBit(row, px);
  const data = new Uint8Array(bytesPerRow * b.height);
  for (let y = 0; y < b.height; y++) data.set(row, y * bytesPerRow);
  return { x: b.x, y: b.y, width, height: b.height, bytesPerRow, data };
}

export function qrBitmap(box: LayoutBox & { text: string }): Bitmap {
  const opts = { bcid: 'qrcode', text: box.text, eclevel: 'M' };
  const [sym] = bwipjs.raw(opts);
  if (!sym || !('pixs' in sym)) throw new LabelError('BARCODE_DOES_NOT_FIT', 'bwip-js returned no QR symbol');
  const n = sym.pixx;
  const moduleDots = Math.floor(Math.min(box.width, box.height) / (n + 2 * QR_QUIET_MODULES));
  if (moduleDots < QR_MIN_MODULE_DOTS) {
    throw new LabelError('BARCODE_DOES_NOT_FIT', `QR of ${box.text.length} characters (${n} modules) does not fit ${box.width} dots`);
  }
  const width = n * moduleDots;
  const bytesPerRow = Math.ceil(width / 8);
  const data = new Uint8Array(bytesPerRow * width);
  for (let my = 0; my < n; my++) {
    const row = new Uint8Array(bytesPerRow);
    for (let mx = 0; mx < n; mx++) {
      if (sym.pixs[my * n + mx] !== 1) continue;
      for (let d = 0; d < moduleDots; d++) setBit(row, mx * moduleDots + d);
    }
    for (let d = 0; d < moduleDots; d++) data.set(row, (my * moduleDots + d) * bytesPerRow);
  }
  return {
    x: box.x + Math.floor((box.width - width) / 2),
    y: box.y + Math.floor((box.height - width) / 2),
    width,
    height: width,
    bytesPerRow,
    data,
  };
}

export interface LabelGraphics {
  code128: Bars;
  qr: Bitmap;
}

export function labelGraphics(layout: LabelLayout): LabelGraphics {
  return { code128: code128Bars(layout.code128), qr: qrBitmap(layout.qr) };
}

function setBit(row: Uint8Array, px: number): void {
  const i = px >> 3;
  row[i] = (row[i] ?? 0) | (0x80 >> (px & 7));
}
