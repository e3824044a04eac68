// Server memory with many open live streams: the server runs as its own process so its RSS is its own.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { freePort, tempDir, eventually } from '../e2e/support/processes.js';
import { apiRoutes, syncRoutes, type EnrollResponse, type EnrollmentCodeResponse } from '../sync/protocol/index.js';
import { fmt, percentile } from './stats.js';
import { freshDatabaseUrl } from '../e2e/support/central.js';

const STREAMS = Number(process.env.BENCH_STREAMS ?? 500);

function rssMiB(pid: number): number {
  const m = readFileSync(`/proc/${pid}/status`, 'utf8').match(/VmRSS:\s+(\d+) kB/);
  return m ? Number(m[1]) / 1024 : Number.NaN;
}

/** RSS moves with the garbage collector: take the median of a few samples over two seconds. */
async function settledRss(pid: number): Promise<number> {
  const samples: number[] = [];
  for (let i = 0; i < 10; i++) {
    samples.push(rssMiB(pid));
    await new Promise((r) => setTimeout(r, 200));
  }
  return percentile(samples, 50);
}

export async function benchStreams(): Promise<void> {
  const root = resolve(import.meta.dirname, '..');
  const port = await freePort();
  // On PostgreSQL the server process holds only the server; embedded PGlite would add its own heap to the figure.
  const db = await freshDatabaseUrl();
  const url = `http://127.0.0.1:${port}`;
  const admin = `bench-admin-${randomBytes(16).toString('hex')}`;
  const proc = spawn(process.execPath, ['--import', 'tsx', 'sync/server/cli.ts'], {
    cwd: root,
    env: {
      ...process.env,
      PORT: String(port),
      DATA_DIR: tempDir('bench-streams'),
      ADMIN_TOKEN: admin,
      PLATFORM_API_KEY: `bench-platform-${randomBytes(16).toString('hex')}`,
      // One device holds every stream here, far beyond the per-device and per-store limits a real terminal meets.
      MAX_STREAMS_PER_DEVICE: String(STREAMS),
      MAX_STREAMS_PER_STORE: String(STREAMS),
      DATABASE_URL: db?.url ?? '',
    },
    stdio: 'ignore',
  });
  const controllers: AbortController[] = [];
  try {
    await eventually(async () => (await fetch(url + apiRoutes.openapi)).ok, 'server', 60_000);
    const post = async <T>(path: string, body: unknown, token?: string): Promise<T> => {
      const res = await fetch(url + path, { method: 'POST', headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: JSON.stringify(body) });
      if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
      return (await res.json()) as T;
    };
    await post(apiRoutes.stores, { id: 'S001', name: 'Bench', timezone: 'Asia/Shanghai' }, admin);
    const { code } = await post<EnrollmentCodeResponse>(apiRoutes.enrollmentCodes('S001'), {}, admin);
    const { token } = await post<EnrollResponse>(apiRoutes.enroll, { code, name: 'bench' });
    const pid = proc.pid as number;
    const before = await settledRss(pid);
    let open = 0;
    await Promise.all(
      Array.from({ length: STREAMS }, async () => {
        const c = new AbortController();
        controllers.push(c);
        const res = await fetch(url + syncRoutes.stream(), { headers: { authorization: `Bearer ${token}` }, signal: c.signal });
        const reader = res.body?.getReader();
        await reader?.read(); // the hello message
        open += 1;
        void reader?.read().catch(() => undefined);
      }),
    );
    await eventually(async () => open === STREAMS, 'streams open');
    const after = await settledRss(pid);
    console.log(`server RSS (${db ? 'PostgreSQL' : 'embedded PGlite'}): ${fmt(before)} MiB idle, ${fmt(after)} MiB with ${STREAMS} live streams (+${fmt(((after - before) * 1024) / STREAMS)} KiB per stream)`);
  } finally {
    for (const c of controllers) c.abort();
    proc.kill('SIGTERM');
    await new Promise((r) => proc.once('exit', r));
    await db?.drop();
  }
}
