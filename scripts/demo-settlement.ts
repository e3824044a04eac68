/**
 * Concession counters and the supplier portal in the demo (issue 12): two suppliers with portal accounts, three
 * counters in the demo store selling SKUs of the demo catalogue, their contracts (one with a guaranteed minimum, one
 * with a recurring fee), a promotion, fee bills and supplies, a month of handed-over orders, that month's statements
 * drafted and issued, and a notice. Everything but the orders goes through the console's own routes, signed in as
 * the demo's finance user, so the demo builds what a clerk would build on the pages.
 *
 * The suppliers' first passwords are issued once and kept in .data/demo/suppliers.json (like console-users.json):
 * on a restart nothing is made again, the sign-ins are read back and printed.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { v7 as uuidv7 } from 'uuid';
import type { AccountingPeriod } from '../sync/model/money/periods.js';
import { businessDayOf } from '../sync/model/money/till.js';
import type { ProductInput } from '../sync/protocol/platform.js';
import { REPORTS_BASE, type PeriodsResponse } from '../sync/protocol/reports.js';
import { settlementRoutes, type DraftStatementsResponse, type IssuePeriodRequest } from '../sync/protocol/settlement.js';
import {
  settlementMasterRoutes,
  type CreateContractRequest,
  type CreateCounterRequest,
  type CreateFeeBillRequest,
  type CreatePromotionRequest,
  type CreateSuppliesRequest,
  type CreateSupplierRequest,
  type SuppliersResponse,
} from '../sync/protocol/settlement-master.js';
import { SUPPLIER_PATH } from '../sync/protocol/supplier.js';
import { supplierConsoleRoutes, type SupplierIssuePasswordResponse, type SupplierPublishNoticeRequest } from '../sync/protocol/supplier-console.js';
import type { Db } from '../sync/server/db/index.js';
import { signInConsole, type ConsoleClient } from '../sync/server/console-auth/console-auth.testkit.js';
import { createRng, pick, type Rng } from './demo-data.js';

export interface DemoSupplier {
  code: string;
  name: string;
  /** The first password, as issued; the portal makes the supplier change it at the first sign-in. */
  password: string;
}

export interface DemoSettlement {
  portal: string;
  period: AccountingPeriod;
  suppliers: DemoSupplier[];
  statements: number;
}

const SUPPLIERS: readonly CreateSupplierRequest[] = [
  { id: 'G10211', name: '上海清泉饮品贸易有限公司', contacts: [{ name: '周敏', phone: '021-5566 1021', role: '财务' }] },
  { id: 'G10778', name: '上海好味休闲食品有限公司', contacts: [{ name: '郭杰', phone: '021-5566 1077', role: '财务' }] },
];

/** Each counter sells one aisle of the demo catalogue (demo-catalogue.ts): its SKUs are that aisle's. */
const COUNTERS: readonly (Omit<CreateCounterRequest, 'storeId'> & { aisle: string; contract: Omit<CreateContractRequest, 'periodFrom' | 'reason'> })[] = [
  { id: 'C001', supplierId: 'G10211', name: '清泉饮品专柜', areaCode: 'F1-A', category: '饮料', aisle: 'A1', contract: { baseRateBp: 2500 } },
  { id: 'C002', supplierId: 'G10778', name: '好味零食专柜', areaCode: 'F1-B', category: '休闲食品', aisle: 'A6', contract: { baseRateBp: 2200, feeItems: [{ code: 'M01', name: '专柜管理费', amount: 50_000 }] } },
  // A guaranteed minimum well above what the demo sells: its statement shows the shortfall line (保底补差).
  { id: 'C003', supplierId: 'G10778', name: '好味冷冻专柜', areaCode: 'F1-B', category: '冷冻食品', aisle: 'A7', contract: { baseRateBp: 2000, minimumSales: 3_000_000 } },
];

/** The demo's suppliers, counters and a settled month, made once; read back from the data dir on a restart. */
export async function demoSettlement(opts: {
  db: Db;
  serverUrl: string;
  dataDir: string;
  storeId: string;
  catalogue: readonly ProductInput[];
  finance: { name: string; password: string };
  now: Date;
}): Promise<DemoSettlement> {
  const file = path.join(opts.dataDir, 'suppliers.json');
  const portal = `${opts.serverUrl}${SUPPLIER_PATH}/`;
  const c = await signInConsole(opts.serverUrl, opts.finance.name, opts.finance.password);
  const period = await lastEndedPeriod(c, opts.now);
  const existing = (await ok<SuppliersResponse>(c, 'GET', settlementMasterRoutes.suppliers)).suppliers.map((s) => s.id);
  if (existsSync(file) && SUPPLIERS.every((s) => existing.includes(s.id))) {
    const kept = JSON.parse(readFileSync(file, 'utf8')) as { period: AccountingPeriod; suppliers: DemoSupplier[] };
    return { portal, period: kept.period, suppliers: kept.suppliers, statements: 0 };
  }

  for (const s of SUPPLIERS) if (!existing.includes(s.id)) await ok(c, 'POST', settlementMasterRoutes.suppliers, s);
  const skus = new Map<string, ProductInput[]>();
  for (const k of COUNTERS) {
    const { aisle, contract, ...counter } = k;
    const sold = opts.catalogue.filter((p) => p.location?.aisle === aisle);
    skus.set(k.id, sold);
    await ok(c, 'POST', settlementMasterRoutes.counters, { ...counter, storeId: opts.storeId } satisfies CreateCounterRequest, [409]);
    await ok(c, 'PUT', settlementMasterRoutes.counterSkus(k.id), { skus: sold.map((p) => p.sku) });
    await ok(c, 'POST', settlementMasterRoutes.counterContracts(k.id), { ...contract, periodFrom: period.from, reason: '2026 年度专柜合同' } satisfies CreateContractRequest);
  }
  const day = (n: number) => addDays(period.from, n);
  const promotion: CreatePromotionRequest = { id: `HD${period.label.replace('-', '')}01`, name: '饮品节 买满100送20', fromDay: day(9), toDay: day(15), rateBp: 2000, counterIds: ['C001'], areaCodes: [] };
  await ok(c, 'POST', settlementMasterRoutes.promotions, promotion, [409]);
  const bills: CreateFeeBillRequest[] = [
    { counterId: 'C001', periodFrom: period.from, items: [{ code: 'F01', name: '促销服务费', amount: 120_000 }, { code: 'F02', name: '电费', amount: 46_000 }] },
    { counterId: 'C002', periodFrom: period.from, items: [{ code: 'F01', name: '促销服务费', amount: 80_000 }] },
  ];
  for (const b of bills) await ok(c, 'POST', settlementMasterRoutes.feeBills, b);
  const supplies: CreateSuppliesRequest[] = [
    { counterId: 'C001', day: day(2), item: '购物袋（大）', qty: 200, unitPrice: 30 },
    { counterId: 'C003', day: day(5), item: '价签', qty: 100, unitPrice: 50 },
  ];
  for (const s of supplies) await ok(c, 'POST', settlementMasterRoutes.supplies, s);

  await handedOverOrders(opts.db, opts.storeId, period, skus, createRng(20261));
  const drafted = await ok<DraftStatementsResponse>(c, 'POST', settlementRoutes.draft, { periodFrom: period.from });
  await ok(c, 'POST', settlementRoutes.issuePeriod, { periodFrom: period.from } satisfies IssuePeriodRequest);
  const notice: SupplierPublishNoticeRequest = {
    title: `${period.label} 专柜结款单已发布`,
    body: `各位供应商：\n${period.label} 会计期间（${period.from} 至 ${period.to}）的专柜结款单已发布，请登录供应商网上平台核对。\n如无异议请点击“确认”；如有异议请点击“有异议”并说明原因，财务部将在三个工作日内答复。`,
    kind: 'notice',
    audience: 'all',
  };
  await ok(c, 'POST', supplierConsoleRoutes.notices, notice);

  const suppliers: DemoSupplier[] = [];
  for (const s of SUPPLIERS) {
    const r = await ok<SupplierIssuePasswordResponse>(c, 'POST', supplierConsoleRoutes.issuePassword(s.id), {});
    suppliers.push({ code: s.id, name: s.name, password: r.password });
  }
  mkdirSync(opts.dataDir, { recursive: true });
  writeFileSync(file, JSON.stringify({ period, suppliers }, null, 2), { mode: 0o600 });
  return { portal, period, suppliers, statements: drafted.statementIds.length };
}

/** The last accounting period that has ended, by finance's own period rules (the reports' periods). */
async function lastEndedPeriod(c: ConsoleClient, now: Date): Promise<AccountingPeriod> {
  const today = businessDayOf(now, 'Asia/Shanghai');
  const { periods } = await ok<PeriodsResponse>(c, 'GET', `${REPORTS_BASE}/periods?from=${addDays(today, -70)}&to=${today}`);
  const ended = periods.filter((p) => p.to < today).at(-1);
  if (!ended) throw new Error('no accounting period has ended in the last 70 days');
  return ended;
}

/**
 * A month of orders handed over at the counters, two to five a day each, stored as the centre stores a delivered
 * order (the document and its status fold) but out of the terminals' window: they are a month old, and the demo
 * terminal has no business holding them. Ids are fixed per period, so a second run adds nothing.
 */
async function handedOverOrders(db: Db, storeId: string, period: AccountingPeriod, skus: ReadonlyMap<string, ProductInput[]>, rng: Rng): Promise<void> {
  const rows: { id: string; doc: object; fold: object }[] = [];
  for (let day = period.from; day <= period.to; day = addDays(day, 1)) {
    for (const [counterId, products] of skus) {
      const n = 2 + Math.floor(rng() * 4);
      for (let i = 0; i < n; i++) {
        const at = new Date(`${day}T${String(10 + Math.floor(rng() * 10)).padStart(2, '0')}:${String(Math.floor(rng() * 60)).padStart(2, '0')}:00+08:00`).toISOString();
        const lines = Array.from({ length: 1 + Math.floor(rng() * 3) }, () => {
          const p = pick(rng, products);
          // Cheap things (a can of cola) go by the half dozen, dear ones one or two at a time.
          return { sku: p.sku, name: p.name, qty: 1 + Math.floor(rng() * (p.unitPrice < 1000 ? 12 : 3)), unitPrice: p.unitPrice };
        });
        const amount = lines.reduce((sum, l) => sum + l.qty * l.unitPrice, 0);
        const id = `JS-${day.replaceAll('-', '')}-${counterId}-${i + 1}`;
        const doc = {
          id, storeId, lines, placedAt: at, dueAt: at, receivedAt: at, updatedAt: at,
          fulfilment: { type: 'delivery', slot: { kind: '1h', dueAt: at } },
          customer: { name: '顾客', phone: '13800000000' },
          payment: { method: 'online', amount, currency: 'CNY', paid: true },
        };
        rows.push({ id, doc, fold: { status: 'delivered', changedAt: at, last: { at, id: uuidv7() }, picked: { at, lines: null } } });
      }
    }
  }
  await db.tx(async (q) => {
    const [st] = await q.query<{ seq: string }>('UPDATE stores SET seq = seq + 1 WHERE id = $1 RETURNING seq', [storeId]);
    const json = JSON.stringify(rows);
    const from = `FROM jsonb_array_elements($2::jsonb) r`;
    await q.query(
      `INSERT INTO docs (store_id, collection, id, position, data, in_window)
       SELECT $1, 'orders', r->>'id', $3, r->'doc', false ${from} ON CONFLICT DO NOTHING`,
      [storeId, json, st!.seq],
    );
    await q.query(`INSERT INTO order_index (id, store_id) SELECT r->>'id', $1 ${from} ON CONFLICT DO NOTHING`, [storeId, json]);
    await q.query(`INSERT INTO order_folds (store_id, order_id, fold) SELECT $1, r->>'id', r->'fold' ${from} ON CONFLICT DO NOTHING`, [storeId, json]);
  });
}

function addDays(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/** A console call that must succeed (or answer one of `alsoFine`, e.g. 409 for what a previous run made). */
async function ok<T = unknown>(c: ConsoleClient, method: string, route: string, body?: unknown, alsoFine: number[] = []): Promise<T> {
  const res = await c.request<T>(method, route, body);
  if ((res.status < 200 || res.status > 299) && !alsoFine.includes(res.status)) {
    throw new Error(`${method} ${route} answered ${res.status}: ${JSON.stringify(res.body)}`);
  }
  return res.body;
}
