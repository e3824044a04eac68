import { ed25519 } from '@noble/curves/ed25519.js';
import { fromBase64Url, toBase64Url } from './base64url.js';
import type { Compartment } from './handover-fields.js';

/**
 * Signed pickup passes (design §5): the centre signs, a terminal verifies with the public key alone, offline. The
 * token is what the customer's QR carries, so it is compact and typeable by a keyboard-wedge scanner:
 *
 *   P1.<base64url(payload)>.<base64url(Ed25519 signature)>
 *
 * The payload is JSON with short keys in a fixed order (encodePassPayload), about 130 bytes; the whole token is
 * about 260 characters. The signature covers PASS_SIGNING_CONTEXT followed by the payload bytes exactly as they
 * travel, so verifying never depends on re-serialising JSON, and the key cannot be made to sign anything that reads
 * as a pass by accident.
 */
export const PASS_TOKEN_PREFIX = 'P1';
export const PASS_SIGNING_CONTEXT = 'store-ops/pickup-pass/v1\n';
/** Ed25519 signatures are 64 bytes; anything longer than this is not a pass and is refused before parsing. */
export const MAX_PASS_TOKEN_LENGTH = 600;

/** The compartment a pass opens: the one the order's `ready` fact named (handover-fields.ts). */
export type PassCompartment = Compartment;

/** What a pass asserts: this order of this store may be released until expiresAt (from this compartment). */
export interface PassClaims {
  v: 1;
  passId: string;
  orderId: string;
  storeId: string;
  compartment?: PassCompartment;
  /** ISO-8601 UTC, whole seconds (the token carries epoch seconds). */
  expiresAt: string;
  keyId: string;
}

/** A public key as the store document carries it. validUntil: the last moment a pass it signed can be valid. */
export interface PassPublicKey {
  keyId: string;
  /** base64url of the 32-byte Ed25519 public key. */
  publicKey: string;
  validUntil?: string;
}

export type PassTokenRefusal = { ok: false; code: 'TAMPERED' | 'EXPIRED' | 'OTHER_STORE'; message: string };
export type PassTokenCheck = { ok: true; claims: PassClaims } | PassTokenRefusal;

const utf8 = new TextEncoder();

/** The payload's bytes, keys in a fixed order; the signer signs exactly these. */
export function encodePassPayload(c: PassClaims): Uint8Array {
  const seconds = Math.floor(Date.parse(c.expiresAt) / 1000);
  if (!Number.isFinite(seconds)) throw new Error(`expiresAt "${c.expiresAt}" is not a time`);
  const parts = [`"v":1`, `"p":${JSON.stringify(c.passId)}`, `"o":${JSON.stringify(c.orderId)}`, `"s":${JSON.stringify(c.storeId)}`];
  if (c.compartment) parts.push(`"c":[${JSON.stringify(c.compartment.bankId)},${c.compartment.number}]`);
  parts.push(`"e":${seconds}`, `"k":${JSON.stringify(c.keyId)}`);
  return utf8.encode(`{${parts.join(',')}}`);
}

/** The bytes an Ed25519 signature of a pass covers. */
export function passSigningMessage(payload: Uint8Array): Uint8Array {
  const ctx = utf8.encode(PASS_SIGNING_CONTEXT);
  const out = new Uint8Array(ctx.length + payload.length);
  out.set(ctx, 0);
  out.set(payload, ctx.length);
  return out;
}

/** Assembles a token from a payload and its signature (the signing itself happens at the centre only). */
export function passToken(payload: Uint8Array, signature: Uint8Array): string {
  return `${PASS_TOKEN_PREFIX}.${toBase64Url(payload)}.${toBase64Url(signature)}`;
}

const text = (v: unknown, max: number): v is string => typeof v === 'string' && v.length > 0 && v.length <= max;

/** The claims in a payload, or undefined when it is not a well-formed v1 payload. */
function parseClaims(payload: Uint8Array): PassClaims | undefined {
  let raw: unknown;
  try {
    raw = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(payload));
  } catch {
    // Not JSON (or not UTF-8): a malformed payload is a refusal, reported by the caller as TAMPERED.
    return undefined;
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return undefined;
  const r = raw as Record<string, unknown>;
  if (r.v !== 1 || !text(r.p, 64) || !text(r.o, 64) || !text(r.s, 32) || !text(r.k, 64)) return undefined;
  if (typeof r.e !== 'number' || !Number.isSafeInteger(r.e) || r.e <= 0) return undefined;
  const claims: PassClaims = { v: 1, passId: r.p, orderId: r.o, storeId: r.s, expiresAt: new Date(r.e * 1000).toISOString(), keyId: r.k };
  if (r.c !== undefined) {
    const c = r.c;
    if (!Array.isArray(c) || c.length !== 2 || !text(c[0], 64) || !Number.isSafeInteger(c[1]) || (c[1] as number) < 1) return undefined;
    claims.compartment = { bankId: c[0], number: c[1] as number };
  }
  return claims;
}

const tampered = (message: string): PassTokenRefusal => ({ ok: false, code: 'TAMPERED', message });

/**
 * Verifies a scanned token with the store's public keys alone, offline: the signature (an unknown key is a forged
 * pass as far as this store can tell), then the store, then the expiry. Runs in the browser and in Node.
 */
export function verifyPassToken(token: string, ctx: { storeId: string; keys: readonly PassPublicKey[]; now: number }): PassTokenCheck {
  const trimmed = token.trim();
  if (trimmed.length > MAX_PASS_TOKEN_LENGTH) return tampered('the pass is longer than any pass the centre issues');
  const parts = trimmed.split('.');
  if (parts.length !== 3 || parts[0] !== PASS_TOKEN_PREFIX) return tampered('not a pickup pass');
  const payload = fromBase64Url(parts[1]!);
  const signature = fromBase64Url(parts[2]!);
  if (!payload || !signature || signature.length !== 64) return tampered('the pass is damaged');
  const claims = parseClaims(payload);
  if (!claims) return tampered('the pass is damaged');
  const key = ctx.keys.find((k) => k.keyId === claims.keyId);
  const publicKey = key ? fromBase64Url(key.publicKey) : undefined;
  if (!key || !publicKey || publicKey.length !== 32) return tampered(`key "${claims.keyId}" is not one of this store's pass keys`);
  let valid: boolean;
  try {
    // zip215: false is RFC 8032's strict verification: one valid signature per message and key, nothing malleable.
    valid = ed25519.verify(signature, passSigningMessage(payload), publicKey, { zip215: false });
  } catch {
    // A malformed point or signature encoding is a bad signature, not an error of ours.
    valid = false;
  }
  if (!valid) return tampered('the signature does not match the pass');
  if (claims.storeId !== ctx.storeId) return { ok: false, code: 'OTHER_STORE', message: `the pass is for store ${claims.storeId}` };
  if (Date.parse(claims.expiresAt) <= ctx.now) return { ok: false, code: 'EXPIRED', message: `the pass expired at ${claims.expiresAt}` };
  if (key.validUntil !== undefined && Date.parse(key.validUntil) <= ctx.now) return { ok: false, code: 'EXPIRED', message: `key "${key.keyId}" was retired at ${key.validUntil}` };
  return { ok: true, claims };
}
