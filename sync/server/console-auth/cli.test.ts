import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDb, type Db } from '../db/index.js';
import { freshPgDatabase, startTestServer } from '../testing.js';
import { signInConsole } from './console-auth.testkit.js';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** `npm run server -- create-admin …` as a real process, on the database `env` names. */
function createAdmin(args: string[], env: Record<string, string>, stdin?: string): Promise<{ code: number | null; out: string }> {
  const { DATABASE_URL: _ignored, DATA_DIR: _too, ...base } = process.env;
  const child = spawn(process.execPath, ['--import', 'tsx', 'sync/server/cli.ts', 'create-admin', ...args], { env: { ...base, ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (b: Buffer) => (out += b.toString()));
  child.stderr.on('data', (b: Buffer) => (out += b.toString()));
  child.stdin.end(stdin ?? '');
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, out })));
}

/** Where the CLI writes: a fresh PostgreSQL database when DATABASE_URL is set, else an empty PGlite directory. */
async function target(): Promise<{ env: Record<string, string>; open(): Promise<Db> }> {
  const base = process.env.DATABASE_URL;
  if (base) {
    const fresh = await freshPgDatabase(base);
    cleanups.push(() => fresh.drop());
    return { env: { DATABASE_URL: fresh.url }, open: () => openDb({ databaseUrl: fresh.url }) };
  }
  const dir = await mkdtemp(join(tmpdir(), 'storeops-admin-'));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  return { env: { DATA_DIR: dir }, open: () => openDb({ dataDir: dir }) };
}

describe('npm run server -- create-admin NAME', () => {
  it('prints a generated password once, takes one from stdin instead, refuses a taken name, a short password and no name', async () => {
    const t = await target();
    const generated = await createAdmin(['Admin Zhang'], t.env);
    expect(generated.code, generated.out).toBe(0);
    const password = /password \(shown once, not stored in clear\): (\S+)/.exec(generated.out)?.[1] ?? '';
    expect(password).toMatch(/^[\w]{5}-[\w]{5}-[\w]{5}-[\w]{5}$/);

    const fromStdin = await createAdmin(['second-admin', '--password-stdin'], t.env, 'a long stdin password\n');
    expect(fromStdin.code, fromStdin.out).toBe(0);
    expect(fromStdin.out).not.toMatch(/password/);

    const taken = await createAdmin(['admin zhang'], t.env);
    expect(taken.code).toBe(1);
    expect(taken.out).toContain('create-admin failed: a console user named "admin zhang" already exists');
    const short = await createAdmin(['third', '--password-stdin'], t.env, 'short\n');
    expect(short.code).toBe(1);
    expect(short.out).toContain('at least 12 characters');
    const usage = await createAdmin([], t.env);
    expect(usage.code).toBe(1);
    expect(usage.out).toContain('usage: npm run server -- create-admin NAME');

    // The server on that database signs both in as admins; the creation is in the audit trail.
    const db = await t.open();
    const s = await startTestServer({ db });
    cleanups.push(async () => {
      await s.close();
      await db.close();
    });
    const zhang = await signInConsole(s.url, 'Admin Zhang', password);
    expect(zhang.user).toMatchObject({ name: 'Admin Zhang', role: 'admin' });
    expect((await zhang.request('GET', '/console/api/users')).status).toBe(200);
    await signInConsole(s.url, 'second-admin', 'a long stdin password');
    const audit = await db.query<{ action: string; user_name: string }>("SELECT action, user_name FROM console_audit WHERE action = 'user.create-cli' ORDER BY id");
    expect(audit).toEqual([
      { action: 'user.create-cli', user_name: 'command line' },
      { action: 'user.create-cli', user_name: 'command line' },
    ]);
  }, 180_000);
});
