import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { MAX_STREAM_HEARTBEAT_MS } from '../protocol/sync.js';

const children: ChildProcess[] = [];
const dirs: string[] = [];
afterEach(async () => {
  for (const c of children.splice(0)) if (c.exitCode === null) c.kill('SIGKILL');
  for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
});

interface Running {
  url: string;
  output: () => string;
  exited: Promise<number | null>;
  child: ChildProcess;
}

/** Starts `npm run server`'s entry as a real process on a free port and waits for its banner. */
async function startCli(env: Record<string, string>): Promise<Running> {
  const { DATABASE_URL: _ignored, ...base } = process.env;
  const child = spawn(process.execPath, ['--import', 'tsx', 'sync/server/cli.ts'], {
    env: { ...base, PORT: '0', LOG: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let out = '';
  child.stdout?.on('data', (b: Buffer) => (out += b.toString()));
  child.stderr?.on('data', (b: Buffer) => (out += b.toString()));
  const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
  const url = await new Promise<string>((resolve, reject) => {
    const check = () => {
      const m = /listening on (http:\/\/[^\s]+)/.exec(out);
      if (m?.[1]) resolve(m[1]);
    };
    child.stdout?.on('data', check);
    void exited.then((code) => reject(new Error(`server exited (${code}) before listening:\n${out}`)));
  });
  return { url, output: () => out, exited, child };
}

describe('npm run server (cli.ts)', () => {
  it('prints generated secrets in demo mode, keeps data in DATA_DIR across restarts, and shuts down cleanly', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'storeops-cli-'));
    dirs.push(dataDir);
    const first = await startCli({ DATA_DIR: dataDir });
    const admin = /ADMIN_TOKEN=(\S+)/.exec(first.output())?.[1];
    expect(admin).toBeTruthy();
    expect(first.output()).toMatch(/PLATFORM_API_KEY=\S+/);
    const store = { id: 'S001', name: 'Futian', timezone: 'Asia/Shanghai' };
    const post = (url: string, token: string) =>
      fetch(`${url}/api/v1/stores`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(store) });
    expect((await post(first.url, admin ?? '')).status).toBe(201);
    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);

    const fixedAdmin = 'fixed-admin-0123456789abcdef0123456789';
    const second = await startCli({ DATA_DIR: dataDir, ADMIN_TOKEN: fixedAdmin, PLATFORM_API_KEY: 'fixed-platform-0123456789abcdef01234567' });
    expect(second.output()).not.toMatch(/DEMO MODE/);
    // 200, not 201: the store from the first run is still there.
    expect((await post(second.url, fixedAdmin)).status).toBe(200);
    second.child.kill('SIGINT');
    expect(await second.exited).toBe(0);
    // Two real starts, the first with PGlite's initdb on an empty data directory: 10-25 s each on a busy 2-core machine.
  }, 120_000);

  it('refuses to start with an ADMIN_TOKEN or PLATFORM_API_KEY shorter than 32 characters, and says why', async () => {
    const long = 'x'.repeat(32);
    for (const [env, name] of [
      [{ ADMIN_TOKEN: 'a'.repeat(31), PLATFORM_API_KEY: long }, 'ADMIN_TOKEN'],
      [{ ADMIN_TOKEN: long, PLATFORM_API_KEY: 'short' }, 'PLATFORM_API_KEY'],
    ] as const) {
      const run = await runCli({ ...env, DATA_DIR: join(tmpdir(), 'storeops-cli-never-created') });
      expect(run.code, name).toBe(1);
      expect(run.output).toContain(`${name} must be at least 32 characters long`);
      expect(run.output).not.toMatch(/listening on/);
    }
  });

  it('refuses a CORS_ORIGINS entry that is not an origin', async () => {
    const run = await runCli({ CORS_ORIGINS: 'http://127.0.0.1:5180,*', DATA_DIR: join(tmpdir(), 'storeops-cli-never-created') });
    expect(run.code).toBe(1);
    expect(run.output).toContain('CORS_ORIGINS: "*" is not an origin');
  });

  it('refuses a STREAM_HEARTBEAT_MS so slow that terminals would take a quiet stream for a lost one', async () => {
    const run = await runCli({ STREAM_HEARTBEAT_MS: '15000', DATA_DIR: join(tmpdir(), 'storeops-cli-never-created') });
    expect(run.code).toBe(1);
    expect(run.output).toContain(`STREAM_HEARTBEAT_MS must be at most ${MAX_STREAM_HEARTBEAT_MS}`);
  });
});

/** Runs the cli to its exit (for configurations it must refuse); fails the test if it starts listening instead. */
async function runCli(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  const { DATABASE_URL: _ignored, ...base } = process.env;
  const child = spawn(process.execPath, ['--import', 'tsx', 'sync/server/cli.ts'], { env: { ...base, PORT: '0', LOG: '0', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let output = '';
  child.stdout?.on('data', (b: Buffer) => (output += b.toString()));
  child.stderr?.on('data', (b: Buffer) => (output += b.toString()));
  const code = await new Promise<number | null>((r) => child.on('exit', (c) => r(c)));
  return { code, output };
}
