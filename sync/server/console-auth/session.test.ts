import { afterEach, describe, expect, it } from 'vitest';
import { consoleRoutes, CSRF_HEADER, type ConsoleSessionResponse } from '../../protocol/console.js';
import { startTestServer, type TestServer } from '../testing.js';
import { seedConsoleUser, sessionCookieOf, signInConsole } from './console-auth.testkit.js';

const servers: TestServer[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await s.close();
});
async function server(opts: Parameters<typeof startTestServer>[0] = {}): Promise<TestServer> {
  const s = await startTestServer(opts);
  servers.push(s);
  return s;
}

describe('console sign-in', () => {
  it('signs in with name and password, answers the session with its CSRF token, and sets an HttpOnly SameSite=Strict cookie', async () => {
    const s = await server();
    await seedConsoleUser(s, { name: 'Wang Fang', role: 'finance', password: 'correct horse battery' });
    const res = await fetch(s.url + consoleRoutes.signIn, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'wang fang', password: 'correct horse battery' }) });
    expect(res.status).toBe(200);
    const body = (await res.json()) as ConsoleSessionResponse;
    expect(body.user).toMatchObject({ name: 'Wang Fang', role: 'finance', storeIds: [] });
    expect(body.csrfToken.length).toBeGreaterThan(20);
    const [line] = res.headers.getSetCookie();
    expect(line).toMatch(/^storeops_console=[\w-]{40,};/);
    expect(line).toMatch(/; HttpOnly/);
    expect(line).toMatch(/; SameSite=Strict/);
    expect(line).toMatch(/; Path=\/console/);
    // Plain HTTP, no trusted proxy: a Secure cookie would never come back.
    expect(line).not.toMatch(/; Secure/);

    const client = await signInConsole(s.url, 'Wang Fang', 'correct horse battery');
    const session = await client.request<ConsoleSessionResponse>('GET', consoleRoutes.session);
    expect(session.status).toBe(200);
    expect(session.body.user.name).toBe('Wang Fang');
    expect(session.body.csrfToken).toBe(client.csrfToken);
    expect(sessionCookieOf(res)).not.toBe(client.cookie);
  });

  it('refuses a write without the CSRF token, and a missing session', async () => {
    const s = await server();
    await seedConsoleUser(s, { name: 'admin', role: 'admin' });
    const c = await signInConsole(s.url, 'admin', 'test-password-admin');
    const out = await c.fetch(consoleRoutes.signOut, { method: 'POST', headers: { [CSRF_HEADER]: 'wrong' } });
    expect(out.status).toBe(403);
    expect(await out.json()).toMatchObject({ code: 'CSRF_INVALID' });
    expect((await fetch(s.url + consoleRoutes.session)).status).toBe(401);
  });
});
