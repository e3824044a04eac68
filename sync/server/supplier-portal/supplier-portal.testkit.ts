/**
 * For tests of the supplier portal: two suppliers with counters, contracts, promotions, fee bills, supplies, till
 * sales and issued statements (drafted and issued by the settlement's own functions), their feedback and notices;
 * and a supplier's signed-in client over real HTTP that sends the cookie and, on writes, the CSRF token.
 */
import { CSRF_HEADER } from '../../protocol/console.js';
import { SUPPLIER_SESSION_COOKIE, supplierRoutes, type SupplierSessionResponse } from '../../protocol/supplier.js';
import { supplierConsoleRoutes, type SupplierIssuePasswordResponse } from '../../protocol/supplier-console.js';
import { seedConsoleUser, signInConsole, type ConsoleClient } from '../console-auth/console-auth.testkit.js';
import { issuePeriod } from '../settlement/events.js';
import { draftStatements } from '../settlement/draft.js';
import { storeHandedOver } from '../reports/reports.testkit.js';
import type { TestServer } from '../testing.js';

export const PERIOD = '2026-10-01';

/** What supplier A must never see of B: every string here is B's alone. */
export const B = {
  code: 'SUPB',
  name: 'Bee Secret Trading',
  counter: 'CB1',
  counterName: 'Bee Counter Hidden',
  area: 'F9',
  sku: 'SKU-B-HIDDEN',
  tillAmount: 424_242,
  onlinePrice: 31_337,
  statement: 'JS202610-CB1',
  feeBill: 'FB-B-0001',
  feeItem: 'Bee display fee',
  promotion: 'PB-HIDDEN-1',
  supplies: 'Bee tags hidden',
  question: 'Bee question hidden',
  notice: 'Bee only notice hidden',
} as const;

export const A = {
  code: 'SUPA',
  name: 'Ay Trading',
  counters: ['CA1', 'CA2'],
  statement: 'JS202610-CA1',
  feeBill: 'FB-A-0001',
} as const;

export interface PortalWorld {
  admin: ConsoleClient;
  /** B's feedback id and B-only notice id (random ids the server gave). */
  bFeedbackId: string;
  bNoticeId: string;
  allNoticeId: string;
}

export async function seedPortalWorld(s: TestServer): Promise<PortalWorld> {
  await s.admin.createStore({ id: 'S1' });
  await s.admin.createStore({ id: 'S2' });
  const db = s.db;
  await db.query(`INSERT INTO suppliers (id, name) VALUES ($1, $2), ($3, $4)`, [A.code, A.name, B.code, B.name]);
  await db.query(
    `INSERT INTO concession_counters (id, store_id, supplier_id, name, area_code, category) VALUES
     ('CA1', 'S1', 'SUPA', 'Ay Counter One', 'F1', 'shoes'), ('CA2', 'S2', 'SUPA', 'Ay Counter Two', 'F2', 'bags'),
     ($1, 'S1', 'SUPB', $2, $3, 'watches')`,
    [B.counter, B.counterName, B.area],
  );
  await db.query(`INSERT INTO counter_skus (store_id, sku, counter_id) VALUES ('S1', 'SKU-A', 'CA1'), ('S2', 'SKU-A2', 'CA2'), ('S1', $1, $2)`, [B.sku, B.counter]);
  for (const c of ['CA1', 'CA2', B.counter]) {
    await db.query(
      `INSERT INTO counter_contracts (counter_id, period_from, base_rate_bp, minimum_sales, fee_items, set_by, reason)
       VALUES ($1, '2026-01-01', 2500, NULL, $2::jsonb, 'testkit', 'seed')`,
      [c, JSON.stringify([{ code: 'RENT', name: 'Counter rent', amount: 10_000 }])],
    );
  }
  await db.query(
    `INSERT INTO promotions (id, name, from_day, to_day, rate_bp, counter_ids, area_codes, created_by) VALUES
     ('PA-1', 'Ay promo', '2026-10-10', '2026-10-12', 2000, '{CA1}', '{}', 'testkit'),
     ($1, 'Bee promo', '2026-10-10', '2026-10-12', 1800, $2, $3, 'testkit')`,
    [B.promotion, [B.counter], [B.area]],
  );
  await db.query(
    `INSERT INTO fee_bills (id, counter_id, period_from, items, total, created_by) VALUES
     ($1, 'CA1', $2, $3::jsonb, 5000, 'testkit'), ($4, $5, $2, $6::jsonb, 7777, 'testkit')`,
    [A.feeBill, PERIOD, JSON.stringify([{ code: 'AD', name: 'Ay advert', amount: 5000 }]), B.feeBill, B.counter, JSON.stringify([{ code: 'DISP', name: B.feeItem, amount: 7777 }])],
  );
  await db.query(
    `INSERT INTO supplies_usage (counter_id, store_id, period_from, day, item, qty, unit_price, amount, created_by) VALUES
     ('CA1', 'S1', $1, '2026-10-03', 'bags', 10, 50, 500, 'testkit'), ($2, 'S1', $1, '2026-10-03', $3, 3, 111, 333, 'testkit')`,
    [PERIOD, B.counter, B.supplies],
  );
  const [imp] = await db.query<{ id: string }>(`INSERT INTO pos_imports (file_hash, file_name, rows, total, imported_by) VALUES ('h1', 'till.csv', 2, 0, 'testkit') RETURNING id`);
  await db.query(
    `INSERT INTO pos_sales (import_id, counter_id, day, sku, qty, amount, returns) VALUES
     ($1, 'CA1', '2026-10-05', 'SKU-A', 4, 100000, 0), ($1, 'CA2', '2026-10-11', 'SKU-A2', 1, 2000, 0), ($1, $2, '2026-10-05', $3, 7, $4, 0)`,
    [imp?.id, B.counter, B.sku, B.tillAmount],
  );
  // One basket with A's and B's goods, handed over on 11 October (both promotions' day), and B's returned on the
  // 14th: the portal must split it by counter, never show B's line to A.
  await storeHandedOver(db, { id: 'O-MIX', storeId: 'S1', lines: [{ sku: 'SKU-A', name: 'Ay shoe', qty: 1, unitPrice: 20_000 }, { sku: B.sku, name: 'Bee watch', qty: 1, unitPrice: B.onlinePrice }] },
    '2026-10-11T04:00:00.000Z', null);
  await db.query(`INSERT INTO docs (store_id, collection, id, position, data) VALUES ('S1', 'stock_moves', 'M-B', 1, $1::jsonb)`, [
    JSON.stringify({ id: 'M-B', storeId: 'S1', sku: B.sku, kind: 'return', qty: 1, at: '2026-10-14T04:00:00.000Z', orderId: 'O-MIX', operatorId: 'o', deviceId: 'd' }),
  ]);
  await draftStatements(db, PERIOD, 'testkit');
  await issuePeriod(db, PERIOD, 'testkit');

  await seedConsoleUser(s, { name: 'portal-admin', role: 'admin', password: 'portal-admin-password' });
  const admin = await signInConsole(s.url, 'portal-admin', 'portal-admin-password');
  const bNotice = await admin.request<{ id: string }>('POST', supplierConsoleRoutes.notices, { title: B.notice, body: 'for Bee only', kind: 'document', audience: 'listed', supplierIds: [B.code] });
  const doc = await admin.fetch(`${supplierConsoleRoutes.noticeDocument(bNotice.body.id)}?fileName=bee.txt`, { method: 'PUT', headers: { 'content-type': 'text/plain' }, body: 'Bee document hidden' });
  if (doc.status !== 200) throw new Error(`document upload failed: ${doc.status} ${await doc.text()}`);
  const allNotice = await admin.request<{ id: string }>('POST', supplierConsoleRoutes.notices, { title: 'For everyone', body: 'hello all', kind: 'notice', audience: 'all' });
  const bFeedbackId = 'fb-b-1';
  await db.query(`INSERT INTO supplier_feedback (id, supplier_id, subject, question) VALUES ($1, $2, 'Bee subject', $3)`, [bFeedbackId, B.code, B.question]);
  return { admin, bFeedbackId, bNoticeId: bNotice.body.id, allNoticeId: allNotice.body.id };
}

export interface SupplierClient {
  session: SupplierSessionResponse;
  cookie: string;
  fetch(path: string, init?: RequestInit): Promise<Response>;
  request<T = unknown>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T; headers: Headers }>;
}

export function supplierCookieOf(res: Response): string | undefined {
  return res.headers.getSetCookie().find((c) => c.startsWith(`${SUPPLIER_SESSION_COOKIE}=`))?.split(';')[0];
}

export function signInSupplierRaw(url: string, supplierCode: string, password: string, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(url + supplierRoutes.signIn, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ supplierCode, password }) });
}

export function supplierClient(url: string, cookie: string, session: SupplierSessionResponse): SupplierClient {
  const doFetch = (path: string, init: RequestInit = {}) => {
    const headers = new Headers(init.headers);
    headers.set('cookie', cookie);
    const method = (init.method ?? 'GET').toUpperCase();
    if (method !== 'GET' && method !== 'HEAD' && !headers.has(CSRF_HEADER)) headers.set(CSRF_HEADER, session.csrfToken);
    return fetch(url + path, { ...init, headers });
  };
  return {
    session,
    cookie,
    fetch: doFetch,
    async request<T>(method: string, path: string, body?: unknown) {
      const res = await doFetch(path, { method, ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }) });
      const text = await res.text();
      let parsed: unknown = text;
      try {
        parsed = text ? JSON.parse(text) : undefined;
      } catch {
        // not JSON (an export): the text as it is
      }
      return { status: res.status, body: parsed as T, headers: res.headers };
    },
  };
}

export async function signInSupplier(url: string, supplierCode: string, password: string): Promise<SupplierClient> {
  const res = await signInSupplierRaw(url, supplierCode, password);
  const text = await res.text();
  if (res.status !== 200) throw new Error(`supplier sign-in of ${supplierCode} failed: ${res.status} ${text}`);
  const cookie = supplierCookieOf(res);
  if (!cookie) throw new Error('supplier sign-in answered no cookie');
  return supplierClient(url, cookie, JSON.parse(text) as SupplierSessionResponse);
}

/** The chain issues a first password (console route), the supplier signs in and changes it: a ready client. */
export async function readySupplier(url: string, admin: ConsoleClient, supplierCode: string, newPassword = `${supplierCode}-own-password`): Promise<SupplierClient> {
  const issued = await admin.request<SupplierIssuePasswordResponse>('POST', supplierConsoleRoutes.issuePassword(supplierCode), {});
  if (issued.status !== 200) throw new Error(`issue-password failed: ${issued.status} ${JSON.stringify(issued.body)}`);
  const first = await signInSupplier(url, supplierCode, issued.body.password);
  const changed = await first.fetch(supplierRoutes.changePassword, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ currentPassword: issued.body.password, newPassword }),
  });
  const text = await changed.text();
  if (changed.status !== 200) throw new Error(`change-password failed: ${changed.status} ${text}`);
  const cookie = supplierCookieOf(changed);
  if (!cookie) throw new Error('change-password answered no cookie');
  return supplierClient(url, cookie, JSON.parse(text) as SupplierSessionResponse);
}
