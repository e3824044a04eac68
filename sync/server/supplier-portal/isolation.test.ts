/**
 * Isolation (issue 12): every portal route, with supplier A's session asking for supplier B's data, answers nothing
 * of B's. The routes are not listed by hand: they are every route the server registered under /supplier/api
 * (SupplierAuth.routes), and a route without an entry in ATTACKS fails the test, so a new one cannot be forgotten.
 * A request naming B's thing (statement number, counter, fee bill, feedback, notice) must be 403 or 404; a request
 * that names nothing of B's must answer A's own data and no trace of B's, exports (CSV and XLSX) and PDFs included.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { supplierRoutes as r } from '../../protocol/supplier.js';
import { startTestServer, type TestServer } from '../testing.js';
import { A, B, PERIOD, readySupplier, seedPortalWorld, signInSupplier, type PortalWorld, type SupplierClient } from './supplier-portal.testkit.js';

/** Strings only B's data holds. Case-sensitive: random tokens in answers are base64url or lower-case hex. */
const B_MARKERS = [B.code, B.name, B.counter, B.counterName, B.sku, String(B.tillAmount), '4242.42', String(B.onlinePrice), '313.37', B.statement, B.feeBill, B.feeItem, B.promotion, B.supplies, B.question, B.notice, 'Bee '];

interface Attack {
  method: 'GET' | 'POST';
  path: string;
  body?: unknown;
  /** refused: 403/404 (401 where said) and nothing of B's; clean: 200/201 with A's data only. */
  expect: 'refused' | 'clean' | 401;
}

const q = (path: string, params: Record<string, string>) => `${path}?${new URLSearchParams(params).toString()}`;
const csv = (path: string, params: Record<string, string> = {}) => q(path, { ...params, format: 'csv' });
const xlsx = (path: string, params: Record<string, string> = {}) => q(path, { ...params, format: 'xlsx' });
const period = { period: PERIOD };

function attacks(w: PortalWorld, bPassword: string): Record<string, Attack[]> {
  const get = (path: string, expect: Attack['expect']): Attack => ({ method: 'GET', path, expect });
  const listWithExport = (list: string, exp: string, params: Record<string, string>, byCounter: boolean, searches: Record<string, string>[] = []): [Attack[], Attack[]] => [
    [get(q(list, params), 'clean'), ...(byCounter ? [get(q(list, { ...params, counter: B.counter }), 'refused' as const)] : []), ...searches.map((s) => get(q(list, { ...params, ...s }), 'clean'))],
    [get(csv(exp, params), 'clean'), get(xlsx(exp, params), 'clean'), ...(byCounter ? [get(csv(exp, { ...params, counter: B.counter }), 'refused' as const)] : []), ...searches.map((s) => get(csv(exp, { ...params, ...s }), 'clean'))],
  ];
  const [statements, statementsExport] = listWithExport(r.statements, r.statementsExport, {}, false, [{ q: B.statement }, { q: B.counter }, { q: 'Bee' }]);
  const [feeBills, feeBillsExport] = listWithExport(r.feeBills, r.feeBillsExport, period, true);
  const [counterDaily, counterDailyExport] = listWithExport(r.counterDailySales, r.counterDailySalesExport, period, true, [{ sku: B.sku }]);
  const [daily, dailyExport] = listWithExport(r.dailySales, r.dailySalesExport, period, true, [{ sku: B.sku }]);
  const [periodSales, periodSalesExport] = listWithExport(r.periodSales, r.periodSalesExport, period, true, [{ sku: B.sku }]);
  const [promotions, promotionsExport] = listWithExport(r.promotions, r.promotionsExport, {}, true, [{ serial: B.promotion }, { area: B.area }]);
  const [supplies, suppliesExport] = listWithExport(r.supplies, r.suppliesExport, period, true, [{ store: 'S1' }]);
  const base = '/supplier/api';
  return {
    [`POST ${base}/sign-in`]: [{ method: 'POST', path: r.signIn, body: { supplierCode: B.code, password: 'not-bees-password' }, expect: 401 }],
    [`POST ${base}/change-password`]: [{ method: 'POST', path: r.changePassword, body: { currentPassword: bPassword, newPassword: 'taking-over-bee' }, expect: 401 }],
    [`POST ${base}/sign-out`]: [{ method: 'POST', path: r.signOut, body: {}, expect: 'clean' }],
    [`GET ${base}/session`]: [get(r.session, 'clean')],
    [`GET ${base}/periods`]: [get(r.periods, 'clean')],
    [`GET ${base}/counters`]: [get(r.counters, 'clean')],
    [`GET ${base}/statements`]: statements,
    [`GET ${base}/statements/export`]: statementsExport,
    [`GET ${base}/statements/:number`]: [get(r.statement(B.statement), 'refused')],
    [`GET ${base}/statements/:number/pdf`]: [get(r.statementPdf(B.statement), 'refused'), get(q(r.statementPdf(B.statement), { version: '1' }), 'refused')],
    [`GET ${base}/statements/:number/export`]: [get(csv(r.statementExport(B.statement)), 'refused'), get(xlsx(r.statementExport(B.statement)), 'refused')],
    [`POST ${base}/statements/:number/confirm`]: [{ method: 'POST', path: r.confirmStatement(B.statement), body: { version: 1 }, expect: 'refused' }],
    [`POST ${base}/statements/:number/dispute`]: [{ method: 'POST', path: r.disputeStatement(B.statement), body: { version: 1, comment: 'not ours' }, expect: 'refused' }],
    [`GET ${base}/fee-bills`]: feeBills,
    [`GET ${base}/fee-bills/export`]: feeBillsExport,
    [`GET ${base}/fee-bills/:id`]: [get(r.feeBill(B.feeBill), 'refused')],
    [`GET ${base}/sales/counter-daily`]: counterDaily,
    [`GET ${base}/sales/counter-daily/export`]: counterDailyExport,
    [`GET ${base}/sales/daily`]: daily,
    [`GET ${base}/sales/daily/export`]: dailyExport,
    [`GET ${base}/sales/period`]: periodSales,
    [`GET ${base}/sales/period/export`]: periodSalesExport,
    [`GET ${base}/promotions`]: promotions,
    [`GET ${base}/promotions/export`]: promotionsExport,
    [`GET ${base}/supplies`]: supplies,
    [`GET ${base}/supplies/export`]: suppliesExport,
    [`GET ${base}/notices`]: [get(r.notices, 'clean'), get(q(r.notices, { q: 'Bee' }), 'clean')],
    [`GET ${base}/notices/:id`]: [get(r.notice(w.bNoticeId), 'refused')],
    [`GET ${base}/notices/:id/document`]: [get(r.noticeDocument(w.bNoticeId), 'refused')],
    [`GET ${base}/feedback`]: [get(r.feedback, 'clean')],
    [`POST ${base}/feedback`]: [{ method: 'POST', path: r.feedback, body: { subject: 'about', question: 'this one', statementNumber: B.statement }, expect: 'refused' }],
    [`GET ${base}/feedback/:id`]: [get(r.feedbackItem(w.bFeedbackId), 'refused')],
  };
}

/** Every cell of every sheet, as text. */
async function xlsxText(bytes: ArrayBuffer): Promise<string> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(bytes);
  const out: string[] = [];
  book.eachSheet((sheet) => sheet.eachRow((row) => row.eachCell((cell) => out.push(String(cell.text)))));
  return out.join('\n');
}

/** The answer as text to search: JSON without its random tokens, CSV as it is, XLSX cells, PDF refused anyway. */
async function answerText(res: Response): Promise<string> {
  const type = res.headers.get('content-type') ?? '';
  if (type.includes('spreadsheetml')) return xlsxText(await res.arrayBuffer());
  const text = await res.text();
  if (!type.includes('json')) return text;
  return JSON.stringify(JSON.parse(text, (key, value: unknown) => (key === 'csrfToken' ? '<token>' : value)));
}

let s: TestServer;
let w: PortalWorld;
let a: SupplierClient;
let bPassword: string;

beforeAll(async () => {
  s = await startTestServer();
  w = await seedPortalWorld(s);
  a = await readySupplier(s.url, w.admin, A.code);
  bPassword = 'bees-own-password';
  await readySupplier(s.url, w.admin, B.code, bPassword);
});
afterAll(async () => {
  await s.close();
});

describe('supplier portal isolation', () => {
  it('has B data to leak: B\'s statement holds B\'s till sales, the online sale in the shared basket and its return', async () => {
    const [row] = await s.db.query<{ body: { totals: { grossSales: number; returns: number } } }>('SELECT body FROM statements WHERE number = $1', [B.statement]);
    expect(row?.body.totals).toMatchObject({ grossSales: B.tillAmount + B.onlinePrice, returns: B.onlinePrice });
  });

  it('has an attack for every route under /supplier/api, and none for a route that is gone', () => {
    const registered = s.app.supplierAuth.routes.map((x) => `${x.method} ${x.url}`).sort();
    expect(registered.length).toBeGreaterThan(25);
    expect(Object.keys(attacks(w, bPassword)).sort()).toEqual(registered);
  });

  it('answers A asking for any of B\'s data with 403 or 404 and nothing of B\'s, on every route', async () => {
    const table = attacks(w, bPassword);
    // Sign-out last: it ends the session the others use.
    const order = Object.entries(table).sort(([k1], [k2]) => Number(k1.endsWith('/sign-out')) - Number(k2.endsWith('/sign-out')));
    let tried = 0;
    for (const [route, list] of order) {
      for (const attack of list) {
        const res = await a.fetch(attack.path, {
          method: attack.method,
          ...(attack.body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(attack.body) }),
        });
        const what = `${route}: ${attack.method} ${attack.path}`;
        if (attack.expect === 'refused') expect([403, 404], what).toContain(res.status);
        else if (attack.expect === 'clean') expect([200, 201], what).toContain(res.status);
        else expect(res.status, what).toBe(attack.expect);
        const text = await answerText(res);
        // What the request itself named may be echoed in an error's details; nothing else of B's may appear.
        const asked = `${decodeURIComponent(attack.path)} ${JSON.stringify(attack.body ?? '')}`;
        for (const marker of B_MARKERS) if (!asked.includes(marker)) expect(text, `${what} leaks "${marker}"`).not.toContain(marker);
        tried += 1;
      }
    }
    expect(tried).toBeGreaterThan(60);
    // Nothing A tried changed B's statement, feedback or password.
    const [st] = await s.db.query<{ status: string }>('SELECT status FROM statements WHERE number = $1', [B.statement]);
    expect(st?.status).toBe('issued');
    expect(await s.db.query('SELECT id FROM supplier_feedback WHERE supplier_id = $1', [A.code])).toEqual([]);
    expect((await signInSupplier(s.url, B.code, bPassword)).session.supplier.code).toBe(B.code);
  });

  it('shows A their own data on the same routes (the attacks above are not answered empty for everyone)', async () => {
    const me = await signInSupplier(s.url, A.code, `${A.code}-own-password`);
    const detail = await me.request<{ number: string; current: { body: { totals: { payable: number } } } }>('GET', r.statement(A.statement));
    expect(detail.status).toBe(200);
    expect(detail.body.number).toBe(A.statement);
    const pdf = await me.fetch(r.statementPdf(A.statement));
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    // Opened in the browser's viewer to print, as the console's is.
    expect(pdf.headers.get('content-disposition')).toMatch(/^inline; filename="JS/);
    const daily = await me.fetch(csv(r.dailySalesExport, period));
    const dailyText = await daily.text();
    expect(dailyText).toContain('SKU-A');
    expect(dailyText).toContain('1000.00');
    const fees = await me.request<{ bills: { id: string }[] }>('GET', q(r.feeBills, period));
    expect(fees.body.bills.map((b) => b.id)).toEqual([A.feeBill]);
    const promos = await me.request<{ promotions: { id: string }[] }>('GET', r.promotions);
    expect(promos.body.promotions.map((p) => p.id)).toEqual(['PA-1']);
    const notices = await me.request<{ notices: { id: string }[] }>('GET', r.notices);
    expect(notices.body.notices.map((n) => n.id)).toEqual([w.allNoticeId]);
    const counters = await me.request<{ counters: { id: string }[] }>('GET', r.counters);
    expect(counters.body.counters.map((c) => c.id)).toEqual([...A.counters]);
  });
});
