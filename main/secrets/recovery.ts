import { rename } from 'node:fs/promises';
import path from 'node:path';
import type { SecretBox } from '../pins/secret-box.js';
import { VerifierCache, VERIFIERS_FILE } from '../pins/verifier-cache.js';
import { isErrno } from '../settings/atomic-file.js';
import { SettingsError, SettingsStore, SETTINGS_FILE, type SettingsErrorCode } from '../settings/store.js';

/** The codes of a store that stops the start: the terminal must be enrolled again (SETTINGS_IO is not one). */
export const BROKEN_STORE_CODES = [
  'SETTINGS_CORRUPT',
  'CREDENTIAL_UNDECRYPTABLE',
  'CREDENTIAL_CORRUPT',
  'PIN_VERIFIERS_CORRUPT',
  'PIN_VERIFIERS_UNDECRYPTABLE',
] as const satisfies readonly SettingsErrorCode[];
export type BrokenStoreCode = (typeof BROKEN_STORE_CODES)[number];

export function isBrokenStore(err: unknown): err is SettingsError & { code: BrokenStoreCode } {
  return err instanceof SettingsError && (BROKEN_STORE_CODES as readonly string[]).includes(err.code);
}

/**
 * What the main side checks before it serves anything: settings.json opens with this terminal's box (a plain
 * token of an older version, or one written by the plain box, is sealed now) and pin-verifiers.json opens too.
 * Throws SettingsError with a stable code; it never resets a file (see recoveryText for what the person does).
 * Returns whether a file was rewritten (migrated or sealed).
 */
export async function openSecretStores(dataDir: string, box: SecretBox): Promise<{ migrated: boolean }> {
  const migrated = await new SettingsStore(dataDir, box).migrate();
  const resealed = await new VerifierCache(dataDir, box).resealIfPlain();
  return { migrated: migrated || resealed };
}

/** The command that re-enrolls a browser-mode terminal (main/host/cli.ts --reenroll). */
export function reenrollCommand(dataDir: string): string {
  return `npm run terminal -- --reenroll --server URL --enroll-code CODE --data-dir ${JSON.stringify(dataDir)}`;
}

/** What a person reads when the start stops: what is wrong, that nothing was changed, and how to go on. */
export function recoveryText(err: SettingsError, dataDir: string, how: 'command' | 'button'): string {
  const go =
    how === 'command'
      ? `To enroll this terminal again, ask head office for a new enrollment code and run:\n  ${reenrollCommand(dataDir)}`
      : 'To enroll this terminal again, choose "Re-enroll" and enter a new enrollment code from head office on the enrollment screen.';
  return [
    `The terminal did not start: its stored secrets cannot be used (${err.code}).`,
    err.message,
    'Nothing was changed or deleted.',
    `${go}\nThe unusable files are then moved aside with a timestamp (kept for support, not deleted); local data stays.`,
  ].join('\n');
}

/**
 * Moves settings.json and pin-verifiers.json aside when they cannot be used (NAME.broken-2026-12-03T07-40-00-000Z),
 * so a fresh enrollment can start. Files that open are left where they are: an enrollment replaces what they
 * hold anyway, and the locale and server address survive. Returns the new paths.
 */
export async function moveBrokenStoresAside(dataDir: string, box: SecretBox, now: () => Date = () => new Date()): Promise<string[]> {
  const stamp = now().toISOString().replace(/[:.]/g, '-');
  const moved: string[] = [];
  const aside = async (name: string) => {
    const from = path.join(dataDir, name);
    const to = `${from}.broken-${stamp}`;
    try {
      await rename(from, to);
      moved.push(to);
    } catch (err) {
      if (!isErrno(err, 'ENOENT')) throw err;
    }
  };
  if (await fails(() => new SettingsStore(dataDir, box).load())) await aside(SETTINGS_FILE);
  if (await fails(() => new VerifierCache(dataDir, box).load())) await aside(VERIFIERS_FILE);
  return moved;
}

/**
 * The Electron dialog's "Re-enroll": the unusable files go aside, and a settings.json that still opens forgets its
 * device (server address and locale stay), so the app opens on the enrollment screen. The command line does not
 * forget it: there the new code is at hand, and a credential is replaced only once the enrollment has succeeded.
 */
export async function reenrollFromScreen(dataDir: string, box: SecretBox, now?: () => Date): Promise<string[]> {
  const moved = await moveBrokenStoresAside(dataDir, box, now);
  await new SettingsStore(dataDir, box).update((s) => ({ ...s, device: null, token: null, mainKey: null, enrollCodeHash: null }));
  return moved;
}

async function fails(read: () => Promise<unknown>): Promise<boolean> {
  try {
    await read();
    return false;
  } catch (err) {
    if (isBrokenStore(err)) return true;
    throw err;
  }
}
