import { createHmac, randomBytes, randomInt, scrypt } from 'node:crypto';
import { ed25519 } from '@noble/curves/ed25519.js';
import { toBase64Url } from '../../model/base64url.js';
import { PASS_CODE_DIGITS, PASS_CODE_LOOKUP_DIGITS, PASS_CODE_SCRYPT, type PassCodeHash } from '../../model/pickup-code.js';
import type { PickupPassDoc } from '../../model/pickup-pass-doc.js';
import { encodePassPayload, passSigningMessage, passToken, type PassCompartment } from '../../model/pickup-pass.js';
import type { SigningKey } from './keys.js';

const SECRET_DIGITS = PASS_CODE_DIGITS - PASS_CODE_LOOKUP_DIGITS;

/**
 * A pass's code: its lookup number, then six digits of HMAC-SHA256(server secret, store and pass id). Derived, never
 * stored, so the platform's GET can give it again and a copy of the synced data cannot. The first 8 bytes of the
 * MAC taken modulo 10^6: the bias is below 10^-13.
 */
export function passCode(secret: Buffer, storeId: string, passId: string, lookup: string): string {
  const mac = createHmac('sha256', secret).update(`store-ops/pickup-code/v1\n${storeId}\n${passId}`).digest();
  const n = mac.readBigUInt64BE(0) % 10n ** BigInt(SECRET_DIGITS);
  return lookup + n.toString().padStart(SECRET_DIGITS, '0');
}

/**
 * The code's slow hash with the model's parameters, by Node's native scrypt off the event loop (the same function
 * the kiosk runs in JavaScript: sync/model/pickup-code.ts), since it runs inside a push that holds the store's lock.
 */
export async function hashCodeNative(code: string): Promise<PassCodeHash> {
  const salt = randomBytes(16);
  const { N, r, p, dkLen } = PASS_CODE_SCRYPT;
  const hash = await new Promise<Buffer>((resolve, reject) =>
    scrypt(code, salt, dkLen, { N, r, p, maxmem: 256 * N * r + 1024 * 1024 }, (err, key) => (err ? reject(err) : resolve(key))),
  );
  return { algo: 'scrypt', N, r, p, salt: toBase64Url(salt), hash: toBase64Url(hash) };
}

/** A lookup number least used among the store's live passes, at random among those, so a typed code hashes one pass. */
export function pickLookup(inUse: ReadonlyMap<string, number>): string {
  const all = Array.from({ length: 10 ** PASS_CODE_LOOKUP_DIGITS }, (_, i) => String(i).padStart(PASS_CODE_LOOKUP_DIGITS, '0'));
  const least = Math.min(...all.map((l) => inUse.get(l) ?? 0));
  const free = all.filter((l) => (inUse.get(l) ?? 0) === least);
  return free[randomInt(free.length)]!;
}

export interface NewPass {
  orderId: string;
  storeId: string;
  compartment?: PassCompartment;
  expiresAt: string;
  keyId: string;
  readyEventId: string;
  lookup: string;
}

/** A new pass document: a fresh pass id, and the hash of the code derived from it. */
export async function newPassDoc(secret: Buffer, p: NewPass, now: string): Promise<PickupPassDoc> {
  const passId = randomBytes(16).toString('base64url');
  const code = await hashCodeNative(passCode(secret, p.storeId, passId, p.lookup));
  return {
    orderId: p.orderId, storeId: p.storeId, passId, lookup: p.lookup,
    ...(p.compartment ? { compartment: p.compartment } : {}),
    expiresAt: p.expiresAt, keyId: p.keyId, code, issuedAt: now, readyEventId: p.readyEventId, updatedAt: now,
  };
}

/** The QR's token for a pass, signed with the key given (Ed25519 is deterministic: the same pass and key, the same token). */
export function signPass(doc: PickupPassDoc, key: SigningKey): string {
  const payload = encodePassPayload({
    v: 1, passId: doc.passId, orderId: doc.orderId, storeId: doc.storeId,
    ...(doc.compartment ? { compartment: doc.compartment } : {}), expiresAt: doc.expiresAt, keyId: key.keyId,
  });
  return passToken(payload, ed25519.sign(passSigningMessage(payload), key.secretKey));
}
