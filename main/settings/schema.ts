import type { EnrolledDevice, TerminalSettings } from '../contract.js';
import type { Sealed } from '../secrets/envelope.js';

/**
 * The settings as the main side uses them: the public TerminalSettings plus the secrets, the device token (which
 * leaves main only through getSyncCredential, for the renderer's replication) and the main key (which never leaves
 * main: it fetches the PIN verifiers), and the fingerprint of the code used to enroll, so that re-running the same
 * provisioning command is a no-op instead of a failure on a used code. On disk (SettingsFile) the two secrets are
 * sealed by the SecretBox.
 */
export interface StoredSettings extends TerminalSettings {
  version: 2;
  token: string | null;
  /** Null for a device enrolled before main keys existed, until main/pins claims one. */
  mainKey: string | null;
  /** sha256 of the enrollment code the current credential came from. */
  enrollCodeHash: string | null;
}

/**
 * settings.json since version 2: the public fields in the clear (the web host reads the server address for its
 * CSP before anything is unsealed), the secrets `{token, mainKey}` as one sealed envelope (safeStorage in Electron
 * when the OS offers it; the plain box in browser mode, where the file's 0600 is all there is). Version 1 held
 * the token and main key in the clear; it is read as it is and rewritten sealed on the first start
 * (SettingsStore.migrate).
 */
export interface SettingsFile extends TerminalSettings {
  version: 2;
  enrollCodeHash: string | null;
  credential: Sealed | null;
}

/** What a credential envelope holds once opened. */
export interface SealedCredential {
  token: string;
  mainKey: string | null;
}

export const DEFAULT_SETTINGS: StoredSettings = {
  version: 2,
  serverUrl: null,
  device: null,
  locale: null,
  token: null,
  mainKey: null,
  enrollCodeHash: null,
};

/** A version 1 settings.json written before main keys has no mainKey field: it reads as none yet. */
export function upgradeSettings(value: unknown): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value) || 'mainKey' in value) return value;
  return { ...value, mainKey: null };
}

export const LOCALES = ['zh-CN', 'en'] as const;

export function isLocale(value: unknown): value is TerminalSettings['locale'] {
  return value === null || (LOCALES as readonly unknown[]).includes(value);
}

type Check = (value: unknown) => string | null;

const nullableString: Check = (v) => (v === null || (typeof v === 'string' && v.length > 0) ? null : 'a non-empty string or null');

function checkDevice(v: unknown): string | null {
  if (v === null) return null;
  if (typeof v !== 'object' || Array.isArray(v)) return 'an object or null';
  const d = v as Record<string, unknown>;
  for (const key of ['deviceId', 'deviceName', 'storeId'] satisfies Array<keyof EnrolledDevice>) {
    if (typeof d[key] !== 'string' || d[key] === '') return `an object with a non-empty string ${key}`;
  }
  const extra = Object.keys(d).filter((k) => !['deviceId', 'deviceName', 'storeId'].includes(k));
  return extra.length ? `an object without unknown field(s) ${extra.join(', ')}` : null;
}

const FIELD_CHECKS: Record<keyof StoredSettings, Check> = {
  version: (v) => (v === 2 ? null : 'the number 2'),
  serverUrl: nullableString,
  device: checkDevice,
  locale: (v) => (isLocale(v) ? null : `one of ${LOCALES.join(', ')} or null`),
  token: nullableString,
  mainKey: nullableString,
  enrollCodeHash: nullableString,
};

/** The public fields of settings.json version 2; the credential envelope is checked when it is opened. */
const FILE_CHECKS: Record<keyof SettingsFile, Check> = {
  version: FIELD_CHECKS.version,
  serverUrl: FIELD_CHECKS.serverUrl,
  device: FIELD_CHECKS.device,
  locale: FIELD_CHECKS.locale,
  enrollCodeHash: FIELD_CHECKS.enrollCodeHash,
  credential: (v) => (v === null || (typeof v === 'object' && !Array.isArray(v)) ? null : 'an object {box, payload} or null'),
};

/** Returns the reason the value is not a settings.json of version 2 (before its credential is opened), or null. */
export function settingsFileProblem(value: unknown): string | null {
  return fieldsProblem(value, FILE_CHECKS);
}

/** Returns the reason the value is not valid StoredSettings, or null when it is. */
export function settingsProblem(value: unknown): string | null {
  const problem = fieldsProblem(value, FIELD_CHECKS);
  if (problem) return problem;
  const obj = value as Record<string, unknown>;
  // A credential without a device (or the reverse) would make getSyncCredential lie.
  if ((obj.token === null) !== (obj.device === null)) return 'token and device must be both set or both null';
  if (obj.mainKey !== null && obj.token === null) return 'a mainKey needs a device and its token';
  return null;
}

function fieldsProblem(value: unknown, checks: Record<string, Check>): string | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'the top level is not an object';
  const obj = value as Record<string, unknown>;
  for (const [key, check] of Object.entries(checks)) {
    if (!(key in obj)) return `field "${key}" is missing`;
    const problem = check(obj[key]);
    if (problem) return `field "${key}" must be ${problem}`;
  }
  const unknown = Object.keys(obj).filter((k) => !(k in checks));
  if (unknown.length) return `unknown field(s): ${unknown.join(', ')}`;
  return null;
}

export function publicSettings(s: StoredSettings): TerminalSettings {
  return { serverUrl: s.serverUrl, device: s.device ? { ...s.device } : null, locale: s.locale };
}
