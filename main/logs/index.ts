import path from 'node:path';
import type { RendererLogEntry } from '../contract.js';
import { RotatingLog, type RotatingLogOptions } from './rotating-log.js';

export { RotatingLog, DEFAULT_MAX_BYTES, DEFAULT_MAX_FILES } from './rotating-log.js';

export const LOGS_DIR = 'logs';

export type LogLevel = 'error' | 'warn' | 'info';

/** Main's own log: what the host, the shell and the contract's failures have to say. */
export interface Logger {
  error(message: string, err?: unknown): void;
  warn(message: string, err?: unknown): void;
  info(message: string): void;
}

/** The terminal's two logs, in DATA_DIR/logs: main.log (this process) and renderer.log (what the page sends). */
export interface TerminalLogs {
  readonly dir: string;
  readonly main: Logger;
  /** Lines the renderer sent through the contract, already validated. */
  renderer(entries: readonly RendererLogEntry[]): Promise<void>;
  /** Every log file that may exist, for the support bundle. */
  files(): string[];
  flush(): Promise<void>;
}

/**
 * Credentials have no business in a log: a line carrying a bearer token or a JSON field named like a secret has
 * the value replaced before it reaches the disk. The support bundle scrubs the known values once more.
 */
export function redactLine(line: string): string {
  return line
    .replace(/(bearer\s+)[A-Za-z0-9._~+/=-]+/gi, '$1[redacted]')
    .replace(/("[A-Za-z]*(?:token|secret|password|mainKey|pinHash|verifier)[A-Za-z]*"\s*:\s*)"(?:[^"\\]|\\.)*"/gi, '$1"[redacted]"');
}

/** One line: ISO time, level, source, the message on one line (newlines escaped so a line is an entry). */
export function formatLine(at: string, level: LogLevel, source: string, message: string): string {
  return redactLine(`${at} ${level.toUpperCase().padEnd(5)} ${source} ${message.replace(/\r?\n/g, '\\n')}`);
}

function describe(err: unknown): string {
  if (err === undefined) return '';
  if (err instanceof Error) return `: ${err.stack ?? err.message}`;
  return `: ${String(err)}`;
}

export function createTerminalLogs(dataDir: string, opts: Partial<Pick<RotatingLogOptions, 'maxBytes' | 'maxFiles'>> & { now?: () => Date; echo?: (line: string) => void } = {}): TerminalLogs {
  const dir = path.join(dataDir, LOGS_DIR);
  const now = opts.now ?? (() => new Date());
  const mainLog = new RotatingLog({ dir, name: 'main', maxBytes: opts.maxBytes, maxFiles: opts.maxFiles });
  const rendererLog = new RotatingLog({ dir, name: 'renderer', maxBytes: opts.maxBytes, maxFiles: opts.maxFiles });
  const write = (level: LogLevel, message: string) => {
    const line = formatLine(now().toISOString(), level, 'main', message);
    opts.echo?.(line);
    void mainLog.write([line]);
  };
  return {
    dir,
    main: {
      error: (message, err) => write('error', `${message}${describe(err)}`),
      warn: (message, err) => write('warn', `${message}${describe(err)}`),
      info: (message) => write('info', message),
    },
    // The renderer's own time is kept (it may differ from main's clock: that is worth seeing), main's beside it.
    renderer: (entries) => rendererLog.write(entries.map((e) => formatLine(now().toISOString(), e.level, `renderer@${e.at}`, e.message))),
    files: () => [...mainLog.files(), ...rendererLog.files()],
    flush: () => Promise.all([mainLog.flush(), rendererLog.flush()]).then(() => undefined),
  };
}
