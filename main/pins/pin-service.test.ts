import { readFile, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { verifyPin, type PinHash } from '../../sync/model/pin.js';
import { pinRoutes } from '../../sync/protocol/pins.js';
import { makeOperatorInput, startTestServer, type TestServer } from '../../sync/server/testing.js';
import type { EnrollResponse } from '../../sync/protocol/platform.js';
import { httpPlatform } from '../../renderer/platform/index.js';
import { startWebHost } from '../host/server.js';
import { tempDirs } from '../host/test-support.js';
import { createStoreOps } from '../service.js';
import { SettingsStore } from '../settings/index.js';
import { LOCKOUTS_FILE } from './lockouts.js';
import { createPinService, type PinServiceOptions } from './pin-service.js';
import { testBox } from '../secrets/test-box.js';
import { plainBox } from './secret-box.js';
import { VERIFIERS_FILE } from './verifier-cache.js';

const manager = makeOperatorInput({ id: 'mgr-wang', name: 'Wang', roles: ['manager'], pin: '73915286' });
const picker = makeOperatorInput({ id: 'pck-li', name: 'Li', roles: ['picker'], pin: '46027391' });
const T0 = Date.parse('2026-11-27T09:00:00.000Z');

let server: TestServer;
let dirs: Awaited<ReturnType<typeof tempDirs>>;
let device: EnrollResponse;
let settings: SettingsStore;

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
  device = await server.admin.enroll('S001', 'Till');
  settings = new SettingsStore(dirs.dataDir);
  await settings.update((s) => ({
    ...s,
    serverUrl: server.url,
    device: { deviceId: device.deviceId, deviceName: 'Till', storeId: 'S001' },
    token: device.token,
    mainKey: device.mainKey,
  }));
});
afterEach(async () => {
  await dirs?.cleanup();
});

/** A clock the test moves by hand, and a hash check that counts how often the slow hash really ran. */
function harness(extra: Partial<PinServiceOptions> = {}) {
  let now = T0;
  let hashed = 0;
  const requests: string[] = [];
  const service = createPinService({
    settings,
    box: plainBox,
    now: () => now,
    checkPin: (pin: string, hash: PinHash) => {
      hashed++;
      return verifyPin(pin, hash);
    },
    fetch: (input, init) => {
      requests.push(`${init?.method ?? 'GET'} ${String(input).replace(server.url, '')} ${new Headers(init?.headers).get('if-none-match') ?? ''}`.trim());
      return fetch(input, init);
    },
    ...extra,
  });
  return { service, advance: (ms: number) => void (now += ms), hashed: () => hashed, requests };
}

describe('PIN sign-in on the main side', () => {
  it('checks PINs against verifiers fetched with the main key, also offline and after a restart', async () => {
    const { service } = harness();
    expect(await service.verify({ operatorId: manager.id, pin: manager.pin! })).toEqual({ ok: true });
    expect(await service.verify({ operatorId: picker.id, pin: manager.pin! })).toEqual({ ok: false, code: 'WRONG_PIN', failures: 1, attemptsLeft: 2 });

    // The server is gone: a fresh main side on the same data dir still signs people in.
    const offline = harness({ fetch: () => Promise.reject(new TypeError('fetch failed')) });
    expect(await offline.service.verify({ operatorId: picker.id, pin: picker.pin! })).toEqual({ ok: true });
    expect((await offline.service.refresh()).problem).toMatch(/fetch failed/);
    expect(await offline.service.verify({ operatorId: picker.id, pin: picker.pin! })).toEqual({ ok: true });
  });

  it('locks an operator out after three wrong PINs with a growing back-off, kept across a restart; locked, the hash is not even run', async () => {
    const h = harness();
    const attempt = (pin: string, s = h.service) => s.verify({ operatorId: manager.id, pin });
    expect(await attempt('11111111')).toMatchObject({ code: 'WRONG_PIN', failures: 1, attemptsLeft: 2 });
    expect(await attempt('22222222')).toMatchObject({ code: 'WRONG_PIN', failures: 2, attemptsLeft: 1 });
    expect(await attempt('33333333')).toEqual({ ok: false, code: 'LOCKED_OUT', failures: 3, until: new Date(T0 + 30_000).toISOString() });

    const before = h.hashed();
    h.advance(29_000);
    expect(await attempt(manager.pin!)).toMatchObject({ code: 'LOCKED_OUT', failures: 3 });
    expect(h.hashed()).toBe(before);

    // A restarted main side (a new process, the same data dir) keeps the lock, and its clock.
    const restarted = harness();
    restarted.advance(29_000);
    expect(await restarted.service.lockout(manager.id)).toEqual({ operatorId: manager.id, failures: 3, lockedUntil: new Date(T0 + 30_000).toISOString() });
    expect(await attempt(manager.pin!, restarted.service)).toMatchObject({ code: 'LOCKED_OUT' });
    expect(await restarted.service.lockout(picker.id)).toEqual({ operatorId: picker.id, failures: 0, lockedUntil: null });

    // After the wait one more wrong PIN locks again, twice as long; the right PIN clears the count.
    restarted.advance(1_000);
    expect(await attempt('44444444', restarted.service)).toEqual({ ok: false, code: 'LOCKED_OUT', failures: 4, until: new Date(T0 + 30_000 + 60_000).toISOString() });
    restarted.advance(60_000);
    expect(await attempt(manager.pin!, restarted.service)).toEqual({ ok: true });
    expect(await restarted.service.lockout(manager.id)).toEqual({ operatorId: manager.id, failures: 0, lockedUntil: null });
  });

  it('counts an attempt on disk before the slow check: a crash in the middle of it gives nothing back', async () => {
    const crashing = harness({ checkPin: () => Promise.reject(new Error('killed mid-check')) });
    await expect(crashing.service.verify({ operatorId: picker.id, pin: '00000000' })).rejects.toThrow(/killed/);
    const onDisk = JSON.parse(await readFile(path.join(dirs.dataDir, LOCKOUTS_FILE), 'utf8')) as { operators: Record<string, { failures: number }> };
    expect(onDisk.operators[picker.id]?.failures).toBe(1);
    expect((await harness().service.lockout(picker.id)).failures).toBe(1);
  });

  it('serialises a burst of attempts, so it cannot slip past the limit', async () => {
    const h = harness();
    const pins = ['00000001', '00000002', '00000003', '00000004', '00000005', picker.pin!];
    const results = await Promise.all(pins.map((pin) => h.service.verify({ operatorId: picker.id, pin })));
    expect(results.map((r) => r.ok || r.code)).toEqual(['WRONG_PIN', 'WRONG_PIN', 'LOCKED_OUT', 'LOCKED_OUT', 'LOCKED_OUT', 'LOCKED_OUT']);
    expect(h.hashed()).toBe(3);
  });

  it('says INACTIVE, NO_PIN or UNKNOWN_OPERATOR without counting, after asking the server once more', async () => {
    const h = harness();
    await h.service.refresh();
    const leaver = makeOperatorInput({ id: 'pck-gone', pin: '5555', active: false });
    const { pin: _pin, ...noPin } = makeOperatorInput({ id: 'pck-nopin' });
    await server.admin.putOperators('S001', [leaver, noPin]);
    // Not told of the change: the unknown ids make it ask the server before answering.
    expect(await h.service.verify({ operatorId: leaver.id, pin: '5555' })).toEqual({ ok: false, code: 'INACTIVE' });
    expect(await h.service.verify({ operatorId: noPin.id, pin: '5555' })).toEqual({ ok: false, code: 'NO_PIN' });
    expect(await h.service.verify({ operatorId: 'nobody', pin: '5555' })).toEqual({ ok: false, code: 'UNKNOWN_OPERATOR' });
    expect(h.hashed()).toBe(0);
    expect((await h.service.lockout(leaver.id)).failures).toBe(0);
  });

  it('says NOT_SYNCED on a terminal that never reached the server', async () => {
    const h = harness({ fetch: () => Promise.reject(new TypeError('fetch failed')), refreshWaitMs: 50 });
    expect(await h.service.verify({ operatorId: picker.id, pin: picker.pin! })).toEqual({ ok: false, code: 'NOT_SYNCED' });
  });

  it('asks with If-None-Match, and fetches again when told the operators changed', async () => {
    const h = harness();
    await h.service.refresh();
    await h.service.refresh();
    expect(h.requests).toHaveLength(2);
    expect(h.requests[1]).toMatch(new RegExp(`^GET ${pinRoutes.operatorVerifiers()} "`));
    const newcomer = makeOperatorInput({ id: 'pck-new', pin: '9090' });
    await server.admin.putOperators('S001', [newcomer]);
    const before = (await server.sync.verifiers(device.mainKey)).body?.operators.length;
    expect(await h.service.refresh()).toMatchObject({ held: true, operators: before, problem: null });
    expect(await h.service.verify({ operatorId: newcomer.id, pin: '9090' })).toEqual({ ok: true });
  });

  it('claims the main key of a device enrolled before main keys, once, and keeps it', async () => {
    await server.db.query('UPDATE devices SET main_key_hash = NULL WHERE id = $1', [device.deviceId]);
    await settings.update((s) => ({ ...s, mainKey: null }));
    const h = harness();
    expect(await h.service.verify({ operatorId: picker.id, pin: picker.pin! })).toEqual({ ok: true });
    expect(h.requests[0]).toBe(`POST ${pinRoutes.mainKey()}`);
    const kept = (await settings.load()).mainKey;
    expect(kept).toEqual(expect.any(String));
    expect((await server.sync.verifiers(kept!)).status).toBe(200);
  });

  it('drops its verifiers when the server says the device is revoked', async () => {
    const h = harness();
    await h.service.refresh();
    await server.admin.revoke(device.deviceId);
    expect(await h.service.refresh()).toMatchObject({ held: false, problem: expect.stringMatching(/DEVICE_REVOKED/) });
    expect(await readdir(dirs.dataDir)).not.toContain(VERIFIERS_FILE);
    expect(await h.service.verify({ operatorId: picker.id, pin: picker.pin! })).toEqual({ ok: false, code: 'NOT_SYNCED' });
  });
});

describe('the verifiers at rest', () => {
  it('are sealed by the box, 0600, and a file another box sealed is refused with a stable code, not wiped', async () => {
    const box = testBox();
    const sealed = createPinService({ settings, box });
    await sealed.refresh();
    const file = path.join(dirs.dataDir, VERIFIERS_FILE);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    const text = await readFile(file, 'utf8');
    const verifiers = (await server.sync.verifiers(device.mainKey)).body?.operators ?? [];
    for (const v of verifiers) if (v.pin) expect(text).not.toContain(v.pin.salt);
    expect(text).not.toContain('pbkdf2');

    // Another machine's (or account's) box cannot open it: said with its code (the start stops on it, see
    // main/secrets), and the file stays as it was.
    const elsewhere = createPinService({ settings, box: testBox() });
    await expect(elsewhere.verify({ operatorId: picker.id, pin: picker.pin! })).rejects.toMatchObject({ code: 'PIN_VERIFIERS_UNDECRYPTABLE' });
    expect(await readFile(file, 'utf8')).toBe(text);
  });
});

describe('verifyPin over the web host', () => {
  it('answers the contract, refuses malformed input, and forgets the verifiers on unenroll', async () => {
    const ops = createStoreOps({ settings, mode: 'web', version: '0.0.0-test' });
    const host = await startWebHost({ ops, settings, rendererDir: dirs.rendererDir, port: 0 });
    try {
      const client = httpPlatform(host.url.replace(/\/$/, ''));
      expect(await client.operatorsChanged()).toMatchObject({ held: true, operators: expect.any(Number), problem: null });
      expect(await client.verifyPin({ operatorId: manager.id, pin: manager.pin! })).toEqual({ ok: true });
      expect(await client.verifyPin({ operatorId: manager.id, pin: '12345678' })).toMatchObject({ ok: false, code: 'WRONG_PIN' });
      expect(await client.pinLockout(manager.id)).toEqual({ operatorId: manager.id, failures: 1, lockedUntil: null });
      for (const bad of [{ operatorId: manager.id, pin: '12ab' }, { operatorId: manager.id, pin: '123456789' }, { operatorId: 'a b', pin: '1234' }]) {
        await expect(client.verifyPin(bad)).rejects.toMatchObject({ code: 'INVALID_INPUT' });
      }
      // A page of another origin cannot call it (main/host/guard.ts): no brute force from a web page.
      const foreign = await fetch(`${host.url}contract/verifyPin`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-store-ops': '1', origin: 'http://evil.example' },
        body: JSON.stringify({ args: [{ operatorId: manager.id, pin: manager.pin }] }),
      });
      expect(foreign.status).toBe(403);
      expect((await client.pinLockout(manager.id)).failures).toBe(1);

      await client.unenroll();
      expect(await readdir(dirs.dataDir)).not.toContain(VERIFIERS_FILE);
    } finally {
      await host.close();
    }
  });
});
