import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { LockerBus } from './bus.js';
import { Cu16Controller } from './controller.js';
import { openSerialLink } from './link.js';
import { startLockerSimulator, type LockerSimulator } from './simulator.js';

/** Whether the serialport package and its native binding load here (it is a dependency; the binding is prebuilt). */
async function serialPortLoads(): Promise<boolean> {
  const name = 'serialport';
  return import(name).then(
    () => true,
    () => false,
  );
}

// socat makes a pseudo-terminal whose other end is the simulator's TCP port: a real serial device to the driver.
const hasSocat = spawnSync('socat', ['-V']).status === 0;
const canOpenSerial = await serialPortLoads();

let sim: LockerSimulator | undefined;
let socat: ChildProcess | undefined;
let dir: string | undefined;

afterEach(async () => {
  socat?.kill('SIGTERM');
  await sim?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
  sim = socat = dir = undefined;
});

describe('the serial transport', () => {
  it('says SERIAL_UNAVAILABLE when serialport cannot load, or LOCKER_UNREACHABLE for a device that is not there', async () => {
    const code = canOpenSerial ? 'LOCKER_UNREACHABLE' : 'SERIAL_UNAVAILABLE';
    await expect(openSerialLink('/dev/ttyStoreOpsMissing0', 19200)).rejects.toMatchObject({ code });
  });

  // Needs both socat (a pseudo-terminal) and a loadable serialport; the test above covers a machine without them.
  it.runIf(hasSocat && canOpenSerial)('opens a door through a serial device at 19200 baud', async () => {
    sim = await startLockerSimulator({ boards: 1, boardDelayMs: 2 });
    dir = await mkdtemp(join(tmpdir(), 'locker-serial-'));
    const tty = join(dir, 'ttyLOCK0');
    socat = spawn('socat', [`pty,link=${tty},raw,echo=0`, `tcp:${sim.host}:${sim.port}`], { stdio: 'ignore' });
    for (let i = 0; i < 100 && !existsSync(tty); i++) await new Promise((r) => setTimeout(r, 20));
    const bus = new LockerBus(() => openSerialLink(tty, 19200), { timeoutMs: 200 });
    const locker = new Cu16Controller(bus, { openBit: 1, pollMs: 5 });
    try {
      expect(await locker.open(0, 7)).toMatchObject({ attempts: 1 });
      expect(sim.isOpen(0, 7)).toBe(true);
    } finally {
      await bus.close();
    }
  });
});
