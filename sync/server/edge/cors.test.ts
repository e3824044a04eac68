import { afterEach, describe, expect, it } from 'vitest';
import { TERMINAL_APP_ORIGIN } from '../../protocol/sync.js';
import { startTestServer, type TestServer } from '../testing.js';
import { DEFAULT_CORS_ORIGINS, parseCorsOrigins } from './cors.js';

let s: TestServer | undefined;
afterEach(async () => {
  await s?.close();
  s = undefined;
});

/** A browser's preflight for the terminal's sync calls, and the origin the server allowed (null: none). */
async function preflight(origin: string): Promise<string | null> {
  const res = await fetch(`${(s as TestServer).url}/sync/v1/whoami`, {
    method: 'OPTIONS',
    headers: { origin, 'access-control-request-method': 'GET', 'access-control-request-headers': 'authorization' },
  });
  await res.arrayBuffer();
  return res.headers.get('access-control-allow-origin');
}

describe('CORS: an allowlist, not every origin reflected', () => {
  it('by default lets in the terminals only: the Electron app and browser-mode hosts on loopback', async () => {
    s = await startTestServer();
    for (const origin of [TERMINAL_APP_ORIGIN, 'http://127.0.0.1:5180', 'http://localhost:5173', 'http://[::1]:8080', 'http://127.0.0.2:4000']) {
      expect(await preflight(origin), origin).toBe(origin);
    }
    for (const origin of ['https://evil.example', 'http://192.168.1.5:5180', 'null', 'http://127.0.0.1.evil.example', 'file://', 'app://terminal.evil']) {
      expect(await preflight(origin), origin).toBeNull();
    }
  });

  it("answers an allowed origin's real requests with its CORS header, the live stream included, and a foreign one without", async () => {
    s = await startTestServer();
    await s.admin.createStore({ id: 'S001' });
    const d = await s.admin.enroll('S001', 'T1');
    const get = (path: string, origin: string) => fetch(s!.url + path, { headers: { origin, authorization: `Bearer ${d.token}` } });
    const ok = await get('/sync/v1/whoami', 'http://127.0.0.1:5180');
    expect(ok.status).toBe(200);
    expect(ok.headers.get('access-control-allow-origin')).toBe('http://127.0.0.1:5180');
    await ok.arrayBuffer();
    const foreign = await get('/sync/v1/whoami', 'https://evil.example');
    expect(foreign.headers.get('access-control-allow-origin')).toBeNull();
    await foreign.arrayBuffer();

    const ctrl = new AbortController();
    const stream = await fetch(`${s.url}/sync/v1/stream`, { headers: { origin: TERMINAL_APP_ORIGIN, authorization: `Bearer ${d.token}` }, signal: ctrl.signal });
    expect(stream.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(stream.headers.get('access-control-allow-origin')).toBe(TERMINAL_APP_ORIGIN);
    ctrl.abort();
  });

  it('takes exactly the configured list when one is given', async () => {
    s = await startTestServer({ corsOrigins: parseCorsOrigins('https://Console.Example.com, http://10.0.0.7:5180') });
    expect(await preflight('https://console.example.com')).toBe('https://console.example.com');
    expect(await preflight('http://10.0.0.7:5180')).toBe('http://10.0.0.7:5180');
    expect(await preflight('http://127.0.0.1:5180')).toBeNull();
    expect(await preflight(TERMINAL_APP_ORIGIN)).toBeNull();
  });
});

describe('CORS_ORIGINS', () => {
  it('is the default when unset or blank, a list of origins and "loopback" otherwise, and refuses what is not an origin', () => {
    expect(parseCorsOrigins(undefined)).toEqual(DEFAULT_CORS_ORIGINS);
    expect(parseCorsOrigins('  ')).toEqual(DEFAULT_CORS_ORIGINS);
    expect(DEFAULT_CORS_ORIGINS).toEqual([TERMINAL_APP_ORIGIN, 'loopback']);
    expect(parseCorsOrigins('loopback, https://A.example:8443,,app://terminal')).toEqual(['loopback', 'https://a.example:8443', 'app://terminal']);
    for (const bad of ['*', 'https://a.example/path', 'a.example', 'https://a.example?x=1', 'http://']) {
      expect(() => parseCorsOrigins(bad), bad).toThrow(/CORS_ORIGINS/);
    }
  });
});
