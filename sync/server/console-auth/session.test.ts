import { afterEach, describe, expect, it } from 'vitest';
import { consoleRoutes, CSRF_HEADER, type ConsoleSessionResponse } from '../../protocol/console.js';
import { startTestServer, type StartTestServerOptions, type TestServer } from '../testing.js';
import { consoleClient, seedConsoleUser, sessionCookieOf, signInConsole } from './console-auth.testkit.js';

const servers: TestServer[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await s.close();
});
async function server(opts: StartTestServerOptions = {}): Promise<TestServer> {
  const s = await startTestServer(opts);
  servers.push(s);
  return s;
}

function signIn(s: TestServer, name: string, password: string, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(s.url + consoleRoutes.signIn, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ name, password }) });
}

describe('console sign-in', () => {
  it('signs in with name (any case) and password, answers the session with its CSRF token, and sets an HttpOnly SameSite=Strict cookie', async () => {
    const s = await server();
    await seedConsoleUser(s, { name: 'Wang Fang', role: 'finance', password: 'correct horse battery' });
    const res = await signIn(s, 'wang fang', 'correct horse battery');
    expect(res.status).toBe(200);
    const body = (await res.json()) as ConsoleSessionResponse;
    expect(body.user).toMatchObject({ name: 'Wang Fang', role: 'finance', storeIds: [] });
    expect(body.csrfToken.length).toBeGreaterThan(20);
    expect(Date.parse(body.expiresAt)).toBeGreaterThan(Date.now());
    const [line] = res.headers.getSetCookie();
    expect(line).toMatch(/^storeops_console=[\w-]{40,};/);
    expect(line).toMatch(/; HttpOnly/);
    expect(line).toMatch(/; SameSite=Strict/);
    expect(line).toMatch(/; Path=\/console/);
    // Plain HTTP without a trusted proxy: a Secure cookie would never come back.
    expect(line).not.toMatch(/; Secure/);

    const client = consoleClient(s.url, sessionCookieOf(res) ?? '', body.csrfToken, body.user);
    const session = await client.request<ConsoleSessionResponse>('GET', consoleRoutes.session);
    expect(session.status).toBe(200);
    expect(session.body).toEqual(body);
    // The password is stored as a scrypt hash with its parameters, never in clear.
    const [row] = await s.db.query<{ password_hash: string }>('SELECT password_hash FROM console_users');
    expect(row?.password_hash).toMatch(/^scrypt\$32768\$8\$1\$[\w-]{22}\$[\w-]{86}$/);
    expect(row?.password_hash).not.toContain('correct horse');
  });

  it('answers a wrong password, an unknown name and a disabled user alike: 401 CONSOLE_SIGN_IN_FAILED and no cookie', async () => {
    const s = await server();
    const { user } = await seedConsoleUser(s, { name: 'li', role: 'admin', password: 'li-password-123' });
    await seedConsoleUser(s, { name: 'gone', role: 'finance', password: 'gone-password-123' });
    await s.db.query("UPDATE console_users SET disabled_at = now() WHERE name = 'gone'");
    for (const [name, password] of [
      ['li', 'li-password-124'],
      ['nobody', 'li-password-123'],
      ['gone', 'gone-password-123'],
    ] as const) {
      const res = await signIn(s, name, password);
      expect(res.status, name).toBe(401);
      expect(await res.json()).toMatchObject({ code: 'CONSOLE_SIGN_IN_FAILED', message: 'wrong name or password' });
      expect(res.headers.getSetCookie()).toEqual([]);
    }
    const invalid = await signIn(s, '', '');
    expect(invalid.status).toBe(400);
    expect((await s.db.query('SELECT 1 FROM console_sessions')).length).toBe(0);
    // Sign-ins are audited; failures are not rows (they are counted by the rate limit).
    await signInConsole(s.url, 'li', 'li-password-123');
    expect(await s.db.query('SELECT user_id, action, target FROM console_audit WHERE action = $1', ['session.sign-in'])).toEqual([{ user_id: user.id, action: 'session.sign-in', target: user.id }]);
  });

  it('sets the cookie Secure when a trusted proxy says the request came over TLS, and only then', async () => {
    const behind = await server({ trustProxy: true });
    await seedConsoleUser(behind, { name: 'admin', role: 'admin' });
    const tls = await signIn(behind, 'admin', 'test-password-admin', { 'x-forwarded-proto': 'https' });
    expect(tls.status).toBe(200);
    expect(tls.headers.getSetCookie()[0]).toMatch(/; Secure/);
    const plain = await signIn(behind, 'admin', 'test-password-admin', { 'x-forwarded-proto': 'http' });
    expect(plain.headers.getSetCookie()[0]).not.toMatch(/; Secure/);

    // Without trustProxy the header is anyone's to send, and is not believed.
    const direct = await server();
    await seedConsoleUser(direct, { name: 'admin', role: 'admin' });
    const spoofed = await signIn(direct, 'admin', 'test-password-admin', { 'x-forwarded-proto': 'https' });
    expect(spoofed.status).toBe(200);
    expect(spoofed.headers.getSetCookie()[0]).not.toMatch(/; Secure/);
  });

  it('refuses a write without the CSRF token or with a wrong one (403 CSRF_INVALID), and anything without a session (401)', async () => {
    const s = await server();
    await seedConsoleUser(s, { name: 'admin', role: 'admin' });
    const c = await signInConsole(s.url, 'admin', 'test-password-admin');
    const body = JSON.stringify({ name: 'x-user', role: 'finance' });
    const attempts: Array<Record<string, string>> = [{ 'content-type': 'application/json' }, { 'content-type': 'application/json', [CSRF_HEADER]: 'wrong' }];
    for (const headers of attempts) {
      const res = await fetch(s.url + consoleRoutes.users, { method: 'POST', headers: { ...headers, cookie: c.cookie }, body });
      expect(res.status).toBe(403);
      expect(await res.json()).toMatchObject({ code: 'CSRF_INVALID' });
    }
    // Another session's token is as wrong as any.
    const other = await signInConsole(s.url, 'admin', 'test-password-admin');
    const crossed = await fetch(s.url + consoleRoutes.users, { method: 'POST', headers: { 'content-type': 'application/json', cookie: c.cookie, [CSRF_HEADER]: other.csrfToken }, body });
    expect(crossed.status).toBe(403);
    expect((await s.db.query("SELECT 1 FROM console_users WHERE name = 'x-user'")).length).toBe(0);
    // With the token it goes through; GET needs none.
    expect((await c.request('POST', consoleRoutes.users, { name: 'x-user', role: 'finance' })).status).toBe(201);
    expect((await c.fetch(consoleRoutes.users)).status).toBe(200);

    for (const [method, path] of [['GET', consoleRoutes.session], ['GET', consoleRoutes.users], ['POST', consoleRoutes.users], ['GET', consoleRoutes.stores]] as const) {
      const res = await fetch(s.url + path, { method, headers: { cookie: 'storeops_console=not-a-session', [CSRF_HEADER]: c.csrfToken } });
      expect(res.status, `${method} ${path}`).toBe(401);
      expect(await res.json()).toMatchObject({ code: 'CONSOLE_SIGNED_OUT' });
    }
  });

  it('ends the session on sign-out (the old cookie is refused after) and when it expires', async () => {
    const s = await server();
    await seedConsoleUser(s, { name: 'admin', role: 'admin' });
    const c = await signInConsole(s.url, 'admin', 'test-password-admin');
    const out = await c.fetch(consoleRoutes.signOut, { method: 'POST' });
    expect(out.status).toBe(200);
    expect(out.headers.getSetCookie()[0]).toMatch(/^storeops_console=;.*Expires=Thu, 01 Jan 1970/);
    const replay = await c.request('GET', consoleRoutes.session);
    expect(replay).toMatchObject({ status: 401, body: { code: 'CONSOLE_SIGNED_OUT' } });
    expect((await s.db.query('SELECT 1 FROM console_sessions WHERE revoked_at IS NOT NULL')).length).toBe(1);
    // Signing out again (an ended session) just clears the cookie.
    expect((await c.fetch(consoleRoutes.signOut, { method: 'POST' })).status).toBe(200);

    const d = await signInConsole(s.url, 'admin', 'test-password-admin');
    expect((await d.request('GET', consoleRoutes.session)).status).toBe(200);
    await s.db.query("UPDATE console_sessions SET expires_at = now() - interval '1 second' WHERE revoked_at IS NULL");
    expect(await d.request('GET', consoleRoutes.session)).toMatchObject({ status: 401, body: { code: 'CONSOLE_SIGNED_OUT' } });
  });

  it('lasts as long as configured', async () => {
    const s = await server({ console: { sessionTtlMs: 60_000 } });
    await seedConsoleUser(s, { name: 'admin', role: 'admin' });
    const before = Date.now();
    const c = await signInConsole(s.url, 'admin', 'test-password-admin');
    const { body } = await c.request<ConsoleSessionResponse>('GET', consoleRoutes.session);
    const ttl = Date.parse(body.expiresAt) - before;
    expect(ttl).toBeGreaterThan(30_000);
    expect(ttl).toBeLessThanOrEqual(61_000);
  });

  it('limits failed sign-ins per name (from any address) and per address (any name); once limited, the right password is refused too', async () => {
    const limit = { max: 3, windowMs: 60_000 };
    // trustProxy: X-Forwarded-For gives each request the address a test wants.
    const s = await server({ trustProxy: true, console: { signInLimit: { perAddress: { max: 5, windowMs: 60_000 }, perName: limit } } });
    await seedConsoleUser(s, { name: 'target', role: 'admin', password: 'target-password-1' });
    await seedConsoleUser(s, { name: 'bystander', role: 'finance', password: 'bystander-pass-1' });
    for (let i = 0; i < 3; i++) expect((await signIn(s, 'target', `wrong-${i}`, { 'x-forwarded-for': `10.0.0.${i + 1}` })).status).toBe(401);
    const limited = await signIn(s, 'TARGET', 'target-password-1', { 'x-forwarded-for': '10.0.0.9' });
    expect(limited.status).toBe(429);
    expect(await limited.json()).toMatchObject({ code: 'RATE_LIMITED' });
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    // Another name from those addresses is not affected by the name's limit.
    expect((await signIn(s, 'bystander', 'bystander-pass-1', { 'x-forwarded-for': '10.0.0.1' })).status).toBe(200);

    // Per address: five different names fail from one address, then even a right one is refused there, not elsewhere.
    for (let i = 0; i < 5; i++) expect((await signIn(s, `guess-${i}`, 'whatever-password', { 'x-forwarded-for': '10.0.1.1' })).status).toBe(401);
    expect((await signIn(s, 'bystander', 'bystander-pass-1', { 'x-forwarded-for': '10.0.1.1' })).status).toBe(429);
    expect((await signIn(s, 'bystander', 'bystander-pass-1', { 'x-forwarded-for': '10.0.1.2' })).status).toBe(200);
  });

  it('checks the role: a finance user may read the stores but not the users, and a manager no write', async () => {
    const s = await server();
    await s.admin.createStore({ id: 'S001' });
    await seedConsoleUser(s, { name: 'fin', role: 'finance' });
    await seedConsoleUser(s, { name: 'mgr', role: 'manager', storeIds: ['S001'] });
    const fin = await signInConsole(s.url, 'fin', 'test-password-fin');
    expect((await fin.request('GET', consoleRoutes.stores)).status).toBe(200);
    const users = await fin.request('GET', consoleRoutes.users);
    expect(users).toMatchObject({ status: 403, body: { code: 'CONSOLE_ROLE_FORBIDDEN', details: { role: 'finance', allowed: ['admin'] } } });
    const mgr = await signInConsole(s.url, 'mgr', 'test-password-mgr');
    expect(mgr.user).toEqual({ id: mgr.user.id, name: 'mgr', role: 'manager', storeIds: ['S001'] });
    expect(await mgr.request('PUT', consoleRoutes.store('S001'), { name: 'Mine now', timezone: 'Asia/Shanghai' })).toMatchObject({ status: 403, body: { code: 'CONSOLE_ROLE_FORBIDDEN' } });
  });

  it('is left out of the Platform API description', async () => {
    const s = await server();
    const doc = (await s.request<{ paths: Record<string, unknown> }>('GET', '/openapi.json')).body;
    expect(Object.keys(doc.paths).filter((p) => p.startsWith('/console'))).toEqual([]);
    expect(Object.keys(doc.paths).length).toBeGreaterThan(10);
  });
});
