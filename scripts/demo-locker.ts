/**
 * The demo's parcel locker: the CU16 simulator on LOCKER_PORT with one board of 16 compartments (8 S, 5 M, 3 L),
 * set up as the terminal's locker bank "front" unless someone has changed this terminal's set-up. Doors close on
 * their own after LOCKER_AUTO_CLOSE_MS (a customer taking the parcel); the demo's standard input takes the
 * simulator's commands (`close 7`, `stuck 3`, `show`, `help`).
 */
import { createInterface } from 'node:readline';
import type { StoreOpsContract } from '../main/contract.js';
import { sampleBank } from '../main/devices/locker/demo-bank.js';
import { bankPicture, controlLine } from '../main/devices/locker/simulator-control.js';
import { startLockerSimulator, type LockerSimulator } from '../main/devices/locker/simulator.js';
import type { LockerBankConfig } from '../main/devices/locker/types.js';

export interface DemoLocker {
  sim: LockerSimulator;
  bank: LockerBankConfig;
  close(): Promise<void>;
}

export async function startDemoLocker(port: number, autoCloseMs: number, log: (line: string) => void): Promise<DemoLocker> {
  const sim = await startLockerSimulator({ port, boards: 1, boardDelayMs: 10, openBit: 1, ...(autoCloseMs > 0 ? { autoCloseMs } : {}) });
  const bank = { ...sampleBank(sim.host, sim.port), name: 'Demo locker (simulated)' };
  sim.onChange((_board, lock, open) => {
    const c = bank.compartments.find((x) => x.lock === lock);
    log(`Locker: compartment ${c?.number ?? lock} ${open ? 'opened' : 'closed'}`);
  });
  const input = process.stdin.isTTY ? createInterface({ input: process.stdin }) : null;
  input?.on('line', (line) => {
    const out = controlLine(line, sim, bank);
    if (out) log(out);
  });
  return {
    sim,
    bank,
    close: async () => {
      input?.close();
      await sim.close();
    },
  };
}

/** The simulator as the terminal's locker bank, unless the terminal's set-up was changed by hand (the change log). */
export async function useDemoLocker(ops: StoreOpsContract, locker: DemoLocker, managerId: string, log: (line: string) => void): Promise<void> {
  const banks = await ops.listLockerBanks();
  const touched = (await ops.listTerminalChanges({ limit: 50 })).some((c) => c.what.startsWith('locker.'));
  if (banks.length === 0 && !touched) await ops.saveLockerBank(locker.bank, { operatorId: managerId });
  else if (banks.some((b) => b.id === locker.bank.id && b.transport.kind === 'tcp' && b.transport.port !== locker.sim.port)) {
    log(`Locker bank "${locker.bank.id}" points elsewhere than the simulator (${locker.sim.host}:${locker.sim.port}); left as configured`);
  }
  log(`Locker simulator (Kerong CU16 over TCP) at ${locker.sim.host}:${locker.sim.port}; the terminal's Lockers screen (F9) shows it:`);
  log(bankPicture(locker.bank, locker.sim));
  log(`Type "close 7", "stuck 3" or "help" here to play the customer or a fault${process.stdin.isTTY ? '' : ' (needs a terminal on standard input)'}.`);
}
