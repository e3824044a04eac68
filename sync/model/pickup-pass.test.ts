import { ed25519 } from '@noble/curves/ed25519.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromBase64Url, toBase64Url } from './base64url.js';
import { encodePassPayload, passSigningMessage, passToken, verifyPassToken, type PassClaims, type PassPublicKey } from './pickup-pass.js';

const NOW = Date.parse('2026-12-02T10:00:00Z');

function keyPair(keyId: string, validUntil?: string): { sk: Uint8Array; pub: PassPublicKey } {
  const sk = ed25519.utils.randomSecretKey();
  return { sk, pub: { keyId, publicKey: toBase64Url(ed25519.getPublicKey(sk)), ...(validUntil ? { validUntil } : {}) } };
}

function sign(claims: PassClaims, sk: Uint8Array): string {
  const payload = encodePassPayload(claims);
  return passToken(payload, ed25519.sign(passSigningMessage(payload), sk));
}

const claims: PassClaims = {
  v: 1, passId: 'pA1b2C3d4E5f6G7h8', orderId: 'EO-20261202-0001', storeId: 'S001',
  compartment: { bankId: 'bank-1', number: 7 }, expiresAt: '2026-12-09T10:00:00.000Z', keyId: 'k1',
};

describe('pickup pass tokens', () => {
  const k1 = keyPair('k1');

  it('verifies a signed pass with the public key alone and gives back its claims', () => {
    const token = sign(claims, k1.sk);
    expect(token.length).toBeLessThan(300);
    expect(token).toMatch(/^P1\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    expect(verifyPassToken(token, { storeId: 'S001', keys: [k1.pub], now: NOW })).toEqual({ ok: true, claims });
    const bare = { ...claims, compartment: undefined };
    delete bare.compartment;
    expect(verifyPassToken(sign(bare, k1.sk), { storeId: 'S001', keys: [k1.pub], now: NOW })).toEqual({ ok: true, claims: bare });
  });

  it('refuses a pass whose payload was changed, whose signature was changed, or that names an unknown key', () => {
    const token = sign(claims, k1.sk);
    const [, payload, sig] = token.split('.') as [string, string, string];
    const other = toBase64Url(encodePassPayload({ ...claims, compartment: { bankId: 'bank-1', number: 8 } }));
    const flipped = fromBase64Url(sig)!;
    flipped[0] = flipped[0]! ^ 1;
    const k2 = keyPair('k2');
    for (const bad of [`P1.${other}.${sig}`, `P1.${payload}.${toBase64Url(flipped)}`, `P1.${payload}.`, 'P1..', 'hello', `P2.${payload}.${sig}`, sign({ ...claims, keyId: 'k2' }, k2.sk), sign(claims, k2.sk)]) {
      expect(verifyPassToken(bad, { storeId: 'S001', keys: [k1.pub], now: NOW })).toMatchObject({ ok: false, code: 'TAMPERED' });
    }
  });

  it('refuses another store’s pass and an expired one, and a pass of a retired key once the key’s time is over', () => {
    const token = sign(claims, k1.sk);
    expect(verifyPassToken(token, { storeId: 'S002', keys: [k1.pub], now: NOW })).toMatchObject({ ok: false, code: 'OTHER_STORE' });
    expect(verifyPassToken(token, { storeId: 'S001', keys: [k1.pub], now: Date.parse(claims.expiresAt) })).toMatchObject({ ok: false, code: 'EXPIRED' });
    const retired = { ...k1.pub, validUntil: '2026-12-01T00:00:00.000Z' };
    expect(verifyPassToken(token, { storeId: 'S001', keys: [retired], now: NOW })).toMatchObject({ ok: false, code: 'EXPIRED' });
  });

  it('refuses any single changed character of a token', () => {
    const token = sign(claims, k1.sk);
    fc.assert(fc.property(fc.nat(token.length - 1), fc.constantFrom(...'ABCabc019-_.'), (i, c) => {
      fc.pre(token[i] !== c);
      const bad = token.slice(0, i) + c + token.slice(i + 1);
      expect(verifyPassToken(bad, { storeId: 'S001', keys: [k1.pub], now: NOW }).ok).toBe(false);
    }), { numRuns: 300 });
  });
});

describe('base64url', () => {
  it('round-trips any bytes and has one spelling per byte string', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 80 }), (bytes) => {
      const text = toBase64Url(bytes);
      expect(text).toBe(Buffer.from(bytes).toString('base64url'));
      expect(fromBase64Url(text)).toEqual(bytes);
    }));
    expect(fromBase64Url('AA')).toEqual(new Uint8Array([0]));
    expect(fromBase64Url('AB')).toBeUndefined();
    expect(fromBase64Url('A=')).toBeUndefined();
  });
});
