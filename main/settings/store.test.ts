import { spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, SettingsError, SettingsStore } from './index.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'settings-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const enrolled = { deviceId: 'dev-1', deviceName: 'Till 1', storeId: 'S001' };

describe('SettingsStore', () => {
  it('starts from defaults and round-trips an update through the file', async () => {
    const store = new SettingsStore(dir);
    expect(await store.load()).toEqual(DEFAULT_SETTINGS);
    await store.update((s) => ({ ...s, serverUrl: 'http://127.0.0.1:8787', device: enrolled, token: 'secret' }));
    const again = await new SettingsStore(dir).load();
    expect(again).toMatchObject({ serverUrl: 'http://127.0.0.1:8787', device: enrolled, token: 'secret' });
  });

  it('keeps the token file private (0600) and leaves no temporary files', async () => {
    const store = new SettingsStore(dir);
    await store.update((s) => ({ ...s, device: enrolled, token: 'secret' }));
    await store.update((s) => ({ ...s, locale: 'en' }));
    expect((await stat(store.file)).mode & 0o777).toBe(0o600);
    expect(await readdir(dir)).toEqual(['settings.json']);
  });

  it('serializes concurrent updates so none is lost', async () => {
    const store = new SettingsStore(dir);
    await Promise.all([
      store.update((s) => ({ ...s, locale: 'en' })),
      store.update((s) => ({ ...s, serverUrl: 'http://a.example' })),
      store.update((s) => ({ ...s, device: enrolled, token: 't' })),
    ]);
    expect(await store.load()).toMatchObject({ locale: 'en', serverUrl: 'http://a.example', device: enrolled, token: 't' });
  });

  it('reports a file that is not JSON as SETTINGS_CORRUPT and does not overwrite it', async () => {
    const store = new SettingsStore(dir);
    await writeFile(store.file, '{"version": 1, "serverUrl": "http://x", "dev');
    await expect(store.load()).rejects.toMatchObject({ code: 'SETTINGS_CORRUPT', name: 'SettingsError' });
    await expect(store.update((s) => ({ ...s, locale: 'en' }))).rejects.toBeInstanceOf(SettingsError);
    expect(await readFile(store.file, 'utf8')).toBe('{"version": 1, "serverUrl": "http://x", "dev');
  });

  it('reports valid JSON of the wrong shape as SETTINGS_CORRUPT naming the field', async () => {
    const store = new SettingsStore(dir);
    const { token: _t, mainKey: _m, ...pub } = DEFAULT_SETTINGS;
    const file = { ...pub, credential: null };
    await writeFile(store.file, JSON.stringify({ ...file, locale: 'fr' }));
    await expect(store.load()).rejects.toThrow(/"locale"/);
    await writeFile(store.file, JSON.stringify({ ...file, device: enrolled }));
    await expect(store.load()).rejects.toMatchObject({ code: 'SETTINGS_CORRUPT', message: expect.stringMatching(/token and device/) });
    await writeFile(store.file, JSON.stringify({ ...file, extra: 1 }));
    await expect(store.load()).rejects.toThrow(/unknown field/);
    // The in-memory shape with the token in the clear is not a file of version 2.
    await writeFile(store.file, JSON.stringify(DEFAULT_SETTINGS));
    await expect(store.load()).rejects.toThrow(/"credential" is missing/);
  });

  it('refuses to write settings that would not load again', async () => {
    const store = new SettingsStore(dir);
    await expect(store.update((s) => ({ ...s, token: 'no-device' }))).rejects.toMatchObject({ code: 'SETTINGS_CORRUPT' });
    expect(await readdir(dir)).toEqual([]);
  });

  it('survives a writer killed mid-stream: the file is always one complete version', async () => {
    const fixture = path.join(import.meta.dirname, 'crash-writer.fixture.ts');
    const child = spawn(process.execPath, ['--import', 'tsx', fixture, dir], { stdio: ['ignore', 'pipe', 'inherit'] });
    let last = 0;
    await new Promise<void>((resolve, reject) => {
      child.on('error', reject);
      child.on('exit', (code) => reject(new Error(`writer exited early with ${code}`)));
      child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
        const numbers = [...chunk.matchAll(/wrote (\d+)/g)].map((m) => Number(m[1]));
        last = Math.max(last, ...numbers);
        if (last >= 40) resolve();
      });
    });
    child.removeAllListeners('exit');
    const exited = new Promise((resolve) => child.on('exit', resolve));
    child.kill('SIGKILL');
    await exited;

    const settings = await new SettingsStore(dir).load();
    const n = Number(settings.device?.deviceId.slice(1));
    expect(n).toBeGreaterThanOrEqual(last);
    expect(settings.token).toBe(`t${n}-${'x'.repeat((n % 50) * 997)}`);
  });

  it('removes temporary files a killed writer left behind on its next write', async () => {
    const store = new SettingsStore(dir);
    await writeFile(path.join(dir, 'settings.json.99999.abcdef.tmp'), '{"half": ');
    await store.update((s) => ({ ...s, locale: 'zh-CN' }));
    expect(await readdir(dir)).toEqual(['settings.json']);
  });
});
