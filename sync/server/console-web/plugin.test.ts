import { mkdirSync, writeFileSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../testing.js';

/** A stand-in for dist/console: what Vite writes (an index.html naming a hashed script under assets/). */
function fakeBuild(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'storeops-console-'));
  mkdirSync(path.join(dir, 'assets'));
  writeFileSync(path.join(dir, 'index.html'), '<!doctype html><div id="root"></div><script type="module" src="/console/assets/index-abc123.js"></script>');
  writeFileSync(path.join(dir, 'assets', 'index-abc123.js'), 'console.log("console")');
  writeFileSync(path.join(dir, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  return dir;
}

describe('the console web plugin', () => {
  let server: TestServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('serves the page at /console/ with a strict CSP and no caching of the page', async () => {
    server = await startTestServer({ consoleDir: fakeBuild() });
    const res = await fetch(`${server.url}/console/`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await res.text()).toContain('<div id="root">');
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain(`script-src 'self'`);
    expect(csp).not.toContain('unsafe-eval');
    expect(csp).toContain(`connect-src 'self'`);
    expect(csp).toContain(`frame-ancestors 'none'`);
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('cache-control')).toBe('no-cache');
  });

  it('falls back to the page for client-side routes, so a reload of a deep link opens the app', async () => {
    server = await startTestServer({ consoleDir: fakeBuild() });
    for (const p of ['/console/admin/stores', '/console/reconciliation/exceptions?type=fee', '/console/sign-in']) {
      const res = await fetch(`${server.url}${p}`);
      expect(res.status, p).toBe(200);
      expect(await res.text(), p).toContain('<div id="root">');
    }
    const bare = await fetch(`${server.url}/console`, { redirect: 'manual' });
    expect(bare.status).toBe(301);
    expect(bare.headers.get('location')).toBe('/console/');
  });

  it('serves hashed assets as immutable and answers a missing file or an unknown API path with a JSON 404', async () => {
    server = await startTestServer({ consoleDir: fakeBuild() });
    const js = await fetch(`${server.url}/console/assets/index-abc123.js`);
    expect(js.status).toBe(200);
    expect(js.headers.get('content-type')).toMatch(/javascript/);
    expect(js.headers.get('cache-control')).toContain('immutable');
    expect(js.headers.get('content-security-policy')).toContain(`default-src 'none'`);
    expect((await fetch(`${server.url}/console/favicon.svg`)).status).toBe(200);

    for (const p of ['/console/assets/index-old999.js', '/console/api/no-such-route', '/console/..%2f..%2fpackage.json', '/console/%2e%2e/%2e%2e/package.json']) {
      const res = await fetch(`${server.url}${p}`);
      expect(res.status, p).toBe(404);
      expect(await res.json(), p).toMatchObject({ code: 'NOT_FOUND' });
    }
  });

  it('says how to build the console when dist/console is missing, instead of failing to start', async () => {
    server = await startTestServer({ consoleDir: path.join(tmpdir(), 'storeops-no-console-here') });
    const res = await fetch(`${server.url}/console/`);
    expect(res.status).toBe(503);
    expect(await res.text()).toContain('npm run build');
    expect((await server.request('GET', '/healthz')).status).toBe(200);
  });
});
