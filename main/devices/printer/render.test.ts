import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DPIS, LABEL_SIZES, layoutLabel, type Dpi, type LabelSize } from '../../../sync/model/label.js';
import { renderPdf } from './pdf.js';
import { renderTspl } from './tspl.js';
import { renderZpl } from './zpl.js';
import { CJK_TEST_FONT, blackIn, decodeBarcode, parseTspl, pdfText, rasterizePdf, rasterizeZpl, sampleLabel } from './test-support.js';

const GOLDEN = join(dirname(fileURLToPath(import.meta.url)), 'golden');
const update = process.env.UPDATE_GOLDEN === '1';

/** Compares with the pinned bytes; UPDATE_GOLDEN=1 rewrites them (review the diff before committing). */
async function expectGolden(name: string, bytes: Uint8Array): Promise<void> {
  const file = join(GOLDEN, name);
  if (update) {
    await mkdir(GOLDEN, { recursive: true });
    await writeFile(file, bytes);
    return;
  }
  if (!existsSync(file)) throw new Error(`Missing golden file ${file}: run with UPDATE_GOLDEN=1`);
  const pinned = await readFile(file);
  expect(Buffer.from(bytes).equals(pinned), `${name} differs from its golden file (UPDATE_GOLDEN=1 to accept)`).toBe(true);
}

const cases = LABEL_SIZES.flatMap((size) => DPIS.map((dpi) => [size, dpi] as [LabelSize, Dpi]));
const label = sampleLabel();

describe.each(cases)('label %s at %i dpi', (size, dpi) => {
  const layout = layoutLabel(label, size, dpi);

  it('ZPL: pinned bytes, and the rasterized ^GFA graphics scan back to the package id and QR text', async () => {
    const zpl = renderZpl(layout);
    const raster = rasterizeZpl(zpl);
    expect([raster.width, raster.height]).toEqual([layout.widthDots, layout.heightDots]);
    expect(decodeBarcode(raster, 'code128')).toBe(label.packageId);
    expect(decodeBarcode(raster, 'qr')).toBe(label.qrText);
    // Chinese text goes to the printer as UTF-8 under ^CI28, in the CJK font.
    expect(zpl).toContain('^CI28');
    expect(zpl).toContain('^A1N');
    expect(zpl).toContain('^FD静安门店 Demo Store');
    await expectGolden(`${size}-${dpi}.zpl`, new TextEncoder().encode(zpl));
  });

  it('TSPL: pinned bytes, barcodes scan back, and Chinese text round-trips through GB18030', async () => {
    const tspl = renderTspl(layout);
    const parsed = parseTspl(tspl, dpi);
    expect(decodeBarcode(parsed.raster, 'code128')).toBe(label.packageId);
    expect(decodeBarcode(parsed.raster, 'qr')).toBe(label.qrText);
    expect(parsed.texts.map((t) => t.content)).toEqual(layout.texts.map((t) => t.text));
    // Lines with Chinese use the printer's Chinese font; ASCII-only ids use a resident Latin font.
    for (const t of parsed.texts) {
      if (/^[\x20-\x7E]*$/.test(t.content)) expect(['1', '2', '3', '4', '5']).toContain(t.font);
      else expect(t.font).toBe('TSS24.BF2');
    }
    expect(parsed.texts.filter((t) => t.font === 'TSS24.BF2')).toHaveLength(4);
    // The printer gets GB18030 bytes (包裹 = B0FC B9FC), not UTF-8.
    expect(Buffer.from(tspl).includes(Buffer.from('b0fcb9fc', 'hex'))).toBe(true);
    expect(Buffer.from(tspl).includes(Buffer.from('包裹', 'utf8'))).toBe(false);
    await expectGolden(`${size}-${dpi}.tspl`, tspl);
  });

  it('PDF: rasterized by poppler at the label dpi, both barcodes scan back', async () => {
    const pdf = await renderPdf(layout, { cjkFont: await cjkFont() });
    const raster = await rasterizePdf(pdf, dpi);
    // The page is whole millimetres in points; poppler rounds its pixel size up where ZPL/TSPL round to nearest.
    expect(Math.abs(raster.width - layout.widthDots)).toBeLessThanOrEqual(1);
    expect(Math.abs(raster.height - layout.heightDots)).toBeLessThanOrEqual(1);
    expect(decodeBarcode(raster, 'code128')).toBe(label.packageId);
    expect(decodeBarcode(raster, 'qr')).toBe(label.qrText);
  });
});

describe('any valid package id', () => {
  // Random ids over the whole allowed alphabet exercise Code 128 sets B and C and their switches.
  const packageId = fc.stringMatching(/^[A-Za-z0-9._:/-]{1,48}$/);

  it('scans back from ZPL on the large label at 203 dpi', () => {
    fc.assert(fc.property(packageId, (id) => {
      const l = sampleLabel({ packageId: id });
      const raster = rasterizeZpl(renderZpl(layoutLabel(l, '100x150', 203)));
      expect(decodeBarcode(raster, 'code128')).toBe(id);
    }), { numRuns: 25 });
  });

  it('scans back from TSPL on the small label, or is refused as too wide for it', () => {
    fc.assert(fc.property(packageId, (id) => {
      const l = sampleLabel({ packageId: id });
      let tspl: Uint8Array;
      try {
        tspl = renderTspl(layoutLabel(l, '60x40', 203));
      } catch (err) {
        expect(err).toMatchObject({ code: 'BARCODE_DOES_NOT_FIT' });
        expect(id.length).toBeGreaterThan(20);
        return;
      }
      expect(decodeBarcode(parseTspl(tspl, 203).raster, 'code128')).toBe(id);
    }), { numRuns: 25 });
  });
});

describe('text details', () => {
  it('TSPL encodes characters outside the BMP as 4-byte GB18030 and escapes double quotes', () => {
    const layout = layoutLabel(sampleLabel({ customerName: '𠮷田 "Yoshi"' }), '100x150', 203);
    const tspl = renderTspl(layout);
    expect(Buffer.from(tspl).includes(Buffer.from('9534b235', 'hex'))).toBe(true);
    const texts = parseTspl(tspl, 203).texts.map((t) => t.content);
    expect(texts).toContain('𠮷田 "Yoshi" **********5678'.replace('**********', '*'.repeat(7)));
    expect(Buffer.from(tspl).toString('latin1')).toContain('\\["]Yoshi\\["]');
  });

  it('ZPL escapes ^ ~ _ so label text cannot inject commands', () => {
    const zpl = renderZpl(layoutLabel(sampleLabel({ customerName: 'A^XZ~JR_b' }), '100x150', 203));
    expect(zpl).toContain('^FDA_5EXZ_7EJR_5Fb');
    expect(zpl.match(/\^XZ/g)).toHaveLength(1);
  });

  it('PDF without a CJK font keeps Latin text and marks the rest with "?"', async () => {
    const layout = layoutLabel(label, '100x150', 203);
    const text = await pdfText(await renderPdf(layout));
    expect(text).toContain('EO-20260601-a1b2c3-0007');
    expect(text).toContain('???? Demo Store S001');
  });

  it('PDF with a CJK font draws the Chinese glyphs where the "?" would be', async () => {
    const layout = layoutLabel(label, '100x150', 300);
    const withFont = await rasterizePdf(await renderPdf(layout, { cjkFont: await cjkFont() }), 300);
    const without = await rasterizePdf(await renderPdf(layout), 300);
    const first = layout.texts[0];
    if (!first) throw new Error('layout has no text');
    // 静安 are two dense square glyphs; the "?" marks over the same width are thin strokes.
    const region = [first.x, first.y, first.height * 2, first.height] as const;
    expect(blackIn(withFont, ...region)).toBeGreaterThan(2 * blackIn(without, ...region));
  });
});

async function cjkFont(): Promise<Uint8Array> {
  if (!existsSync(CJK_TEST_FONT)) throw new Error(`${CJK_TEST_FONT} is missing: apt-get install -y fonts-droid-fallback`);
  return readFile(CJK_TEST_FONT);
}

describe('a package id of the longest order id (68 characters)', () => {
  const orderId = `EO-${'7'.repeat(61)}`;
  const long = sampleLabel({ orderId, packageId: `${orderId}-P12` });

  it('scans back from the 100×150 label at 300 dpi, and on a label too small says BARCODE_DOES_NOT_FIT', () => {
    const raster = rasterizeZpl(renderZpl(layoutLabel(long, '100x150', 300)));
    expect(decodeBarcode(raster, 'code128')).toBe(long.packageId);
    for (const [size, dpi] of cases) {
      try {
        expect(decodeBarcode(rasterizeZpl(renderZpl(layoutLabel(long, size, dpi))), 'code128')).toBe(long.packageId);
      } catch (err) {
        expect((err as { code?: unknown }).code).toBe('BARCODE_DOES_NOT_FIT');
      }
    }
  });
});
