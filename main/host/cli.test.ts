import { spawn, type ChildProcess } from 'node:child_process';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../sync/server/testing.js';
import { httpPlatform } from '../../renderer/platform/index.js';
import { PROJECT_ROOT } from './renderer-build.js';
import { tempDirs } from './test-support.js';

const READY = /^Terminal ready at (http:\/\/127\.0\.0\.1:\d+\/)$/;

interface Run {
  child: ChildProcess;
  stdout: string;
  stderr: string;
  exited: Promise<number | null>;
}

const running: Run[] = [];

/** `npm run terminal -- …` in its own process group, so stopping it also stops npm's children. */
function terminal(args: string[], rendererDir: string): Run {
  const child = spawn('npm', ['run', '--silent', 'terminal', '--', ...args], {
    cwd: PROJECT_ROOT,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, STORE_OPS_RENDERER_DIR: rendererDir },
  });
  // 'close' waits until every process holding the pipes (npm, tsx, the CLI itself) has gone.
  const run: Run = { child, stdout: '', stderr: '', exited: new Promise((r) => child.on('close', (code) => r(code))) };
  child.stdout?.setEncoding('utf8').on('data', (c: string) => (run.stdout += c));
  child.stderr?.setEncoding('utf8').on('data', (c: string) => (run.stderr += c));
  running.push(run);
  return run;
}

/** Resolves with the address from the ready line, or fails with the CLI's stderr if it exits first. */
function readyUrl(run: Run): Promise<string> {
  return new Promise((resolve, reject) => {
    const check = () => {
      const line = run.stdout.split('\n').find((l) => READY.test(l));
      if (line) resolve(READY.exec(line)?.[1] ?? '');
    };
    run.child.stdout?.on('data', check);
    void run.exited.then((code) => reject(new Error(`terminal exited with ${code}: ${run.stderr}`)));
    check();
  });
}

async function stop(run: Run): Promise<number | null> {
  // npm dies by the signal it relays, so exitCode stays null: signalCode says it has gone too, and its group may
  // be gone with it (ESRCH).
  if (run.child.exitCode === null && run.child.signalCode === null && run.child.pid) process.kill(-run.child.pid, 'SIGTERM');
  return run.exited;
}

let server: TestServer;
let dirs: Awaited<ReturnType<typeof tempDirs>>;

beforeAll(async () => {
  server = await startTestServer();
  await server.admin.createStore({ id: 'S001' });
  dirs = await tempDirs();
});
afterEach(async () => {
  await Promise.all(running.splice(0).map(stop));
});
afterAll(async () => {
  await server?.close();
  await dirs?.cleanup();
});

describe('npm run terminal', () => {
  it('enrolls without clicks, prints exactly the ready line, and is a no-op when re-run', async () => {
    const { code } = await server.admin.issueCode('S001');
    const args = ['--server', server.url, '--enroll-code', code, '--web', '--port', '0', '--data-dir', dirs.dataDir, '--name', 'Till 7'];
    const first = terminal(args, dirs.rendererDir);
    const url = await readyUrl(first);
    expect(first.stdout.trim().split('\n')).toHaveLength(1);
    expect(first.stderr).toMatch(/Enrolled device Till 7/);

    const cred = await httpPlatform(url.replace(/\/$/, '')).getSyncCredential();
    expect(cred).toMatchObject({ serverUrl: server.url, storeId: 'S001' });
    expect((await fetch(url)).status).toBe(200);
    await stop(first);
    expect(first.stderr).toMatch(/SIGTERM: stopping the terminal/);
    await expect(fetch(url)).rejects.toThrow();

    // The same provisioning command again (the code is spent now) keeps the credential instead of failing.
    const second = terminal(args, dirs.rendererDir);
    const url2 = await readyUrl(second);
    expect(second.stderr).toMatch(/Already enrolled/);
    expect((await httpPlatform(url2.replace(/\/$/, '')).getSyncCredential()).token).toBe(cred.token);
  });

  it('fails clearly, without starting, when the code was already used', async () => {
    const { code } = await server.admin.issueCode('S001');
    await server.request('POST', '/api/v1/devices/enroll', { body: { code, name: 'someone else' } });
    const fresh = await tempDirs();
    try {
      const run = terminal(['--server', server.url, '--enroll-code', code, '--web', '--port', '0', '--data-dir', fresh.dataDir], fresh.rendererDir);
      expect(await run.exited).toBe(1);
      expect(run.stdout).toBe('');
      expect(run.stderr).toMatch(/ENROLLMENT_FAILED.*already been used/);
    } finally {
      await fresh.cleanup();
    }
  });

  it('rejects bad arguments with usage and exit code 2', async () => {
    const run = terminal(['--server', server.url, '--port', 'eighty'], dirs.rendererDir);
    expect(await run.exited).toBe(2);
    expect(run.stderr).toMatch(/--port must be an integer/);
    expect(run.stderr).toMatch(/Usage: npm run terminal/);
  });
});
