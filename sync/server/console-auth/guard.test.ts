import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { consoleRoutes } from '../../protocol/console.js';
import { buildServer } from '../app.js';
import { releaseTestDb, takeTestDb } from '../test-db-pool.js';
import { seedConsoleUser, signInConsole } from './console-auth.testkit.js';
import { assertConsoleStore, consoleUserOf, requireConsoleRole } from './guard.js';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** A server with one more feature's console routes, registered the way another feature would (its own plugin). */
async function serverWithFeature(): Promise<{ url: string; db: Awaited<ReturnType<typeof takeTestDb>>['db'] }> {
  const { db } = await takeTestDb();
  cleanups.push(() => releaseTestDb(db));
  const app = await buildServer({ db, adminToken: 'a'.repeat(40), platformApiKey: 'p'.repeat(40), windowSweepMs: 0, reminderSweepMs: 0, webhooks: false });
  await app.register(async (feature) => {
    feature.get('/things', { preHandler: requireConsoleRole('finance', 'admin') }, async (req) => ({ who: consoleUserOf(req).name }));
    feature.post('/things', { preHandler: requireConsoleRole('finance') }, async (req) => ({ made: true, by: consoleUserOf(req).role }));
    feature.get<{ Params: { storeId: string } }>('/stores/:storeId/things', { preHandler: requireConsoleRole() }, async (req) => {
      assertConsoleStore(req, req.params.storeId);
      return { storeId: req.params.storeId };
    });
  }, { prefix: '/console/api/feature' });
  await app.listen({ host: '127.0.0.1', port: 0 });
  cleanups.push(() => app.close());
  return { url: `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`, db };
}

describe('requireConsoleRole as another feature uses it (preHandler, its own plugin)', () => {
  it('refuses without a session, with the wrong role, a write without CSRF, and a manager outside their stores', async () => {
    const { url, db } = await serverWithFeature();
    await db.query("INSERT INTO stores (id, name, timezone) VALUES ('S001', 'One', 'Asia/Shanghai'), ('S002', 'Two', 'Asia/Shanghai')");
    await seedConsoleUser(db, { name: 'fin', role: 'finance' });
    await seedConsoleUser(db, { name: 'mgr', role: 'manager', storeIds: ['S001'] });
    const anon = await fetch(`${url}/console/api/feature/things`);
    expect(anon.status).toBe(401);
    expect(await anon.json()).toMatchObject({ code: 'CONSOLE_SIGNED_OUT' });

    const fin = await signInConsole(url, 'fin', 'test-password-fin');
    expect(await fin.request('GET', '/console/api/feature/things')).toMatchObject({ status: 200, body: { who: 'fin' } });
    expect(await fin.request('POST', '/console/api/feature/things', {})).toMatchObject({ status: 200, body: { made: true, by: 'finance' } });
    const noCsrf = await fetch(`${url}/console/api/feature/things`, { method: 'POST', headers: { cookie: fin.cookie, 'content-type': 'application/json' }, body: '{}' });
    expect(noCsrf.status).toBe(403);
    expect(await noCsrf.json()).toMatchObject({ code: 'CSRF_INVALID' });

    const mgr = await signInConsole(url, 'mgr', 'test-password-mgr');
    expect(await mgr.request('GET', '/console/api/feature/things')).toMatchObject({ status: 403, body: { code: 'CONSOLE_ROLE_FORBIDDEN' } });
    expect(await mgr.request('GET', '/console/api/feature/stores/S001/things')).toMatchObject({ status: 200, body: { storeId: 'S001' } });
    expect(await mgr.request('GET', '/console/api/feature/stores/S002/things')).toMatchObject({ status: 403, body: { code: 'CONSOLE_ROLE_FORBIDDEN', details: { storeId: 'S002' } } });

    // The feature's routes stay out of the Platform API's description without the feature hiding them.
    const doc = (await (await fetch(`${url}/openapi.json`)).json()) as { paths: Record<string, unknown> };
    expect(Object.keys(doc.paths).filter((p) => p.startsWith('/console'))).toEqual([]);
    expect((await fin.request('GET', consoleRoutes.session)).status).toBe(200);
  });
});
