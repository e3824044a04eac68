import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../testing.js';

/** A stand-in for dist/supplier: what Vite writes with base /supplier/. */
function fakeBuild(marker: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), `storeops-${marker}-`));
  mkdirSync(path.join(dir, 'assets'));
  writeFileSync(path.join(dir, 'index.html'), `<!doctype html><div id="root" data-app="${marker}"></div><script type="module" src="/${marker}/assets/index-def456.js"></script>`);
  writeFileSync(path.join(dir, 'assets', 'index-def456.js'), `console.log("${marker}")`);
  return dir;
}

/** The supplier portal is served by the same plugin as the console (plugin.ts webApp), at its own base. */
describe('the supplier portal web plugin', () => {
  let server: TestServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('serves the portal at /supplier/ with the console\'s strict headers, and client routes get the page', async () => {
    server = await startTestServer({ consoleDir: fakeBuild('console'), supplierDir: fakeBuild('supplier') });
    for (const p of ['/supplier/', '/supplier/statements', '/supplier/statements/JS202611-C001?v=2', '/supplier/sales/daily']) {
      const res = await fetch(`${server.url}${p}`);
      expect(res.status, p).toBe(200);
      expect(res.headers.get('content-type'), p).toMatch(/^text\/html/);
      expect(await res.text(), p).toContain('data-app="supplier"');
      expect(res.headers.get('cache-control'), p).toBe('no-cache');
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp).toContain(`script-src 'self'`);
      expect(csp).not.toContain('unsafe-eval');
      expect(csp).toContain(`frame-ancestors 'none'`);
      expect(res.headers.get('x-frame-options')).toBe('DENY');
    }
    // Each app keeps its own page: the console is not the portal.
    expect(await (await fetch(`${server.url}/console/`)).text()).toContain('data-app="console"');
    const bare = await fetch(`${server.url}/supplier`, { redirect: 'manual' });
    expect(bare.status).toBe(301);
    expect(bare.headers.get('location')).toBe('/supplier/');
  });

  it('serves hashed assets as immutable; an unknown API path, a missing file or a way out of the build is a JSON 404', async () => {
    server = await startTestServer({ supplierDir: fakeBuild('supplier') });
    const js = await fetch(`${server.url}/supplier/assets/index-def456.js`);
    expect(js.status).toBe(200);
    expect(js.headers.get('content-type')).toMatch(/javascript/);
    expect(js.headers.get('cache-control')).toContain('immutable');
    for (const p of ['/supplier/api/no-such-route', '/supplier/api/', '/supplier/assets/index-old.js', '/supplier/..%2f..%2fpackage.json', '/supplier/%2e%2e/%2e%2e/package.json']) {
      const res = await fetch(`${server.url}${p}`);
      expect(res.status, p).toBe(404);
      expect(res.headers.get('content-type'), p).toMatch(/^application\/json/);
      expect(await res.json(), p).toMatchObject({ code: 'NOT_FOUND' });
    }
  });

  it('says how to build the portal when dist/supplier is missing, and the server still starts', async () => {
    server = await startTestServer({ supplierDir: path.join(tmpdir(), 'storeops-no-supplier-here') });
    const res = await fetch(`${server.url}/supplier/statements`);
    expect(res.status).toBe(503);
    expect(await res.text()).toMatch(/supplier portal is not built.*npm run build/);
    expect((await server.request('GET', '/healthz')).status).toBe(200);
  });
});
