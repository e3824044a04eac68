import { scryptAsync } from '@noble/hashes/scrypt.js';
import { fromBase64Url, toBase64Url } from './base64url.js';

/**
 * The short numeric code a customer types at the kiosk instead of showing the QR. Eight digits: the first two are
 * the pass's lookup number (not secret: it is on the pass document, so the kiosk hashes one pass, not every pass of
 * the store), the other six are the secret. The centre derives the code from the pass id with a secret of its own
 * (sync/server/pickup), so it is never stored in plain; terminals hold only a slow salted hash of it.
 *
 * What the hash buys, honestly: six secret digits are a million candidates, so anyone who copies a terminal's
 * database can search one pass's code in hours of CPU. The hash stops a glance at the data and a casual copy; the
 * lock-out stops guessing at the kiosk; the QR, verified by signature, is the strong way in.
 */
export const PASS_CODE_DIGITS = 8;
export const PASS_CODE_LOOKUP_DIGITS = 2;

/**
 * scrypt N=2^12, r=8, p=1 (4 MiB), 32-byte output, 16-byte random salt per pass. The one place these are stated.
 * The kiosk runs it in JavaScript once per typed code, inside the 300 ms from code to unlock frame that the board's
 * own time mostly takes: `npm run bench pickup` measured a median of 60 ms in headless Chromium and 28 ms in Node on
 * a shared 2-core machine under load (2^13 took 134 ms in Chromium there, too close to the budget at p99).
 */
export const PASS_CODE_SCRYPT = { N: 2 ** 12, r: 8, p: 1, dkLen: 32 } as const;
/** A pass document asking for more than this would make a kiosk hang: refused as unusable rather than run. */
const MAX_N = 2 ** 16;

export interface PassCodeHash {
  algo: 'scrypt';
  N: number;
  r: number;
  p: number;
  /** base64url, 16 bytes. */
  salt: string;
  /** base64url, 32 bytes. */
  hash: string;
}

const CODE_PATTERN = new RegExp(`^[0-9]{${PASS_CODE_DIGITS}}$`);

/** The digits a customer typed, without the spaces or dashes a printed code is grouped with; undefined if not a code. */
export function normalizePassCode(typed: string): string | undefined {
  const digits = typed.replace(/[\s-]/g, '');
  return CODE_PATTERN.test(digits) ? digits : undefined;
}

/** The lookup number of a code: which pass document to hash against. */
export function passCodeLookup(code: string): string {
  return code.slice(0, PASS_CODE_LOOKUP_DIGITS);
}

/** How a code is shown to a customer: 12 345 678. */
export function formatPassCode(code: string): string {
  return `${code.slice(0, 2)} ${code.slice(2, 5)} ${code.slice(5)}`;
}

export async function hashPassCode(code: string, salt: Uint8Array): Promise<PassCodeHash> {
  if (!CODE_PATTERN.test(code)) throw new Error(`a pass code has ${PASS_CODE_DIGITS} digits`);
  const { N, r, p, dkLen } = PASS_CODE_SCRYPT;
  const hash = await scryptAsync(code, salt, { N, r, p, dkLen });
  return { algo: 'scrypt', N, r, p, salt: toBase64Url(salt), hash: toBase64Url(hash) };
}

/** Whether the code is the one hashed; a hash with unusable parameters matches nothing. Constant-time compare. */
export async function passCodeMatches(code: string, stored: PassCodeHash): Promise<boolean> {
  if (!CODE_PATTERN.test(code) || stored.algo !== 'scrypt') return false;
  if (stored.N > MAX_N || stored.r > 16 || stored.p > 4) return false;
  const salt = fromBase64Url(stored.salt);
  const expected = fromBase64Url(stored.hash);
  if (!salt || !expected || expected.length !== PASS_CODE_SCRYPT.dkLen) return false;
  const actual = await scryptAsync(code, salt, { N: stored.N, r: stored.r, p: stored.p, dkLen: expected.length });
  let diff = 0;
  for (let i = 0; i < expected.length; i++) diff |= (actual[i] ?? 0) ^ (expected[i] ?? 0);
  return diff === 0;
}
