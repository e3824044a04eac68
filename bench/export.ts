// `npm run bench export`: 1,000,000 report rows (date × store × SKU with money and counts) exported to CSV and to
// XLSX into a file, each format in a child process of its own. Prints time, rows/s, and the RSS as the rows go by:
// a streamed export keeps it flat, so the RSS at the last row is about the RSS at the first tenth. The floor is
// the same rows only generated and turned into cell text, written nowhere. At each tenth the child also forces a
// full GC and notes the heap then: RSS includes what V8 has not collected yet, the heap after GC is what is held.
import { spawnSync } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { cellText, writeCsvExport, writeXlsxExport, type ExportColumn } from '../sync/server/exports/index.js';
import { fmt } from './stats.js';

const ROWS = Number(process.env.BENCH_EXPORT_ROWS ?? 1_000_000);
type Mode = 'csv' | 'xlsx' | 'floor';

interface ReportRow {
  day: string;
  storeId: string;
  sku: string;
  name: string;
  qty: number;
  sales: number;
  refunds: number;
}
const COLUMNS: ExportColumn<ReportRow>[] = [
  { key: 'day', header: { 'zh-CN': '日期', en: 'Date' }, kind: 'date' },
  { key: 'storeId', header: { 'zh-CN': '门店', en: 'Store' }, kind: 'text' },
  { key: 'sku', header: { 'zh-CN': 'SKU', en: 'SKU' }, kind: 'text' },
  { key: 'name', header: { 'zh-CN': '商品名称', en: 'Product' }, kind: 'text' },
  { key: 'qty', header: { 'zh-CN': '数量', en: 'Qty' }, kind: 'integer' },
  { key: 'sales', header: { 'zh-CN': '销售额（元）', en: 'Sales (CNY)' }, kind: 'fen' },
  { key: 'refunds', header: { 'zh-CN': '退款（元）', en: 'Refunds (CNY)' }, kind: 'fen' },
];

/** A month of a 100-store chain: rows made as they are pulled, as a database cursor would hand them over. */
async function* reportRows(n: number): AsyncGenerator<ReportRow> {
  for (let i = 0; i < n; i++) {
    yield {
      day: `2026-11-${String(1 + (i % 30)).padStart(2, '0')}`,
      storeId: `S${String(i % 100).padStart(3, '0')}`,
      sku: `69${String(1_000_000_000 + (i % 333_333)).padStart(11, '0')}`,
      name: i % 3 === 0 ? '有机纯牛奶 250ml×12' : 'Fresh apples, 1kg',
      qty: 1 + (i % 40),
      sales: (i * 7919) % 5_000_000,
      refunds: i % 17 === 0 ? (i * 31) % 10_000 : 0,
    };
  }
}

interface Figures {
  ms: number;
  rows: number;
  bytes: number;
  rssMbAt: Array<[number, number]>;
  /** Heap in use right after a full GC at the same points: what the export really holds on to. */
  heapMbAt: Array<[number, number]>;
  peakRssMb: number;
}

async function child(mode: Mode, file: string): Promise<void> {
  const rssMbAt: Array<[number, number]> = [];
  const heapMbAt: Array<[number, number]> = [];
  const every = Math.max(1, Math.floor(ROWS / 10));
  const gc = (globalThis as { gc?: () => void }).gc;
  const onProgress = (n: number) => {
    if (n % every !== 0 || rssMbAt.at(-1)?.[0] === n) return;
    rssMbAt.push([n, process.memoryUsage().rss / 2 ** 20]);
    gc?.();
    heapMbAt.push([n, process.memoryUsage().heapUsed / 2 ** 20]);
  };
  const opts = { lang: 'zh-CN' as const, onProgress, progressEvery: every };
  const t0 = performance.now();
  let rows = 0;
  if (mode === 'floor') {
    for await (const row of reportRows(ROWS)) {
      for (const c of COLUMNS) cellText(c, row, 'Asia/Shanghai');
      onProgress(++rows);
    }
  } else {
    const write = mode === 'csv' ? writeCsvExport : writeXlsxExport;
    rows = (await write(reportRows(ROWS), COLUMNS, createWriteStream(file), opts)).rows;
  }
  const ms = performance.now() - t0;
  const bytes = mode === 'floor' ? 0 : (await stat(file)).size;
  const figures: Figures = { ms, rows, bytes, rssMbAt, heapMbAt, peakRssMb: process.resourceUsage().maxRSS / 1024 };
  process.stdout.write(`${JSON.stringify(figures)}\n`);
}

function measure(mode: Mode, file: string): Figures {
  const self = fileURLToPath(import.meta.url);
  const r = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', self, 'child', mode, file], { encoding: 'utf8', maxBuffer: 1 << 20 });
  const last = r.stdout.trim().split('\n').at(-1) ?? '';
  if (r.status !== 0 || !last.startsWith('{')) throw new Error(`bench child ${mode} failed: ${r.stderr}`);
  return JSON.parse(last) as Figures;
}

export async function benchExport(): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'bench-export-'));
  try {
    console.log(`export: ${ROWS} report rows × ${COLUMNS.length} columns to a file, each format in a child process (RSS at each tenth of the rows)`);
    let floor: Figures | undefined;
    for (const mode of ['floor', 'csv', 'xlsx'] as const) {
      const f = measure(mode, join(dir, `report.${mode}`));
      floor ??= f;
      const rss = f.rssMbAt.map(([, mb]) => fmt(mb, 0)).join(' ');
      const first = f.rssMbAt[0]?.[1] ?? 0;
      const last = f.rssMbAt.at(-1)?.[1] ?? 0;
      const heap = f.heapMbAt.map(([, mb]) => fmt(mb, 0)).join(' ');
      const size = mode === 'floor' ? 'rows and cell text only' : `${fmt(f.bytes / 2 ** 20)} MB`;
      console.log(`  ${mode.padEnd(5)} ${fmt(f.ms / 1000, 2)} s, ${fmt(f.rows / (f.ms / 1000), 0)} rows/s, ${size}${mode === 'floor' ? '' : `; ${fmt(f.ms / floor.ms, 1)}x floor`}`);
      console.log(`        RSS MB ${rss} (last tenth ${fmt(last - first, 0)} MB over the first), peak ${fmt(f.peakRssMb, 0)} MB; heap after GC MB ${heap}`);
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  if (process.argv[2] === 'child') await child(process.argv[3] as Mode, process.argv[4] ?? '');
  else await benchExport();
}
