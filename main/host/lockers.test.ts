import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { httpPlatform } from '../../renderer/platform/index.js';
import type { StoreOpsContract } from '../contract.js';
import { startLockerSimulator, type LockerSimulator } from '../devices/locker/simulator.js';
import { sampleBank } from '../devices/locker/demo-bank.js';
import { createStoreOps, type StoreOpsService } from '../service.js';
import { SettingsStore } from '../settings/index.js';
import { startWebHost, type WebHost } from './server.js';
import { contractError, tempDirs } from './test-support.js';

/** The locker half of the contract as the renderer calls it: over HTTP to the web host, out to the boards on TCP. */

let dirs: Awaited<ReturnType<typeof tempDirs>>;
let host: WebHost;
let ops: StoreOpsService;
let client: StoreOpsContract;
let sim: LockerSimulator;
const by = { operatorId: 'mgr-1' };

beforeAll(async () => {
  dirs = await tempDirs();
  const settings = new SettingsStore(dirs.dataDir);
  ops = createStoreOps({ settings, mode: 'web', version: '0.0.0-test', lockers: { bus: { timeoutMs: 80, retries: 1 }, controller: { pollMs: 5, confirmMs: 100 } } });
  host = await startWebHost({ ops, settings, rendererDir: dirs.rendererDir, port: 0 });
  client = httpPlatform(host.url.replace(/\/$/, ''));
});

afterAll(async () => {
  await host?.close();
  await ops?.closeDevices();
  await dirs?.cleanup();
});

beforeEach(async () => {
  sim = await startLockerSimulator({ boards: 1, boardDelayMs: 1 });
  for (const b of await client.listLockerBanks()) await client.deleteLockerBank(b.id, by);
});

afterEach(async () => {
  await sim.close();
});

describe('lockers through the contract', () => {
  it('sets up a bank as a manager, in the change log, and opens a compartment confirmed by the board', async () => {
    await client.saveLockerBank(sampleBank(sim.host, sim.port), by);
    expect((await client.listLockerBanks()).map((b) => b.compartments.length)).toEqual([16]);
    expect((await client.listTerminalChanges({ limit: 1 }))[0]).toMatchObject({ what: 'locker.added', subject: 'front', operatorId: 'mgr-1' });

    const opened = await client.openCompartment({ bankId: 'front', number: 16, operatorId: 'op-7', reason: 'load' });
    expect(opened).toMatchObject({ number: 16, board: 0, lock: 16, attempts: 1 });
    expect(sim.isOpen(0, 16)).toBe(true);
    const status = await client.lockerStatus('front');
    expect(status.compartments.find((c) => c.number === 16)).toMatchObject({ open: true, size: 'L' });
    const log = await client.listLockerLog({ bankId: 'front', limit: 50 });
    // The status read came after the open, so its frames are the newest lines.
    expect(log.slice(0, 2).map((e) => e.kind)).toEqual(['rx', 'tx']);
    expect(log.find((e) => e.kind === 'open')).toMatchObject({ number: 16, operatorId: 'op-7', reason: 'load' });
    expect(log.some((e) => e.kind === 'tx' && e.hex === '02 0f 31 03 45')).toBe(true);
  });

  it('brings the stable codes across: a stuck door, a silent bus, a bad bank, a malformed call', async () => {
    await client.saveLockerBank(sampleBank(sim.host, sim.port), by);
    sim.faults.stuck.add('0:1');
    expect((await contractError(client.openCompartment({ bankId: 'front', number: 1, reason: 'release' }))).code).toBe('DOOR_DID_NOT_OPEN');
    sim.faults.silence = 100;
    expect((await contractError(client.openCompartment({ bankId: 'front', number: 2, reason: 'release' }))).code).toBe('LOCKER_TIMEOUT');
    const bad = { ...sampleBank(sim.host, sim.port), openBit: 3 } as unknown as Parameters<StoreOpsContract['saveLockerBank']>[0];
    const invalid = await contractError(client.saveLockerBank(bad, by));
    expect(invalid.code).toBe('LOCKER_CONFIG_INVALID');
    expect(invalid.message).toContain('openBit must be 0 or 1');
    const malformed = { bankId: 'front', number: '1; drop', reason: 'x' } as unknown as Parameters<StoreOpsContract['openCompartment']>[0];
    expect((await contractError(client.openCompartment(malformed))).code).toBe('INVALID_INPUT');
  });

  it('says SERIAL_UNAVAILABLE or LOCKER_UNREACHABLE for a serial port that cannot be used here', async () => {
    await client.saveLockerBank(sampleBank('', 0, { transport: { kind: 'serial', path: '/dev/ttyStoreOpsMissing0' } }), by);
    const status = await client.lockerStatus('front');
    // Without the serialport package (or its binding) the code says so; with it, the missing device is unreachable.
    expect(['SERIAL_UNAVAILABLE', 'LOCKER_UNREACHABLE']).toContain(status.boards[0]?.errorCode);
    expect(status.compartments.every((c) => c.open === null)).toBe(true);
  });
});
