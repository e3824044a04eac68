import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RefundResponse } from '../../protocol/platform.js';
import { reconRoutes, type BillImportResponse, type BillListResponse } from '../../protocol/reconciliation.js';
import { seedConsoleUser, signInConsole, type ConsoleClient } from '../console-auth/console-auth.testkit.js';
import { makeOrderInput, startTestServer, type TestServer } from '../testing.js';
import { wechatBill } from './bills/bill-files.testkit.js';

const DAY = '2026-11-27';
let s: TestServer;
let finance: ConsoleClient;

beforeEach(async () => {
  s = await startTestServer();
  await s.admin.seedStore('S001');
  const { password } = await seedConsoleUser(s, { name: 'fei.finance', role: 'finance' });
  finance = await signInConsole(s.url, 'fei.finance', password);
});
afterEach(async () => {
  await s.close();
});

async function importBill(file: Buffer) {
  const res = await finance.fetch(`${reconRoutes.importBill}?provider=wechat&billDate=${DAY}`, { method: 'POST', headers: { 'content-type': 'application/octet-stream' }, body: new Uint8Array(file) });
  return { status: res.status, body: (await res.json()) as BillImportResponse & { code?: string } };
}

describe('bills: imports', () => {
  it('a corrected bill of the same day replaces the earlier one, with an audit entry; the same file again changes nothing', async () => {
    const first = await importBill(wechatBill([{ at: '2026-11-27T02:00:00Z', outTradeNo: 'EO-1', amount: 1000 }]));
    expect(first.body.outcome).toBe('imported');
    const corrected = await importBill(wechatBill([{ at: '2026-11-27T02:00:00Z', outTradeNo: 'EO-1', amount: 1000 }, { at: '2026-11-27T03:00:00Z', outTradeNo: 'EO-2', amount: 500 }]));
    expect(corrected.body).toMatchObject({ outcome: 'replaced', counts: { items: 2 }, totals: { paid: 1500 } });
    expect((await importBill(wechatBill([{ at: '2026-11-27T02:00:00Z', outTradeNo: 'EO-1', amount: 1000 }]))).body).toMatchObject({ outcome: 'unchanged', billId: first.body.billId });
    const bills = (await finance.request<BillListResponse>('GET', reconRoutes.bills)).body.bills;
    expect(bills.map((b) => [b.id, b.replacedBy])).toEqual([[first.body.billId, corrected.body.billId], [corrected.body.billId, null]]);
    const audit = await s.db.query<{ action: string; actor: string; subject: string }>('SELECT action, actor, subject FROM recon_audit ORDER BY seq');
    expect(audit).toEqual([
      { action: 'bill.imported', actor: 'fei.finance', subject: first.body.billId },
      { action: 'bill.replaced', actor: 'fei.finance', subject: first.body.billId },
      { action: 'bill.imported', actor: 'fei.finance', subject: corrected.body.billId },
    ]);
  });

  it('a file whose totals do not add up is refused whole and nothing of it is stored', async () => {
    const res = await importBill(wechatBill([{ at: '2026-11-27T02:00:00Z', outTradeNo: 'EO-1', amount: 1000 }], { summary: { 应结订单总金额: '9.99' } }));
    expect(res).toMatchObject({ status: 422, body: { code: 'BILL_TOTALS_MISMATCH' } });
    expect(await s.db.query('SELECT id FROM recon_bills')).toEqual([]);
    expect(await s.db.query('SELECT bill_id FROM recon_bill_items')).toEqual([]);
  });
});

describe('Platform API: the payment provider and refunds', () => {
  it('keeps provider and outTradeNo at the centre, refuses a provider that contradicts the method, and refunds idempotently', async () => {
    const input = makeOrderInput({ payment: { method: 'online', amount: 3000, currency: 'CNY', paid: true, provider: 'alipay', outTradeNo: 'ALI-77' } });
    const order = await s.admin.postOrder(input);
    expect(order.payment).toEqual({ method: 'online', amount: 3000, currency: 'CNY', paid: true });
    expect(await s.db.query('SELECT provider, out_trade_no, amount FROM recon_order_payments WHERE order_id = $1', [order.id])).toEqual([{ provider: 'alipay', out_trade_no: 'ALI-77', amount: expect.anything() }]);
    const wrong = await s.request('POST', '/api/v1/orders', { token: s.platformApiKey, body: makeOrderInput({ payment: { method: 'online', amount: 1, currency: 'CNY', paid: true, provider: 'cod' } }) });
    expect(wrong).toMatchObject({ status: 400, body: { code: 'VALIDATION_FAILED', details: { path: 'body/payment/provider' } } });

    const refund = (body: object) => s.request<RefundResponse>('POST', `/api/v1/orders/${order.id}/refunds`, { token: s.platformApiKey, body });
    const r1 = { refundId: 'RF-1', amount: 1000, reason: 'short pick', at: '2026-11-27T05:00:00Z' };
    expect(await refund(r1)).toMatchObject({ status: 201, body: { refunded: 1000, paid: 3000 } });
    expect(await refund(r1)).toMatchObject({ status: 200, body: { refunded: 1000 } });
    expect(await refund({ ...r1, amount: 999 })).toMatchObject({ status: 409, body: { code: 'REFUND_CONFLICT' } });
    expect(await refund({ ...r1, refundId: 'RF-2', amount: 2001 })).toMatchObject({ status: 422, body: { code: 'REFUND_EXCEEDS_PAID' } });
    expect(await refund({ ...r1, refundId: 'RF-2', amount: 2000 })).toMatchObject({ status: 201, body: { refunded: 3000 } });
    expect((await s.request('POST', '/api/v1/orders/nope/refunds', { token: s.platformApiKey, body: r1 })).status).toBe(404);
  });
});
