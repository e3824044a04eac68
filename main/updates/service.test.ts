import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rolloutPath } from '../../sync/protocol/updates.js';
import { startTestServer, type TestServer } from '../../sync/server/testing.js';
import { writeRelease } from '../../sync/server/updates/release.testkit.js';
import { invokeContract } from '../dispatch.js';
import { contractError, tempDirs } from '../host/test-support.js';
import { createStoreOps } from '../service.js';
import { SettingsStore } from '../settings/index.js';
import { createUpdateService } from './service.js';

let server: TestServer;
let updatesDir: string;
let dirs: Awaited<ReturnType<typeof tempDirs>>;
let settings: SettingsStore;
const installed: string[] = [];

beforeAll(async () => {
  updatesDir = await mkdtemp(path.join(tmpdir(), 'store-ops-centre-updates-'));
  server = await startTestServer({ updatesDir });
  await server.admin.createStore({ id: 'S001' });
  const device = await server.admin.enroll('S001', 'Till');
  await writeRelease(updatesDir, '0.2.0');
  await server.request('PUT', rolloutPath('0.2.0'), { token: server.adminToken, body: { storeIds: ['S001'], percent: 0 } });
  dirs = await tempDirs();
  settings = new SettingsStore(dirs.dataDir);
  await settings.update((s) => ({ ...s, serverUrl: server.url, device: { deviceId: device.deviceId, deviceName: 'Till', storeId: 'S001' }, token: device.token }));
});
afterAll(async () => {
  await server?.close();
  await dirs?.cleanup();
  await rm(updatesDir, { recursive: true, force: true });
});

describe('updates behind the contract', () => {
  it('holds the install while the renderer has a pick open or main is releasing a locker', async () => {
    const updates = createUpdateService({ settings, version: '0.1.0', updates: { installer: { install: async (_f, v) => void installed.push(v) }, platform: 'linux' } });
    expect(await updates.start()).toMatchObject({ status: 'ready', version: '0.2.0' });
    expect(await updates.idleLocked({ pickInProgress: true })).toMatchObject({ status: 'ready' });
    let release!: () => void;
    const door = updates.duringWork(() => new Promise<void>((r) => (release = r)));
    expect(await updates.idleLocked({ pickInProgress: false })).toMatchObject({ status: 'ready' });
    expect(installed).toEqual([]);
    release();
    await door;
    expect(await updates.idleLocked({ pickInProgress: false })).toMatchObject({ status: 'installing', version: '0.2.0' });
    expect(installed).toEqual(['0.2.0']);
    await updates.stop();
  });

  it('answers through the contract; a host without an installer never updates; the idle lock input is checked', async () => {
    const ops = createStoreOps({ settings, mode: 'web', version: '0.1.0' });
    expect(await invokeContract(ops, 'getUpdateState', [])).toEqual({ status: 'none', currentVersion: '0.1.0' });
    expect(await invokeContract(ops, 'idleLocked', [{ pickInProgress: false }])).toEqual({ status: 'none', currentVersion: '0.1.0' });
    expect((await contractError(invokeContract(ops, 'idleLocked', [{ pickInProgress: 'no' }]))).code).toBe('INVALID_INPUT');
    expect((await contractError(invokeContract(ops, 'idleLocked', [{ pickInProgress: false, force: true }]))).code).toBe('INVALID_INPUT');
  });
});
