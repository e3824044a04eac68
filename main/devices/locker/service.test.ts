import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { lockerBankProblems } from './bank-store.js';
import { LOCKER_LOG_FILE } from './locker-log.js';
import { createLockerService, type LockerService } from './service.js';
import { startLockerSimulator, type LockerSimulator } from './simulator.js';
import { sampleBank } from './demo-bank.js';
import type { LockerLogEntry } from './types.js';

let dir: string;
let sim: LockerSimulator;
let lockers: LockerService;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'locker-test-'));
  sim = await startLockerSimulator({ boards: 1, boardDelayMs: 1 });
  lockers = createLockerService({ dataDir: dir, bus: { timeoutMs: 80, retries: 1 }, controller: { pollMs: 5, confirmMs: 100 } });
});

afterEach(async () => {
  await lockers.close();
  await sim.close();
  await rm(dir, { recursive: true, force: true });
});

describe('locker banks in settings', () => {
  it('refuses a bank whose compartments do not fit its boards, naming each problem', () => {
    const bank = sampleBank('127.0.0.1', 1);
    expect(lockerBankProblems(bank)).toEqual([]);
    const bad = { ...bank, openBit: 2, compartments: [...bank.compartments, { number: 1, board: 3, lock: 17, size: 'XL' }] };
    expect(lockerBankProblems(bad)).toEqual([
      'openBit must be 0 or 1',
      'compartment #17: number 1 is used twice',
      "compartment #17: board must be one of the bank's boards",
      'compartment #17: lock must be 1-16',
      'compartment #17: size must be S, M or L',
    ]);
    expect(lockerBankProblems({ ...bank, transport: { kind: 'serial', path: 'ttyUSB0; rm -rf /' } })).toEqual(['transport.path must be a serial device such as /dev/ttyUSB0 or COM3']);
    expect(lockerBankProblems({ ...bank, transport: { kind: 'serial', path: '/dev/ttyUSB0', baudRate: 19200 } })).toEqual([]);
  });

  it('keeps banks in lockers.json, and LOCKER_CONFIG_INVALID for a bad one', async () => {
    await lockers.saveLockerBank(sampleBank(sim.host, sim.port));
    expect((await lockers.listLockerBanks()).map((b) => b.id)).toEqual(['front']);
    await expect(lockers.saveLockerBank({ ...sampleBank(sim.host, sim.port), boards: [] })).rejects.toMatchObject({ code: 'LOCKER_CONFIG_INVALID' });
    await lockers.deleteLockerBank('front');
    expect(await lockers.listLockerBanks()).toEqual([]);
    await expect(lockers.deleteLockerBank('front')).rejects.toMatchObject({ code: 'LOCKER_BANK_NOT_FOUND' });
  });
});

describe('opening a compartment', () => {
  beforeEach(async () => {
    await lockers.saveLockerBank(sampleBank(sim.host, sim.port));
  });

  it('opens the door behind the number, confirms it, and keeps every frame as hex in the audit log', async () => {
    const result = await lockers.openCompartment({ bankId: 'front', number: 14, operatorId: 'op-1', reason: 'load' });
    expect(result).toMatchObject({ bankId: 'front', number: 14, board: 0, lock: 14, attempts: 1 });
    expect(sim.isOpen(0, 14)).toBe(true);
    const lines = (await readFile(join(dir, LOCKER_LOG_FILE), 'utf8')).trim().split('\n').map((l) => JSON.parse(l) as LockerLogEntry);
    expect(lines[0]).toMatchObject({ kind: 'tx', hex: '02 0d 31 03 43' });
    expect(lines[1]).toMatchObject({ kind: 'rx', hex: expect.stringMatching(/^02 0d 35 /) as unknown });
    expect(lines.at(-1)).toMatchObject({ kind: 'open', number: 14, operatorId: 'op-1', reason: 'load' });
    expect(lines.filter((l) => l.kind === 'tx').length).toBe(lines.filter((l) => l.kind === 'rx').length);
    expect((await lockers.listLockerLog({ limit: 1 }))[0]).toMatchObject({ kind: 'open' });

    const status = await lockers.lockerStatus('front');
    expect(status.boards).toEqual([{ board: 0, answering: true }]);
    expect(status.compartments.filter((c) => c.open).map((c) => c.number)).toEqual([14]);
    sim.closeDoor(0, 14);
    expect((await lockers.lockerStatus('front')).compartments.every((c) => c.open === false)).toBe(true);
  });

  it('reports a door that does not open as DOOR_DID_NOT_OPEN, in the log too', async () => {
    sim.faults.stuck.add('0:2');
    await expect(lockers.openCompartment({ bankId: 'front', number: 2, reason: 'release' })).rejects.toMatchObject({ code: 'DOOR_DID_NOT_OPEN' });
    expect((await lockers.listLockerLog({ limit: 1 }))[0]).toMatchObject({ kind: 'open-failed', code: 'DOOR_DID_NOT_OPEN', number: 2 });
  });

  it('says which board does not answer, and refuses an unknown compartment', async () => {
    await lockers.saveLockerBank(sampleBank(sim.host, sim.port, { boards: [0, 4], compartments: [{ number: 1, board: 0, lock: 1, size: 'S' }, { number: 2, board: 4, lock: 1, size: 'L' }] }));
    const status = await lockers.lockerStatus('front');
    expect(status.boards).toEqual([{ board: 0, answering: true }, { board: 4, answering: false, errorCode: 'LOCKER_TIMEOUT' }]);
    expect(status.compartments.map((c) => c.open)).toEqual([false, null]);
    await expect(lockers.openCompartment({ bankId: 'front', number: 9, reason: 'load' })).rejects.toMatchObject({ code: 'COMPARTMENT_NOT_FOUND' });
    await expect(lockers.openCompartment({ bankId: 'back', number: 1, reason: 'load' })).rejects.toMatchObject({ code: 'LOCKER_BANK_NOT_FOUND' });
  });
});
