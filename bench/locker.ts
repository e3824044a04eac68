// Locker opens on the simulator over TCP, through the terminal's locker service (audit log and all): from
// "open compartment" called to the unlock frame leaving for the bus, and to the door confirmed open by a status
// poll. The floor is the simulated board's own time per command: one for the unlock's reply, one more for the
// status read that confirms it; whatever is above that is the driver's.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CMD_UNLOCK } from '../main/devices/locker/cu16.js';
import { createLockerService } from '../main/devices/locker/service.js';
import { startLockerSimulator } from '../main/devices/locker/simulator.js';
import { sampleBank } from '../main/devices/locker/demo-bank.js';
import { fmt, percentile } from './stats.js';

const COUNT = Number(process.env.BENCH_LOCKER_OPENS ?? 200);
const BOARD_DELAY_MS = Number(process.env.BENCH_LOCKER_BOARD_MS ?? 10);

export async function benchLocker(): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'bench-locker-'));
  const sim = await startLockerSimulator({ boards: 1, boardDelayMs: BOARD_DELAY_MS });
  let sentAt = 0;
  const lockers = createLockerService({
    dataDir: dir,
    bus: { onSent: (frame) => (frame[2] === CMD_UNLOCK ? (sentAt = performance.now()) : undefined) },
    controller: { pollMs: 5 },
  });
  try {
    await lockers.saveLockerBank(sampleBank(sim.host, sim.port));
    const toFrame: number[] = [];
    const toConfirmed: number[] = [];
    for (let i = -10; i < COUNT; i++) {
      const number = (((i % 16) + 16) % 16) + 1;
      sim.closeDoor(0, number);
      sentAt = 0;
      const t0 = performance.now();
      await lockers.openCompartment({ bankId: 'front', number, reason: 'bench' });
      const t2 = performance.now();
      // The first ten open the connection and warm the JIT: a terminal's steady state is what a customer meets.
      if (i < 0) continue;
      toFrame.push(sentAt - t0);
      toConfirmed.push(t2 - t0);
    }
    const row = (name: string, xs: number[]) => `locker ${name.padEnd(36)} p50 ${fmt(percentile(xs, 50), 2)} ms, p99 ${fmt(percentile(xs, 99), 2)} ms over ${COUNT}`;
    console.log(row('open called → unlock frame sent', toFrame));
    console.log(row('open called → door confirmed open', toConfirmed));
    console.log(`locker floor: the simulated board answers each command after ${BOARD_DELAY_MS} ms; a confirmed open is 2 commands = ${2 * BOARD_DELAY_MS} ms`);
    console.log(`locker ratio: confirmed p50 / floor = ${fmt(percentile(toConfirmed, 50) / (2 * BOARD_DELAY_MS), 2)}`);
  } finally {
    await lockers.close();
    await sim.close();
    await rm(dir, { recursive: true, force: true });
  }
}

if (process.argv[1]?.endsWith('locker.ts')) await benchLocker();
