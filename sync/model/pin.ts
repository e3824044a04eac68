import type { Role } from './permissions.js';

/**
 * PIN hashing. A PIN has at most 10^8 values, so a slow salted hash alone does not protect it: a 4-digit space
 * falls in minutes to anyone holding the hash. The hash (the "verifier") therefore reaches only the terminal's
 * main side, never its renderer, database or a pull, and the main side's lock-out is the only way to try PINs
 * (docs/ARCHITECTURE.md, "Operators and permissions"). PBKDF2-SHA256 is in WebCrypto everywhere, so the server
 * hashes and the main side verifies offline with the same code.
 */
export interface PinHash {
  algo: 'pbkdf2-sha256';
  iterations: number;
  salt: string;
  hash: string;
}

export const PIN_PATTERN = /^[0-9]{4,8}$/;
export const PIN_ITERATIONS = 210_000;
/**
 * A manager's PIN approves other people's stock adjustments and closes the day: it gets 100 times the space of
 * the shortest PIN, so the lock-out's back-off makes guessing it a matter of years on one terminal.
 */
export const MANAGER_PIN_MIN_DIGITS = 6;

/** The fewest digits a PIN of someone with these roles may have. */
export function minPinDigits(roles: readonly Role[]): number {
  return roles.includes('manager') ? MANAGER_PIN_MIN_DIGITS : 4;
}

function toBase64(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s);
}

function fromBase64(text: string): Uint8Array {
  const s = atob(text);
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}

async function derive(pin: string, salt: Uint8Array, iterations: number): Promise<Uint8Array> {
  const key = await globalThis.crypto.subtle.importKey('raw', new TextEncoder().encode(pin), 'PBKDF2', false, ['deriveBits']);
  const bits = await globalThis.crypto.subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt: salt as Uint8Array<ArrayBuffer>, iterations }, key, 256);
  return new Uint8Array(bits);
}

export async function hashPin(pin: string, iterations = PIN_ITERATIONS): Promise<PinHash> {
  if (!PIN_PATTERN.test(pin)) throw new Error('a PIN has 4 to 8 digits');
  const salt = globalThis.crypto.getRandomValues(new Uint8Array(new ArrayBuffer(16)));
  return { algo: 'pbkdf2-sha256', iterations, salt: toBase64(salt), hash: toBase64(await derive(pin, salt, iterations)) };
}

export async function verifyPin(pin: string, stored: PinHash): Promise<boolean> {
  if (!PIN_PATTERN.test(pin)) return false;
  const actual = await derive(pin, fromBase64(stored.salt), stored.iterations);
  const expected = fromBase64(stored.hash);
  if (actual.length !== expected.length) return false;
  let diff = 0;
  for (let i = 0; i < actual.length; i++) diff |= (actual[i] ?? 0) ^ (expected[i] ?? 0);
  return diff === 0;
}

/** Wrong PINs allowed before the first lock-out. */
export const PIN_FAILURES_BEFORE_LOCK = 3;

/**
 * Wrong-PIN back-off on one terminal: after 3 failures the operator is locked for 30 s, doubling with each
 * further failure up to 15 minutes. Returns when the next attempt is allowed.
 */
export function lockedUntil(failures: number, lastFailureAtMs: number): number {
  if (failures < PIN_FAILURES_BEFORE_LOCK) return 0;
  const seconds = Math.min(30 * 2 ** (failures - PIN_FAILURES_BEFORE_LOCK), 15 * 60);
  return lastFailureAtMs + seconds * 1000;
}
