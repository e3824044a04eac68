import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { plainBox } from '../pins/secret-box.js';
import { VerifierCache, VERIFIERS_FILE, type HeldVerifiers } from '../pins/verifier-cache.js';
import { SettingsError, SettingsStore, SETTINGS_FILE } from '../settings/index.js';
import { moveBrokenStoresAside, openSecretStores, recoveryText, reenrollFromScreen } from './recovery.js';
import { testBox } from './test-box.js';

/** The device credential and the PIN verifiers at rest (main/settings/store.ts, main/pins/verifier-cache.ts). */

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'secrets-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const TOKEN = 'dt_5f0c3a9e8b7d4c21a6e0f9b8c7d6e5f4';
const MAIN_KEY = 'mk_0a1b2c3d4e5f60718293a4b5c6d7e8f9';
const device = { deviceId: 'dev-1', deviceName: 'Till 1', storeId: 'S001' };
const held: HeldVerifiers = { deviceId: 'dev-1', storeId: 'S001', etag: '"v1"', fetchedAt: '2026-12-03T07:00:00.000Z', operators: [] };

const enroll = (store: SettingsStore) => store.update((s) => ({ ...s, serverUrl: 'http://127.0.0.1:8787', device, token: TOKEN, mainKey: MAIN_KEY, enrollCodeHash: 'h' }));
const text = () => readFile(path.join(dir, SETTINGS_FILE), 'utf8');
/** settings.json as a terminal of version 1 wrote it: the token and main key in the clear. */
const writeV1 = () =>
  writeFile(
    path.join(dir, SETTINGS_FILE),
    JSON.stringify({ version: 1, serverUrl: 'http://127.0.0.1:8787', device, locale: 'en', token: TOKEN, mainKey: MAIN_KEY, enrollCodeHash: 'h' }),
  );
const codeOf = (p: Promise<unknown>) =>
  p.then(
    () => 'no error',
    (err: unknown) => (err instanceof SettingsError ? err.code : `not a SettingsError: ${String(err)}`),
  );

describe('the device credential at rest', () => {
  it('is sealed by the box: neither the token nor the main key is in the file, and it reads back', async () => {
    const box = testBox();
    await enroll(new SettingsStore(dir, box));
    const onDisk = await text();
    expect(onDisk).not.toContain(TOKEN);
    expect(onDisk).not.toContain(MAIN_KEY);
    expect(JSON.parse(onDisk)).toMatchObject({ version: 2, device, credential: { box: 'safeStorage', payload: expect.any(String) } });
    expect((await stat(path.join(dir, SETTINGS_FILE))).mode & 0o777).toBe(0o600);
    expect(await new SettingsStore(dir, box).load()).toMatchObject({ device, token: TOKEN, mainKey: MAIN_KEY });
  });

  it('is a plain 0600 file in browser mode, and says so in the file', async () => {
    await enroll(new SettingsStore(dir));
    expect(JSON.parse(await text())).toMatchObject({ credential: { box: 'plain' } });
    expect(await new SettingsStore(dir, plainBox).load()).toMatchObject({ token: TOKEN });
  });

  it('migrates a plain token of version 1 on the first start, keeping everything else', async () => {
    await writeV1();
    const box = testBox();
    expect(await openSecretStores(dir, box)).toEqual({ migrated: true });
    const onDisk = await text();
    expect(onDisk).not.toContain(TOKEN);
    expect(onDisk).not.toContain(MAIN_KEY);
    expect(await new SettingsStore(dir, box).load()).toEqual({ version: 2, serverUrl: 'http://127.0.0.1:8787', device, locale: 'en', token: TOKEN, mainKey: MAIN_KEY, enrollCodeHash: 'h' });
    // Once is enough.
    expect(await openSecretStores(dir, box)).toEqual({ migrated: false });
    expect(await readdir(dir)).toEqual([SETTINGS_FILE]);
  });

  it('seals a credential the plain box wrote (provisioned in browser mode) once a real box opens it', async () => {
    await enroll(new SettingsStore(dir));
    const box = testBox();
    expect(await openSecretStores(dir, box)).toEqual({ migrated: true });
    expect(await text()).not.toContain(TOKEN);
    expect((await new SettingsStore(dir, box).load()).token).toBe(TOKEN);
  });

  it('stops with SETTINGS_CORRUPT on a truncated or non-JSON file, and leaves it as it was', async () => {
    await enroll(new SettingsStore(dir));
    const whole = await text();
    await writeFile(path.join(dir, SETTINGS_FILE), whole.slice(0, 40));
    expect(await codeOf(openSecretStores(dir, plainBox))).toBe('SETTINGS_CORRUPT');
    expect(await text()).toBe(whole.slice(0, 40));
  });

  it('stops with CREDENTIAL_UNDECRYPTABLE when sealed by another box, or by safeStorage where there is none', async () => {
    await enroll(new SettingsStore(dir, testBox()));
    const sealed = await text();
    expect(await codeOf(openSecretStores(dir, testBox()))).toBe('CREDENTIAL_UNDECRYPTABLE');
    const err = await new SettingsStore(dir, plainBox).load().catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'CREDENTIAL_UNDECRYPTABLE', message: expect.stringMatching(/settings\.json: the device credential cannot be opened: it was sealed with the OS secret store/) });
    expect(await text()).toBe(sealed);
  });

  it('stops with CREDENTIAL_CORRUPT when the envelope is damaged or opens to something else', async () => {
    await enroll(new SettingsStore(dir));
    const file = JSON.parse(await text()) as { credential: { payload: string } };
    await writeFile(path.join(dir, SETTINGS_FILE), JSON.stringify({ ...file, credential: { ...file.credential, payload: '{"token": ' } }));
    expect(await codeOf(openSecretStores(dir, plainBox))).toBe('CREDENTIAL_CORRUPT');
    await writeFile(path.join(dir, SETTINGS_FILE), JSON.stringify({ ...file, credential: { box: 'plain' } }));
    expect(await codeOf(openSecretStores(dir, plainBox))).toBe('CREDENTIAL_CORRUPT');
  });
});

describe('the PIN verifiers at rest', () => {
  it('stop the start with PIN_VERIFIERS_UNDECRYPTABLE when another box sealed them, and stay as they were', async () => {
    await new VerifierCache(dir, testBox()).save(held);
    const before = await readFile(path.join(dir, VERIFIERS_FILE), 'utf8');
    expect(await codeOf(openSecretStores(dir, testBox()))).toBe('PIN_VERIFIERS_UNDECRYPTABLE');
    expect(await codeOf(openSecretStores(dir, plainBox))).toBe('PIN_VERIFIERS_UNDECRYPTABLE');
    expect(await readFile(path.join(dir, VERIFIERS_FILE), 'utf8')).toBe(before);
  });

  it('written by the plain box are sealed at the start once a real box reads them', async () => {
    await new VerifierCache(dir, plainBox).save(held);
    expect(await readFile(path.join(dir, VERIFIERS_FILE), 'utf8')).toContain('"deviceId');
    const box = testBox();
    expect(await openSecretStores(dir, box)).toEqual({ migrated: true });
    expect(await readFile(path.join(dir, VERIFIERS_FILE), 'utf8')).not.toContain('"deviceId');
    expect(await new VerifierCache(dir, box).load()).toEqual(held);
    expect(await openSecretStores(dir, box)).toEqual({ migrated: false });
  });

  it('stop the start with PIN_VERIFIERS_CORRUPT when truncated, not JSON or not a verifier set', async () => {
    const box = testBox();
    await new VerifierCache(dir, box).save(held);
    const whole = await readFile(path.join(dir, VERIFIERS_FILE), 'utf8');
    for (const broken of [whole.slice(0, whole.length / 2), 'not json', JSON.stringify({ version: 1, box: 'plain', payload: '{"operators": 3}' })]) {
      await writeFile(path.join(dir, VERIFIERS_FILE), broken);
      expect(await codeOf(openSecretStores(dir, box))).toBe('PIN_VERIFIERS_CORRUPT');
    }
  });
});

describe('re-enrolling after a broken store', () => {
  it('moves only the unusable files aside with a timestamp; nothing is deleted', async () => {
    await enroll(new SettingsStore(dir, testBox()));
    const sealed = await text();
    await new VerifierCache(dir, plainBox).save(held);
    await writeFile(path.join(dir, 'pin-lockouts.json'), '{}');
    const moved = await moveBrokenStoresAside(dir, plainBox, () => new Date('2026-12-03T07:40:00.123Z'));
    // The verifiers opened with this box: they stay (the fresh enrollment replaces them when its device differs).
    expect(moved).toEqual([path.join(dir, 'settings.json.broken-2026-12-03T07-40-00-123Z')]);
    expect((await readdir(dir)).sort()).toEqual(['pin-lockouts.json', VERIFIERS_FILE, 'settings.json.broken-2026-12-03T07-40-00-123Z']);
    expect(await readFile(moved[0]!, 'utf8')).toBe(sealed);
    // The data dir now starts as a fresh terminal's.
    expect(await openSecretStores(dir, plainBox)).toEqual({ migrated: false });
    expect((await new SettingsStore(dir).load()).device).toBeNull();
  });

  it('from the Electron dialog also forgets the device, so the app opens on the enrollment screen', async () => {
    const box = testBox();
    await enroll(new SettingsStore(dir, box));
    await new SettingsStore(dir, box).update((s) => ({ ...s, locale: 'zh-CN' }));
    await writeFile(path.join(dir, VERIFIERS_FILE), '{"version": 1, "box": "safeStorage", "payload": "trunc');
    const moved = await reenrollFromScreen(dir, box, () => new Date('2026-12-03T07:40:00.000Z'));
    expect(moved).toEqual([path.join(dir, `${VERIFIERS_FILE}.broken-2026-12-03T07-40-00-000Z`)]);
    expect(await new SettingsStore(dir, box).load()).toMatchObject({ serverUrl: 'http://127.0.0.1:8787', locale: 'zh-CN', device: null, token: null, mainKey: null });
    expect(await text()).not.toContain(TOKEN);
    expect(await openSecretStores(dir, box)).toEqual({ migrated: false });
  });

  it('tells the person what is wrong, that nothing changed, and the command that re-enrolls', async () => {
    await writeFile(path.join(dir, VERIFIERS_FILE), 'garbage');
    const err = await openSecretStores(dir, plainBox).catch((e: unknown) => e);
    if (!(err instanceof SettingsError)) throw err;
    const said = recoveryText(err, dir, 'command');
    expect(said).toContain('PIN_VERIFIERS_CORRUPT');
    expect(said).toContain(path.join(dir, VERIFIERS_FILE));
    expect(said).toContain('Nothing was changed or deleted');
    expect(said).toContain(`npm run terminal -- --reenroll --server URL --enroll-code CODE --data-dir ${JSON.stringify(dir)}`);
  });
});
