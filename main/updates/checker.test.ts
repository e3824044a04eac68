import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { rolloutPath } from '../../sync/protocol/updates.js';
import { startTestServer, type TestServer } from '../../sync/server/testing.js';
import { writeRelease } from '../../sync/server/updates/release.testkit.js';
import { rolloutBucket } from '../../sync/server/updates/rollout.js';
import { UpdateChecker } from './checker.js';
import type { UpdateInstaller } from './types.js';
import { compareVersions } from './version.js';

let server: TestServer;
let updatesDir: string;
let dataDir: string;
let token: string;
const installs: Array<{ file: string; version: string }> = [];
const installer: UpdateInstaller = { install: async (file, version) => void installs.push({ file, version }) };

beforeAll(async () => {
  updatesDir = await mkdtemp(path.join(tmpdir(), 'store-ops-centre-updates-'));
  server = await startTestServer({ updatesDir });
  await server.admin.createStore({ id: 'S001' });
  token = (await server.admin.enroll('S001')).token;
});
afterAll(async () => {
  await server?.close();
  await rm(updatesDir, { recursive: true, force: true });
});
beforeEach(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'store-ops-terminal-'));
  installs.length = 0;
  return () => rm(dataDir, { recursive: true, force: true });
});

function checker(busy: () => boolean = () => false): UpdateChecker {
  return new UpdateChecker({
    currentVersion: '0.1.0',
    dataDir,
    platform: 'linux',
    credential: async () => ({ serverUrl: server.url, token }),
    installer,
    busy,
  });
}

const rollout = (version: string, storeIds: string[], percent: number) =>
  server.request('PUT', rolloutPath(version), { token: server.adminToken, body: { storeIds, percent } });

describe('the terminal updates from the centre', () => {
  it('finds no update when the centre offers the version it runs', async () => {
    await writeRelease(updatesDir, '0.1.0');
    await rollout('0.1.0', [], 100);
    expect(await checker().check()).toMatchObject({ status: 'none', currentVersion: '0.1.0' });
  });

  it('downloads an update rolled out to its store, verifies it, and reports it ready', async () => {
    const release = await writeRelease(updatesDir, '0.2.0');
    await rollout('0.2.0', ['S001'], 0);
    const c = checker();
    expect(await c.check()).toMatchObject({ status: 'ready', version: '0.2.0' });
    const kept = await readFile(path.join(dataDir, 'updates', release.file));
    expect(kept.equals(release.bytes)).toBe(true);
    // A second check does not fetch it again.
    expect(await c.check()).toMatchObject({ status: 'ready', version: '0.2.0' });
  });

  it('gets no update while its store is held back by the rollout, by list or by percentage', async () => {
    await writeRelease(updatesDir, '0.3.0');
    await rollout('0.3.0', ['S002'], 0);
    const c = checker();
    expect(await c.check()).toMatchObject({ status: 'none' });
    const bucket = rolloutBucket('S001', '0.3.0');
    await rollout('0.3.0', [], bucket);
    expect(await c.check()).toMatchObject({ status: 'none' });
    await rollout('0.3.0', [], bucket + 1);
    expect(await c.check()).toMatchObject({ status: 'ready', version: '0.3.0' });
  });

  it('refuses a download whose sha512 is not the feed’s and deletes it', async () => {
    await writeRelease(updatesDir, '0.4.0', { sha512: Buffer.alloc(64, 7).toString('base64') });
    await rollout('0.4.0', [], 100);
    const state = await checker().check();
    expect(state).toMatchObject({ status: 'error', error: { code: 'UPDATE_CHECKSUM_MISMATCH' } });
    expect(await readdir(path.join(dataDir, 'updates'))).toEqual([]);
  });

  it('installs only at an idle lock with no work in progress', async () => {
    const release = await writeRelease(updatesDir, '0.5.0');
    await rollout('0.5.0', ['S001'], 0);
    let busy = true;
    const c = checker(() => busy);
    expect(await c.check()).toMatchObject({ status: 'ready' });
    // A pick in progress: the update waits, still ready.
    expect(await c.installIfIdle()).toMatchObject({ status: 'ready' });
    expect(installs).toEqual([]);
    busy = false;
    expect(await c.installIfIdle()).toMatchObject({ status: 'installing', version: '0.5.0' });
    expect(installs).toEqual([{ file: path.join(dataDir, 'updates', release.file), version: '0.5.0' }]);
  });

  it('installs a download verified in the last run at the next start, and not one altered since', async () => {
    const release = await writeRelease(updatesDir, '0.7.0');
    await rollout('0.7.0', ['S001'], 0);
    expect(await checker(() => true).check()).toMatchObject({ status: 'ready' });
    // The app restarts: nothing is in progress yet, the kept download installs.
    expect(await checker().resume()).toMatchObject({ status: 'installing', version: '0.7.0' });
    expect(installs).toEqual([{ file: path.join(dataDir, 'updates', release.file), version: '0.7.0' }]);
    installs.length = 0;
    await writeFile(path.join(dataDir, 'updates', release.file), 'tampered');
    expect(await checker().resume()).toMatchObject({ status: 'none' });
    expect(installs).toEqual([]);
  });

  it('keeps the update ready when the installer fails, with a stable code', async () => {
    await writeRelease(updatesDir, '0.6.0');
    await rollout('0.6.0', ['S001'], 0);
    const c = new UpdateChecker({
      currentVersion: '0.1.0', dataDir, platform: 'linux', busy: () => false,
      credential: async () => ({ serverUrl: server.url, token }),
      installer: { install: async () => { throw new Error('disk full'); } },
    });
    await c.check();
    expect(await c.installIfIdle()).toMatchObject({ status: 'ready', error: { code: 'UPDATE_INSTALL_FAILED' } });
  });

  it('does not ask the centre before the terminal is enrolled', async () => {
    const c = new UpdateChecker({ currentVersion: '0.1.0', dataDir, installer, busy: () => false, credential: async () => null, fetch: () => Promise.reject(new Error('no call expected')) });
    expect(await c.check()).toMatchObject({ status: 'none' });
  });
});

describe('version order', () => {
  it('follows semver precedence', () => {
    const sorted = ['1.0.0', '0.9.10', '1.0.0-rc.1', '1.0.0-beta.11', '1.0.0-beta.2', '1.0.0-alpha', '0.10.0'].sort(compareVersions);
    expect(sorted).toEqual(['0.9.10', '0.10.0', '1.0.0-alpha', '1.0.0-beta.2', '1.0.0-beta.11', '1.0.0-rc.1', '1.0.0']);
  });
});
