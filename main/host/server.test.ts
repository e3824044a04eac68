import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../sync/server/testing.js';
import { syncRoutes } from '../../sync/protocol/sync.js';
import { httpPlatform } from '../../renderer/platform/index.js';
import { type StoreOpsContract } from '../contract.js';
import { createStoreOps } from '../service.js';
import { SettingsStore } from '../settings/index.js';
import { startWebHost, type WebHost } from './server.js';
import { closedPort, contractError, tempDirs } from './test-support.js';

let server: TestServer;
let host: WebHost;
let client: StoreOpsContract;
let dirs: Awaited<ReturnType<typeof tempDirs>>;

beforeAll(async () => {
  server = await startTestServer();
  await server.admin.createStore({ id: 'S001' });
  dirs = await tempDirs();
  const settings = new SettingsStore(dirs.dataDir);
  host = await startWebHost({ ops: createStoreOps({ settings, mode: 'web', version: '0.0.0-test' }), settings, rendererDir: dirs.rendererDir, port: 0 });
  client = httpPlatform(host.url.replace(/\/$/, ''));
});

afterAll(async () => {
  await host?.close();
  await server?.close();
  await dirs?.cleanup();
});


describe('web host: the contract over HTTP against a real central server', () => {
  it('enrolls, hands out a credential the server accepts, and refuses a reused code', async () => {
    expect(await client.getSettings()).toEqual({ serverUrl: null, device: null, locale: null });
    expect((await contractError(client.getSyncCredential())).code).toBe('NOT_ENROLLED');

    const { code } = await server.admin.issueCode('S001');
    const settings = await client.enroll({ serverUrl: `${server.url}/`, code, deviceName: ' Till 1 ' });
    expect(settings).toMatchObject({ serverUrl: server.url, device: { storeId: 'S001', deviceName: 'Till 1' } });

    const cred = await client.getSyncCredential();
    expect(cred).toMatchObject({ serverUrl: server.url, storeId: 'S001', deviceId: settings.device?.deviceId });
    const whoami = await server.request<{ storeId: string; deviceId: string }>('GET', syncRoutes.whoami(), { token: cred.token });
    expect(whoami.status).toBe(200);
    expect(whoami.body).toMatchObject({ storeId: 'S001', deviceId: cred.deviceId });

    const reused = await contractError(client.enroll({ serverUrl: server.url, code, deviceName: 'Till 2' }));
    expect(reused.code).toBe('ENROLLMENT_FAILED');
    expect(reused.message).toMatch(/already been used/);
    // The failed attempt left the working credential alone.
    expect((await client.getSyncCredential()).token).toBe(cred.token);
  });

  it('maps unknown codes, bad input and an unreachable server to stable codes', async () => {
    const unknown = await contractError(client.enroll({ serverUrl: server.url, code: 'NOPE-1234', deviceName: 'Till' }));
    expect(unknown).toMatchObject({ code: 'ENROLLMENT_FAILED', message: expect.stringMatching(/not valid/) });
    expect((await contractError(client.enroll({ serverUrl: 'ftp://x', code: 'ABCD-1234', deviceName: 'Till' }))).code).toBe('INVALID_INPUT');
    expect((await contractError(client.enroll({ serverUrl: server.url, code: '  ', deviceName: 'Till' }))).code).toBe('INVALID_INPUT');
    const offline = await contractError(client.enroll({ serverUrl: `http://127.0.0.1:${await closedPort()}`, code: 'ABCD-1234', deviceName: 'Till' }));
    expect(offline.code).toBe('SERVER_UNREACHABLE');
    expect((await contractError(client.setLocale('fr' as 'en'))).code).toBe('INVALID_INPUT');
  });

  it('keeps the locale and reports app info', async () => {
    expect((await client.setLocale('zh-CN')).locale).toBe('zh-CN');
    expect((await client.getSettings()).locale).toBe('zh-CN');
    expect(await client.appInfo()).toEqual({ version: '0.0.0-test', dataDir: dirs.dataDir, mode: 'web' });
  });

  it('serves the renderer with a CSP that pins the enrolled server', async () => {
    const res = await fetch(host.url);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('Store Ops test page');
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain(`connect-src 'self' ${server.url}`);
    expect(csp).toMatch(/script-src 'self'( 'unsafe-eval')?;/);
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(csp).toContain(`frame-ancestors 'none'`);
  });

  it('forgets the credential on unenroll', async () => {
    const after = await client.unenroll();
    expect(after.device).toBeNull();
    expect((await contractError(client.getSyncCredential())).code).toBe('NOT_ENROLLED');
    expect(((await fetch(host.url)).headers.get('content-security-policy') ?? '')).toContain(`connect-src 'self' http: https:`);
  });
});

describe('web host: refuses cross-site use', () => {
  const post = (path: string, headers: Record<string, string>, body = JSON.stringify({ args: ['en'] })) =>
    fetch(new URL(path, host.url), { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });

  it('without the x-store-ops header, changing nothing', async () => {
    await client.setLocale('zh-CN');
    const res = await post('/contract/setLocale', {});
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ error: { code: 'FORBIDDEN' } });
    expect((await client.getSettings()).locale).toBe('zh-CN');
  });

  it('from a foreign Origin or a cross-site fetch', async () => {
    const foreign = await post('/contract/setLocale', { 'x-store-ops': '1', origin: 'http://evil.example' });
    expect(foreign.status).toBe(403);
    const otherPort = await post('/contract/setLocale', { 'x-store-ops': '1', origin: 'http://127.0.0.1:1' });
    expect(otherPort.status).toBe(403);
    const crossSite = await post('/contract/setLocale', { 'x-store-ops': '1', 'sec-fetch-site': 'cross-site' });
    expect(crossSite.status).toBe(403);
    const same = await post('/contract/setLocale', { 'x-store-ops': '1', origin: host.url.replace(/\/$/, ''), 'sec-fetch-site': 'same-origin' });
    expect(same.status).toBe(200);
    expect((await client.getSettings()).locale).toBe('en');
  });

  it('addressed by a foreign Host name (DNS rebinding)', async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const req = http.request(
        { host: '127.0.0.1', port: host.port, path: '/contract/getSyncCredential', method: 'POST', headers: { host: `attacker.example:${host.port}`, 'x-store-ops': '1', 'content-type': 'application/json' } },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', reject);
      req.end(JSON.stringify({ args: [] }));
    });
    expect(status).toBe(421);
  });

  it('with a non-JSON body, unknown fields or an unknown method', async () => {
    expect((await fetch(new URL('/contract/setLocale', host.url), { method: 'POST', headers: { 'content-type': 'text/plain', 'x-store-ops': '1' }, body: '{"args":["en"]}' })).status).toBe(415);
    const extra = await post('/contract/setLocale', { 'x-store-ops': '1' }, JSON.stringify({ args: ['en'], token: 'x' }));
    expect(extra.status).toBe(400);
    expect(await extra.json()).toMatchObject({ error: { code: 'INVALID_INPUT' } });
    const unknown = await post('/contract/eval', { 'x-store-ops': '1' }, JSON.stringify({ args: [] }));
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ error: { code: 'UNKNOWN_METHOD' } });
  });
});
