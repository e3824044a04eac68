/**
 * The settlement scenario of issue 12, through the real server over HTTP: two suppliers, three counters in two
 * stores, October 2026 of orders placed through the Platform API and handed over (and returned) through the
 * terminals' sync push, one promotion, till sales, fee bills and supplies; statements drafted and issued; supplier A
 * confirms, supplier B disputes and finance answers with a corrected version. Every figure is checked against a
 * ledger of the orders this test made, summed here independently of the server's SQL.
 */
import ExcelJS from 'exceljs';
import { PDFDocument } from 'pdf-lib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Order } from '../../model/order.js';
import type { OrderEvent, PickedLine } from '../../model/order-event.js';
import type { OrderInput } from '../../protocol/platform.js';
import {
  settlementRoutes,
  type DraftStatementsResponse,
  type IssuePeriodResponse,
  type PeriodStatusResponse,
  type StatementDetailResponse,
  type StatementListResponse,
  type StatementView,
} from '../../protocol/settlement.js';
import { seedConsoleUser, signInConsole, type ConsoleClient } from '../console-auth/console-auth.testkit.js';
import { collect } from '../reports/reports.testkit.js';
import { makeOrderEvent, makeOrderInput, makeStockMove, startTestServer, testOperatorId, type TestServer } from '../testing.js';
import { confirmStatement, disputeStatement } from './events.js';
import { counterDailySales, counterPeriodSales } from './sales.js';

const PERIOD = '2026-10-01';
/** A Beijing wall-clock moment as an instant. */
const bj = (day: string, hhmm: string) => new Date(`${day}T${hhmm}:00+08:00`).toISOString();
const later = (iso: string, minutes: number) => new Date(Date.parse(iso) + minutes * 60_000).toISOString();
const oct = (d: number) => `2026-10-${String(d).padStart(2, '0')}`;

/** SKU → [store, counter, unit price]; SKU-OWN is the store's own goods, on no statement. */
const SKUS: Record<string, { store: string; counter: string | null; price: number }> = {
  'SKU-A1': { store: 'S1', counter: 'C001', price: 12_000 },
  'SKU-A1B': { store: 'S1', counter: 'C001', price: 3_333 },
  'SKU-B1': { store: 'S1', counter: 'C003', price: 25_000 },
  'SKU-OWN': { store: 'S1', counter: null, price: 1_000 },
  'SKU-A2': { store: 'S2', counter: 'C002', price: 8_800 },
};
const AREA: Record<string, string> = { C001: 'F1', C002: 'F2', C003: 'F1' };
const BASE: Record<string, number> = { C001: 2500, C002: 2200, C003: 3000 };
const PROMO = { id: 'P20261010', from: oct(10), to: oct(12), rateBp: 2000, areas: ['F1'] };

type Device = { deviceId: string; storeId: string; token: string };
interface Sold { counter: string; day: string; amount: number }
interface Returned { counter: string; day: string; saleDay: string; amount: number }

let s: TestServer;
let finance: ConsoleClient;
let manager: ConsoleClient;
const devices = new Map<string, Device>();
let ledger: { sold: Sold[]; returned: Returned[] };

beforeEach(async () => {
  s = await startTestServer();
  ledger = { sold: [], returned: [] };
  for (const id of ['S1', 'S2']) {
    await s.admin.seedStore(id);
    devices.set(id, await s.admin.enroll(id, `T-${id}`));
  }
  // The staff were hired before the month the scenario replays (facts count from an operator's hiring).
  await s.db.query(`UPDATE operator_history SET changed_at = '2026-09-01T00:00:00Z'`);
  const { password } = await seedConsoleUser(s, { name: 'fei.finance', role: 'finance' });
  const m = await seedConsoleUser(s, { name: 'ma.manager', role: 'manager', storeIds: ['S1'] });
  finance = await signInConsole(s.url, 'fei.finance', password);
  manager = await signInConsole(s.url, 'ma.manager', m.password);
  await seedMasterData();
});
afterEach(async () => {
  await s.close();
});

/** What masterdata's screens would have stored: straight SQL into migration 16's tables. */
async function seedMasterData() {
  await s.db.query(`INSERT INTO suppliers (id, name) VALUES ('SA', '甲服饰有限公司'), ('SB', '乙皮具商行')`);
  await s.db.query(`INSERT INTO concession_counters (id, store_id, supplier_id, name, area_code, category) VALUES
    ('C001', 'S1', 'SA', '甲女装专柜', 'F1', '女装'), ('C002', 'S2', 'SA', '甲女装二店', 'F2', '女装'), ('C003', 'S1', 'SB', '乙皮具专柜', 'F1', '皮具')`);
  for (const [sku, v] of Object.entries(SKUS)) {
    if (v.counter) await s.db.query('INSERT INTO counter_skus (store_id, sku, counter_id) VALUES ($1, $2, $3)', [v.store, sku, v.counter]);
  }
  const contract = (counter: string, from: string, bp: number, minimum: number | null, fees: object[]) =>
    s.db.query(`INSERT INTO counter_contracts (counter_id, period_from, base_rate_bp, minimum_sales, fee_items, set_by, reason) VALUES ($1, $2::date, $3, $4, $5::jsonb, 'fei.finance', 'signed')`,
      [counter, from, bp, minimum, JSON.stringify(fees)]);
  await contract('C001', '2026-01-01', BASE.C001!, null, []);
  await contract('C002', '2026-01-01', BASE.C002!, 2_000_000, []);
  await contract('C003', '2026-01-01', 3500, null, []);
  // C003's terms changed from October: the later row holds.
  await contract('C003', '2026-10-01', BASE.C003!, null, [{ code: 'MGMT', name: '管理费', amount: 20_000 }]);
  await s.db.query(`INSERT INTO promotions (id, name, from_day, to_day, rate_bp, counter_ids, area_codes, created_by)
    VALUES ($1, '国庆后买送活动', $2::date, $3::date, $4, '{}', $5::text[], 'fei.finance')`, [PROMO.id, PROMO.from, PROMO.to, PROMO.rateBp, PROMO.areas]);
  const bill = (id: string, counter: string, items: object[], total: number) =>
    s.db.query(`INSERT INTO fee_bills (id, counter_id, period_from, items, total, created_by) VALUES ($1, $2, $3::date, $4::jsonb, $5, 'fei.finance')`, [id, counter, PERIOD, JSON.stringify(items), total]);
  await bill('FB202610-C001', 'C001', [{ code: 'AD', name: '广告费', amount: 150_000 }, { code: 'POS', name: 'POS机使用费', amount: 6_000 }], 156_000);
  await bill('FB202610-C003', 'C003', [{ code: 'AD', name: '广告费', amount: 80_000 }], 80_000);
  // Entered twice by mistake: what supplier B will dispute.
  await bill('FB202610-C003-2', 'C003', [{ code: 'AD', name: '广告费', amount: 80_000 }], 80_000);
  const supplies = (counter: string, store: string, item: string, qty: number, unit: number) =>
    s.db.query(`INSERT INTO supplies_usage (counter_id, store_id, period_from, day, item, qty, unit_price, amount, created_by) VALUES ($1, $2, $3::date, $4::date, $5, $6, $7, $8, 'fei.finance')`,
      [counter, store, PERIOD, oct(8), item, qty, unit, qty * unit]);
  await supplies('C001', 'S1', '购物袋', 100, 50);
  await supplies('C003', 'S1', '价签', 20, 10);
  // Till sales: C001 on a promotion day (its promotion's group), C002 a day with a return at the till.
  await s.db.query(`INSERT INTO pos_imports (id, file_hash, file_name, rows, total, imported_by) VALUES (1, 'h1', 'pos-2026-10.csv', 2, 240000, 'fei.finance')`);
  await s.db.query(`INSERT INTO pos_sales (import_id, counter_id, day, sku, qty, amount, returns) VALUES
    (1, 'C001', '2026-10-11', 'SKU-A1', 4, 50000, 0), (1, 'C002', '2026-10-20', 'SKU-A2', 25, 200000, 10000)`);
  ledger.sold.push({ counter: 'C001', day: oct(11), amount: 50_000 }, { counter: 'C002', day: oct(20), amount: 200_000 });
  ledger.returned.push({ counter: 'C002', day: oct(20), saleDay: oct(20), amount: 10_000 });
}

async function push(storeId: string, collection: 'order_events' | 'stock_moves', docs: object[]) {
  const res = await s.sync.push(devices.get(storeId)!.token, collection, docs.map((d) => ({ newDocumentState: { _deleted: false, ...d } as never })));
  expect(res.status).toBe(200);
  expect(res.body).toEqual({ conflicts: [], rejected: [] });
}

interface Line { sku: string; qty: number; picked?: number }

/** An order placed through the Platform API, picked, packed and handed over at `start` + 30 minutes. */
async function sell(storeId: string, start: string, lines: Line[], opts: { pickup?: boolean; handOver?: boolean } = {}): Promise<Order> {
  const input = makeOrderInput({
    storeId,
    placedAt: start,
    fulfilment: opts.pickup
      ? { type: 'pickup', slot: { kind: '2h', dueAt: later(start, 120) } }
      : { type: 'delivery', slot: { kind: '1h', dueAt: later(start, 60) }, address: { line1: '1 Shennan Road', city: 'Shenzhen', lat: 22.541, lon: 114.061 } },
    payment: { method: 'online', amount: lines.reduce((a, l) => a + l.qty * SKUS[l.sku]!.price, 0), currency: 'CNY', paid: true, provider: 'wechat' } as OrderInput['payment'],
    lines: lines.map((l) => ({ sku: l.sku, name: l.sku, qty: l.qty, unitPrice: SKUS[l.sku]!.price })),
  });
  const order = await s.admin.postOrder(input);
  const d = devices.get(storeId)!;
  const picked: PickedLine[] = lines.map((l, i) => {
    const got = l.picked ?? l.qty;
    return { lineIndex: i, sku: l.sku, ordered: l.qty, picked: got, substitute: null, shortReason: got < l.qty ? 'out_of_stock' : null };
  });
  const ev = (type: OrderEvent['type'], minutes: number, extra: Partial<OrderEvent> = {}) => makeOrderEvent(d, order.id, type, { at: later(start, minutes), ...extra });
  const events = [ev('accepted', 1)];
  if (opts.handOver !== false) {
    events.push(ev('picking_started', 2), ev('picked', 3, { lines: picked }),
      ev('packed', 4, { packages: [{ id: `${order.id}-P1`, n: 1, of: 1, items: picked.filter((p) => p.picked > 0).map((p) => ({ sku: p.sku, qty: p.picked })) }] }));
    if (opts.pickup) events.push(ev('ready', 5), ev('picked_up', 30, { via: 'counter', proof: 'staff' }));
    else events.push(ev('dispatched', 6, { courierId: testOperatorId(storeId) }), ev('delivered', 30));
  }
  await push(storeId, 'order_events', events);
  if (opts.handOver !== false) {
    const day = new Date(Date.parse(later(start, 30)) + 8 * 3_600_000).toISOString().slice(0, 10);
    picked.forEach((p) => {
      const counter = SKUS[p.sku]!.counter;
      if (counter && p.picked > 0) ledger.sold.push({ counter, day, amount: p.picked * SKUS[p.sku]!.price });
    });
  }
  return order;
}

/** A customer return at the counter, booked against the order as a `return` stock move. */
async function giveBack(order: Order, saleDay: string, sku: string, qty: number, at: string) {
  await push(order.storeId, 'stock_moves', [makeStockMove(devices.get(order.storeId)!, { kind: 'return', sku, qty, orderId: order.id, at, reason: 'customer return' })]);
  const counter = SKUS[sku]!.counter;
  const day = new Date(Date.parse(at) + 8 * 3_600_000).toISOString().slice(0, 10);
  if (counter) ledger.returned.push({ counter, day, saleDay, amount: qty * SKUS[sku]!.price });
}

/** The month: 13 trading days, three orders each, a short pick, a cancelled order, returns, and the month's edges. */
async function month() {
  const days = [1, 3, 6, 9, 10, 11, 12, 15, 18, 21, 24, 27, 30];
  const byDay = new Map<number, Order[]>();
  for (const d of days) {
    const o1 = await sell('S1', bj(oct(d), '10:00'), [{ sku: 'SKU-A1', qty: 1 + (d % 3), ...(d === 15 ? { picked: d % 3 } : {}) }, { sku: 'SKU-A1B', qty: 2 }, { sku: 'SKU-OWN', qty: 1 }]);
    const o2 = await sell('S1', bj(oct(d), '14:00'), [{ sku: 'SKU-B1', qty: 1 }, { sku: 'SKU-A1', qty: 1 }], { pickup: true });
    const o3 = await sell('S2', bj(oct(d), '16:00'), [{ sku: 'SKU-A2', qty: 1 + (d % 2) }]);
    byDay.set(d, [o1, o2, o3]);
  }
  // Never handed over: no sale.
  await sell('S1', bj(oct(20), '11:00'), [{ sku: 'SKU-B1', qty: 5 }], { handOver: false });
  // The month's edges in Beijing time: handed over 00:10 on 1 October counts; 00:20 on 1 November does not.
  await sell('S1', bj('2026-09-30', '23:40'), [{ sku: 'SKU-B1', qty: 2 }]);
  await sell('S1', bj('2026-10-31', '23:50'), [{ sku: 'SKU-B1', qty: 3 }]);
  // Returns: of a promotion-day sale (its promotion's group), of a regular sale, of the store's own goods (no
  // counter), and of an October sale in November (November's statement, not this one).
  await giveBack(byDay.get(11)![0]!, oct(11), 'SKU-A1', 1, bj(oct(14), '12:00'));
  await giveBack(byDay.get(3)![1]!, oct(3), 'SKU-B1', 1, bj(oct(5), '12:00'));
  await giveBack(byDay.get(3)![0]!, oct(3), 'SKU-OWN', 1, bj(oct(5), '12:30'));
  await giveBack(byDay.get(30)![2]!, oct(30), 'SKU-A2', 1, bj('2026-11-02', '12:00'));
}

/** What the ledger says a counter's groups are: summed here, promotion days by the scenario's own rule. */
function expectedGroups(counter: string): { promotionId: string | null; rateBp: number; sales: number; returns: number }[] {
  const promoted = (day: string) => PROMO.areas.includes(AREA[counter]!) && day >= PROMO.from && day <= PROMO.to;
  const inOct = (day: string) => day >= '2026-10-01' && day <= '2026-10-31';
  const groups = [{ promotionId: null as string | null, rateBp: BASE[counter]!, sales: 0, returns: 0 }];
  if (PROMO.areas.includes(AREA[counter]!)) groups.push({ promotionId: PROMO.id, rateBp: PROMO.rateBp, sales: 0, returns: 0 });
  for (const x of ledger.sold) if (x.counter === counter && inOct(x.day)) groups[promoted(x.day) ? 1 : 0]!.sales += x.amount;
  for (const x of ledger.returned) if (x.counter === counter && inOct(x.day)) groups[promoted(x.saleDay) ? 1 : 0]!.returns += x.amount;
  return groups;
}

const halfUp = (net: number, bp: number) => Math.floor((net * bp + 5000) / 10000);

async function detail(id: string): Promise<StatementDetailResponse> {
  const res = await finance.request<StatementDetailResponse>('GET', settlementRoutes.statement(id));
  expect(res.status).toBe(200);
  return res.body;
}

function checkAgainstLedger(st: StatementView, deductions: number) {
  const groups = expectedGroups(st.counterId);
  expect(st.body.groups.map((g) => ({ promotionId: g.promotionId, rateBp: g.rateBp, sales: g.sales, returns: g.returns }))).toEqual(groups);
  for (const g of st.body.groups) {
    expect(g.net).toBe(g.sales - g.returns);
    expect(g.commission).toBe(halfUp(g.net, g.rateBp));
  }
  const t = st.body.totals;
  expect(t.grossSales).toBe(groups.reduce((a, g) => a + g.sales, 0));
  expect(t.returns).toBe(groups.reduce((a, g) => a + g.returns, 0));
  expect(t.netSales).toBe(t.grossSales - t.returns);
  expect(t.groupCommission).toBe(st.body.groups.reduce((a, g) => a + g.commission, 0));
  expect(t.invoiceAmount).toBe(t.netSales - t.commission);
  expect(t.deductions).toBe(deductions);
  expect(t.payable).toBe(t.invoiceAmount - deductions);
  expect(st.payable).toBe(t.payable);
}

describe('settlement scenario: two suppliers, three counters, a month of orders', () => {
  it('drafts and issues statements whose every figure is the sum of the orders behind it; A confirms, B disputes and gets a corrected version', async () => {
    await month();

    // ---- Before anything is issued, the period is overdue (it is past 5 November) --------------------------------
    const before = await finance.request<PeriodStatusResponse>('GET', `${settlementRoutes.periodStatus}?period=${PERIOD}`);
    expect(before.body).toMatchObject({ periodLabel: '2026-10', dueDate: '2026-11-05', counters: 3, notIssued: 3, overdue: true });

    // ---- Roles: a store manager may not, and a write without the CSRF token is refused ---------------------------
    expect((await manager.request('GET', settlementRoutes.statements)).status).toBe(403);
    const noCsrf = await finance.fetch(settlementRoutes.draft, { method: 'POST', headers: { 'content-type': 'application/json', 'x-csrf-token': 'wrong' }, body: JSON.stringify({ periodFrom: PERIOD }) });
    expect(noCsrf.status).toBe(403);
    expect((await finance.request('POST', settlementRoutes.draft, { periodFrom: '2026-10-02' })).status).toBe(400);

    // ---- Draft: one statement per counter ------------------------------------------------------------------------
    const drafted = await finance.request<DraftStatementsResponse>('POST', settlementRoutes.draft, { periodFrom: PERIOD });
    expect(drafted.status).toBe(200);
    expect(drafted.body).toMatchObject({ periodFrom: PERIOD, periodTo: '2026-10-31', periodLabel: '2026-10', drafted: 3, skipped: 0, withoutContract: [] });
    expect(drafted.body.statementIds).toEqual(['JS202610-C001-v1', 'JS202610-C002-v1', 'JS202610-C003-v1']);

    const c1 = (await detail('JS202610-C001-v1')).statement;
    const c2 = (await detail('JS202610-C002-v1')).statement;
    const c3 = (await detail('JS202610-C003-v1')).statement;
    expect(c1).toMatchObject({ number: 'JS202610-C001', version: 1, status: 'draft', supplierId: 'SA', storeId: 'S1', dueDate: '2026-11-05' });
    checkAgainstLedger(c1, 150_000 + 6_000 + 5_000);
    checkAgainstLedger(c2, 0);
    checkAgainstLedger(c3, 80_000 + 80_000 + 20_000 + 200);
    // The promotion day's till sales and the returned promotion sale sit in C001's promotion group.
    expect(c1.body.groups[1]).toMatchObject({ kind: 'promotion', promotionId: PROMO.id, promotionName: '国庆后买送活动', rateBp: 2000, returns: 12_000 });
    // C002 fell short of its ¥20,000.00 minimum: commission on the minimum, the difference as its own line.
    expect(c2.body.totals.netSales).toBeLessThan(2_000_000);
    expect(c2.body.totals.commission).toBe(440_000);
    expect(c2.body.totals.minimumShortfall).toBe(440_000 - c2.body.totals.groupCommission);
    expect(c3.body.deductions.map((d) => [d.kind, d.code, d.amount])).toEqual([
      ['fee_bill', 'AD', 80_000], ['fee_bill', 'AD', 80_000], ['contract_fee', 'MGMT', 20_000], ['supplies', 'SUPPLIES', 200],
    ]);

    // ---- The portal's sales figures agree with the statements ----------------------------------------------------
    const daily = await collect(counterDailySales(s.db, { counterIds: ['C001', 'C002'], from: '2026-10-01', to: '2026-10-31' }));
    for (const st of [c1, c2]) {
      const mine = daily.filter((r) => r.counterId === st.counterId);
      expect(mine.reduce((a, r) => a + r.sales, 0)).toBe(st.body.totals.grossSales);
      expect(mine.reduce((a, r) => a + r.returns, 0)).toBe(st.body.totals.returns);
    }
    expect(daily.some((r) => r.sku === 'SKU-OWN' || r.counterId === 'C003')).toBe(false);
    const period = await collect(counterPeriodSales(s.db, { counterIds: ['C003'], from: '2026-10-01', to: '2026-10-31' }, []));
    expect(period.filter((r) => r.promotionId === PROMO.id).reduce((a, r) => a + r.sales, 0)).toBe(c3.body.groups[1]!.sales);
    expect(period.reduce((a, r) => a + r.sales - r.returns, 0)).toBe(c3.body.totals.netSales);

    // ---- Issue the period; drafting again leaves issued statements alone ----------------------------------------
    const issued = await finance.request<IssuePeriodResponse>('POST', settlementRoutes.issuePeriod, { periodFrom: PERIOD });
    expect(issued.body).toEqual({ issued: 3, statementIds: ['JS202610-C001-v1', 'JS202610-C002-v1', 'JS202610-C003-v1'] });
    await s.db.query(`INSERT INTO fee_bills (id, counter_id, period_from, items, total, created_by) VALUES ('FB-LATE', 'C001', $1::date, '[{"code":"X","name":"迟到费用","amount":999}]', 999, 'x')`, [PERIOD]);
    const again = await finance.request<DraftStatementsResponse>('POST', settlementRoutes.draft, { periodFrom: PERIOD });
    expect(again.body).toMatchObject({ drafted: 0, skipped: 3 });
    expect((await detail(c1.id)).statement.body).toEqual(c1.body);
    expect((await finance.request('POST', settlementRoutes.issue(c1.id))).body).toMatchObject({ code: 'CONFLICT', details: { reason: 'STATEMENT_WRONG_STATUS' } });
    const after = await finance.request<PeriodStatusResponse>('GET', `${settlementRoutes.periodStatus}?period=${PERIOD}`);
    expect(after.body).toMatchObject({ notIssued: 0, overdue: false, byStatus: { issued: 3 } });

    // ---- Supplier A confirms its two; it cannot touch B's --------------------------------------------------------
    expect(await confirmStatement(s.db, 'SA', c1.id)).toMatchObject({ status: 'confirmed' });
    expect(await confirmStatement(s.db, 'SA', c2.id)).toMatchObject({ status: 'confirmed' });
    await expect(confirmStatement(s.db, 'SA', c1.id)).rejects.toMatchObject({ code: 'CONFLICT', details: { reason: 'STATEMENT_WRONG_STATUS' } });
    await expect(disputeStatement(s.db, 'SA', c3.id, 'not mine')).rejects.toMatchObject({ code: 'NOT_FOUND' });

    // ---- Supplier B disputes: the advertising fee was billed twice ------------------------------------------------
    expect(await disputeStatement(s.db, 'SB', c3.id, '广告费重复扣款')).toMatchObject({ status: 'disputed' });
    expect((await finance.request('POST', settlementRoutes.paid(c3.id), {})).status).toBe(409);
    // Finance withdraws the duplicate bill and answers with a corrected version.
    await s.db.query(`DELETE FROM fee_bills WHERE id = 'FB202610-C003-2'`);
    const corrected = await finance.request<StatementView>('POST', settlementRoutes.correct(c3.id), { reason: '重复的广告费单已撤销' });
    expect(corrected.status).toBe(201);
    expect(corrected.body).toMatchObject({ id: 'JS202610-C003-v2', number: 'JS202610-C003', version: 2, status: 'draft', correctionReason: '重复的广告费单已撤销' });
    checkAgainstLedger(corrected.body, 80_000 + 20_000 + 200);
    expect(corrected.body.payable).toBe(c3.payable + 80_000);
    const v1 = await detail(c3.id);
    expect(v1.statement.status).toBe('superseded');
    expect(v1.statement.body).toEqual(c3.body);
    expect(v1.events.map((e) => [e.type, e.by, e.comment])).toEqual([
      ['drafted', 'fei.finance', null], ['issued', 'fei.finance', null], ['disputed', 'supplier:SB', '广告费重复扣款'],
      ['resolved', 'fei.finance', '重复的广告费单已撤销'], ['corrected', 'fei.finance', 'JS202610-C003-v2'],
    ]);
    expect(v1.versions.map((v) => [v.id, v.status])).toEqual([['JS202610-C003-v1', 'superseded'], ['JS202610-C003-v2', 'draft']]);
    await expect(confirmStatement(s.db, 'SB', 'JS202610-C003-v2')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect((await finance.request<StatementView>('POST', settlementRoutes.issue('JS202610-C003-v2'))).body.status).toBe('issued');
    expect(await confirmStatement(s.db, 'SB', 'JS202610-C003-v2')).toMatchObject({ status: 'confirmed' });

    // ---- Paid ----------------------------------------------------------------------------------------------------
    for (const id of [c1.id, c2.id, 'JS202610-C003-v2']) expect((await finance.request<StatementView>('POST', settlementRoutes.paid(id), {})).body.status).toBe('paid');
    const list = await finance.request<StatementListResponse>('GET', `${settlementRoutes.statements}?period=${PERIOD}`);
    expect(list.body.statements.map((x) => [x.id, x.status, x.payable])).toEqual([
      [c1.id, 'paid', c1.payable], [c2.id, 'paid', c2.payable], ['JS202610-C003-v2', 'paid', corrected.body.payable],
    ]);

    // ---- Export and print ----------------------------------------------------------------------------------------
    const xlsx = await finance.fetch(`${settlementRoutes.export(c1.id)}?format=xlsx`);
    expect(xlsx.status).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(await xlsx.arrayBuffer()) as unknown as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    const payableRow = sheet.getRows(1, sheet.rowCount)!.find((r) => r.getCell(2).value === '应付金额')!;
    expect(Math.round(Number(payableRow.getCell(7).value) * 100)).toBe(c1.payable);
    const csv = await finance.fetch(`${settlementRoutes.exportList}?period=${PERIOD}&format=csv&lang=en`);
    expect(await csv.text()).toContain('JS202610-C003');
    const pdf = await finance.fetch(settlementRoutes.pdf(c1.id));
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    const doc = await PDFDocument.load(new Uint8Array(await pdf.arrayBuffer()));
    expect(doc.getPageCount()).toBeGreaterThanOrEqual(1);
    expect(doc.getTitle()).toBe('专柜结款单 JS202610-C001 v1');
  });
});
