import type { LockerSimulator } from './simulator.js';
import type { LockerBankConfig } from './types.js';

/**
 * A text picture of a bank, as the demo prints it: compartments in rows of four by number, each with its size and
 * its door (▯ closed, ▮ OPEN) as the simulator holds it.
 */
export function bankPicture(bank: LockerBankConfig, sim: Pick<LockerSimulator, 'isOpen'>): string {
  const cells = bank.compartments.map((c) => `${String(c.number).padStart(2)} ${c.size} ${sim.isOpen(c.board, c.lock) ? '▮ OPEN' : '▯     '}`);
  const rows: string[] = [];
  for (let i = 0; i < cells.length; i += 4) rows.push(`  │ ${cells.slice(i, i + 4).join(' │ ')} │`);
  return [`  ${bank.name} (${bank.id}): ${bank.compartments.length} compartments`, ...rows].join('\n');
}

export const CONTROL_HELP = `locker simulator commands:
  close N | close all     close compartment N's door (as the customer or staff does), or every door
  stuck N | unstick N     N's lock does not release / releases again
  silence K               the next K commands get no reply
  bad K                   the next K replies go out with a wrong checksum
  split on|off            replies one byte per write
  show                    the bank`;

/** One line typed on the demo's or the simulator's standard input; returns what to print. */
export function controlLine(line: string, sim: LockerSimulator, bank: LockerBankConfig): string {
  const [cmd, arg] = line.trim().split(/\s+/);
  const lockOf = (n: string | undefined) => bank.compartments.find((c) => String(c.number) === n);
  const count = Number(arg);
  switch (cmd) {
    case undefined:
    case '':
      return '';
    case 'close': {
      if (arg === 'all') {
        for (const c of bank.compartments) sim.closeDoor(c.board, c.lock);
        return 'all doors closed';
      }
      const c = lockOf(arg);
      if (!c) return `no compartment ${arg ?? ''}`;
      sim.closeDoor(c.board, c.lock);
      return `compartment ${c.number} closed`;
    }
    case 'stuck':
    case 'unstick': {
      const c = lockOf(arg);
      if (!c) return `no compartment ${arg ?? ''}`;
      if (cmd === 'stuck') sim.faults.stuck.add(`${c.board}:${c.lock}`);
      else sim.faults.stuck.delete(`${c.board}:${c.lock}`);
      return `compartment ${c.number} ${cmd === 'stuck' ? 'will not open' : 'opens again'}`;
    }
    case 'silence':
    case 'bad':
      if (!Number.isInteger(count) || count < 0) return `${cmd} needs a number`;
      if (cmd === 'silence') sim.faults.silence = count;
      else sim.faults.badChecksum = count;
      return `${cmd}: next ${count}`;
    case 'split':
      sim.faults.split = arg === 'on';
      return `split replies ${sim.faults.split ? 'on' : 'off'}`;
    case 'show':
      return bankPicture(bank, sim);
    default:
      return CONTROL_HELP;
  }
}
