import { randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename } from 'node:fs/promises';
import { join } from 'node:path';
import { DPIS, LABEL_SIZES } from '../../../sync/model/label.js';
import { PrinterError } from './errors.js';
import { RAW_PORT } from './raw-tcp.js';
import type { PrinterConfig } from './types.js';

export const PRINTERS_FILE = 'printers.json';

const ID = /^[A-Za-z0-9_-]{1,40}$/;
/** A hostname or IPv4/IPv6 literal; no spaces, schemes or paths. */
const HOST = /^[A-Za-z0-9.:_[\]-]{1,253}$/;
const FONT = /^[A-Za-z0-9:._-]{1,40}$/;
const KEYS = new Set(['id', 'name', 'kind', 'host', 'port', 'language', 'size', 'dpi', 'printerFont', 'osPrinter']);

export function printerProblems(value: unknown): string[] {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return ['a printer must be an object'];
  const c = value as Record<string, unknown>;
  const p: string[] = [];
  for (const k of Object.keys(c)) if (!KEYS.has(k)) p.push(`unknown field ${k}`);
  if (typeof c.id !== 'string' || !ID.test(c.id)) p.push('id must be 1-40 letters, digits, _ or -');
  if (typeof c.name !== 'string' || c.name.trim() === '' || c.name.length > 80) p.push('name must be 1-80 characters');
  if (!LABEL_SIZES.includes(c.size as never)) p.push(`size must be one of ${LABEL_SIZES.join(', ')}`);
  if (!DPIS.includes(c.dpi as never)) p.push(`dpi must be one of ${DPIS.join(', ')}`);
  if (c.printerFont !== undefined && (typeof c.printerFont !== 'string' || !FONT.test(c.printerFont))) p.push('printerFont must be a printer font name');
  if (c.kind === 'raw-tcp') {
    if (typeof c.host !== 'string' || !HOST.test(c.host)) p.push('host must be a host name or IP address');
    if (c.port !== undefined && (!Number.isInteger(c.port) || (c.port as number) < 1 || (c.port as number) > 65535)) p.push('port must be 1-65535');
    if (c.language !== 'zpl' && c.language !== 'tspl') p.push('language must be zpl or tspl');
    if (c.osPrinter !== undefined) p.push('osPrinter applies to pdf printers only');
  } else if (c.kind === 'pdf') {
    for (const k of ['host', 'port', 'language'] as const) if (c[k] !== undefined) p.push(`${k} applies to raw-tcp printers only`);
    if (c.osPrinter !== undefined && (typeof c.osPrinter !== 'string' || !/^[A-Za-z0-9._@-]{1,127}$/.test(c.osPrinter))) p.push('osPrinter must be a print queue name');
  } else p.push('kind must be raw-tcp or pdf');
  return p;
}

export function validPrinter(value: unknown): PrinterConfig {
  const problems = printerProblems(value);
  if (problems.length) throw new PrinterError('PRINTER_CONFIG_INVALID', problems.join('; '));
  const c = value as PrinterConfig;
  return c.kind === 'raw-tcp' ? { ...c, port: c.port ?? RAW_PORT } : c;
}

/** The configured printers, in DATA_DIR/printers.json, written atomically (temp file + rename). */
export class PrinterStore {
  readonly file: string;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(readonly dataDir: string) {
    this.file = join(dataDir, PRINTERS_FILE);
  }

  async list(): Promise<PrinterConfig[]> {
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw err;
    }
    const parsed: unknown = JSON.parse(text);
    if (!Array.isArray(parsed)) throw new PrinterError('PRINTER_CONFIG_INVALID', `${this.file} must hold an array; fix or remove it`);
    return parsed.map((p, i) => {
      const problems = printerProblems(p);
      if (problems.length) throw new PrinterError('PRINTER_CONFIG_INVALID', `${this.file} printer #${i + 1}: ${problems.join('; ')}`);
      return p as PrinterConfig;
    });
  }

  async get(id: string): Promise<PrinterConfig> {
    const found = (await this.list()).find((p) => p.id === id);
    if (!found) throw new PrinterError('PRINTER_NOT_FOUND', `No printer with id ${JSON.stringify(id)}`);
    return found;
  }

  /** Adds the printer, or replaces the one with the same id. */
  save(config: unknown): Promise<PrinterConfig[]> {
    return this.update((all) => {
      const valid = validPrinter(config);
      return [...all.filter((p) => p.id !== valid.id), valid];
    });
  }

  remove(id: string): Promise<PrinterConfig[]> {
    return this.update((all) => {
      if (!all.some((p) => p.id === id)) throw new PrinterError('PRINTER_NOT_FOUND', `No printer with id ${JSON.stringify(id)}`);
      return all.filter((p) => p.id !== id);
    });
  }

  private update(change: (all: PrinterConfig[]) => PrinterConfig[]): Promise<PrinterConfig[]> {
    const run = async () => {
      const next = change(await this.list());
      await mkdir(this.dataDir, { recursive: true });
      const tmp = `${this.file}.${randomBytes(6).toString('hex')}.tmp`;
      const handle = await open(tmp, 'wx');
      try {
        await handle.writeFile(`${JSON.stringify(next, null, 2)}\n`, 'utf8');
        await handle.sync();
      } finally {
        await handle.close();
      }
      await rename(tmp, this.file);
      return next;
    };
    const result = this.queue.then(run, run);
    this.queue = result.catch(() => undefined);
    return result;
  }
}
