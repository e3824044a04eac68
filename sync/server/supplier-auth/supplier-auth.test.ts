import { afterEach, describe, expect, it } from 'vitest';
import { consoleRoutes, CSRF_HEADER } from '../../protocol/console.js';
import { supplierRoutes, type SupplierSessionResponse } from '../../protocol/supplier.js';
import { supplierConsoleRoutes, type SupplierAccountsResponse, type SupplierIssuePasswordResponse } from '../../protocol/supplier-console.js';
import { seedConsoleUser, signInConsole } from '../console-auth/console-auth.testkit.js';
import { startTestServer, type StartTestServerOptions, type TestServer } from '../testing.js';
import { A, seedPortalWorld, signInSupplier, signInSupplierRaw, supplierClient, supplierCookieOf, type PortalWorld } from '../supplier-portal/supplier-portal.testkit.js';

const servers: TestServer[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await s.close();
});
async function world(opts: StartTestServerOptions = {}): Promise<{ s: TestServer; w: PortalWorld }> {
  const s = await startTestServer(opts);
  servers.push(s);
  return { s, w: await seedPortalWorld(s) };
}
async function issue(w: PortalWorld, code: string): Promise<string> {
  const res = await w.admin.request<SupplierIssuePasswordResponse>('POST', supplierConsoleRoutes.issuePassword(code), {});
  expect(res.status).toBe(200);
  return res.body.password;
}
const json = { 'content-type': 'application/json' };

describe('supplier sign-in', () => {
  it('has no default password: before the chain issues one there is no account, and 11111111 or the code open nothing', async () => {
    const { s } = await world();
    expect(await s.db.query('SELECT * FROM supplier_accounts')).toEqual([]);
    for (const pw of ['11111111', '1111111111', A.code, '123456', 'password']) {
      const res = await signInSupplierRaw(s.url, A.code, pw);
      expect(res.status, pw).toBe(401);
      expect(await res.json()).toMatchObject({ code: 'SUPPLIER_SIGN_IN_FAILED' });
      expect(supplierCookieOf(res)).toBeUndefined();
    }
  });

  it('issues a random one-time password from the console (admin, finance; audited without it), forces its change, then opens the portal', async () => {
    const { s, w } = await world();
    // A manager may not; a write without the CSRF token is refused; an unknown supplier is 404.
    await seedConsoleUser(s, { name: 'mgr', role: 'manager', password: 'manager-password-1', storeIds: ['S1'] });
    const mgr = await signInConsole(s.url, 'mgr', 'manager-password-1');
    expect((await mgr.request('POST', supplierConsoleRoutes.issuePassword(A.code), {})).status).toBe(403);
    const noCsrf = await w.admin.fetch(supplierConsoleRoutes.issuePassword(A.code), { method: 'POST', headers: { ...json, [CSRF_HEADER]: 'x' }, body: '{}' });
    expect(noCsrf.status).toBe(403);
    expect((await w.admin.request('POST', supplierConsoleRoutes.issuePassword('NOPE'), {})).status).toBe(404);

    const issued = await w.admin.request<SupplierIssuePasswordResponse>('POST', supplierConsoleRoutes.issuePassword(A.code), {});
    expect(issued.status).toBe(200);
    expect(issued.body.password).toMatch(/^[\w]{5}-[\w]{5}-[\w]{5}-[\w]{5}$/);
    expect(issued.body.account).toMatchObject({ supplierId: A.code, hasAccount: true, mustChangePassword: true, disabled: false });
    const again = await w.admin.request<SupplierIssuePasswordResponse>('POST', supplierConsoleRoutes.issuePassword(A.code), {});
    expect(again.body.password).not.toBe(issued.body.password);
    const audit = await s.db.query<{ action: string; detail: unknown }>(`SELECT action, detail FROM console_audit WHERE action LIKE 'supplier-account.%' ORDER BY id`);
    expect(audit.map((a) => a.action)).toEqual(['supplier-account.create', 'supplier-account.reset-password']);
    expect(JSON.stringify(audit)).not.toContain(again.body.password);
    const [row] = await s.db.query<{ password_hash: string }>('SELECT password_hash FROM supplier_accounts');
    expect(row?.password_hash).toMatch(/^scrypt\$/);
    // The first password no longer works once reset.
    expect((await signInSupplierRaw(s.url, A.code, issued.body.password)).status).toBe(401);

    const res = await signInSupplierRaw(s.url, A.code, again.body.password);
    expect(res.status).toBe(200);
    const session = (await res.json()) as SupplierSessionResponse;
    expect(session).toMatchObject({ supplier: { code: A.code, name: A.name }, mustChangePassword: true });
    const [line] = res.headers.getSetCookie();
    expect(line).toMatch(/^storeops_supplier=[\w-]{40,};/);
    expect(line).toMatch(/; Path=\/supplier/);
    expect(line).toMatch(/; HttpOnly/);
    expect(line).toMatch(/; SameSite=Strict/);
    const first = supplierClient(s.url, supplierCookieOf(res) ?? '', session);

    // Until changed, only session, change-password and sign-out answer.
    expect((await first.request('GET', supplierRoutes.session)).status).toBe(200);
    for (const path of [supplierRoutes.statements, supplierRoutes.counters, supplierRoutes.feedback]) {
      const r = await first.request('GET', path);
      expect(r.status, path).toBe(403);
      expect(r.body).toMatchObject({ code: 'SUPPLIER_PASSWORD_CHANGE_REQUIRED' });
    }

    const change = (currentPassword: string, newPassword: string) => first.request('POST', supplierRoutes.changePassword, { currentPassword, newPassword });
    for (const [pw, reason] of [
      ['short1', 'too_short'],
      [again.body.password, 'same_as_old'],
      [A.code.toLowerCase(), 'too_short'],
      ['1111111111', 'one_character'],
      ['aaaaaaaaaaaaaa', 'one_character'],
    ] as const) {
      const r = await change(again.body.password, pw);
      expect(r.status, pw).toBe(400);
      expect(r.body).toMatchObject({ code: 'SUPPLIER_PASSWORD_REJECTED', details: { reason } });
    }
    expect((await change('wrong-current-pw', 'a-good-new-password')).status).toBe(401);
    const ok = await first.fetch(supplierRoutes.changePassword, { method: 'POST', headers: json, body: JSON.stringify({ currentPassword: again.body.password, newPassword: 'a-good-new-password' }) });
    expect(ok.status).toBe(200);
    const changed = (await ok.json()) as SupplierSessionResponse;
    expect(changed.mustChangePassword).toBe(false);
    // The session opened with the issued password ended; the new one works.
    expect((await first.request('GET', supplierRoutes.session)).status).toBe(401);
    const client = supplierClient(s.url, supplierCookieOf(ok) ?? '', changed);
    expect((await client.request('GET', supplierRoutes.counters)).status).toBe(200);
    expect((await signInSupplierRaw(s.url, A.code, again.body.password)).status).toBe(401);
    expect((await signInSupplierRaw(s.url, A.code, 'a-good-new-password')).status).toBe(200);
  });

  it('refuses the supplier code itself as a password, in any case', async () => {
    const { s, w } = await world();
    await s.db.query(`INSERT INTO suppliers (id, name) VALUES ('LONGCODE99', 'Long')`);
    const pw = await issue(w, 'LONGCODE99');
    const c = await signInSupplier(s.url, 'LONGCODE99', pw);
    const r = await c.request('POST', supplierRoutes.changePassword, { currentPassword: pw, newPassword: 'longcode99' });
    expect(r.body).toMatchObject({ code: 'SUPPLIER_PASSWORD_REJECTED', details: { reason: 'is_supplier_code' } });
  });

  it('locks the account after 5 wrong passwords in a row: the right one is refused too until the lock ends', async () => {
    const { s, w } = await world();
    const pw = await issue(w, A.code);
    for (let i = 1; i <= 4; i++) expect((await signInSupplierRaw(s.url, A.code, `wrong-${i}`)).status).toBe(401);
    const fifth = await signInSupplierRaw(s.url, A.code, 'wrong-5');
    expect(fifth.status).toBe(423);
    expect(await fifth.json()).toMatchObject({ code: 'SUPPLIER_ACCOUNT_LOCKED' });
    const right = await signInSupplierRaw(s.url, A.code, pw);
    expect(right.status).toBe(423);
    const body = (await right.json()) as { details: { lockedUntil: string } };
    const lockMs = Date.parse(body.details.lockedUntil) - Date.now();
    expect(lockMs).toBeGreaterThan(14 * 60_000);
    expect(lockMs).toBeLessThanOrEqual(15 * 60_000);
    const accounts = await w.admin.request<SupplierAccountsResponse>('GET', supplierConsoleRoutes.accounts);
    expect(accounts.body.accounts.find((a) => a.supplierId === A.code)?.lockedUntil).toBe(body.details.lockedUntil);
    // The lock's end, without waiting for it: the right password opens again and the count starts over.
    await s.db.query(`UPDATE supplier_accounts SET locked_until = now() - interval '1 second'`);
    expect((await signInSupplierRaw(s.url, A.code, pw)).status).toBe(200);
    expect((await s.db.query<{ failed_count: number }>('SELECT failed_count FROM supplier_accounts'))[0]?.failed_count).toBe(0);
    // A success in between resets the row: 4 wrong, 1 right, 4 wrong is not a lock.
    for (let i = 0; i < 4; i++) await signInSupplierRaw(s.url, A.code, 'wrong');
    expect((await signInSupplierRaw(s.url, A.code, pw)).status).toBe(200);
    for (let i = 0; i < 4; i++) expect((await signInSupplierRaw(s.url, A.code, 'wrong')).status).toBe(401);
    // Issuing a new password lifts a lock.
    await signInSupplierRaw(s.url, A.code, 'wrong');
    expect((await signInSupplierRaw(s.url, A.code, pw)).status).toBe(423);
    const fresh = await issue(w, A.code);
    expect((await signInSupplierRaw(s.url, A.code, fresh)).status).toBe(200);
  });

  it('limits failed sign-ins per address across supplier codes (429, Retry-After), before any password is checked', async () => {
    const { s, w } = await world({ supplier: { perAddress: { max: 3, windowMs: 60_000 } } });
    const pw = await issue(w, A.code);
    for (const code of ['X1', 'X2', A.code]) expect((await signInSupplierRaw(s.url, code, 'wrong-password')).status).toBe(401);
    const limited = await signInSupplierRaw(s.url, A.code, pw);
    expect(limited.status).toBe(429);
    expect(await limited.json()).toMatchObject({ code: 'RATE_LIMITED' });
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('needs the CSRF token on writes, keeps console and portal sessions apart, and signs out', async () => {
    const { s, w } = await world();
    const pw = await issue(w, A.code);
    const c = await signInSupplier(s.url, A.code, pw);
    for (const headers of [json, { ...json, [CSRF_HEADER]: 'wrong' }, { ...json, [CSRF_HEADER]: w.admin.csrfToken }]) {
      // Plain fetch: the client would add the right token where none is given.
      const r = await fetch(s.url + supplierRoutes.changePassword, { method: 'POST', headers: { ...headers, cookie: c.cookie }, body: JSON.stringify({ currentPassword: pw, newPassword: 'another-good-one' }) });
      expect(r.status).toBe(403);
      expect(await r.json()).toMatchObject({ code: 'CSRF_INVALID' });
    }
    // The console's cookie opens no portal route, and the portal's no console route.
    const viaConsole = await fetch(s.url + supplierRoutes.session, { headers: { cookie: w.admin.cookie } });
    expect(viaConsole.status).toBe(401);
    const viaPortal = await fetch(s.url + consoleRoutes.session, { headers: { cookie: c.cookie } });
    expect(viaPortal.status).toBe(401);
    // Sign-out of a live session needs the token too; afterwards the cookie is dead.
    expect((await c.fetch(supplierRoutes.signOut, { method: 'POST', headers: { ...json, [CSRF_HEADER]: 'nope' }, body: '{}' })).status).toBe(403);
    expect((await c.request('POST', supplierRoutes.signOut, {})).status).toBe(200);
    expect((await c.request('GET', supplierRoutes.session)).status).toBe(401);
  });

  it('starts the count over when a lock has run out: one wrong password after it does not lock again', async () => {
    const { s, w } = await world({ supplier: { lockoutFailures: 3 } });
    const pw = await issue(w, A.code);
    for (let i = 1; i <= 2; i++) expect((await signInSupplierRaw(s.url, A.code, `wrong-${i}`)).status).toBe(401);
    expect((await signInSupplierRaw(s.url, A.code, 'wrong-3')).status).toBe(423);
    // The lock's end, without waiting for it.
    await s.db.query(`UPDATE supplier_accounts SET locked_until = now() - interval '1 second'`);
    expect((await signInSupplierRaw(s.url, A.code, 'wrong-4')).status).toBe(401);
    const [row] = await s.db.query<{ failed_count: number; locked: boolean }>('SELECT failed_count, locked_until IS NOT NULL AS locked FROM supplier_accounts');
    expect(row).toMatchObject({ failed_count: 1, locked: false });
    expect((await signInSupplierRaw(s.url, A.code, 'wrong-5')).status).toBe(401);
    expect((await signInSupplierRaw(s.url, A.code, 'wrong-6')).status).toBe(423);
    expect((await signInSupplierRaw(s.url, A.code, pw)).status).toBe(423);
  });

  it('ends a session at its expiry, and a wrong current password on change counts towards the lockout', async () => {
    const { s, w } = await world({ supplier: { lockoutFailures: 2 } });
    const pw = await issue(w, A.code);
    const c = await signInSupplier(s.url, A.code, pw);
    const change = (currentPassword: string) => c.request('POST', supplierRoutes.changePassword, { currentPassword, newPassword: 'a-good-new-password' });
    expect((await change('wrong-1')).status).toBe(401);
    const locked = await change('wrong-2');
    expect(locked.status).toBe(423);
    expect((await change(pw)).status).toBe(423);
    // Expiry without waiting for it: the row says when, the server believes the row.
    await s.db.query(`UPDATE supplier_sessions SET expires_at = now() - interval '1 second'`);
    const expired = await c.request('GET', supplierRoutes.session);
    expect(expired.status).toBe(401);
    expect(expired.body).toMatchObject({ code: 'SUPPLIER_SIGNED_OUT' });
  });

  it('a disabled account is signed out at once and cannot sign in', async () => {
    const { s, w } = await world();
    const pw = await issue(w, A.code);
    const c = await signInSupplier(s.url, A.code, pw);
    const off = await w.admin.request('POST', supplierConsoleRoutes.updateAccount(A.code), { disabled: true });
    expect(off.status).toBe(200);
    expect((await c.request('GET', supplierRoutes.session)).status).toBe(401);
    expect((await signInSupplierRaw(s.url, A.code, pw)).status).toBe(401);
    await w.admin.request('POST', supplierConsoleRoutes.updateAccount(A.code), { disabled: false });
    expect((await signInSupplierRaw(s.url, A.code, pw)).status).toBe(200);
  });

  it('lets only admin and finance run the portal from the console: a manager gets 403, no session 401', async () => {
    const { s, w } = await world();
    await seedConsoleUser(s, { name: 'fin', role: 'finance', password: 'finance-password-1' });
    await seedConsoleUser(s, { name: 'mgr', role: 'manager', password: 'manager-password-1', storeIds: ['S1'] });
    const fin = await signInConsole(s.url, 'fin', 'finance-password-1');
    const mgr = await signInConsole(s.url, 'mgr', 'manager-password-1');
    const calls: [string, string, unknown][] = [
      ['GET', supplierConsoleRoutes.accounts, undefined],
      ['POST', supplierConsoleRoutes.issuePassword(A.code), {}],
      ['POST', supplierConsoleRoutes.updateAccount(A.code), { disabled: false }],
      ['GET', supplierConsoleRoutes.notices, undefined],
      ['POST', supplierConsoleRoutes.notices, { title: 't', body: 'b', kind: 'notice', audience: 'all' }],
      ['POST', supplierConsoleRoutes.withdrawNotice(w.allNoticeId), {}],
      ['GET', supplierConsoleRoutes.noticeDocument(w.bNoticeId), undefined],
      ['GET', supplierConsoleRoutes.feedback, undefined],
      ['POST', supplierConsoleRoutes.answerFeedback(w.bFeedbackId), { answer: 'yes' }],
    ];
    for (const [method, path, body] of calls) {
      expect((await mgr.request(method, path, body)).status, `${method} ${path}`).toBe(403);
      expect((await fetch(s.url + path, { method, ...(body === undefined ? {} : { headers: json, body: JSON.stringify(body) }) })).status, `${method} ${path}`).toBe(401);
    }
    for (const [method, path, body] of calls) {
      const res = await fin.fetch(path, { method, ...(body === undefined ? {} : { headers: json, body: JSON.stringify(body) }) });
      expect([200, 201], `${method} ${path}`).toContain(res.status);
    }
    // A listed audience must name suppliers that exist, and only with 'listed'.
    expect((await fin.request('POST', supplierConsoleRoutes.notices, { title: 't', body: 'b', kind: 'notice', audience: 'listed', supplierIds: ['NOPE'] })).status).toBe(400);
    expect((await fin.request('POST', supplierConsoleRoutes.notices, { title: 't', body: 'b', kind: 'notice', audience: 'all', supplierIds: [A.code] })).status).toBe(400);
  });

  it('keeps /supplier out of /openapi.json', async () => {
    const { s } = await world();
    const doc = (await (await fetch(`${s.url}/openapi.json`)).json()) as { paths: Record<string, unknown> };
    expect(Object.keys(doc.paths).filter((p) => p.startsWith('/supplier') || p.includes('supplier-portal'))).toEqual([]);
  });
});
