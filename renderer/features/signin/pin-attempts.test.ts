import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { StoreOpsContract } from '../../../main/contract.js';
import { startWebHost, type WebHost } from '../../../main/host/server.js';
import { tempDirs } from '../../../main/host/test-support.js';
import { createStoreOps } from '../../../main/service.js';
import { SettingsStore } from '../../../main/settings/index.js';
import { makeOperatorInput, startTestServer, type TestServer } from '../../../sync/server/testing.js';
import { httpPlatform } from '../../platform/index.js';
import { closeTestDbs, openTestDb, operator } from '../../testing/db.js';
import { dumpAllIndexedDb } from '../../testing/dump.js';
import { checkPin, lockoutView } from './pin-attempts.js';
import { tellMainWhenOperatorsChange } from './verifier-refresh.js';

const manager = makeOperatorInput({ id: 'mgr-7', roles: ['manager'], pin: '73915286' });
const picker = makeOperatorInput({ id: 'pck-9', roles: ['picker'], pin: '46027391' });

let server: TestServer;
let dirs: Awaited<ReturnType<typeof tempDirs>>;
let host: WebHost;
let ops: ReturnType<typeof createStoreOps>;
/** The renderer's own client of the contract, over HTTP to a real web host, as in browser mode. */
let platform: StoreOpsContract;

beforeAll(async () => {
  server = await startTestServer();
  await server.admin.seedStore('S001');
  await server.admin.putOperators('S001', [manager, picker]);
});
afterAll(async () => {
  await server?.close();
});
beforeEach(async () => {
  dirs = await tempDirs();
  const settings = new SettingsStore(dirs.dataDir);
  ops = createStoreOps({ settings, mode: 'web', version: '0.0.0-test' });
  // As main/host/cli.ts does: this process is the terminal's main side.
  ops.startBackground();
  host = await startWebHost({ ops, settings, rendererDir: dirs.rendererDir, port: 0 });
  platform = httpPlatform(host.url.replace(/\/$/, ''));
  await platform.enroll({ serverUrl: server.url, code: (await server.admin.issueCode('S001')).code, deviceName: 'Till' });
});
afterEach(async () => {
  await closeTestDbs();
  ops?.stopBackground();
  await host?.close();
  await dirs?.cleanup();
});

describe('PIN attempts from the renderer', () => {
  it('are answered by the main side, with its lock-out; a reloaded page (a new client) sees the same lock-out', async () => {
    expect(await checkPin(platform, picker.id, picker.pin!)).toEqual({ ok: true });
    expect(await checkPin(platform, manager.id, '00000000')).toEqual({ ok: false, code: 'WRONG_PIN', failures: 1, lockedUntilMs: 0, attemptsLeft: 2 });
    expect(await checkPin(platform, manager.id, '11111111')).toMatchObject({ ok: false, code: 'WRONG_PIN', failures: 2, attemptsLeft: 1 });
    const locked = await checkPin(platform, manager.id, '22222222');
    expect(locked).toMatchObject({ ok: false, code: 'LOCKED_OUT', failures: 3 });
    expect(!locked.ok && locked.lockedUntilMs).toBeGreaterThan(Date.now());
    // Locked: the right PIN is refused too.
    expect(await checkPin(platform, manager.id, manager.pin!)).toMatchObject({ ok: false, code: 'LOCKED_OUT' });

    const reloaded = httpPlatform(host.url.replace(/\/$/, ''));
    const view = lockoutView(await reloaded.pinLockout(manager.id));
    expect(view.failures).toBe(3);
    expect(view.lockedUntilMs).toBeGreaterThan(Date.now());
    expect(lockoutView(await reloaded.pinLockout(picker.id))).toEqual({ failures: 0, lockedUntilMs: 0 });
  });

  it('leave nothing PIN-derived in the renderer: not in IndexedDB, not in a contract answer', async () => {
    const db = await openTestDb();
    await db.operators.bulkInsert([await operator(manager.id, ['manager'], manager.pin!), await operator(picker.id, ['picker'], picker.pin!)]);
    const answers = [
      await checkPin(platform, manager.id, manager.pin!),
      await checkPin(platform, picker.id, '55501234'),
      await platform.pinLockout(picker.id),
      await platform.operatorsChanged(),
      await platform.getSettings(),
      await platform.getSyncCredential(),
    ];
    const verifiers = (await server.sync.verifiers(await mainKeyOf(dirs.dataDir))).body?.operators ?? [];
    const secrets = [manager.pin!, picker.pin!, '55501234', ...verifiers.flatMap((v) => (v.pin ? [v.pin.salt, v.pin.hash] : []))];
    expect(secrets.length).toBeGreaterThanOrEqual(5);
    const seen = [await dumpAllIndexedDb(), JSON.stringify(answers)];
    expect(seen[0]).toContain(manager.id);
    for (const text of seen) for (const secret of secrets) expect(text).not.toContain(secret);
    // The credential the renderer gets cannot fetch the verifiers.
    const credential = await platform.getSyncCredential();
    expect((await server.sync.verifiers(credential.token)).status).toBe(401);
  });

  it('tell the main side when the operators change, once per burst', async () => {
    const db = await openTestDb();
    const calls: Promise<unknown>[] = [];
    const counting = {
      operatorsChanged: () => {
        const call = platform.operatorsChanged();
        calls.push(call);
        return call;
      },
    };
    const sub = tellMainWhenOperatorsChange(db, counting);
    try {
      await db.operators.bulkInsert([await operator('a-1', ['picker'], '1234'), await operator('a-2', ['picker'], '1234')]);
      await expect.poll(() => calls.length).toBe(1);
      // The main side answers with what it holds now; the web host is not closed under a call still running.
      expect(await calls[0]).toMatchObject({ held: true, problem: null });
    } finally {
      sub.unsubscribe();
    }
  });
});

/** The main key as the main side keeps it (settings.json in its data dir), never reachable through the contract. */
async function mainKeyOf(dataDir: string): Promise<string> {
  const key = (await new SettingsStore(dataDir).load()).mainKey;
  if (!key) throw new Error('the main side holds no main key');
  return key;
}
