/**
 * Test support: turns what a printer would receive back into pixels, and reads barcodes from those pixels with
 * ZXing — an independent decoder — so the tests prove a scanner reads the label, not that we can re-read our
 * own bytes. The rasterizers cover exactly the command subset our renderers emit, and fail on anything else.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import {
  BarcodeFormat, BinaryBitmap, DecodeHintType, HybridBinarizer, MultiFormatReader, NotFoundException, RGBLuminanceSource,
} from '@zxing/library';
import iconv from 'iconv-lite';

export { CJK_TEST_FONT, sampleLabel } from './sample.js';

/** One byte per dot: 1 = black. */
export interface Raster {
  width: number;
  height: number;
  pixels: Uint8Array;
}

export function blankRaster(width: number, height: number): Raster {
  return { width, height, pixels: new Uint8Array(width * height) };
}

function fillRect(r: Raster, x0: number, y0: number, w: number, h: number): void {
  for (let y = Math.max(0, y0); y < Math.min(r.height, y0 + h); y++) {
    for (let x = Math.max(0, x0); x < Math.min(r.width, x0 + w); x++) r.pixels[y * r.width + x] = 1;
  }
}

function blitBits(r: Raster, x0: number, y0: number, bytesPerRow: number, height: number, bits: Uint8Array, oneIsBlack: boolean): void {
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < bytesPerRow * 8; x++) {
      const bit = ((bits[y * bytesPerRow + (x >> 3)] ?? 0) & (0x80 >> (x & 7))) !== 0;
      if (bit === oneIsBlack) fillRect(r, x0 + x, y0 + y, 1, 1);
    }
  }
}

/** Rasterizes ^GFA graphics (with Zebra ASCII compression) placed by ^FO; text fields are not drawn. */
export function rasterizeZpl(zpl: string): Raster {
  const pw = /\^PW(\d+)/.exec(zpl);
  const ll = /\^LL(\d+)/.exec(zpl);
  if (!pw?.[1] || !ll?.[1]) throw new Error('ZPL without ^PW/^LL');
  const r = blankRaster(Number(pw[1]), Number(ll[1]));
  const gf = /\^FO(\d+),(\d+)\^GFA,(\d+),(\d+),(\d+),([^^]*)\^FS/g;
  let found = 0;
  for (const m of zpl.matchAll(gf)) {
    const [, x, y, total, , bpr, data] = m;
    const bytes = decompressZplHex(data ?? '', Number(bpr), Number(total));
    blitBits(r, Number(x), Number(y), Number(bpr), Number(total) / Number(bpr), bytes, true);
    found++;
  }
  if (found === 0) throw new Error('ZPL without ^GFA graphics');
  return r;
}

/** Zebra ASCII hex compression, from the ZPL II manual (^GF, "Alternative Data Compression Scheme"). */
export function decompressZplHex(data: string, bytesPerRow: number, total: number): Uint8Array {
  const rowChars = bytesPerRow * 2;
  const rows: string[] = [];
  let row = '';
  let count = 0;
  const endRow = () => {
    rows.push(row.padEnd(rowChars, '0'));
    row = '';
  };
  for (const c of data.replace(/\s/g, '')) {
    if (c >= 'G' && c <= 'Y') count += c.charCodeAt(0) - 'G'.charCodeAt(0) + 1;
    else if (c >= 'g' && c <= 'z') count += (c.charCodeAt(0) - 'g'.charCodeAt(0) + 1) * 20;
    else if (c === ',') { row = row.padEnd(rowChars, '0'); endRow(); }
    else if (c === '!') { row = row.padEnd(rowChars, 'F'); endRow(); }
    else if (c === ':') { const prev = rows[rows.length - 1]; if (prev === undefined) throw new Error('":" before any row'); rows.push(prev); }
    else if (/[0-9A-F]/.test(c)) {
      row += c.repeat(Math.max(1, count));
      count = 0;
      if (row.length > rowChars) throw new Error('ZPL graphic row overflows');
      if (row.length === rowChars) endRow();
    } else throw new Error(`Unexpected ${JSON.stringify(c)} in ^GFA data`);
  }
  const hex = rows.join('');
  if (hex.length !== total * 2) throw new Error(`^GFA data has ${hex.length / 2} bytes, header says ${total}`);
  return Uint8Array.from({ length: total }, (_, i) => parseInt(hex.slice(i * 2, i * 2 + 2), 16));
}

export interface TsplParsed {
  raster: Raster;
  texts: Array<{ x: number; y: number; font: string; content: string }>;
}

/** Parses the TSPL we emit: SIZE/GAP/... are checked by the golden file; BAR and BITMAP draw, TEXT is decoded. */
export function parseTspl(bytes: Uint8Array, dpi: number): TsplParsed {
  const buf = Buffer.from(bytes);
  let raster: Raster | null = null;
  const texts: TsplParsed['texts'] = [];
  let at = 0;
  while (at < buf.length) {
    const eol = buf.indexOf('\r\n', at);
    const headEnd = eol < 0 ? buf.length : eol;
    const head = buf.subarray(at, headEnd).toString('latin1');
    if (head.startsWith('BITMAP ')) {
      const m = /^BITMAP (\d+),(\d+),(\d+),(\d+),0,/.exec(head);
      if (!m || !raster) throw new Error(`Bad BITMAP ${head.slice(0, 40)}`);
      const [x, y, wb, h] = m.slice(1, 5).map(Number) as [number, number, number, number];
      const start = at + m[0].length;
      blitBits(raster, x, y, wb, h, buf.subarray(start, start + wb * h), false);
      at = start + wb * h + 2;
      continue;
    }
    const size = /^SIZE ([\d.]+) mm,([\d.]+) mm$/.exec(head);
    if (size) raster = blankRaster(Math.round((Number(size[1]) * dpi) / 25.4), Math.round((Number(size[2]) * dpi) / 25.4));
    const bar = /^BAR (\d+),(\d+),(\d+),(\d+)$/.exec(head);
    if (bar && raster) fillRect(raster, Number(bar[1]), Number(bar[2]), Number(bar[3]), Number(bar[4]));
    if (head.startsWith('TEXT ')) {
      const t = /^TEXT (\d+),(\d+),"([^"]+)",0,\d+,\d+,"/.exec(head);
      if (!t) throw new Error(`Bad TEXT ${head}`);
      const raw = buf.subarray(at + t[0].length, headEnd - 1);
      texts.push({ x: Number(t[1]), y: Number(t[2]), font: t[3] ?? '', content: iconv.decode(raw, 'gb18030').replace(/\\\["\]/g, '"') });
    }
    at = headEnd + 2;
  }
  if (!raster) throw new Error('TSPL without SIZE');
  return { raster, texts };
}

const run = promisify(execFile);

/** Rasterizes one page (the first by default) of a PDF at `dpi` with poppler's pdftoppm (Debian: poppler-utils). */
export async function rasterizePdf(pdf: Uint8Array, dpi: number, page = 0): Promise<Raster> {
  const dir = await mkdtemp(join(tmpdir(), 'label-pdf-'));
  try {
    await writeFile(join(dir, 'label.pdf'), pdf);
    const n = String(page + 1);
    await run('pdftoppm', ['-r', String(dpi), '-gray', '-f', n, '-l', n, '-singlefile', join(dir, 'label.pdf'), join(dir, 'page')]);
    return parsePgm(await readFile(join(dir, 'page.pgm')));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export async function pdfText(pdf: Uint8Array): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'label-pdf-'));
  try {
    await writeFile(join(dir, 'label.pdf'), pdf);
    const { stdout } = await run('pdftotext', ['-enc', 'UTF-8', join(dir, 'label.pdf'), '-']);
    return stdout;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function parsePgm(buf: Buffer): Raster {
  const header = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(buf.subarray(0, 64).toString('latin1'));
  if (!header) throw new Error('pdftoppm did not write a binary PGM');
  const width = Number(header[1]);
  const height = Number(header[2]);
  const gray = buf.subarray(header[0].length);
  const r = blankRaster(width, height);
  for (let i = 0; i < width * height; i++) r.pixels[i] = (gray[i] ?? 255) < 128 ? 1 : 0;
  return r;
}

export function decodeBarcode(r: Raster, format: 'code128' | 'qr'): string | null {
  const lum = new Uint8ClampedArray(r.width * r.height);
  for (let i = 0; i < lum.length; i++) lum[i] = r.pixels[i] ? 0 : 255;
  const bitmap = new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(lum, r.width, r.height)));
  const hints = new Map<DecodeHintType, unknown>([
    [DecodeHintType.POSSIBLE_FORMATS, [format === 'qr' ? BarcodeFormat.QR_CODE : BarcodeFormat.CODE_128]],
    [DecodeHintType.TRY_HARDER, true],
  ]);
  const reader = new MultiFormatReader();
  try {
    return reader.decode(bitmap, hints).getText();
  } catch (err) {
    if (err instanceof NotFoundException) return null;
    throw err;
  }
}

/** Counts black dots inside a rectangle, to check text/graphics land where the layout put them. */
export function blackIn(r: Raster, x: number, y: number, w: number, h: number): number {
  let n = 0;
  for (let yy = y; yy < y + h; yy++) for (let xx = x; xx < x + w; xx++) n += r.pixels[yy * r.width + xx] ?? 0;
  return n;
}


/** A barcode found on a page, with where its bars are (pixels). */
export interface FoundCode {
  text: string;
  x: number;
  y: number;
}

/**
 * Finds and reads every Code 128 on a page, as a person with a scanner would, without knowing the layout: bars
 * are vertical black runs at least `minBarPx` tall (taller than any text on the page); runs of equal height
 * side by side, with gaps no wider than `maxGapPx`, make one symbol, which is cut out with white around it and
 * read with ZXing. Areas that are not barcodes (a huge digit) simply do not decode. Sorted top to bottom, then
 * left to right: reading order.
 */
export function findCode128s(r: Raster, minBarPx: number, maxGapPx = 16): FoundCode[] {
  type Region = { x0: number; x1: number; y0: number; y1: number; columns: number };
  const regions: Region[] = [];
  const open: Region[] = [];
  for (let x = 0; x < r.width; x++) {
    let y = 0;
    while (y < r.height) {
      if (!r.pixels[y * r.width + x]) {
        y++;
        continue;
      }
      const y0 = y;
      while (y < r.height && r.pixels[y * r.width + x]) y++;
      if (y - y0 < minBarPx) continue;
      const y1 = y - 1;
      const into = open.find((g) => x - g.x1 <= maxGapPx && Math.abs(g.y0 - y0) <= 3 && Math.abs(g.y1 - y1) <= 3);
      if (into) {
        into.x1 = x;
        into.columns++;
      } else {
        const region = { x0: x, x1: x, y0, y1, columns: 1 };
        open.push(region);
        regions.push(region);
      }
    }
    // Regions the scan has moved well past are closed.
    for (let i = open.length - 1; i >= 0; i--) if (x - (open[i]?.x1 ?? x) > maxGapPx) open.splice(i, 1);
  }
  const found: FoundCode[] = [];
  for (const g of regions) {
    if (g.columns < 20) continue;
    const quiet = 3 * maxGapPx;
    const x0 = Math.max(0, g.x0 - quiet);
    const y0 = Math.max(0, g.y0 - 6);
    const crop = blankRaster(Math.min(r.width, g.x1 + quiet) - x0, Math.min(r.height, g.y1 + 6) - y0);
    for (let y = 0; y < crop.height; y++) for (let x = 0; x < crop.width; x++) crop.pixels[y * crop.width + x] = r.pixels[(y0 + y) * r.width + x0 + x] ?? 0;
    const text = decodeBarcode(crop, 'code128');
    if (text !== null) found.push({ text, x: g.x0, y: g.y0 });
  }
  return found.sort((a, b) => a.y - b.y || a.x - b.x);
}
