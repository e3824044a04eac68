/**
 * The reconciliation scenario of issue 11: three stores and a day of orders, through the real server over HTTP.
 * The stores' closed days come straight from the ClosedDay contract (the day close's closedDaySource stands in
 * here as a list the test fills); the providers' bills are real files from the bills test kit.
 */
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import type { ClosedDay } from '../../model/money/closed-day.js';
import type { Order } from '../../model/order.js';
import type { OrderEvent, PickedLine } from '../../model/order-event.js';
import type { Payment } from '../../model/payment.js';
import type { OrderInput, RefundResponse } from '../../protocol/platform.js';
import {
  reconRoutes,
  type BillImportResponse,
  type BillListResponse,
  type ExceptionListResponse,
  type MatchRunResponse,
  type OrderReconciliationResponse,
  type ResolutionAuditResponse,
  type ResolutionView,
} from '../../protocol/reconciliation.js';
import { seedConsoleUser, signInConsole, type ConsoleClient } from '../console-auth/console-auth.testkit.js';
import { makeOrderEvent, makeOrderInput, startTestServer, testOperatorId, type TestServer } from '../testing.js';
import { alipayBill, wechatBill, type BillFileItem } from './bills/bill-files.testkit.js';

const DAY = '2026-11-27';
const NEXT = '2026-11-28';
/** A moment of the bill day in Beijing time ("09:30" → 01:30Z). */
const bj = (hhmm: string, day = DAY) => new Date(`${day}T${hhmm}:00+08:00`).toISOString();
const later = (iso: string, minutes: number) => new Date(Date.parse(iso) + minutes * 60_000).toISOString();

type Device = { deviceId: string; storeId: string; token: string };

let s: TestServer;
let closes: ClosedDay[];
let finance: ConsoleClient;
const devices = new Map<string, Device>();

beforeEach(async () => {
  closes = [];
  s = await startTestServer({
    reconciliation: {
      closedDays: async ({ from, to }) => closes.filter((c) => c.businessDay >= from && c.businessDay <= to),
      feeRates: { wechat: 60, alipay: 60 },
    },
  });
  for (const id of ['S1', 'S2', 'S3']) {
    await s.admin.seedStore(id);
    devices.set(id, await s.admin.enroll(id, `T-${id}`));
  }
  // The staff were hired before the day the scenario replays (an operator's facts count from their hiring).
  await s.db.query(`UPDATE operator_history SET changed_at = '2026-11-01T00:00:00Z'`);
  const { password } = await seedConsoleUser(s, { name: 'fei.finance', role: 'finance' });
  await seedConsoleUser(s, { name: 'ma.manager', role: 'manager', storeIds: ['S1'] });
  finance = await signInConsole(s.url, 'fei.finance', password);
});
afterEach(async () => {
  await s.close();
});

async function push(storeId: string, collection: 'order_events' | 'payments', docs: object[]) {
  const res = await s.sync.push(devices.get(storeId)!.token, collection, docs.map((d) => ({ newDocumentState: { _deleted: false, ...d } as never })));
  expect(res.status).toBe(200);
  expect(res.body).toEqual({ conflicts: [], rejected: [] });
}

interface Placed {
  order: Order;
  input: OrderInput;
}

async function place(storeId: string, n: string, payment: OrderInput['payment'], opts: { at: string; pickup?: boolean; qty?: number; unitPrice?: number }): Promise<Placed> {
  const qty = opts.qty ?? 1;
  const unitPrice = opts.unitPrice ?? payment.amount / qty;
  const input = makeOrderInput({
    id: `EO-${DAY.replace(/-/g, '')}-${n}`,
    storeId,
    placedAt: opts.at,
    fulfilment: opts.pickup
      ? { type: 'pickup', slot: { kind: '2h', dueAt: later(opts.at, 120) } }
      : { type: 'delivery', slot: { kind: '1h', dueAt: later(opts.at, 60) }, address: { line1: '1 Shennan Road', city: 'Shenzhen', lat: 22.541, lon: 114.061 } },
    payment,
    lines: [{ sku: `SKU-${n}`, name: `Goods ${n}`, qty, unitPrice }],
  });
  return { order: await s.admin.postOrder(input), input };
}

const online = (provider: 'wechat' | 'alipay', amount: number, outTradeNo?: string): OrderInput['payment'] =>
  ({ method: 'online', amount, currency: 'CNY', paid: true, provider, ...(outTradeNo ? { outTradeNo } : {}) });
const cod = (amount: number): OrderInput['payment'] => ({ method: 'cod', amount, currency: 'CNY', paid: false, provider: 'cod' });

/** The facts from accepted to packed (or ready), `picked` units of the one line picked. */
function work(p: Placed, start: string, picked?: number, ready?: OrderEvent['compartment'] | 'counter'): OrderEvent[] {
  const d = devices.get(p.order.storeId)!;
  const line = p.order.lines[0]!;
  const got = picked ?? line.qty;
  const lines: PickedLine[] = [{ lineIndex: 0, sku: line.sku, ordered: line.qty, picked: got, substitute: null, shortReason: got < line.qty ? 'out_of_stock' : null }];
  const events = [
    makeOrderEvent(d, p.order.id, 'accepted', { at: later(start, 1) }),
    makeOrderEvent(d, p.order.id, 'picking_started', { at: later(start, 2) }),
    makeOrderEvent(d, p.order.id, 'picked', { at: later(start, 3), lines }),
    makeOrderEvent(d, p.order.id, 'packed', { at: later(start, 4), packages: [{ id: `${p.order.id}-P1`, n: 1, of: 1, items: [{ sku: line.sku, qty: got }] }] }),
  ];
  if (ready) events.push(makeOrderEvent(d, p.order.id, 'ready', { at: later(start, 5), ...(ready === 'counter' ? {} : { compartment: ready }) }));
  return events;
}

/** Delivered by the store's lead as courier; with a payment when money was due at the door. */
async function deliver(p: Placed, start: string, opts: { picked?: number; payment?: Omit<Payment, 'id' | 'storeId' | 'orderId' | 'eventId' | 'operatorId' | 'deviceId' | 'at' | 'currency'> } = {}) {
  const d = devices.get(p.order.storeId)!;
  const paymentId = opts.payment ? uuidv7() : undefined;
  const delivered = makeOrderEvent(d, p.order.id, 'delivered', { at: later(start, 30), ...(paymentId ? { paymentId } : {}) });
  await push(p.order.storeId, 'order_events', [
    ...work(p, start, opts.picked),
    makeOrderEvent(d, p.order.id, 'dispatched', { at: later(start, 6), courierId: testOperatorId(p.order.storeId) }),
  ]);
  if (opts.payment && paymentId) {
    await push(p.order.storeId, 'payments', [{
      id: paymentId, storeId: p.order.storeId, orderId: p.order.id, eventId: delivered.id, currency: 'CNY', collectedBy: testOperatorId(p.order.storeId),
      operatorId: testOperatorId(p.order.storeId), deviceId: d.deviceId, at: delivered.at, ...opts.payment,
    }]);
  }
  await push(p.order.storeId, 'order_events', [delivered]);
}

async function pickUp(p: Placed, start: string, via: 'locker' | 'counter', payment?: Omit<Payment, 'id' | 'storeId' | 'orderId' | 'eventId' | 'operatorId' | 'deviceId' | 'at' | 'currency'>) {
  const d = devices.get(p.order.storeId)!;
  const paymentId = payment ? uuidv7() : undefined;
  const compartment = { bankId: 'A', number: 3 };
  const pickedUp = makeOrderEvent(d, p.order.id, 'picked_up', {
    at: later(start, 40), via, proof: via === 'locker' ? 'qr' : 'staff', ...(via === 'locker' ? { compartment } : {}), ...(paymentId ? { paymentId } : {}),
  });
  await push(p.order.storeId, 'order_events', work(p, start, undefined, via === 'locker' ? compartment : 'counter'));
  if (payment && paymentId) {
    await push(p.order.storeId, 'payments', [{
      id: paymentId, storeId: p.order.storeId, orderId: p.order.id, eventId: pickedUp.id, currency: 'CNY', operatorId: testOperatorId(p.order.storeId),
      deviceId: d.deviceId, at: pickedUp.at, ...payment,
    }]);
  }
  await push(p.order.storeId, 'order_events', [pickedUp]);
}

function close(storeId: string, over: Partial<ClosedDay>): ClosedDay {
  return {
    storeId, deviceId: devices.get(storeId)!.deviceId, businessDay: DAY, closeId: uuidv7(), closedAt: bj('22:30'), closedBy: testOperatorId(storeId),
    cashExpected: 20_000, cashCounted: 20_000, variance: 0, tolerance: 200, cardBatches: [], codOrders: [], ...over,
  };
}

async function importBill(provider: 'wechat' | 'alipay', file: Buffer, billDate: string, client: ConsoleClient = finance) {
  const res = await client.fetch(`${reconRoutes.importBill}?provider=${provider}&billDate=${billDate}`, {
    method: 'POST', headers: { 'content-type': 'application/octet-stream' }, body: new Uint8Array(file),
  });
  return { status: res.status, body: (await res.json()) as BillImportResponse & { code?: string } };
}

async function run(from = DAY, to = DAY): Promise<MatchRunResponse> {
  const res = await finance.request<MatchRunResponse>('POST', reconRoutes.run, { from, to });
  expect(res.status).toBe(200);
  return res.body;
}

async function exceptions(query = ''): Promise<ExceptionListResponse> {
  const res = await finance.request<ExceptionListResponse>('GET', `${reconRoutes.exceptions}?${query}`);
  expect(res.status).toBe(200);
  return res.body;
}

async function standings(): Promise<Record<string, string>> {
  const res = await finance.request<OrderReconciliationResponse>('GET', `${reconRoutes.orders}?from=${DAY}&to=${DAY}`);
  return Object.fromEntries(res.body.orders.map((o) => [o.orderId, o.standing]));
}

describe('reconciliation scenario: three stores, a day of orders, the closes and the bills', () => {
  it('finds exactly the cash shortage and the missing refund, holds what may still come, and after resolution every order is reconciled', async () => {
    // ---- S1: online WeChat and Alipay deliveries, and a cash-on-delivery order paid in cash ----------------------
    const w1 = await place('S1', 'W1', online('wechat', 5000, 'WX-W1'), { at: bj('09:00') });
    const a1 = await place('S1', 'A1', online('alipay', 3000), { at: bj('09:10') });
    const c1 = await place('S1', 'C1', cod(7980), { at: bj('10:00') });
    await deliver(w1, bj('09:05'));
    await deliver(a1, bj('09:15'));
    await deliver(c1, bj('10:05'), { payment: { method: 'cash', amount: 7980, due: 7980, difference: 0, tendered: 8000, change: 20 } });

    // ---- S2: COD by card at the counter, a short pick on a paid order, a cancellation after payment ---------------
    const c2 = await place('S2', 'C2', cod(4590), { at: bj('11:00'), pickup: true });
    const sp = await place('S2', 'SP', online('wechat', 4000), { at: bj('11:30'), qty: 2, unitPrice: 2000 });
    const x1 = await place('S2', 'X1', online('wechat', 6000), { at: bj('12:00') });
    await pickUp(c2, bj('11:05'), 'counter', { method: 'card', amount: 4590, due: 4590, difference: 0, batch: 'B0007', reference: 'RRN-C2' });
    await deliver(sp, bj('11:35'), { picked: 1 });
    await push('S2', 'order_events', [makeOrderEvent(devices.get('S2')!, x1.order.id, 'accepted', { at: bj('12:01') })]);
    expect((await s.request('POST', `/api/v1/orders/${x1.order.id}/cancel`, { token: s.platformApiKey, body: { reason: 'customer changed their mind' } })).status).toBe(200);

    // ---- S3: a locker pickup paid by Alipay, a WeChat payment at 23:58 (its bill row lands after midnight), and COD
    const l1 = await place('S3', 'L1', online('alipay', 4500), { at: bj('13:00'), pickup: true });
    const m1 = await place('S3', 'M1', online('wechat', 3300), { at: bj('23:58') });
    const c3 = await place('S3', 'C3', cod(2500), { at: bj('14:00') });
    await pickUp(l1, bj('13:05'), 'locker');
    await deliver(m1, bj('23:58'));
    await deliver(c3, bj('14:05'), { payment: { method: 'cash', amount: 2500, due: 2500, difference: 0, tendered: 2500, change: 0 } });

    // ---- The platform's refunds: the short pick's value, and the cancelled order in full -------------------------
    const refund = async (p: Placed, refundId: string, amount: number, at: string) =>
      s.request<RefundResponse>('POST', `/api/v1/orders/${p.order.id}/refunds`, { token: s.platformApiKey, body: { refundId, amount, reason: 'owed back', at } });
    expect((await refund(sp, 'RF-SP', 2000, bj('15:00'))).status).toBe(201);
    expect((await refund(sp, 'RF-SP', 2000, bj('15:00'))).status).toBe(200);
    expect((await refund(sp, 'RF-SP2', 2001, bj('15:00'))).body).toMatchObject({ code: 'REFUND_EXCEEDS_PAID' });
    expect((await refund(x1, 'RF-X1', 6000, bj('16:00'))).body).toMatchObject({ refunded: 6000, paid: 6000 });
    expect((await refund(c1, 'RF-C1', 100, bj('16:00'))).body).toMatchObject({ code: 'PAYMENT_NOT_ONLINE' });

    // ---- The closes: S1 short by ¥5 beyond its ¥2 tolerance, approved by the manager; S2 with its card batch; S3 offline
    closes.push(close('S1', { cashExpected: 27_980, cashCounted: 27_480, variance: -500, approvedBy: testOperatorId('S1'), reason: 'a note missing', codOrders: [{ orderId: c1.order.id, method: 'cash', amount: 7980 }] }));
    closes.push(close('S2', {
      cardBatches: [{ batch: 'B0007', slipCount: 1, slipTotal: 4590, recordedCount: 1, recordedTotal: 4590 }],
      codOrders: [{ orderId: c2.order.id, method: 'card', amount: 4590, batch: 'B0007' }],
    }));

    // ---- The bills of the day, as the providers write them: the refund of X1 is not in them -----------------------
    const wx: BillFileItem[] = [
      { at: later(w1.order.placedAt, 1), outTradeNo: 'WX-W1', amount: 5000 },
      { at: later(sp.order.placedAt, 1), outTradeNo: sp.order.id, amount: 4000 },
      { at: later(x1.order.placedAt, 1), outTradeNo: x1.order.id, amount: 6000 },
      { kind: 'refund', at: bj('15:02'), outTradeNo: sp.order.id, outRefundNo: 'RF-SP', amount: 2000 },
    ];
    const ali: BillFileItem[] = [
      { at: later(a1.order.placedAt, 1), outTradeNo: a1.order.id, amount: 3000 },
      { at: later(l1.order.placedAt, 1), outTradeNo: l1.order.id, amount: 4500 },
    ];
    const wxFile = wechatBill(wx);
    const first = await importBill('wechat', wxFile, DAY);
    expect(first).toMatchObject({ status: 200, body: { outcome: 'imported', billDate: DAY, counts: { items: 4, payments: 3, refunds: 1 }, totals: { paid: 15000, refunded: 2000 } } });
    expect((await importBill('wechat', wxFile, DAY)).body).toMatchObject({ outcome: 'unchanged', billId: first.body.billId });
    // A file cut short is refused whole, through the Platform API as through the console.
    const cut = await fetch(`${s.url}/api/v1/bills?provider=wechat&billDate=${DAY}`, {
      method: 'POST', headers: { authorization: `Bearer ${s.adminToken}`, 'content-type': 'application/octet-stream' }, body: new Uint8Array(wxFile.subarray(0, wxFile.length - 40)),
    });
    expect(cut.status).toBe(422);
    expect(((await cut.json()) as { code: string }).code).toMatch(/^BILL_/);
    const viaApi = await fetch(`${s.url}/api/v1/bills?provider=alipay&billDate=${DAY}`, {
      method: 'POST', headers: { authorization: `Bearer ${s.adminToken}`, 'content-type': 'application/zip' }, body: new Uint8Array(await alipayBill(ali, { billDate: DAY })),
    });
    expect(viaApi.status).toBe(200);
    expect(await viaApi.json()).toMatchObject({ outcome: 'imported', provider: 'alipay', counts: { items: 2 } });

    // ---- First run: the WeChat bill of the 28th is not in yet, so M1 and X1's refund wait; S3 has not closed ------
    const held = await run();
    expect(held).toMatchObject({ orders: 9, held: 3, exceptions: 1, byType: { CASH_OVER_SHORT: 1 } });
    expect(await standings()).toMatchObject({ [m1.order.id]: 'held', [x1.order.id]: 'held', [c3.order.id]: 'held', [w1.order.id]: 'reconciled' });

    // ---- The next day's WeChat bill brings M1's payment; S3's close arrives from the terminal that was offline ----
    const nextDay = await importBill('wechat', wechatBill([{ at: bj('00:00', NEXT).replace('00.000Z', '30.000Z'), outTradeNo: m1.order.id, amount: 3300 }]), NEXT);
    expect(nextDay.body).toMatchObject({ outcome: 'imported', billDate: NEXT });
    closes.push(close('S3', { closedAt: bj('09:00', NEXT), codOrders: [{ orderId: c3.order.id, method: 'cash', amount: 2500 }] }));
    const full = await run();
    expect(full).toMatchObject({ orders: 9, held: 0, exceptions: 2 });
    const found = await exceptions(`from=${DAY}&to=${DAY}`);
    expect(found.total).toBe(2);
    expect(found.exceptions.map((e) => [e.type, e.storeId, e.orderId, e.amount]).sort()).toEqual([
      ['CASH_OVER_SHORT', 'S1', null, 500],
      ['REFUND_MISSING', 'S2', x1.order.id, 6000],
    ]);
    expect(found.exceptions.every((e) => e.status === 'open' && e.ageDays === 1)).toBe(true);
    expect((await exceptions('type=REFUND_MISSING&pageSize=1')).exceptions).toHaveLength(1);
    expect((await exceptions('storeId=S3')).total).toBe(0);

    // A manager reads their own store's exceptions only, and may not run, import or resolve.
    const manager = await signInConsole(s.url, 'ma.manager', 'test-password-ma.manager');
    expect((await manager.request<ExceptionListResponse>('GET', reconRoutes.exceptions)).body.exceptions.map((e) => e.type)).toEqual(['CASH_OVER_SHORT']);
    expect((await manager.request('GET', `${reconRoutes.exceptions}?storeId=S2`)).status).toBe(403);
    expect((await manager.request('POST', reconRoutes.run, { from: DAY, to: DAY })).status).toBe(403);
    expect((await importBill('wechat', wxFile, DAY, manager)).status).toBe(403);

    // ---- Finance resolves both; the write-off is then re-resolved (a new fact), and the audit shows both ----------
    const cash = found.exceptions.find((e) => e.type === 'CASH_OVER_SHORT')!;
    const missing = found.exceptions.find((e) => e.type === 'REFUND_MISSING')!;
    const resolve = (key: string, kind: string, reason?: string) => finance.request<ResolutionView>('POST', reconRoutes.resolve(key), { kind, ...(reason ? { reason } : {}) });
    expect((await resolve(cash.key, 'write_off')).status).toBe(400);
    expect((await resolve(cash.key, 'write_off', 'counted short, manager approved')).status).toBe(201);
    expect((await resolve(cash.key, 'accept_provider', 'the bank deposit shows the full amount')).status).toBe(201);
    expect((await resolve(missing.key, 'accept_ours', 'refund made on the 29th, platform confirmed')).status).toBe(201);
    const audit = await finance.request<ResolutionAuditResponse>('GET', reconRoutes.audit(cash.key));
    expect(audit.body.resolutions.map((r) => [r.kind, r.by])).toEqual([['write_off', 'fei.finance'], ['accept_provider', 'fei.finance']]);
    expect((await exceptions('status=open')).total).toBe(0);

    // ---- A run again changes nothing of that; every order of the day is reconciled ----------------------------
    await run();
    expect((await exceptions('status=resolved')).total).toBe(2);
    const final = await standings();
    expect(Object.keys(final)).toHaveLength(9);
    expect(Object.entries(final).filter(([, st]) => st !== 'reconciled' && st !== 'resolved')).toEqual([]);
    expect(final[x1.order.id]).toBe('resolved');

    // The list as finance exports it: XLSX read back with exceljs, CSV with its BOM; amounts in yuan.
    const xlsx = await finance.fetch(`${reconRoutes.exportExceptions}?format=xlsx&lang=en&from=${DAY}&to=${DAY}`);
    expect(xlsx.status).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await xlsx.arrayBuffer());
    const sheet = book.getWorksheet('exceptions')!;
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    const rows = [2, 3].map((n) => Object.fromEntries(header.map((h, i) => [String(h), (sheet.getRow(n).values as unknown[])[i + 1]])));
    expect(rows.map((r) => [r.Type, r.Amount, r.Status]).sort()).toEqual([['CASH_OVER_SHORT', 5, 'resolved'], ['REFUND_MISSING', 60, 'resolved']]);
    expect(sheet.rowCount).toBe(3);
    const csv = Buffer.from(await (await finance.fetch(`${reconRoutes.exportExceptions}?format=csv&lang=en&type=REFUND_MISSING`)).arrayBuffer());
    expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(csv.toString('utf8').trim().split('\r\n')).toHaveLength(2);

    const bills = await finance.request<BillListResponse>('GET', reconRoutes.bills);
    expect(bills.body.bills.map((b) => [b.provider, b.billDate, b.items])).toEqual([['alipay', DAY, 2], ['wechat', DAY, 4], ['wechat', NEXT, 1]]);
  });
});
