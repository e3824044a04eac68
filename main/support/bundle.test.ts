import { readFile } from 'node:fs/promises';
import path from 'node:path';
import yauzl from 'yauzl';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeOperatorInput, startTestServer, type TestServer } from '../../sync/server/testing.js';
import { httpPlatform } from '../../renderer/platform/index.js';
import { startWebHost } from '../host/server.js';
import { tempDirs } from '../host/test-support.js';
import { createTerminalLogs } from '../logs/index.js';
import { createStoreOps } from '../service.js';
import { SettingsStore } from '../settings/index.js';
import { VERIFIERS_FILE } from '../pins/verifier-cache.js';
import { pinDerivedSecrets } from '../../e2e/support/pin-leaks.js';

const manager = makeOperatorInput({ id: 'mgr-wang', name: 'Wang', roles: ['manager'], pin: '73915286' });
const picker = makeOperatorInput({ id: 'pck-li', name: 'Li', roles: ['picker'], pin: '46027391' });

let server: TestServer;
let dirs: Awaited<ReturnType<typeof tempDirs>>;

beforeAll(async () => {
  server = await startTestServer();
  await server.admin.seedStore('S001');
  await server.admin.putOperators('S001', [manager, picker]);
  dirs = await tempDirs();
});
afterAll(async () => {
  await dirs?.cleanup();
  await server?.close();
});

/** Every entry of a zip, by name, as raw bytes. */
function unzip(file: string): Promise<Map<string, Buffer>> {
  return new Promise((resolve, reject) => {
    const out = new Map<string, Buffer>();
    yauzl.open(file, { lazyEntries: true }, (err, zip) => {
      if (err) return reject(err);
      zip.on('entry', (entry: yauzl.Entry) => {
        zip.openReadStream(entry, (e, stream) => {
          if (e) return reject(e);
          const chunks: Buffer[] = [];
          stream.on('data', (c: Buffer) => chunks.push(c));
          stream.on('end', () => {
            out.set(entry.fileName, Buffer.concat(chunks));
            zip.readEntry();
          });
        });
      });
      zip.on('end', () => resolve(out));
      zip.on('error', reject);
      zip.readEntry();
    });
  });
}

describe('the support bundle', () => {
  it('holds the logs, the settings, the sync state and the quarantine, and not one secret', async () => {
    const settings = new SettingsStore(dirs.dataDir);
    const logs = createTerminalLogs(dirs.dataDir);
    const ops = createStoreOps({ settings, mode: 'web', version: '9.8.7-test', logs });
    const host = await startWebHost({ ops, settings, rendererDir: dirs.rendererDir, port: 0, log: logs.main });
    try {
      const client = httpPlatform(host.url.replace(/\/$/, ''));
      // A real enrollment and real verifiers, through the contract as the renderer makes them.
      const { code } = await server.admin.issueCode('S001');
      await client.enroll({ serverUrl: server.url, code, deviceName: 'Till 1' });
      expect(await client.operatorsChanged()).toMatchObject({ held: true, problem: null });
      expect(await client.verifyPin({ operatorId: manager.id, pin: manager.pin! })).toEqual({ ok: true });
      expect(await client.verifyPin({ operatorId: picker.id, pin: manager.pin! })).toMatchObject({ code: 'WRONG_PIN' });
      const stored = await settings.load();
      const token = stored.token!;
      const mainKey = stored.mainKey!;
      const verifiers = (await server.sync.verifiers(mainKey)).body!.operators;
      const verifierParts = verifiers.flatMap((v) => (v.pin ? [v.pin.salt, v.pin.hash] : []));
      // The seeded store's staff and ours: every one with a PIN has a salt and a hash.
      expect(verifierParts.length).toBeGreaterThanOrEqual(4);
      // The verifiers are really held in this data dir (as plain JSON in browser mode).
      const held = await readFile(path.join(dirs.dataDir, VERIFIERS_FILE), 'utf8');
      expect(held).toContain(verifierParts[0]);

      // A careless renderer: a log line, a quarantine reason and an unknown field that all carry the token.
      await client.log([
        { level: 'info', at: new Date().toISOString(), message: 'sign-in screen shown' },
        { level: 'error', at: new Date().toISOString(), message: `pull failed with Authorization: Bearer ${token}` },
        { level: 'warn', at: new Date().toISOString(), message: `credential ${JSON.stringify({ token, serverUrl: server.url })} and raw ${token}` },
      ]);
      await expect(client.getSyncCredential()).resolves.toMatchObject({ token });
      await expect(client.setLocale('xx' as 'en')).rejects.toMatchObject({ code: 'INVALID_INPUT' });
      const sync = { online: true, inSync: false, pending: 3, lastSyncedAt: '2026-12-01T10:00:00.000Z', quarantined: 1, resyncing: false, error: null, token };
      const quarantine = [{ collectionName: 'order_events', documentId: 'ev-1', code: 'FORBIDDEN', message: `refused for ${token}`, at: '2026-12-01T10:00:00.000Z', document: token }];
      const result = await client.saveSupportBundle({ sync, quarantine } as Parameters<typeof client.saveSupportBundle>[0]);

      expect(result.path.startsWith(path.join(dirs.dataDir, 'support-bundles') + path.sep)).toBe(true);
      const files = await unzip(result.path);
      expect([...files.keys()].sort()).toEqual(['app.json', 'logs/main.log', 'logs/renderer.log', 'quarantine.json', 'settings.json', 'sync-state.json']);
      expect(result.files.sort()).toEqual([...files.keys()].sort());

      const secrets = { token, mainKey, enrollCode: code, enrollCodeHash: stored.enrollCodeHash!, managerPin: manager.pin!, pickerPin: picker.pin!, ...Object.fromEntries(verifierParts.map((p, i) => [`verifier${i}`, p])) };
      // And each PIN under any fast hash a careless implementation might reach for.
      for (const [i, derived] of pinDerivedSecrets([], [manager.pin!, picker.pin!]).entries()) Object.assign(secrets, { [`pinHash${i}`]: derived });
      const raw = await readFile(result.path);
      for (const [what, secret] of Object.entries(secrets)) {
        expect(raw.includes(Buffer.from(secret)), `${what} in the zip's bytes`).toBe(false);
        for (const [name, bytes] of files) expect(bytes.includes(Buffer.from(secret)), `${what} in ${name}`).toBe(false);
      }

      // What support does need is there.
      const text = (name: string) => files.get(name)!.toString('utf8');
      expect(JSON.parse(text('settings.json'))).toEqual({ serverUrl: server.url, locale: null, device: { deviceId: stored.device!.deviceId, deviceName: 'Till 1', storeId: 'S001' }, enrolled: true, hasMainKey: true });
      expect(JSON.parse(text('app.json'))).toMatchObject({ version: '9.8.7-test', mode: 'web', dataDir: dirs.dataDir });
      expect(JSON.parse(text('sync-state.json'))).toEqual({ online: true, inSync: false, pending: 3, lastSyncedAt: '2026-12-01T10:00:00.000Z', quarantined: 1, resyncing: false, error: null });
      expect(JSON.parse(text('quarantine.json'))).toEqual([{ collectionName: 'order_events', documentId: 'ev-1', code: 'FORBIDDEN', message: 'refused for [redacted]', at: '2026-12-01T10:00:00.000Z' }]);
      expect(text('logs/renderer.log')).toContain('sign-in screen shown');
      expect(text('logs/renderer.log')).toContain('Bearer [redacted]');
      expect(text('logs/main.log')).toMatch(/setLocale failed: INVALID_INPUT/);
    } finally {
      await host.close();
    }
  });

  it('refuses a log batch that is too big or malformed', async () => {
    const settings = new SettingsStore(dirs.dataDir);
    const host = await startWebHost({ ops: createStoreOps({ settings, mode: 'web', version: '0' }), settings, rendererDir: dirs.rendererDir, port: 0 });
    try {
      const client = httpPlatform(host.url.replace(/\/$/, ''));
      const entry = { level: 'info' as const, at: new Date().toISOString(), message: 'x' };
      await expect(client.log(Array.from({ length: 101 }, () => entry))).rejects.toMatchObject({ code: 'INVALID_INPUT' });
      await expect(client.log([{ ...entry, message: 'x'.repeat(4001) }])).rejects.toMatchObject({ code: 'INVALID_INPUT' });
      await expect(client.log([{ ...entry, level: 'debug' as 'info' }])).rejects.toMatchObject({ code: 'INVALID_INPUT' });
      await expect(client.log([entry])).resolves.toEqual({ written: 1 });
    } finally {
      await host.close();
    }
  });
});
