/**
 * The locker simulator on its own, for a terminal set up by hand (Lockers → add a bank → TCP 127.0.0.1:4001):
 *
 *   npx tsx main/devices/locker/simulator-cli.ts [--port 4001] [--host 127.0.0.1] [--board-ms 10] [--open-bit 1]
 *
 * One board of 16 locks (the demo's bank: 8 S, 5 M, 3 L); type commands on standard input (`help`).
 */
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { CONTROL_HELP, bankPicture, controlLine } from './simulator-control.js';
import { startLockerSimulator } from './simulator.js';
import { sampleBank } from './demo-bank.js';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '4001' },
    host: { type: 'string', default: '127.0.0.1' },
    'board-ms': { type: 'string', default: '10' },
    'open-bit': { type: 'string', default: '1' },
  },
});
const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be 0-65535, got ${values.port}`);
const boardDelayMs = Number(values['board-ms']);
if (!Number.isFinite(boardDelayMs) || boardDelayMs < 0) throw new Error(`--board-ms must be a number of ms, got ${values['board-ms']}`);
const openBit = values['open-bit'] === '0' ? 0 : 1;

const sim = await startLockerSimulator({ host: values.host, port, boards: 1, boardDelayMs, openBit });
const bank = sampleBank(sim.host, sim.port, { openBit });
process.stdout.write(`locker simulator (Kerong CU16, 1 board, open bit ${openBit}) on ${sim.host}:${sim.port}\n${bankPicture(bank, sim)}\n${CONTROL_HELP}\n`);
sim.onChange((board, lock, open) => process.stdout.write(`board ${board} lock ${lock}: door ${open ? 'OPEN' : 'closed'}\n`));
createInterface({ input: process.stdin }).on('line', (line) => {
  const out = controlLine(line, sim, bank);
  if (out) process.stdout.write(`${out}\n`);
});
const stop = () => void sim.close().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
