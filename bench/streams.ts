// Server memory idle and with many live streams, on embedded PGlite and on PostgreSQL, against a floor measured in
// the same run: a bare Node http server holding the same number of idle server-sent event streams (bench/sse-floor.ts).
// Each server runs as its own process (node with tsx, as `npm run server` does), so its RSS is its own; the streams'
// client side is this process, over plain node:http sockets.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpSync, readFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { resolve } from 'node:path';
import { freePort, tempDir, eventually } from '../e2e/support/processes.js';
import { freshDatabaseUrl } from '../e2e/support/central.js';
import { pgliteTemplateDir } from '../sync/server/test-db-pool.js';
import { DEFAULT_STREAM_LIMITS } from '../sync/server/stream-registry.js';
import { apiRoutes, syncRoutes } from '../sync/protocol/index.js';
import { platformApi } from '../sync/server/openapi/client.js';
import { PlatformClient } from '../scripts/demo-api.js';
import { createRng, DEMO_OPERATORS, DEMO_STORE, demoCatalogue, makeDemoBacklog } from '../scripts/demo-data.js';
import { fmt, percentile, pool } from './stats.js';

const STREAMS = Number(process.env.BENCH_STREAMS ?? 5000);
const ROOT = resolve(import.meta.dirname, '..');

/**
 * The streams are spread so that the server's default caps hold (8 per device, 64 per store): at most 50 per store,
 * over 8 devices, each enrolled through the API as a terminal would be. 5,000 streams make 100 stores and 800 devices.
 */
const PER_STORE = Math.min(50, DEFAULT_STREAM_LIMITS.perStore);
const DEVICES_PER_STORE = Math.max(8, Math.ceil(PER_STORE / DEFAULT_STREAM_LIMITS.perDevice));

function statusMiB(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  const m = readFileSync(`/proc/${pid}/status`, 'utf8').match(new RegExp(`${field}:\\s+(\\d+) kB`));
  return m ? Number(m[1]) / 1024 : Number.NaN;
}
const rssMiB = (pid: number) => statusMiB(pid, 'VmRSS');

/** RSS moves with the garbage collector: the median of samples over three seconds, after a second to settle. */
async function settledRss(pid: number): Promise<number> {
  await new Promise((r) => setTimeout(r, 1000));
  const samples: number[] = [];
  for (let i = 0; i < 15; i++) {
    samples.push(rssMiB(pid));
    await new Promise((r) => setTimeout(r, 200));
  }
  return percentile(samples, 50);
}

interface Proc {
  child: ChildProcess;
  output(): string;
  stop(): Promise<void>;
}

/** `node --import tsx <script>`: the way `npm run server` runs the server, without npm and tsx's cli around it. */
function spawnTsx(script: string, env: Record<string, string>): Proc {
  const child = spawn(process.execPath, ['--import', 'tsx', script], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout?.on('data', (b: Buffer) => (out += b.toString()));
  child.stderr?.on('data', (b: Buffer) => (out += b.toString()));
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  return {
    child,
    output: () => out,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

/** Live streams held open by this process; the first message (hello) has arrived on each. */
class StreamClients {
  private readonly agent = new Agent({ keepAlive: false, maxSockets: Infinity });
  private readonly open: { destroy(): void }[] = [];

  async openAll(url: string, tokens: readonly string[]): Promise<void> {
    await pool(tokens, 64, (token) => this.openOne(url, token));
  }

  private openOne(url: string, token: string | null): Promise<void> {
    return new Promise((res, rej) => {
      const req = request(url, { agent: this.agent, headers: token ? { authorization: `Bearer ${token}` } : {} }, (response) => {
        if (response.statusCode !== 200) {
          let body = '';
          response.on('data', (b: Buffer) => (body += b.toString()));
          response.on('end', () => rej(new Error(`stream refused: ${response.statusCode} ${body}`)));
          return;
        }
        response.once('data', (chunk: Buffer) => {
          if (chunk.toString().includes('"hello"')) res();
          else rej(new Error(`first stream message is not hello: ${chunk.toString().slice(0, 200)}`));
        });
        response.on('error', () => undefined);
      });
      req.on('error', rej);
      req.end();
      this.open.push(req);
    });
  }

  get size(): number {
    return this.open.length;
  }

  closeAll(): void {
    for (const r of this.open.splice(0)) r.destroy();
    this.agent.destroy();
  }
}

interface Figures {
  idle: number;
  /** The process's highest RSS from its start until it was measured idle (VmHWM): bursts between the samples. */
  idlePeak: number;
  streams: number;
}

const perStreamKiB = (f: Figures) => ((f.streams - f.idle) * 1024) / STREAMS;

async function measureFloor(): Promise<Figures> {
  const proc = spawnTsx('bench/sse-floor.ts', {});
  const clients = new StreamClients();
  try {
    await eventually(async () => /listening on \d+/.test(proc.output()), 'sse floor', 60_000);
    const port = Number(proc.output().match(/listening on (\d+)/)?.[1]);
    const pid = proc.child.pid as number;
    const idle = await settledRss(pid);
    const idlePeak = statusMiB(pid, 'VmHWM');
    await clients.openAll(`http://127.0.0.1:${port}/`, Array.from({ length: STREAMS }, () => ''));
    return { idle, idlePeak, streams: await settledRss(pid) };
  } finally {
    clients.closeAll();
    await proc.stop();
  }
}

/** The demo's store, staff, catalogue and 30 orders, then the bench's stores and their enrolled devices' tokens. */
async function seed(url: string, admin: string, platform: string): Promise<string[]> {
  const api = new PlatformClient(url, admin, platform);
  await api.upsertStore(DEMO_STORE);
  const catalogue = demoCatalogue();
  await api.upsertProducts(DEMO_STORE.id, catalogue);
  await api.upsertOperators(DEMO_STORE.id, DEMO_OPERATORS);
  for (const order of makeDemoBacklog(30, { catalogue, rng: createRng(1), runId: 'BENCH', now: new Date() })) await api.postOrder(order);

  const asAdmin = platformApi(url, admin);
  const ok = <T>(res: { data?: T; error?: unknown; response: Response }): T => {
    if (res.data === undefined) throw new Error(`${res.response.url}: ${res.response.status} ${JSON.stringify(res.error)}`);
    return res.data;
  };
  const stores = Math.ceil(STREAMS / PER_STORE);
  const devices: { store: number; token: string }[] = [];
  await pool(Array.from({ length: stores }, (_, i) => i), 4, async (s) => {
    const storeId = `B${String(s).padStart(4, '0')}`;
    ok(await asAdmin.POST('/api/v1/stores', { body: { id: storeId, name: `Bench ${s}`, timezone: 'Asia/Shanghai' } }));
    for (let d = 0; d < DEVICES_PER_STORE; d++) {
      const { code } = ok(await asAdmin.POST('/api/v1/stores/{storeId}/enrollment-codes', { params: { path: { storeId } }, body: {} }));
      const { token } = ok(await platformApi(url).POST('/api/v1/devices/enroll', { body: { code, name: `bench ${s}.${d}` } }));
      devices.push({ store: s, token });
    }
  });
  // Stream i goes to store i / PER_STORE and, within it, to its devices in turn.
  const byStore = new Map<number, string[]>();
  for (const d of devices) byStore.set(d.store, [...(byStore.get(d.store) ?? []), d.token]);
  return Array.from({ length: STREAMS }, (_, i) => {
    const tokens = byStore.get(Math.floor(i / PER_STORE)) as string[];
    return tokens[(i % PER_STORE) % tokens.length] as string;
  });
}

async function measureServer(databaseUrl: string | null): Promise<Figures> {
  const port = await freePort();
  const dataDir = tempDir('bench-streams');
  // A copy of a migrated data directory, as the e2e central does, rather than initdb at the server's first start.
  if (!databaseUrl) cpSync(await pgliteTemplateDir(), dataDir, { recursive: true });
  const admin = `bench-admin-${randomBytes(16).toString('hex')}`;
  const platform = `bench-platform-${randomBytes(16).toString('hex')}`;
  const proc = spawnTsx('sync/server/cli.ts', { PORT: String(port), DATA_DIR: dataDir, ADMIN_TOKEN: admin, PLATFORM_API_KEY: platform, DATABASE_URL: databaseUrl ?? '', LOG: '0' });
  const url = `http://127.0.0.1:${port}`;
  const clients = new StreamClients();
  try {
    await eventually(async () => (await fetch(url + apiRoutes.openapi)).ok, 'server', 60_000).catch((err: Error) => {
      throw new Error(`${err.message}\n${proc.output()}`);
    });
    const tokens = await seed(url, admin, platform);
    const pid = proc.child.pid as number;
    const idle = await settledRss(pid);
    const idlePeak = statusMiB(pid, 'VmHWM');
    await clients.openAll(url + syncRoutes.stream(), tokens);
    return { idle, idlePeak, streams: await settledRss(pid) };
  } finally {
    clients.closeAll();
    await proc.stop();
  }
}

export async function benchStreams(): Promise<void> {
  const n = STREAMS.toLocaleString('en-US');
  console.log(`\n== server memory idle and with ${n} streams (RSS of the server's own process; demo data; ${Math.ceil(STREAMS / PER_STORE)} stores × ${DEVICES_PER_STORE} devices, at most ${PER_STORE} streams a store)`);
  const floor = await measureFloor();
  const line = (name: string, f: Figures) =>
    `${name.padEnd(40)} ${fmt(f.idle).padStart(7)} MiB idle (peak ${fmt(f.idlePeak)}) ${fmt(f.streams).padStart(7)} MiB with ${n} streams (+${fmt(perStreamKiB(f))} KiB a stream)`;
  console.log(line(`floor: bare Node http, ${n} idle SSE`, floor));
  const results: [string, Figures][] = [];
  const pgliteDb = await measureServer(null);
  results.push(['embedded PGlite', pgliteDb]);
  const fresh = await freshDatabaseUrl();
  if (fresh) {
    try {
      results.push(['PostgreSQL', await measureServer(fresh.url)]);
    } finally {
      await fresh.drop();
    }
  }
  for (const [name, f] of results) {
    console.log(`${line(`server on ${name}`, f)}   ${fmt(f.streams / floor.streams, 2)}× the floor with streams, ${fmt(perStreamKiB(f) / perStreamKiB(floor), 2)}× its cost a stream`);
  }
  const pg = results.find(([name]) => name === 'PostgreSQL')?.[1];
  if (pg) console.log(`PGlite / PostgreSQL: ${fmt(pgliteDb.idle / pg.idle, 2)}× idle, ${fmt(pgliteDb.streams / pg.streams, 2)}× with ${n} streams`);
  else console.log('server on PostgreSQL: skipped (set DATABASE_URL)');
}
