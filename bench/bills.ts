// `npm run bench bills`: parse a 100,000-row bill of each provider (written by the test kit, so real bytes: a UTF-8
// CSV for WeChat Pay, a ZIP of GBK CSVs for Alipay) and compare with the floor: the same libraries alone on the same
// bytes (TextDecoder or yauzl + iconv-lite, then csv-parse counting and dropping records), nothing checked or kept.
// Each figure is taken in a child process of its own, so its peak RSS belongs to that run alone.
import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import iconv from 'iconv-lite';
import { parse } from 'csv-parse/sync';
import { alipayBill, sampleBillItems, wechatBill } from '../sync/server/reconciliation/bills/bill-files.testkit.js';
import { parseBill } from '../sync/server/reconciliation/bills/index.js';
import { unzipEntries } from '../sync/server/reconciliation/bills/zip.js';
import { fmt, percentile } from './stats.js';

const ROWS = Number(process.env.BENCH_BILL_ROWS ?? 100_000);
const RUNS = 3;
type Kind = 'wechat' | 'alipay';
type Mode = 'parse' | 'floor';
interface Figures {
  ms: number;
  rows: number;
  baseRssMb: number;
  peakRssMb: number;
}

function csvAlone(text: string, trim: boolean): number {
  let n = 0;
  parse(text, { bom: true, relax_column_count: true, skip_empty_lines: true, trim, on_record: () => (n++, null) });
  return n;
}

async function once(kind: Kind, mode: Mode, bytes: Uint8Array): Promise<number> {
  if (mode === 'parse') {
    const r = await parseBill(kind, bytes);
    if (!r.ok) throw new Error(`bench bill refused: ${r.refusal.code} ${r.refusal.message}`);
    return r.bill.items.length;
  }
  if (kind === 'wechat') return csvAlone(new TextDecoder().decode(bytes), false);
  const { picked } = await unzipEntries(bytes, (name) => name.includes('业务明细') && !name.includes('汇总'));
  return csvAlone(iconv.decode(picked[0]?.data ?? Buffer.alloc(0), 'gb18030'), true);
}

/** In the child: read the file, settle, then time RUNS runs and report the process's peak RSS. */
async function child(kind: Kind, mode: Mode, file: string): Promise<void> {
  const bytes = new Uint8Array(await readFile(file));
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const baseRssMb = process.memoryUsage().rss / 2 ** 20;
  const times: number[] = [];
  let rows = 0;
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    rows = await once(kind, mode, bytes);
    times.push(performance.now() - t0);
    gc?.();
  }
  const figures: Figures = { ms: percentile(times, 50), rows, baseRssMb, peakRssMb: process.resourceUsage().maxRSS / 1024 };
  process.stdout.write(`${JSON.stringify(figures)}\n`);
}

function measure(kind: Kind, mode: Mode, file: string): Figures {
  const self = fileURLToPath(import.meta.url);
  const r = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', self, 'child', kind, mode, file], { encoding: 'utf8', maxBuffer: 1 << 20 });
  const last = r.stdout.trim().split('\n').at(-1) ?? '';
  if (r.status !== 0 || !last.startsWith('{')) throw new Error(`bench child ${kind} ${mode} failed: ${r.stderr}`);
  return JSON.parse(last) as Figures;
}

export async function benchBills(): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'bench-bills-'));
  try {
    const items = sampleBillItems(ROWS);
    const files: Array<[Kind, Buffer]> = [['wechat', wechatBill(items)], ['alipay', await alipayBill(items)]];
    console.log(`bills: parse a ${ROWS}-row bill (median of ${RUNS}, each kind in a child process; floor = the libraries alone on the same bytes)`);
    for (const [kind, bytes] of files) {
      const file = join(dir, `${kind}.bin`);
      await writeFile(file, bytes);
      const p = measure(kind, 'parse', file);
      const f = measure(kind, 'floor', file);
      const rate = (x: Figures) => x.rows / (x.ms / 1000);
      console.log(
        `  ${kind.padEnd(6)} ${fmt(bytes.length / 2 ** 20)} MB file: parseBill ${fmt(p.ms, 0)} ms, ${fmt(rate(p), 0)} rows/s, peak RSS ${fmt(p.peakRssMb, 0)} MB (+${fmt(p.peakRssMb - p.baseRssMb, 0)} over the loaded file)` +
          ` | floor ${fmt(f.ms, 0)} ms, ${fmt(rate(f), 0)} rows/s, peak RSS ${fmt(f.peakRssMb, 0)} MB | ${fmt(p.ms / f.ms, 2)}x floor`,
      );
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  if (process.argv[2] === 'child') await child(process.argv[3] as Kind, process.argv[4] as Mode, process.argv[5] ?? '');
  else await benchBills();
}
