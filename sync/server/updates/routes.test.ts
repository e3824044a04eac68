import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLLOUTS_PATH, UPDATES_BASE, rolloutPath, type Rollout, type RolloutsResponse } from '../../protocol/updates.js';
import { startTestServer, type TestServer } from '../testing.js';
import { writeRelease } from './release.testkit.js';
import { rolloutBucket, storeInRollout } from './rollout.js';

let server: TestServer;
let dir: string;
let s1: string;
let s2: string;

async function get(name: string, token: string): Promise<{ status: number; text: string; type: string | null }> {
  const res = await fetch(`${server.url}${UPDATES_BASE}/${encodeURIComponent(name)}`, { headers: { authorization: `Bearer ${token}` } });
  return { status: res.status, text: await res.text(), type: res.headers.get('content-type') };
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'store-ops-updates-'));
  server = await startTestServer({ updatesDir: dir });
  await server.admin.createStore({ id: 'S001' });
  await server.admin.createStore({ id: 'S002' });
  s1 = (await server.admin.enroll('S001')).token;
  s2 = (await server.admin.enroll('S002')).token;
});
afterAll(async () => {
  await server?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('update feeds', () => {
  it('serves the feed and its file only to the stores the version is rolled out to', async () => {
    const release = await writeRelease(dir, '0.2.0');
    // No rollout yet: published files reach no store.
    expect((await get('latest-linux.yml', s1)).status).toBe(204);
    expect((await get(release.file, s1)).status).toBe(404);

    const put = await server.request<Rollout>('PUT', rolloutPath('0.2.0'), { token: server.adminToken, body: { storeIds: ['S001'], percent: 0 } });
    expect(put).toMatchObject({ status: 200, body: { version: '0.2.0', storeIds: ['S001'], percent: 0 } });
    const feed = await get('latest-linux.yml', s1);
    expect(feed.status).toBe(200);
    expect(feed.text).toContain('version: 0.2.0');
    const file = await fetch(`${server.url}${UPDATES_BASE}/${release.file}`, { headers: { authorization: `Bearer ${s1}` } });
    expect(Buffer.from(await file.arrayBuffer()).equals(release.bytes)).toBe(true);
    // S002 is held back: no feed, and not the file by name either.
    expect((await get('latest-linux.yml', s2)).status).toBe(204);
    expect((await get(release.file, s2)).status).toBe(404);
  });

  it('lets a percentage in by a stable bucket of store and version', async () => {
    await writeRelease(dir, '0.3.0');
    const bucket = rolloutBucket('S002', '0.3.0');
    await server.request('PUT', rolloutPath('0.3.0'), { token: server.adminToken, body: { storeIds: [], percent: bucket } });
    expect((await get('latest-linux.yml', s2)).status).toBe(204);
    await server.request('PUT', rolloutPath('0.3.0'), { token: server.adminToken, body: { storeIds: [], percent: bucket + 1 } });
    expect((await get('latest-linux.yml', s2)).status).toBe(200);
    expect(storeInRollout({ storeIds: [], percent: 100 }, 'S999', '9.9.9')).toBe(true);
    expect(storeInRollout({ storeIds: [], percent: 0 }, 'S999', '9.9.9')).toBe(false);
    const list = await server.request<RolloutsResponse>('GET', ROLLOUTS_PATH, { token: server.adminToken });
    expect(list.body.rollouts.map((r) => r.version).sort()).toEqual(['0.2.0', '0.3.0']);
  });

  it('asks for a device token on feeds and the admin token on rollouts, and refuses what is not a release', async () => {
    expect((await get('latest-linux.yml', 'not-a-token')).status).toBe(401);
    expect((await get('latest-linux.yml', server.adminToken)).status).toBe(401);
    const revoked = await server.admin.enroll('S001', 'Old till');
    await server.admin.revoke(revoked.deviceId);
    expect((await get('latest-linux.yml', revoked.token)).status).toBe(403);
    expect((await server.request('PUT', rolloutPath('0.4.0'), { token: s1, body: { storeIds: [], percent: 50 } })).status).toBe(401);
    expect(await server.request('PUT', rolloutPath('0.4.0'), { token: server.adminToken, body: { storeIds: ['S404'], percent: 50 } })).toMatchObject({ status: 404, body: { code: 'UNKNOWN_STORE' } });
    expect((await server.request('PUT', rolloutPath('0.4.0'), { token: server.adminToken, body: { storeIds: [], percent: 101 } })).status).toBe(400);
    expect((await server.request('PUT', rolloutPath('not-a-version'), { token: server.adminToken, body: { storeIds: [], percent: 1 } })).status).toBe(400);
    // Files no feed names, hidden files and paths are never served, whatever lies in the folder.
    await writeFile(path.join(dir, 'secret.txt'), 'x');
    expect((await get('secret.txt', s1)).status).toBe(404);
    expect((await get('../etc/passwd', s1)).status).toBe(404);
    expect((await get('.env', s1)).status).toBe(404);
  });

  it('answers 404 when the centre has no updates folder', async () => {
    const bare = await startTestServer();
    try {
      await bare.admin.createStore({ id: 'S001' });
      const { token } = await bare.admin.enroll('S001');
      const res = await fetch(`${bare.url}${UPDATES_BASE}/latest-linux.yml`, { headers: { authorization: `Bearer ${token}` } });
      expect(res.status).toBe(404);
      expect(await res.json()).toMatchObject({ code: 'NOT_FOUND' });
    } finally {
      await bare.close();
    }
  });
});
