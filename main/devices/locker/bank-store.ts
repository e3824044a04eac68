import { AtomicFile } from '../../settings/atomic-file.js';
import { LOCKS_PER_BOARD, MAX_BOARD } from './cu16.js';
import { LockerError } from './errors.js';
import { COMPARTMENT_SIZES, type LockerBankConfig } from './types.js';

export const LOCKER_BANKS_FILE = 'lockers.json';

const ID = /^[A-Za-z0-9_-]{1,40}$/;
const HOST = /^[A-Za-z0-9.:_[\]-]{1,253}$/;
/** /dev/ttyUSB0, /dev/serial/by-id/…, COM3. */
const SERIAL_PATH = /^(\/dev\/[A-Za-z0-9._/:+-]{1,200}|COM[0-9]{1,3})$/;
const BAUDS = [9600, 19200, 38400, 57600, 115200];
const KEYS = new Set(['id', 'name', 'transport', 'openBit', 'boards', 'compartments']);
const isInt = (v: unknown, min: number, max: number): v is number => Number.isInteger(v) && (v as number) >= min && (v as number) <= max;
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function transportProblems(t: unknown): string[] {
  if (!isObject(t)) return ['transport must be an object'];
  const extra = Object.keys(t).filter((k) => !['kind', 'path', 'baudRate', 'host', 'port'].includes(k));
  const p = extra.map((k) => `unknown transport field ${k}`);
  if (t.kind === 'serial') {
    if (typeof t.path !== 'string' || !SERIAL_PATH.test(t.path)) p.push('transport.path must be a serial device such as /dev/ttyUSB0 or COM3');
    if (t.baudRate !== undefined && !BAUDS.includes(t.baudRate as number)) p.push(`transport.baudRate must be one of ${BAUDS.join(', ')}`);
    if (t.host !== undefined || t.port !== undefined) p.push('host and port apply to tcp transports only');
  } else if (t.kind === 'tcp') {
    if (typeof t.host !== 'string' || !HOST.test(t.host)) p.push('transport.host must be a host name or IP address');
    if (!isInt(t.port, 1, 65535)) p.push('transport.port must be 1-65535');
    if (t.path !== undefined || t.baudRate !== undefined) p.push('path and baudRate apply to serial transports only');
  } else p.push('transport.kind must be serial or tcp');
  return p;
}

/** Every problem of a bank's configuration, in words a manager can act on; empty when it is valid. */
export function lockerBankProblems(value: unknown): string[] {
  if (!isObject(value)) return ['a locker bank must be an object'];
  const c = value;
  const p = Object.keys(c).filter((k) => !KEYS.has(k)).map((k) => `unknown field ${k}`);
  if (typeof c.id !== 'string' || !ID.test(c.id)) p.push('id must be 1-40 letters, digits, _ or -');
  if (typeof c.name !== 'string' || c.name.trim() === '' || c.name.length > 80) p.push('name must be 1-80 characters');
  p.push(...transportProblems(c.transport));
  if (c.openBit !== 0 && c.openBit !== 1) p.push('openBit must be 0 or 1');
  const boards = Array.isArray(c.boards) ? c.boards : [];
  if (!Array.isArray(c.boards) || boards.length === 0 || boards.length > 16 || !boards.every((b) => isInt(b, 0, MAX_BOARD))) p.push(`boards must list 1-16 board addresses 0-${MAX_BOARD}`);
  else if (new Set(boards).size !== boards.length) p.push('boards must not repeat');
  if (!Array.isArray(c.compartments) || c.compartments.length === 0 || c.compartments.length > 256) return [...p, 'compartments must list 1-256 compartments'];
  const numbers = new Set<number>();
  const locks = new Set<string>();
  c.compartments.forEach((x: unknown, i) => {
    const at = `compartment #${i + 1}`;
    if (!isObject(x)) return void p.push(`${at} must be an object`);
    const extra = Object.keys(x).filter((k) => !['number', 'board', 'lock', 'size'].includes(k));
    if (extra.length) p.push(`${at}: unknown field(s) ${extra.join(', ')}`);
    if (!isInt(x.number, 1, 9999)) p.push(`${at}: number must be 1-9999`);
    else if (numbers.has(x.number)) p.push(`${at}: number ${x.number} is used twice`);
    else numbers.add(x.number);
    if (!isInt(x.board, 0, MAX_BOARD) || !boards.includes(x.board)) p.push(`${at}: board must be one of the bank's boards`);
    if (!isInt(x.lock, 1, LOCKS_PER_BOARD)) p.push(`${at}: lock must be 1-${LOCKS_PER_BOARD}`);
    else if (locks.has(`${String(x.board)}:${x.lock}`)) p.push(`${at}: board ${String(x.board)} lock ${x.lock} drives another compartment`);
    else locks.add(`${String(x.board)}:${x.lock}`);
    if (!COMPARTMENT_SIZES.includes(x.size as never)) p.push(`${at}: size must be S, M or L`);
  });
  return p;
}

export function validLockerBank(value: unknown): LockerBankConfig {
  const problems = lockerBankProblems(value);
  if (problems.length) throw new LockerError('LOCKER_CONFIG_INVALID', problems.join('; '));
  const c = value as LockerBankConfig;
  return { ...c, compartments: [...c.compartments].sort((a, b) => a.number - b.number) };
}

/**
 * The configured locker banks, in DATA_DIR/lockers.json. Written through AtomicFile (temp file, fsync, rename), so a
 * power cut leaves the old set-up or the new one; changes queue, so each starts from the one before.
 */
export class LockerBankStore {
  private readonly store: AtomicFile;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(dataDir: string) {
    this.store = new AtomicFile(dataDir, LOCKER_BANKS_FILE);
  }

  get file(): string {
    return this.store.file;
  }

  async list(): Promise<LockerBankConfig[]> {
    const text = await this.store.read();
    if (text === null) return [];
    const parsed: unknown = JSON.parse(text);
    if (!Array.isArray(parsed)) throw new LockerError('LOCKER_CONFIG_INVALID', `${this.file} must hold an array; fix or remove it`);
    return parsed.map((b, i) => {
      const problems = lockerBankProblems(b);
      if (problems.length) throw new LockerError('LOCKER_CONFIG_INVALID', `${this.file} bank #${i + 1}: ${problems.join('; ')}`);
      return b as LockerBankConfig;
    });
  }

  async get(id: string): Promise<LockerBankConfig> {
    const found = (await this.list()).find((b) => b.id === id);
    if (!found) throw new LockerError('LOCKER_BANK_NOT_FOUND', `No locker bank with id ${JSON.stringify(id)}`);
    return found;
  }

  save(config: unknown): Promise<LockerBankConfig[]> {
    return this.update((all) => {
      const valid = validLockerBank(config);
      return [...all.filter((b) => b.id !== valid.id), valid];
    });
  }

  remove(id: string): Promise<LockerBankConfig[]> {
    return this.update((all) => {
      if (!all.some((b) => b.id === id)) throw new LockerError('LOCKER_BANK_NOT_FOUND', `No locker bank with id ${JSON.stringify(id)}`);
      return all.filter((b) => b.id !== id);
    });
  }

  private update(change: (all: LockerBankConfig[]) => LockerBankConfig[]): Promise<LockerBankConfig[]> {
    const run = async () => {
      const next = change(await this.list());
      await this.store.write(`${JSON.stringify(next, null, 2)}\n`);
      return next;
    };
    const result = this.queue.then(run, run);
    this.queue = result.catch(() => undefined);
    return result;
  }
}
