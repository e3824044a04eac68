import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LockerBus, type BusEvent } from './bus.js';
import { Cu16Controller } from './controller.js';
import { openTcpLink } from './link.js';
import { startLockerSimulator, type LockerSimulator } from './simulator.js';

let sim: LockerSimulator;
let bus: LockerBus;
let events: Array<{ event: BusEvent; hex: string }>;

async function setUp(openBit: 0 | 1, boards = 2) {
  sim = await startLockerSimulator({ boards, openBit, boardDelayMs: 2 });
  events = [];
  bus = new LockerBus(() => openTcpLink(sim.host, sim.port), { timeoutMs: 100, retries: 2, audit: (event, hex) => events.push({ event, hex }) });
  return new Cu16Controller(bus, { openBit, pollMs: 5, confirmMs: 150 });
}

afterEach(async () => {
  await bus.close();
  await sim.close();
});

describe.each([1, 0] as const)('CU16 driver over TCP, cabinet wired with open = %i', (openBit) => {
  let locker: Cu16Controller;
  beforeEach(async () => {
    locker = await setUp(openBit);
  });

  it('confirms an unlock with a status poll that reads the door open', async () => {
    const { attempts } = await locker.open(1, 5);
    expect(attempts).toBe(1);
    expect(sim.isOpen(1, 5)).toBe(true);
    // Unlock board 1 lock 5, then at least one status request of board 1 that found it open.
    const sent = sim.commands().map((c) => c.hex);
    expect(sent[0]).toBe('02 14 31 03 4a');
    expect(sent.slice(1)).toContain('02 10 30 03 45');
    const status = await locker.boardStatus(1);
    expect(status.flatMap((o, i) => (o ? [i + 1] : []))).toEqual([5]);
    sim.closeDoor(1, 5);
    expect((await locker.boardStatus(1)).some(Boolean)).toBe(false);
  });

  it('retries a door that does not open, then says DOOR_DID_NOT_OPEN', async () => {
    sim.faults.stuck.add('0:3');
    await expect(locker.open(0, 3)).rejects.toMatchObject({ code: 'DOOR_DID_NOT_OPEN' });
    expect(sim.commands().filter((c) => c.hex === '02 02 31 03 38')).toHaveLength(2);
    expect(sim.isOpen(0, 3)).toBe(false);
  });
});

describe('CU16 driver against a misbehaving bus', () => {
  let locker: Cu16Controller;
  beforeEach(async () => {
    locker = await setUp(1);
  });

  it('reassembles replies that arrive one byte per read', async () => {
    sim.faults.split = true;
    await locker.open(0, 1);
    expect(sim.isOpen(0, 1)).toBe(true);
    expect(bus.droppedFrames).toBe(0);
  });

  it('drops a reply with a bad checksum, counts it and asks again', async () => {
    sim.faults.badChecksum = 1;
    const status = await locker.boardStatus(0);
    expect(status).toHaveLength(16);
    expect(bus.droppedFrames).toBe(1);
    expect(sim.commands()).toHaveLength(2);
    expect(events.some((e) => e.event === 'dropped' && e.hex.startsWith('02 00 35'))).toBe(true);
  });

  it('turns silence into LOCKER_TIMEOUT after the retries, and a board that is not there is reported not answering', async () => {
    sim.faults.silence = 3;
    await expect(locker.boardStatus(0)).rejects.toMatchObject({ code: 'LOCKER_TIMEOUT' });
    expect(sim.commands()).toHaveLength(3);
    expect(events.filter((e) => e.event === 'timeout')).toHaveLength(3);
    // The bus works again once the board answers.
    expect(await locker.health([0, 1, 7])).toEqual([
      { board: 0, answering: true },
      { board: 1, answering: true },
      { board: 7, answering: false, errorCode: 'LOCKER_TIMEOUT' },
    ]);
  });

  it('never has a second command on the bus before the first one is answered', async () => {
    sim.faults.split = true;
    const opens = [1, 2, 3, 4, 5, 6].map((lock) => locker.open(lock % 2, lock));
    const reads = [locker.boardStatus(0), locker.boardStatus(1), locker.health([0, 1])];
    await Promise.all([...opens, ...reads]);
    expect(sim.commands().length).toBeGreaterThanOrEqual(6 * 2 + 4);
    expect(sim.overlaps()).toBe(0);
  });

  it('reports LOCKER_UNREACHABLE when no serial server listens', async () => {
    await sim.close();
    const lone = new LockerBus(() => openTcpLink(sim.host, sim.port), { timeoutMs: 50, retries: 0 });
    await expect(new Cu16Controller(lone, { openBit: 1 }).boardStatus(0)).rejects.toMatchObject({ code: 'LOCKER_UNREACHABLE' });
    sim = await startLockerSimulator();
  });
});
