/**
 * A raw-TCP label printer stand-in: accepts connections like a port-9100 printer and keeps every job it receives,
 * so tests and the demo can decode what "came out". One connection = one job (what printRaw sends).
 *
 *   npx tsx main/devices/printer/simulator.ts --port 9100 --dir DIR
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

export interface ReceivedJob {
  seq: number;
  bytes: Uint8Array;
  receivedAt: string;
  remote: string;
  /** Guessed from the first bytes, for file names and logs. */
  language: 'zpl' | 'tspl' | 'unknown';
  file?: string;
}

export interface PrinterSimulator {
  host: string;
  port: number;
  jobs(): readonly ReceivedJob[];
  /** Resolves when at least `count` jobs have arrived; rejects after timeoutMs with what did arrive. */
  waitForJobs(count: number, timeoutMs?: number): Promise<readonly ReceivedJob[]>;
  close(): Promise<void>;
}

export interface SimulatorOptions {
  host?: string;
  /** 0 picks a free port. */
  port?: number;
  /** Also write each job to DIR/job-0001.zpl (or .tspl/.prn). */
  dir?: string;
}

export async function startPrinterSimulator(opts: SimulatorOptions = {}): Promise<PrinterSimulator> {
  const host = opts.host ?? '127.0.0.1';
  const jobs: ReceivedJob[] = [];
  const waiters = new Set<() => void>();
  const sockets = new Set<Socket>();
  if (opts.dir) await mkdir(opts.dir, { recursive: true });

  const server: Server = createServer((socket) => {
    sockets.add(socket);
    const chunks: Buffer[] = [];
    const remote = `${socket.remoteAddress ?? '?'}:${socket.remotePort ?? '?'}`;
    socket.on('data', (c: Buffer) => chunks.push(c));
    socket.on('error', (err) => process.stderr.write(`printer simulator: connection ${remote}: ${err.message}\n`));
    socket.on('end', () => {
      void store(Buffer.concat(chunks), remote)
        .catch((err: unknown) => process.stderr.write(`printer simulator: cannot store job: ${String(err)}\n`))
        .finally(() => socket.end());
    });
    socket.on('close', () => sockets.delete(socket));
  });

  async function store(bytes: Buffer, remote: string): Promise<void> {
    if (bytes.length === 0) return;
    const seq = jobs.length + 1;
    const job: ReceivedJob = { seq, bytes: new Uint8Array(bytes), receivedAt: new Date().toISOString(), remote, language: sniff(bytes) };
    if (opts.dir) {
      const ext = job.language === 'unknown' ? 'prn' : job.language;
      job.file = join(opts.dir, `job-${String(seq).padStart(4, '0')}.${ext}`);
      await writeFile(job.file, bytes);
    }
    jobs.push(job);
    for (const w of waiters) w();
  }

  await new Promise<void>((res, rej) => {
    server.once('error', rej);
    server.listen(opts.port ?? 0, host, () => res());
  });
  const port = (server.address() as AddressInfo).port;

  return {
    host,
    port,
    jobs: () => jobs,
    waitForJobs: (count, timeoutMs = 10_000) =>
      new Promise((res, rej) => {
        const check = () => {
          if (jobs.length < count) return;
          cleanup();
          res(jobs);
        };
        const timer = setTimeout(() => {
          cleanup();
          rej(new Error(`printer simulator: expected ${count} job(s), got ${jobs.length} within ${timeoutMs} ms`));
        }, timeoutMs);
        const cleanup = () => {
          clearTimeout(timer);
          waiters.delete(check);
        };
        waiters.add(check);
        check();
      }),
    close: () =>
      new Promise<void>((res, rej) => {
        for (const s of sockets) s.destroy();
        server.close((err) => (err ? rej(err) : res()));
      }),
  };
}

function sniff(bytes: Buffer): ReceivedJob['language'] {
  const head = bytes.subarray(0, 16).toString('latin1');
  if (head.startsWith('^XA')) return 'zpl';
  if (head.startsWith('SIZE ')) return 'tspl';
  return 'unknown';
}

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const port = Number(arg('--port') ?? 9100);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be 0-65535, got ${arg('--port')}`);
  const dir = arg('--dir');
  const sim = await startPrinterSimulator({ host: arg('--host') ?? '127.0.0.1', port, ...(dir ? { dir: resolve(dir) } : {}) });
  process.stdout.write(`printer simulator listening on ${sim.host}:${sim.port}${dir ? `, jobs in ${resolve(dir)}` : ''}\n`);
  let seen = 0;
  setInterval(() => {
    for (const job of sim.jobs().slice(seen)) {
      process.stdout.write(`job ${job.seq}: ${job.bytes.length} bytes ${job.language} from ${job.remote}${job.file ? ` -> ${job.file}` : ''}\n`);
    }
    seen = sim.jobs().length;
  }, 250);
  const stop = () => void sim.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
