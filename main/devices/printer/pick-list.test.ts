import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONFIRM_CODE, SHORT_REASONS, shortReasonCode } from '../../../sync/model/pick-state.js';
import { httpPlatform } from '../../../renderer/platform/index.js';
import type { PickListInput, StoreOpsContract } from '../../contract.js';
import { createStoreOps } from '../../service.js';
import { SettingsStore } from '../../settings/index.js';
import { startWebHost, type WebHost } from '../../host/server.js';
import { contractError, tempDirs } from '../../host/test-support.js';
import { parsePickListInput } from './pick-list-input.js';
import { A4, renderPickList, type Box } from './pick-list.js';
import { renderToteLabels } from './tote-labels.js';
import { batchNumber } from '../../../sync/model/batch.js';
import { CJK_TEST_FONT, blackIn, blankRaster, decodeBarcode, pdfText, type Raster } from './test-support.js';

const run = promisify(execFile);
const DPI = 200;

/** A batch of three orders over `n` stops in aisle order, with Chinese product names like a real catalogue. */
function batch(n = 6): PickListInput {
  const orders = ['EO-20260601-0001', 'EO-20260601-0002', 'EO-20260601-0003'];
  const names = ['农夫山泉 饮用天然水 550ml', '康师傅 红烧牛肉面', '蒙牛 纯牛奶 250ml×12', '旺旺 雪饼 84g', '青岛啤酒 经典 500ml', '卫龙 辣条 大面筋'];
  return {
    operatorId: 'op-7',
    operatorName: '王芳',
    batchId: 'B-20260601-0930-a1b2',
    storeName: '静安门店 Demo Store',
    // 22:47 UTC is 06:47 the next morning in Shanghai, the time the screens showed.
    createdAt: '2026-05-31T22:47:00.000Z',
    timeZone: 'Asia/Shanghai',
    stops: Array.from({ length: n }, (_, i) => {
      const aisle = `A${String(1 + Math.floor(i / 4)).padStart(2, '0')}`;
      const split = [{ orderId: orders[i % 3] ?? '', tote: (i % 3) + 1, qty: 1 + (i % 2) }, { orderId: orders[(i + 1) % 3] ?? '', tote: ((i + 1) % 3) + 1, qty: 1 }];
      return {
        location: `${aisle} / S${(i % 4) + 1} / B${i + 1}`,
        locationCode: `LOC:${aisle}-S${(i % 4) + 1}-B${i + 1}`,
        sku: `SKU-${1000 + i}`,
        name: names[i % names.length] ?? 'x',
        barcode: `69${String(10_000_000_000 + i * 7919)}`,
        qty: split.reduce((q, a) => q + a.qty, 0),
        orders: split,
      };
    }),
    totes: orders.map((orderId, i) => ({ tote: i + 1, orderId })),
  };
}

let font: Uint8Array;
let dir: string;
beforeAll(async () => {
  font = new Uint8Array(await readFile(CJK_TEST_FONT));
  dir = await mkdtemp(join(tmpdir(), 'pick-list-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

/** One page through poppler at DPI, as a scanner would see the paper. */
async function rasterizePage(pdf: Uint8Array, page: number): Promise<Raster> {
  const file = join(dir, `p${page}-${Math.random().toString(36).slice(2)}.pdf`);
  await writeFile(file, pdf);
  const out = file.replace(/\.pdf$/, '');
  await run('pdftoppm', ['-r', String(DPI), '-gray', '-f', String(page + 1), '-l', String(page + 1), '-singlefile', file, out]);
  const buf = await readFile(`${out}.pgm`);
  const header = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(buf.subarray(0, 64).toString('latin1'));
  if (!header) throw new Error('pdftoppm did not write a binary PGM');
  const r = blankRaster(Number(header[1]), Number(header[2]));
  const gray = buf.subarray(header[0].length);
  for (let i = 0; i < r.pixels.length; i++) r.pixels[i] = (gray[i] ?? 255) < 128 ? 1 : 0;
  return r;
}

const px = (pt: number) => Math.round((pt * DPI) / 72);

/** Cuts one box (plus a margin of white) out of a page, so ZXing reads that barcode and no other. */
function crop(r: Raster, box: Box, margin = 4): Raster {
  const x0 = px(box.x - margin);
  const y0 = px(box.y - margin);
  const out = blankRaster(px(box.width + 2 * margin), px(box.height + 2 * margin));
  for (let y = 0; y < out.height; y++) for (let x = 0; x < out.width; x++) out.pixels[y * out.width + x] = r.pixels[(y0 + y) * r.width + x0 + x] ?? 0;
  return out;
}

describe('the pick list PDF', () => {
  it('is A4 and its text names the batch, every SKU in walking order, every order and tote', async () => {
    const input = batch(30);
    const { pdf, layout } = await renderPickList(input, { cjkFont: font });
    expect(layout.pages).toBeGreaterThan(1);
    const page = await rasterizePage(pdf, 0);
    // poppler rounds the pixel size of a page up.
    expect(Math.abs(page.width - px(A4.width))).toBeLessThanOrEqual(1);
    expect(Math.abs(page.height - px(A4.height))).toBeLessThanOrEqual(1);
    const text = await pdfText(pdf);
    expect(text).toContain(input.batchId);
    const at = input.stops.map((s) => text.indexOf(s.sku));
    expect(at.every((i) => i >= 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    for (const t of input.totes) expect(text).toMatch(new RegExp(`Tote ${t.tote}\\s+${t.orderId}`));
    // The split of the first stop, tote by tote (pdftotext collapses the gaps to one space).
    expect(text).toMatch(/Tote 1\s+EO-20260601-0001\s+× 1\s+Tote 2\s+EO-20260601-0002\s+× 1/);
  });

  it("each stop's location and product Code 128 scan back, on the first and on a later page", async () => {
    const input = batch(30);
    const { pdf, layout } = await renderPickList(input, { cjkFont: font });
    const last = layout.stops.length - 1;
    for (const i of [0, last]) {
      const stop = layout.stops[i];
      if (!stop?.location || !stop.product) throw new Error(`stop ${i} has no barcodes`);
      const page = await rasterizePage(pdf, stop.location.page);
      expect(decodeBarcode(crop(page, stop.location), 'code128')).toBe(input.stops[i]?.locationCode);
      expect(decodeBarcode(crop(page, stop.product), 'code128')).toBe(input.stops[i]?.barcode);
    }
    expect(layout.stops[last]?.location?.page).toBe(layout.pages - 1);
  });

  it('has a command card whose codes scan back to CONFIRM and every short reason', async () => {
    const { pdf, layout } = await renderPickList(batch(), { cjkFont: font });
    expect(layout.commands.map((c) => c.code)).toEqual([CONFIRM_CODE, ...SHORT_REASONS.map(shortReasonCode)]);
    const pages = new Map<number, Raster>();
    for (const c of layout.commands) {
      const page = pages.get(c.box.page) ?? (await rasterizePage(pdf, c.box.page));
      pages.set(c.box.page, page);
      expect(decodeBarcode(crop(page, c.box), 'code128')).toBe(c.code);
    }
  });

  it("prints the time in the store's zone, the operator's name and the batch's short number", async () => {
    // A Latin name, so pdftotext can read it back (Chinese is drawn as glyph outlines).
    const input = { ...batch(2), operatorName: 'Wang Fang' };
    const text = await pdfText((await renderPickList(input, { cjkFont: font })).pdf);
    expect(text).toContain('2026-06-01 06:47 (Asia/Shanghai) · Wang Fang');
    expect(text).not.toContain('22:47');
    expect(text).not.toContain('op-7');
    expect(text).toContain(`Batch ${batchNumber(input.batchId)}`);
  });

  it('carries a Code 128 per tote that scans back to the code the put-wall asks for', async () => {
    const input = batch(30);
    const { pdf, layout } = await renderPickList(input, { cjkFont: font });
    expect(layout.totes.map((t) => t.tote)).toEqual([1, 2, 3]);
    for (const t of layout.totes) {
      const page = await rasterizePage(pdf, t.box.page);
      expect(decodeBarcode(crop(page, t.box), 'code128')).toBe(`TOTE:${t.tote}`);
    }
  });

  it('and a sheet of tote labels for the wall, eight to a page, each scanning back to its tote', async () => {
    const { pdf, layout } = await renderToteLabels({ storeName: '静安门店', from: 1, to: 12 }, { cjkFont: font });
    expect(layout.pages).toBe(2);
    expect(layout.labels.map((l) => l.tote)).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
    const text = await pdfText(pdf);
    expect(text).toContain('Tote 12');
    for (const label of [layout.labels[0], layout.labels[7], layout.labels[11]]) {
      if (!label) throw new Error('missing label');
      const page = await rasterizePage(pdf, label.box.page);
      expect(decodeBarcode(crop(page, label.box), 'code128')).toBe(`TOTE:${label.tote}`);
    }
  });

  it('draws Chinese names as glyphs with the CJK font, and as "?" without one', async () => {
    const input = batch(1);
    const withFont = await renderPickList(input, { cjkFont: font });
    const without = await renderPickList(input);
    expect(await pdfText(withFont.pdf)).not.toContain('?');
    expect(await pdfText(without.pdf)).toContain('?');
    const name = withFont.layout.stops[0]?.name;
    if (!name) throw new Error('no name box');
    const page = await rasterizePage(withFont.pdf, 0);
    // The name is 13 characters of 11 pt: far more ink than an empty box (0), and drawn where the layout says.
    expect(blackIn(page, px(name.x), px(name.y), px(name.width), px(name.height))).toBeGreaterThan(500);
  });

  it('refuses malformed batches with INVALID_INPUT, naming the field', () => {
    const good = batch(2);
    const bad = (patch: (b: PickListInput) => unknown) => {
      const b = structuredClone(good);
      const patched = patch(b);
      const v = patched === undefined ? b : patched;
      try {
        parsePickListInput(v);
      } catch (err) {
        return err as { code: string; message: string };
      }
      throw new Error('expected a refusal');
    };
    expect(bad(() => null)).toMatchObject({ code: 'INVALID_INPUT' });
    expect(bad((b) => ({ ...b, extra: 1 })).message).toMatch(/unknown field\(s\) extra/);
    expect(bad((b) => ({ ...b, createdAt: 'yesterday' })).message).toMatch(/createdAt/);
    expect(bad((b) => ({ ...b, stops: [] })).message).toMatch(/stops must be an array of 1-/);
    expect(bad((b) => void (b.stops[0]!.qty = 99)).message).toMatch(/add up to/);
    expect(bad((b) => void (b.stops[0]!.orders[0]!.tote = 3)).message).toMatch(/is in tote 1, not 3/);
    expect(bad((b) => void (b.stops[1]!.locationCode = 'LOC:货架')).message).toMatch(/printable ASCII/);
    expect(bad((b) => void (b.totes[1]!.tote = 1)).message).toMatch(/appears twice/);
    expect(bad((b) => void (b.operatorId = '')).message).toMatch(/operatorId/);
    expect(bad((b) => void (b.operatorName = '')).message).toMatch(/operatorName/);
    expect(bad((b) => void (b.timeZone = 'Mars/Olympus')).message).toMatch(/timeZone must be an IANA time zone/);
    expect(parsePickListInput(good)).toEqual(good);
  });
});

describe('printPickList through the web host contract', () => {
  let dirs: Awaited<ReturnType<typeof tempDirs>>;
  let host: WebHost;
  let client: StoreOpsContract;
  const handedOff: string[] = [];

  beforeAll(async () => {
    dirs = await tempDirs();
    const settings = new SettingsStore(dirs.dataDir);
    const ops = createStoreOps({
      settings, mode: 'web', version: '0.0.0-test',
      printing: { pdfHandoff: { submit: (path) => (handedOff.push(path), Promise.resolve('test')) }, cjkFont: () => readFile(CJK_TEST_FONT).then((b) => new Uint8Array(b)) },
    });
    host = await startWebHost({ ops, settings, rendererDir: dirs.rendererDir, port: 0 });
    client = httpPlatform(host.url.replace(/\/$/, ''));
  });
  afterAll(async () => {
    await host?.close();
    await dirs?.cleanup();
  });

  it('writes the PDF into the data dir, hands it to the OS print route and says which tool took it', async () => {
    const input = batch(3);
    const { path, handedTo } = await client.printPickList(input);
    expect(handedTo).toBe('test');
    expect(path.startsWith(join(dirs.dataDir, 'pick-lists'))).toBe(true);
    expect(existsSync(path)).toBe(true);
    expect(handedOff).toEqual([path]);
    const pdf = new Uint8Array(await readFile(path));
    expect(Buffer.from(pdf.subarray(0, 5)).toString('latin1')).toBe('%PDF-');
    expect(await pdfText(pdf)).toContain(input.batchId);
  });

  it('answers bad input with INVALID_INPUT and writes nothing', async () => {
    const input = batch(1);
    const split = await contractError(client.printPickList({ ...input, stops: [{ ...input.stops[0]!, qty: 42 }] }));
    expect(split).toMatchObject({ code: 'INVALID_INPUT', message: expect.stringMatching(/add up to/) });
    // A code too long for a scannable bar width is refused by the renderer, also before any file exists.
    const long = await contractError(client.printPickList({ ...input, stops: [{ ...input.stops[0]!, barcode: 'X'.repeat(64) }] }));
    expect(long).toMatchObject({ code: 'INVALID_INPUT', message: expect.stringMatching(/too long/) });
    expect((await contractError(client.printPickList(null as unknown as PickListInput))).code).toBe('INVALID_INPUT');
    expect(handedOff).toHaveLength(1);
    expect(await readdir(join(dirs.dataDir, 'pick-lists'))).toHaveLength(1);
  });

  it('prints a sheet of tote labels the same way, and refuses a bad range', async () => {
    const { path, handedTo } = await client.printToteLabels({ storeName: 'Demo', from: 1, to: 8 });
    expect(handedTo).toBe('test');
    expect(handedOff.at(-1)).toBe(path);
    expect(await pdfText(new Uint8Array(await readFile(path)))).toContain('Tote 8');
    expect(await contractError(client.printToteLabels({ storeName: 'Demo', from: 5, to: 2 }))).toMatchObject({ code: 'INVALID_INPUT', message: expect.stringMatching(/before from/) });
    expect(await contractError(client.printToteLabels({ storeName: 'Demo', from: 1, to: 101 }))).toMatchObject({ code: 'INVALID_INPUT', message: expect.stringMatching(/at most 100/) });
  });
});
