// `npm run bench reconciliation`: import and match a 100,000-row WeChat bill (BENCH_RECON_ROWS), on PostgreSQL (when
// DATABASE_URL is set) and on embedded PGlite: the parse, the all-or-nothing store, and a matching run over the day
// against as many orders, each with rows/s and the process's memory. The floor printed beside it is the same rows
// written by one bare INSERT … SELECT FROM jsonb_to_recordset into a table of the same columns, without the bill,
// its checks or its transaction's other work: what the database alone costs for those rows.
import { apiRoutes, type OrderBatchResponse, type OrderInput } from '../sync/protocol/platform.js';
import type { Db } from '../sync/server/db/index.js';
import { parseBill } from '../sync/server/reconciliation/bills/index.js';
import { sampleBillItems, wechatBill } from '../sync/server/reconciliation/bills/bill-files.testkit.js';
import { storeParsedBill } from '../sync/server/reconciliation/bills-store.js';
import { billHash } from '../sync/server/reconciliation/parser.js';
import { runMatching } from '../sync/server/reconciliation/run.js';
import { makeOrderInput, startTestServer } from '../sync/server/testing.js';
import { onBothDatabases } from './support/both-databases.js';
import { fmt } from './stats.js';

const ROWS = Number(process.env.BENCH_RECON_ROWS ?? 100_000);
const DAY = '2026-11-27';

const mb = (bytes: number) => `${fmt(bytes / 1024 / 1024, 0)} MB`;

async function floor(db: Db, items: ReturnType<typeof sampleBillItems>): Promise<number> {
  await db.query(`CREATE TEMP TABLE IF NOT EXISTS bench_floor (n integer, kind text, at timestamptz, transaction_id text, out_trade_no text, refund_id text,
    out_refund_no text, amount bigint, fee bigint, fee_exact text, status text, line integer)`);
  const rows = items.map((i, n) => ({ n, kind: i.kind ?? 'payment', at: i.at, transaction_id: `T${n}`, out_trade_no: i.outTradeNo, refund_id: null, out_refund_no: i.outRefundNo ?? null, amount: i.amount, fee: 0, fee_exact: '0', status: 'SUCCESS', line: n }));
  const t0 = performance.now();
  for (let k = 0; k < rows.length; k += 5000) {
    await db.query(
      `INSERT INTO bench_floor SELECT * FROM jsonb_to_recordset($1::jsonb) AS x(n integer, kind text, at timestamptz, transaction_id text, out_trade_no text,
        refund_id text, out_refund_no text, amount bigint, fee bigint, fee_exact text, status text, line integer)`,
      [JSON.stringify(rows.slice(k, k + 5000))],
    );
  }
  const ms = performance.now() - t0;
  await db.query('DROP TABLE bench_floor');
  return ms;
}

async function benchOn(label: string, db: Db): Promise<void> {
  console.log(`\n== reconciliation on ${label}: a ${ROWS}-row WeChat bill`);
  const s = await startTestServer({ db });
  try {
    await s.admin.seedStore('S001');
    const items = sampleBillItems(ROWS, DAY);
    const payments = items.filter((i) => i.kind !== 'refund');
    // One order per payment of the bill, paid by WeChat under the bill's merchant order number.
    const t0 = performance.now();
    for (let k = 0; k < payments.length; k += 500) {
      const orders: OrderInput[] = payments.slice(k, k + 500).map((p) => makeOrderInput({
        id: p.outTradeNo, placedAt: p.at, payment: { method: 'online', amount: p.amount, currency: 'CNY', paid: true, provider: 'wechat', outTradeNo: p.outTradeNo },
        lines: [{ sku: 'SKU-1', name: 'Goods', qty: 1, unitPrice: p.amount }],
      }));
      const res = await s.request<OrderBatchResponse>('POST', apiRoutes.ordersBatch, { token: s.platformApiKey, body: { orders } });
      if (res.status !== 200 || res.body.results.some((r) => r.outcome === 'refused')) throw new Error(`order batch refused: ${res.status}`);
    }
    console.log(`  setup: ${payments.length} orders through POST /orders/batch in ${fmt((performance.now() - t0) / 1000, 1)} s`);

    const file = wechatBill(items);
    const rss0 = process.memoryUsage().rss;
    let peak = rss0;
    const sample = setInterval(() => { peak = Math.max(peak, process.memoryUsage().rss); }, 50);
    const t1 = performance.now();
    const parsed = await parseBill('wechat', file);
    if (!parsed.ok) throw new Error(`the bench's bill was refused: ${parsed.refusal.code} ${parsed.refusal.message}`);
    const t2 = performance.now();
    const stored = await storeParsedBill(db, parsed.bill, billHash(file), 'bench');
    const t3 = performance.now();
    const run = await runMatching(db, { from: DAY, to: DAY }, { feeRates: { wechat: 60 } });
    const t4 = performance.now();
    clearInterval(sample);
    peak = Math.max(peak, process.memoryUsage().rss);
    const total = (t4 - t1) / 1000;
    console.log(`  file ${mb(file.length)}; ${stored.counts.items} rows (${stored.counts.payments} payments, ${stored.counts.refunds} refunds)`);
    console.log(`  parse ${fmt((t2 - t1) / 1000, 2)} s (${fmt(ROWS / ((t2 - t1) / 1000), 0)} rows/s)  store ${fmt((t3 - t2) / 1000, 2)} s (${fmt(ROWS / ((t3 - t2) / 1000), 0)} rows/s)  match ${fmt((t4 - t3) / 1000, 2)} s (${fmt(run.orders / ((t4 - t3) / 1000), 0)} orders/s)`);
    console.log(`  import and match: ${fmt(total, 2)} s, ${fmt(ROWS / total, 0)} rows/s; memory: rss ${mb(rss0)} before, peak ${mb(peak)} (+${mb(peak - rss0)})`);
    console.log(`  run: ${run.orders} orders, ${run.matched} reconciled, ${run.held} held, ${run.exceptions} exceptions`);
    const floorMs = await floor(db, items);
    console.log(`  floor: the same ${ROWS} rows by bare INSERT … jsonb_to_recordset: ${fmt(floorMs / 1000, 2)} s (${fmt(ROWS / (floorMs / 1000), 0)} rows/s); store ÷ floor = ${fmt((t3 - t2) / floorMs, 2)}`);
  } finally {
    await s.close();
  }
}

export async function benchReconciliation(): Promise<void> {
  await onBothDatabases('reconciliation', benchOn);
}
