import { randomBytes, scrypt as scryptCb, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { promisify } from 'node:util';

const scrypt = promisify(scryptCb) as (password: string | Buffer, salt: Buffer, keylen: number, options: ScryptOptions) => Promise<Buffer>;

/**
 * scrypt with N = 2^15, r = 8, p = 1 (32 MiB and some tens of milliseconds per hash): OWASP's 2023 minimum for
 * scrypt, and few enough console sign-ins that the cost is nothing to the server but much to a guesser. A 16-byte
 * random salt, a 64-byte key.
 */
export const SCRYPT_PARAMS = { N: 2 ** 15, r: 8, p: 1, keylen: 64, saltBytes: 16 } as const;
// 128 * N * r bytes is the memory scrypt needs; Node's default ceiling (32 MiB) is exactly that, so room above it.
const MAXMEM = 256 * SCRYPT_PARAMS.N * SCRYPT_PARAMS.r;

interface Parsed {
  N: number;
  r: number;
  p: number;
  salt: Buffer;
  hash: Buffer;
}

function parse(stored: string): Parsed | undefined {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return undefined;
  const [N, r, p] = parts.slice(1, 4).map(Number);
  if (!N || !r || !p) return undefined;
  return { N, r, p, salt: Buffer.from(parts[4] ?? '', 'base64url'), hash: Buffer.from(parts[5] ?? '', 'base64url') };
}

/** "scrypt$N$r$p$salt$hash", salt and hash base64url: the parameters travel with the hash. */
export async function hashPassword(password: string): Promise<string> {
  const { N, r, p, keylen, saltBytes } = SCRYPT_PARAMS;
  const salt = randomBytes(saltBytes);
  const hash = await scrypt(password.normalize('NFC'), salt, keylen, { N, r, p, maxmem: MAXMEM });
  return `scrypt$${N}$${r}$${p}$${salt.toString('base64url')}$${hash.toString('base64url')}`;
}

/** Timing-safe: the whole hash is computed and compared however early the password differs. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parsed = parse(stored);
  if (!parsed) return false;
  const hash = await scrypt(password.normalize('NFC'), parsed.salt, parsed.hash.length, { N: parsed.N, r: parsed.r, p: parsed.p, maxmem: 256 * parsed.N * parsed.r });
  return hash.length === parsed.hash.length && timingSafeEqual(hash, parsed.hash);
}

let dummy: Promise<string> | undefined;
/**
 * A hash no password matches, made once with today's parameters: an unknown name is checked against it, so the
 * answer takes as long as for a known name and timing does not tell which names exist.
 */
export function dummyPasswordHash(): Promise<string> {
  dummy ??= hashPassword(randomBytes(32).toString('base64url'));
  return dummy;
}

// No 0/O, 1/l/I: a generated password may be read off a screen and typed.
const ALPHABET = 'abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** 20 symbols of 57 ≈ 116 bits, in groups of five for reading out. */
export function generatePassword(): string {
  const out: string[] = [];
  // Rejection sampling keeps every symbol equally likely (256 is not a multiple of 57).
  const limit = 256 - (256 % ALPHABET.length);
  while (out.length < 20) {
    for (const b of randomBytes(32)) {
      if (b < limit && out.length < 20) out.push(ALPHABET[b % ALPHABET.length] ?? '');
    }
  }
  return [0, 5, 10, 15].map((i) => out.slice(i, i + 5).join('')).join('-');
}
