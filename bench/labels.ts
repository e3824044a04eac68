// Label rendering cost per label: layout + barcode encoding + ZPL / TSPL / PDF. Unique package ids defeat caching.
import { readFile } from 'node:fs/promises';
import { layoutLabel, type Dpi, type LabelSize } from '../sync/model/label.js';
import { renderPdf } from '../main/devices/printer/pdf.js';
import { findCjkFont } from '../main/devices/printer/pdf-route.js';
import { renderTspl } from '../main/devices/printer/tspl.js';
import { renderZpl } from '../main/devices/printer/zpl.js';
import { sampleLabel } from '../main/devices/printer/sample.js';
import { fmt, percentile } from './stats.js';

const COUNT = Number(process.env.BENCH_LABELS ?? 200);

async function measure(name: string, render: (i: number) => unknown): Promise<void> {
  // Warm up the JIT and bwip-js's encoder tables so the figure is the steady state a packing station sees.
  for (let i = 0; i < 10; i++) await render(-1 - i);
  const times: number[] = [];
  const start = performance.now();
  for (let i = 0; i < COUNT; i++) {
    const t0 = performance.now();
    await render(i);
    times.push(performance.now() - t0);
  }
  const mean = (performance.now() - start) / COUNT;
  console.log(`labels ${name.padEnd(34)} ${fmt(mean, 2)} ms/label (p50 ${fmt(percentile(times, 50), 2)}, p95 ${fmt(percentile(times, 95), 2)}) over ${COUNT}`);
}

export async function benchLabels(): Promise<void> {
  const cjk = process.env.BENCH_CJK_FONT ? new Uint8Array(await readFile(process.env.BENCH_CJK_FONT)) : await findCjkFont();
  const label = (i: number) => sampleLabel({ packageId: `EO-20260601-a1b2c3-${String(i + 100000)}-P1` });
  const cases: Array<[LabelSize, Dpi]> = [['100x150', 203], ['100x150', 300], ['60x40', 203]];
  for (const [size, dpi] of cases) {
    await measure(`ZPL ${size} @${dpi}`, (i) => renderZpl(layoutLabel(label(i), size, dpi)));
    await measure(`TSPL ${size} @${dpi}`, (i) => renderTspl(layoutLabel(label(i), size, dpi)));
    await measure(`PDF ${size} @${dpi}${cjk ? ' (CJK outlines)' : ' (no CJK font)'}`, (i) => renderPdf(layoutLabel(label(i), size, dpi), cjk ? { cjkFont: cjk } : {}));
  }
}

if (process.argv[1]?.endsWith('labels.ts')) await benchLabels();
