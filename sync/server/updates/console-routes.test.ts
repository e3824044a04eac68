import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONSOLE_API_BASE, consoleRoutes, type ConsoleAuditResponse } from '../../protocol/console.js';
import { CONSOLE_ROLLOUTS_PATH, ROLLOUTS_PATH, consoleRolloutSubpath, rolloutPath, type ConsoleRolloutsResponse, type Rollout } from '../../protocol/updates.js';
import { seedConsoleUser, signInConsole, type ConsoleClient } from '../console-auth/console-auth.testkit.js';
import { startTestServer, type TestServer } from '../testing.js';
import { writeRelease } from './release.testkit.js';

const LIST = CONSOLE_API_BASE + CONSOLE_ROLLOUTS_PATH;
const ONE = (version: string) => CONSOLE_API_BASE + consoleRolloutSubpath(version);

let server: TestServer;
let dir: string;
let admin: ConsoleClient;
let finance: ConsoleClient;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'store-ops-console-updates-'));
  server = await startTestServer({ updatesDir: dir });
  await server.admin.createStore({ id: 'S001' });
  await server.admin.createStore({ id: 'S002' });
  await seedConsoleUser(server, { name: 'root', role: 'admin' });
  await seedConsoleUser(server, { name: 'money', role: 'finance' });
  admin = await signInConsole(server.url, 'root', 'test-password-root');
  finance = await signInConsole(server.url, 'money', 'test-password-money');
});
afterAll(async () => {
  await server?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('update rollouts in the console', () => {
  it('lists the published versions with their rollouts, and sets one as the admin route does, audited', async () => {
    await writeRelease(dir, '1.2.0');
    const before = await admin.request<ConsoleRolloutsResponse>('GET', LIST);
    expect(before).toMatchObject({ status: 200, body: { updatesDir: true, versions: [{ version: '1.2.0', feeds: ['latest-linux.yml'], published: true, rollout: null }] } });

    const put = await admin.request<Rollout>('PUT', ONE('1.2.0'), { storeIds: ['S002', 'S001'], percent: 25 });
    expect(put).toMatchObject({ status: 200, body: { version: '1.2.0', storeIds: ['S001', 'S002'], percent: 25 } });
    // The same table as the admin-token route: what the console set, the centre's admin list shows.
    const adminList = await server.request<{ rollouts: Rollout[] }>('GET', ROLLOUTS_PATH, { token: server.adminToken });
    expect(adminList.body.rollouts).toEqual([put.body]);

    // A rollout set ahead for a version not (or no longer) published stays listed, unpublished.
    await server.request('PUT', rolloutPath('1.1.0'), { token: server.adminToken, body: { storeIds: [], percent: 100 } });
    const after = await admin.request<ConsoleRolloutsResponse>('GET', LIST);
    expect(after.body.versions.map((v) => [v.version, v.published, v.rollout?.percent])).toEqual([
      ['1.2.0', true, 25],
      ['1.1.0', false, 100],
    ]);

    const entries = (await admin.request<ConsoleAuditResponse>('GET', consoleRoutes.audit)).body.entries;
    expect(entries.find((e) => e.action === 'update-rollout.set')).toMatchObject({ userName: 'root', target: '1.2.0', detail: { storeIds: ['S001', 'S002'], percent: 25 } });
  });

  it('is for admins only, needs the CSRF token on writes, and refuses a bad percent, version or store', async () => {
    expect(await finance.request('GET', LIST)).toMatchObject({ status: 403, body: { code: 'CONSOLE_ROLE_FORBIDDEN' } });
    expect(await finance.request('PUT', ONE('1.2.0'), { storeIds: [], percent: 100 })).toMatchObject({ status: 403, body: { code: 'CONSOLE_ROLE_FORBIDDEN' } });
    expect((await fetch(server.url + LIST)).status).toBe(401);
    const noCsrf = await admin.fetch(ONE('1.2.0'), { method: 'PUT', headers: { 'content-type': 'application/json', 'x-csrf-token': 'wrong' }, body: JSON.stringify({ storeIds: [], percent: 100 }) });
    expect(noCsrf.status).toBe(403);

    expect((await admin.request('PUT', ONE('1.2.0'), { storeIds: [], percent: 101 })).status).toBe(400);
    expect((await admin.request('PUT', ONE('1.2.0'), { storeIds: [], percent: -1 })).status).toBe(400);
    expect((await admin.request('PUT', ONE('1.2.0'), { storeIds: [], percent: 12.5 })).status).toBe(400);
    expect((await admin.request('PUT', ONE('latest'), { storeIds: [], percent: 10 })).status).toBe(400);
    expect(await admin.request('PUT', ONE('1.2.0'), { storeIds: ['S001', 'S404'], percent: 10 })).toMatchObject({
      status: 404,
      body: { code: 'UNKNOWN_STORE', details: { storeIds: ['S404'] } },
    });
    // Nothing refused changed the rollout.
    const list = await admin.request<ConsoleRolloutsResponse>('GET', LIST);
    expect(list.body.versions.find((v) => v.version === '1.2.0')?.rollout).toMatchObject({ storeIds: ['S001', 'S002'], percent: 25 });
  });
});
