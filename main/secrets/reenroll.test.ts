import { spawn, type ChildProcess } from 'node:child_process';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../sync/server/testing.js';
import { httpPlatform } from '../../renderer/platform/index.js';
import { PROJECT_ROOT } from '../host/renderer-build.js';
import { tempDirs } from '../host/test-support.js';
import { SETTINGS_FILE, SettingsStore } from '../settings/index.js';

/** `npm run terminal` on a data dir whose secrets cannot be used: it stops and says how; --reenroll goes on. */

const READY = /Terminal ready at (http:\/\/127\.0\.0\.1:\d+\/)/;

interface Run {
  child: ChildProcess;
  out: string;
  err: string;
  exited: Promise<number | null>;
}
const running: Run[] = [];

function terminal(args: string[], rendererDir: string): Run {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(PROJECT_ROOT, 'main/host/cli.ts'), ...args], {
    cwd: PROJECT_ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, STORE_OPS_RENDERER_DIR: rendererDir },
  });
  const run: Run = { child, out: '', err: '', exited: new Promise((r) => child.on('close', (code) => r(code))) };
  child.stdout?.setEncoding('utf8').on('data', (c: string) => (run.out += c));
  child.stderr?.setEncoding('utf8').on('data', (c: string) => (run.err += c));
  running.push(run);
  return run;
}

function ready(run: Run): Promise<string> {
  return new Promise((resolve, reject) => {
    const check = () => {
      const m = READY.exec(run.out);
      if (m?.[1]) resolve(m[1]);
    };
    run.child.stdout?.on('data', check);
    void run.exited.then((code) => reject(new Error(`terminal exited with ${code}: ${run.err}`)));
  });
}

let server: TestServer;
let dirs: Awaited<ReturnType<typeof tempDirs>>;
beforeAll(async () => {
  server = await startTestServer();
  await server.admin.createStore({ id: 'S001' });
  dirs = await tempDirs();
});
afterEach(async () => {
  for (const run of running.splice(0)) {
    if (run.child.exitCode === null && run.child.signalCode === null) run.child.kill('SIGTERM');
    await run.exited;
  }
});
afterAll(async () => {
  await server?.close();
  await dirs?.cleanup();
});

describe('npm run terminal on a broken store', () => {
  it('stops with the code, the file and the command to re-enroll; --reenroll moves it aside and enrolls afresh', async () => {
    const enrolled = await server.admin.enroll('S001', 'Till 1');
    const settings = new SettingsStore(dirs.dataDir);
    await settings.update((s) => ({ ...s, serverUrl: server.url, device: { deviceId: enrolled.deviceId, deviceName: 'Till 1', storeId: 'S001' }, token: enrolled.token, mainKey: enrolled.mainKey }));
    const whole = await readFile(settings.file, 'utf8');
    // Cut off mid-write by something other than our atomic writer (a disk full, a copy gone wrong).
    await writeFile(settings.file, whole.slice(0, whole.length - 30));

    const stopped = terminal(['--server', server.url, '--web', '--port', '0', '--data-dir', dirs.dataDir], dirs.rendererDir);
    expect(await stopped.exited).toBe(1);
    expect(stopped.out).toBe('');
    expect(stopped.err).toMatch(/Error \(SETTINGS_CORRUPT\): The terminal did not start/);
    expect(stopped.err).toContain(settings.file);
    expect(stopped.err).toContain('Nothing was changed or deleted');
    expect(stopped.err).toContain(`npm run terminal -- --reenroll --server URL --enroll-code CODE --data-dir ${JSON.stringify(dirs.dataDir)}`);
    expect(await readFile(settings.file, 'utf8')).toBe(whole.slice(0, whole.length - 30));

    const needsCode = terminal(['--server', server.url, '--web', '--reenroll', '--data-dir', dirs.dataDir], dirs.rendererDir);
    expect(await needsCode.exited).toBe(2);
    expect(needsCode.err).toMatch(/--reenroll needs --enroll-code/);

    const { code } = await server.admin.issueCode('S001');
    const again = terminal(['--server', server.url, '--enroll-code', code, '--reenroll', '--web', '--port', '0', '--data-dir', dirs.dataDir, '--name', 'Till 1'], dirs.rendererDir);
    const url = await ready(again);
    expect(again.err).toMatch(/Moved aside: .*settings\.json\.broken-\d{4}-\d\d-\d\dT[\d-]+Z/);
    expect(again.err).toMatch(/Enrolled device Till 1/);
    const files = await readdir(dirs.dataDir);
    const aside = files.find((f) => f.startsWith(`${SETTINGS_FILE}.broken-`));
    expect(aside && (await readFile(path.join(dirs.dataDir, aside), 'utf8'))).toBe(whole.slice(0, whole.length - 30));
    const cred = await httpPlatform(url.replace(/\/$/, '')).getSyncCredential();
    expect(cred).toMatchObject({ storeId: 'S001', serverUrl: server.url });
    expect(cred.deviceId).not.toBe(enrolled.deviceId);
  });
});
