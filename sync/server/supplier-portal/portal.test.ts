/**
 * The portal's screens over real HTTP, signed in as supplier A: statements (confirm, dispute, a correction's
 * versions), fee bills tying to the statement's other deductions, sales read back from an XLSX export, supplies,
 * notices with a document, and feedback answered from the console.
 */
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { supplierRoutes as r, type SupplierCounterDailySalesResponse, type SupplierFeeBillsResponse, type SupplierFeedback, type SupplierFeedbackListResponse, type SupplierPeriodSalesResponse, type SupplierPeriodsResponse, type SupplierStatementDetail, type SupplierStatementsResponse, type SupplierSuppliesResponse } from '../../protocol/supplier.js';
import { supplierConsoleRoutes, type SupplierConsoleFeedbackResponse, type SupplierConsoleNotice } from '../../protocol/supplier-console.js';
import { correctStatement, issueStatement } from '../settlement/events.js';
import { startTestServer, type TestServer } from '../testing.js';
import { A, PERIOD, readySupplier, seedPortalWorld, type PortalWorld, type SupplierClient } from './supplier-portal.testkit.js';

let s: TestServer;
let w: PortalWorld;
let a: SupplierClient;
beforeEach(async () => {
  s = await startTestServer();
  w = await seedPortalWorld(s);
  a = await readySupplier(s.url, w.admin, A.code);
});
afterEach(async () => {
  await s.close();
});
const q = (path: string, params: Record<string, string>) => `${path}?${new URLSearchParams(params).toString()}`;

describe('supplier portal: statements', () => {
  it('lists by period and search, opens by number, and confirms the issued version once', async () => {
    const list = await a.request<SupplierStatementsResponse>('GET', q(r.statements, { period: PERIOD }));
    expect(list.body.statements.map((x) => x.number)).toEqual(['JS202610-CA1', 'JS202610-CA2']);
    const ca1 = list.body.statements[0]!;
    // Till sales 1,000.00 at 25 % and an online sale of 200.00 under PA-1 at 20 %; fee bill 50.00 + contract rent
    // 100.00 + supplies 5.00.
    expect(ca1).toMatchObject({ status: 'issued', netSales: 120_000, commission: 29_000, invoiceAmount: 91_000, otherDeductions: 15_500, payable: 75_500, period: { from: PERIOD, label: '2026-10' } });
    const searched = await a.request<SupplierStatementsResponse>('GET', q(r.statements, { q: 'ca2' }));
    expect(searched.body.statements.map((x) => x.number)).toEqual(['JS202610-CA2']);

    const detail = await a.request<SupplierStatementDetail>('GET', r.statement(A.statement));
    expect(detail.body).toMatchObject({ number: A.statement, counterId: 'CA1', storeId: 'S1', canRespond: true, supplier: { code: A.code }, current: { version: 1, status: 'issued' }, earlier: [] });
    expect(detail.body.current.body.totals.payable).toBe(75_500);
    expect(detail.body.events.map((e) => [e.type, e.by])).toEqual([['issued', 'chain']]);
    // The chain's people are not named to suppliers.
    expect(JSON.stringify(detail.body.events)).not.toContain('testkit');

    const confirmed = await a.request<SupplierStatementDetail>('POST', r.confirmStatement(A.statement), { version: 1 });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body).toMatchObject({ canRespond: false, current: { status: 'confirmed' } });
    expect(confirmed.body.events.map((e) => [e.type, e.by])).toEqual([['issued', 'chain'], ['confirmed', 'supplier']]);
    const again = await a.request('POST', r.disputeStatement(A.statement), { version: 1, comment: 'changed my mind' });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ code: 'CONFLICT', details: { reason: 'STATEMENT_WRONG_STATUS' } });
    expect((await a.request('POST', r.confirmStatement(A.statement), { version: 7 })).status).toBe(404);
    const [event] = await s.db.query<{ by_name: string }>(`SELECT by_name FROM statement_events WHERE type = 'confirmed'`);
    expect(event?.by_name).toBe(`supplier:${A.code}`);
  });

  it('disputes with a comment; the correction shows as a new version once issued, the old one refuses answers', async () => {
    const number = 'JS202610-CA2';
    const blank = await a.request('POST', r.disputeStatement(number), { version: 1, comment: '   ' });
    expect(blank.status).toBe(400);
    const disputed = await a.request<SupplierStatementDetail>('POST', r.disputeStatement(number), { version: 1, comment: 'the rent was waived for October' });
    expect(disputed.body.current.status).toBe('disputed');
    expect(disputed.body.events.at(-1)).toMatchObject({ type: 'disputed', by: 'supplier', comment: 'the rent was waived for October' });

    const [v1] = await s.db.query<{ id: string }>('SELECT id FROM statements WHERE number = $1', [number]);
    const v2 = await correctStatement(s.db, v1!.id, 'rent waived', 'finance-user');
    // The new version is a draft: the supplier still sees version 1, now superseded.
    const during = await a.request<SupplierStatementDetail>('GET', r.statement(number));
    expect(during.body).toMatchObject({ current: { version: 1, status: 'superseded' }, canRespond: false });
    await issueStatement(s.db, v2.id, 'finance-user');
    const after = await a.request<SupplierStatementDetail>('GET', r.statement(number));
    expect(after.body).toMatchObject({ current: { version: 2, status: 'issued', correctionReason: 'rent waived' }, earlier: [{ version: 1, status: 'superseded' }], canRespond: true });
    expect(after.body.events.map((e) => [e.version, e.type, e.by])).toEqual([
      [1, 'issued', 'chain'], [1, 'disputed', 'supplier'], [1, 'resolved', 'chain'], [1, 'corrected', 'chain'], [2, 'issued', 'chain'],
    ]);
    const old = await a.request('POST', r.confirmStatement(number), { version: 1 });
    expect(old.body).toMatchObject({ code: 'CONFLICT', details: { reason: 'STATEMENT_SUPERSEDED' } });
    expect((await a.request('POST', r.confirmStatement(number), { version: 2 })).status).toBe(200);
    // Either version prints and exports on request.
    expect((await a.fetch(q(r.statementPdf(number), { version: '1' }))).status).toBe(200);
    const xlsx = await a.fetch(q(r.statementExport(number), { version: '2', format: 'xlsx' }));
    expect(xlsx.headers.get('content-disposition')).toContain(`${number}-v2.xlsx`);
  });
});

describe('supplier portal: fee bills, sales, supplies', () => {
  it('fee bills by period and counter, with totals that tie to the statement\'s other deductions', async () => {
    const res = await a.request<SupplierFeeBillsResponse>('GET', q(r.feeBills, { period: PERIOD, counter: 'CA1' }));
    expect(res.body.bills).toMatchObject([{ id: A.feeBill, counterId: 'CA1', total: 5000, items: [{ code: 'AD', amount: 5000 }] }]);
    expect(res.body.totals).toEqual([
      { counterId: 'CA1', period: { from: PERIOD, to: '2026-10-31', label: '2026-10' }, feeBills: 5000, contractFees: 10_000, supplies: 500, otherDeductions: 15_500, statementNumber: A.statement, statementOtherDeductions: 15_500 },
    ]);
    const all = await a.request<SupplierFeeBillsResponse>('GET', q(r.feeBills, { period: PERIOD }));
    for (const t of all.body.totals) expect(t.otherDeductions).toBe(t.statementOtherDeductions);
    expect((await a.request('GET', r.feeBill(A.feeBill))).status).toBe(200);
  });

  it('sales per counter and day, per period, and the XLSX export reads back with Chinese headers', async () => {
    const daily = await a.request<SupplierCounterDailySalesResponse>('GET', q(r.counterDailySales, { period: PERIOD }));
    expect(daily.body.rows.map((x) => [x.day, x.counterId, x.sales, x.net])).toEqual([
      ['2026-10-05', 'CA1', 100_000, 100_000], ['2026-10-11', 'CA1', 20_000, 20_000], ['2026-10-11', 'CA2', 2000, 2000],
    ]);
    expect(daily.body.totals).toMatchObject({ sales: 122_000, qty: 6, returns: 0 });
    const narrowed = await a.request<SupplierCounterDailySalesResponse>('GET', q(r.counterDailySales, { from: '2026-10-10', to: '2026-10-31', counter: 'CA2' }));
    expect(narrowed.body.rows.map((x) => x.day)).toEqual(['2026-10-11']);
    const bySku = await a.request<SupplierPeriodSalesResponse>('GET', q(r.periodSales, { period: PERIOD, sku: 'SKU-A' }));
    expect(bySku.body.rows).toMatchObject([
      { counterId: 'CA1', sku: 'SKU-A', sales: 100_000, rateBp: 2500, promotionId: null, period: { label: '2026-10' } },
      { counterId: 'CA1', sku: 'SKU-A', sales: 20_000, rateBp: 2000, promotionId: 'PA-1' },
    ]);
    expect((await a.request('GET', r.dailySales)).status).toBe(400);
    expect((await a.request('GET', q(r.dailySales, { from: '2026-10-05', to: '2026-10-01' }))).status).toBe(400);

    const file = await a.fetch(q(r.counterDailySalesExport, { period: PERIOD, format: 'xlsx' }));
    expect(file.status).toBe(200);
    expect(file.headers.get('content-disposition')).toContain("filename*=UTF-8''");
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await file.arrayBuffer());
    const sheet = book.worksheets[0]!;
    expect(sheet.getRow(1).getCell(1).text).toBe('日期');
    expect(sheet.getRow(2).getCell(2).text).toBe('CA1');
    expect(sheet.getRow(2).getCell(6).value).toBe(1000);
  });

  it('supplies by period and store code; a store without a counter of theirs is 404', async () => {
    const s1 = await a.request<SupplierSuppliesResponse>('GET', q(r.supplies, { period: PERIOD, store: 'S1' }));
    expect(s1.body).toMatchObject({ rows: [{ counterId: 'CA1', item: 'bags', qty: 10, amount: 500 }], total: 500 });
    const s2 = await a.request<SupplierSuppliesResponse>('GET', q(r.supplies, { period: PERIOD, store: 'S2' }));
    expect(s2.body.rows).toEqual([]);
    expect((await a.request('GET', q(r.supplies, { store: 'S9' }))).status).toBe(404);
    const periods = await a.request<SupplierPeriodsResponse>('GET', r.periods);
    expect(periods.body.periods.map((p) => p.from)).toContain(PERIOD);
  });
});

describe('supplier portal: notices and feedback', () => {
  it('publishes a document to all; suppliers download it as an attachment; withdrawn, it is gone', async () => {
    const notice = await w.admin.request<SupplierConsoleNotice>('POST', supplierConsoleRoutes.notices, { title: '2027 合同模板', body: '请下载', kind: 'document', audience: 'all' });
    expect(notice.status).toBe(201);
    const bytes = Buffer.from('%PDF-1.4 pretend');
    const put = await w.admin.fetch(`${supplierConsoleRoutes.noticeDocument(notice.body.id)}?fileName=${encodeURIComponent('合同.pdf')}`, { method: 'PUT', headers: { 'content-type': 'application/pdf' }, body: bytes });
    expect(put.status).toBe(200);
    const bad = await w.admin.fetch(`${supplierConsoleRoutes.noticeDocument(notice.body.id)}?fileName=x.html`, { method: 'PUT', headers: { 'content-type': 'text/html' }, body: '<script>' });
    expect(bad.status).toBe(415);

    const seen = await a.request<SupplierConsoleNotice>('GET', r.notice(notice.body.id));
    expect(seen.body).toMatchObject({ title: '2027 合同模板', body: '请下载', document: { fileName: '合同.pdf', mediaType: 'application/pdf', bytes: bytes.length } });
    expect(seen.body).not.toHaveProperty('publishedBy');
    const dl = await a.fetch(r.noticeDocument(notice.body.id));
    expect(dl.headers.get('content-disposition')).toMatch(/^attachment;/);
    expect(Buffer.from(await dl.arrayBuffer())).toEqual(bytes);

    await w.admin.request('POST', supplierConsoleRoutes.withdrawNotice(notice.body.id), {});
    expect((await a.request('GET', r.notice(notice.body.id))).status).toBe(404);
    expect((await a.fetch(r.noticeDocument(notice.body.id))).status).toBe(404);
    const audit = await s.db.query<{ action: string }>(`SELECT action FROM console_audit WHERE action LIKE 'supplier-notice.%' ORDER BY id`);
    expect(audit.map((x) => x.action)).toContain('supplier-notice.withdraw');
  });

  it('feedback: the supplier asks, finance answers in the console, the supplier sees the answer', async () => {
    const asked = await a.request<SupplierFeedback>('POST', r.feedback, { subject: '10月结款', question: '租金为何扣两次?', statementNumber: A.statement });
    expect(asked.status).toBe(201);
    expect(asked.body).toMatchObject({ statementNumber: A.statement, answer: null });
    const open = await w.admin.request<SupplierConsoleFeedbackResponse>('GET', q(supplierConsoleRoutes.feedback, { status: 'open' }));
    expect(open.body.feedback.map((f) => f.id)).toContain(asked.body.id);
    const answered = await w.admin.request('POST', supplierConsoleRoutes.answerFeedback(asked.body.id), { answer: '只扣一次,见费用单' });
    expect(answered.status).toBe(200);
    expect(answered.body).toMatchObject({ answeredBy: 'portal-admin', supplierId: A.code });
    const mine = await a.request<SupplierFeedbackListResponse>('GET', r.feedback);
    expect(mine.body.feedback).toMatchObject([{ id: asked.body.id, answer: '只扣一次,见费用单' }]);
    expect(mine.body.feedback[0]).not.toHaveProperty('answeredBy');
    const closed = await w.admin.request<SupplierConsoleFeedbackResponse>('GET', q(supplierConsoleRoutes.feedback, { status: 'open', supplierId: A.code }));
    expect(closed.body.feedback).toEqual([]);
  });
});
