import { readFile } from 'node:fs/promises';
import { indexedDB } from 'fake-indexeddb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTerminal } from '../../sync/client/testkit.js';
import { makeOperatorInput, startTestServer, type TestServer } from '../../sync/server/testing.js';
import { CONTRACT_METHODS, type PrinterConfig } from '../contract.js';
import { sampleBank } from '../devices/locker/demo-bank.js';
import { startLockerSimulator, type LockerSimulator } from '../devices/locker/simulator.js';
import { CJK_TEST_FONT, sampleLabel } from '../devices/printer/test-support.js';
import { startWebHost, type WebHost } from '../host/server.js';
import { tempDirs } from '../host/test-support.js';
import { createStoreOps, type StoreOpsService } from '../service.js';
import { SettingsStore } from '../settings/index.js';

/**
 * The device token reaches the renderer only through getSyncCredential, and the main key never. Every method of the
 * contract (CONTRACT_METHODS, the list main/dispatch.ts and the hosts serve) is called over the web host as the
 * renderer calls it, on a terminal enrolled with a real server; no answer and no error may carry a secret. A new
 * method is called too: with no arguments when it needs none, and otherwise the test asks for plausible ones.
 */

const manager = makeOperatorInput({ id: 'mgr-wang', name: 'Wang', roles: ['manager'], pin: '73915286' });
const by = { operatorId: manager.id };
const office: PrinterConfig = { id: 'office', name: 'Office', kind: 'pdf', size: '100x150', dpi: 300 };
/** The only method whose answer may hold the device token. */
const CREDENTIAL_METHOD = 'getSyncCredential';

let server: TestServer;
let dirs: Awaited<ReturnType<typeof tempDirs>>;
let settings: SettingsStore;
let ops: StoreOpsService;
let host: WebHost;
let lockers: LockerSimulator;

/** Plausible arguments per method that takes any; a function when they depend on the moment (a fresh code). */
const SAMPLES: Record<string, () => Promise<unknown[]> | unknown[]> = {
  setLocale: () => ['en'],
  enroll: async () => [{ serverUrl: server.url, code: (await server.admin.issueCode('S001')).code, deviceName: 'Till 9' }],
  savePrinter: () => [office, by],
  deletePrinter: () => ['spare', by],
  listTerminalChanges: () => [{ limit: 50 }],
  printLabels: () => [{ printerId: office.id, operatorId: manager.id, labels: [sampleLabel()] }],
  reprintLabel: () => [{ packageId: sampleLabel().packageId, operatorId: manager.id, reason: 'smudged' }],
  listPrintLog: () => [{ limit: 50 }],
  printPickList: () => [
    {
      operatorId: manager.id, operatorName: 'Wang', batchId: 'B-1', storeName: 'Demo Store', createdAt: '2026-12-03T07:00:00.000Z', timeZone: 'Asia/Shanghai',
      stops: [{ location: 'A01 / S1 / B1', locationCode: 'LOC:A01-S1-B1', sku: 'SKU-1', name: 'Milk 1L', barcode: '6901234567890', qty: 1, orders: [{ orderId: 'EO-1', tote: 1, qty: 1 }] }],
      totes: [{ tote: 1, orderId: 'EO-1' }],
    },
  ],
  printToteLabels: () => [{ storeName: 'Demo Store', from: 1, to: 2 }],
  printRunSheet: () => [
    {
      storeName: 'Demo Store', timeZone: 'Asia/Shanghai', courierId: 'S001-zhao', courierName: 'Zhao', operatorName: 'Wang', dispatchedAt: '2026-12-03T07:00:00.000Z',
      orders: [{ orderId: 'EO-1', customerName: 'Li', phone: '•••••••8000', address: '1 Nanjing Rd', dueAt: '2026-12-03T08:00:00.000Z', collect: 1290, currency: 'CNY' }],
    },
  ],
  printZReport: () => [
    {
      storeName: 'Demo Store', timeZone: 'Asia/Shanghai', deviceName: 'Till 1', businessDay: '2026-12-03', closeId: '01a238d7-2537-71dd-b7c1-cd5c835bbda3',
      closedAt: '2026-12-03T13:45:00.000Z', closedBy: 'Wang', countedBy: 'Wang', float: 20000, cashTaken: 0, paidIn: 0, paidOut: 0, refunds: 0,
      expected: 20000, counted: 20000, variance: 0, tolerance: 500, denominations: [{ fen: 10000, qty: 2 }], cardBatches: [], codOrders: 0, refundsOwed: [],
    },
  ],
  verifyPin: () => [{ operatorId: manager.id, pin: manager.pin }],
  pinLockout: () => [manager.id],
  saveLockerBank: () => [sampleBank(lockers.host, lockers.port), by],
  deleteLockerBank: () => ['spare', by],
  openCompartment: () => [{ bankId: 'front', number: 1, operatorId: manager.id, reason: 'load' }],
  lockerStatus: () => ['front'],
  listLockerLog: () => [{ limit: 50 }],
  idleLocked: () => [{ pickInProgress: false }],
  log: () => [[{ level: 'warn', at: '2026-12-03T07:00:00.000Z', message: 'a line from the page' }]],
  saveSupportBundle: () => [{ sync: null, quarantine: [] }],
};
/** Run last: it forgets the credential, and every method before it must see an enrolled terminal. */
const LAST = new Set(['unenroll']);

beforeAll(async () => {
  server = await startTestServer();
  await server.admin.seedStore('S001');
  await server.admin.putOperators('S001', [manager]);
  lockers = await startLockerSimulator({ boards: 1, boardDelayMs: 1 });
  dirs = await tempDirs();
  settings = new SettingsStore(dirs.dataDir);
  const font = new Uint8Array(await readFile(CJK_TEST_FONT));
  ops = createStoreOps({
    settings, mode: 'web', version: '0.0.0-test',
    printing: { pdfHandoff: { submit: async () => null }, cjkFont: async () => font },
    lockers: { bus: { timeoutMs: 200, retries: 1 }, controller: { pollMs: 5, confirmMs: 300 } },
  });
  host = await startWebHost({ ops, settings, rendererDir: dirs.rendererDir, port: 0 });
  // Enrolled as a terminal is, through the contract, with a real code: the token is a real one.
  await ops.enroll({ serverUrl: server.url, code: (await server.admin.issueCode('S001')).code, deviceName: 'Till 1' });
  // What the deleting samples delete, and what the printing ones print on.
  await ops.savePrinter({ ...office, id: 'spare' }, by);
  await ops.saveLockerBank(sampleBank(lockers.host, lockers.port, { id: 'spare' }), by);
  await ops.saveLockerBank(sampleBank(lockers.host, lockers.port), by);
  await ops.savePrinter(office, by);
  await ops.printLabels({ printerId: office.id, operatorId: manager.id, labels: [sampleLabel()] });
});
afterAll(async () => {
  await host?.close();
  await ops?.closeDevices();
  await lockers?.close();
  await server?.close();
  await dirs?.cleanup();
});

/** Every secret this terminal has held so far: an enroll in the middle of the run brings new ones. */
const secrets = { tokens: new Set<string>(), mainKeys: new Set<string>() };
async function noteSecrets(): Promise<void> {
  const s = await settings.load();
  if (s.token) secrets.tokens.add(s.token);
  if (s.mainKey) secrets.mainKeys.add(s.mainKey);
}

/** The raw answer, as the renderer's page receives it: the body text, whether a result or an error. */
async function call(method: string, args: unknown[]): Promise<{ status: number; text: string }> {
  const res = await fetch(`${host.url}contract/${method}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-store-ops': '1' }, body: JSON.stringify({ args }) });
  return { status: res.status, text: await res.text() };
}

function leaks(text: string, method: string): string[] {
  const found = [...secrets.mainKeys].filter((k) => text.includes(k)).map(() => 'a main key');
  if (method !== CREDENTIAL_METHOD) found.push(...[...secrets.tokens].filter((t) => text.includes(t)).map(() => 'a device token'));
  return found;
}

describe('the device token and the main key stay in main', () => {
  it('no contract method but getSyncCredential answers (or fails) with the token; none ever with the main key', async () => {
    const order = [...CONTRACT_METHODS.filter((m) => !LAST.has(m)), ...CONTRACT_METHODS.filter((m) => LAST.has(m))];
    const problems: string[] = [];
    for (const method of order) {
      await noteSecrets();
      // Wrong arguments too: an error message must not echo a secret either.
      const wrong = await call(method, [{ unexpected: true }, 'x', 3]);
      const sample = SAMPLES[method];
      const answer = await call(method, sample ? await sample() : []);
      await noteSecrets();
      for (const [what, r] of [['answer', answer], ['error for wrong arguments', wrong]] as const) {
        const leaked = leaks(r.text, method);
        if (leaked.length) problems.push(`${method}: its ${what} holds ${leaked.join(', ')}`);
      }
      if (answer.status !== 200) {
        problems.push(sample ? `${method}: the sample arguments failed (${answer.status} ${answer.text}); make them plausible` : `${method}: failed without arguments (${answer.text}); add plausible arguments to SAMPLES`);
      }
    }
    expect(problems).toEqual([]);
    // The run did exercise the secrets: the credential went out through its one method, and was replaced by enroll.
    expect(secrets.tokens.size).toBe(2);
    expect(secrets.mainKeys.size).toBe(2);
    expect(Object.keys(SAMPLES).filter((m) => !(CONTRACT_METHODS as readonly string[]).includes(m))).toEqual([]);
  });

  it('getSyncCredential hands out the token, and the renderer keeps none of it in its database after syncing', async () => {
    await ops.enroll({ serverUrl: server.url, code: (await server.admin.issueCode('S001')).code, deviceName: 'Till 2' });
    const cred = JSON.parse((await call(CREDENTIAL_METHOD, [])).text) as { result: { token: string; deviceId: string; storeId: string; serverUrl: string } };
    const { token, deviceId, storeId, serverUrl } = cred.result;
    const mainKey = (await settings.load()).mainKey;
    expect(token).toBe((await settings.load()).token);
    // The renderer's replication, on its IndexedDB (fake-indexeddb standing in for Chromium's), until in sync.
    const terminal = await startTerminal(serverUrl, { token, deviceId, storeId, mainKey: mainKey ?? '' });
    try {
      await terminal.until((s) => s.inSync, 'in sync');
      // Something really came down: the store's operators.
      expect((await terminal.db.operators.find().exec()).length).toBeGreaterThan(0);
    } finally {
      await terminal.stop();
    }
    const dump = await dumpIndexedDb();
    expect(dump.length).toBeGreaterThan(1000);
    expect(dump).not.toContain(token);
    if (mainKey) expect(dump).not.toContain(mainKey);
  });
});

/** Every record of every database fake-indexeddb holds, as one text. */
async function dumpIndexedDb(): Promise<string> {
  const req = <T>(r: IDBRequest<T>) => new Promise<T>((resolve, reject) => ((r.onsuccess = () => resolve(r.result)), (r.onerror = () => reject(r.error))));
  const parts: string[] = [];
  for (const info of await indexedDB.databases()) {
    if (!info.name) continue;
    const open = indexedDB.open(info.name);
    const db = await req(open);
    try {
      for (const store of Array.from(db.objectStoreNames)) {
        const rows = await req(db.transaction(store, 'readonly').objectStore(store).getAll());
        parts.push(`${info.name}/${store}: ${JSON.stringify(rows)}`);
      }
    } finally {
      db.close();
    }
  }
  return parts.join('\n');
}
