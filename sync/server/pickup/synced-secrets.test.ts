import { ed25519 } from '@noble/curves/ed25519.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fromBase64Url, toBase64Url } from '../../model/base64url.js';
import { COLLECTION_NAMES } from '../../model/collections.js';
import type { PickupPassDoc } from '../../model/pickup-pass-doc.js';
import { apiRoutes, type PickupPassResponse } from '../../protocol/platform.js';
import { startTestServer, type TestServer } from '../testing.js';
import { passCode } from './pass.js';
import { getPass, livePasses, makeReady, pickupOrder, pullAll, seededTerminal, storeKeys, type Terminal } from './pickup.testkit.js';

let s: TestServer;
beforeEach(async () => {
  s = await startTestServer();
});
afterEach(async () => {
  await s.close();
});

/** Everything a terminal of the store can pull, every collection, through the sync API over HTTP. */
async function everythingSynced(t: Terminal): Promise<string> {
  const all: Record<string, unknown[]> = {};
  for (const c of COLLECTION_NAMES) all[c] = await pullAll(s, t, c);
  return JSON.stringify(all);
}

describe('what reaches a terminal', () => {
  it('holds no private key, no code secret, no plain code and no token: nothing that could make or open a pass', async () => {
    const t = await seededTerminal(s);
    const orders = [await pickupOrder(s, t), await pickupOrder(s, t), await pickupOrder(s, t)];
    await makeReady(s, t, orders[0]!, { compartment: { bankId: 'bank-1', number: 1 } });
    await makeReady(s, t, orders[1]!);
    const passes: PickupPassResponse[] = [(await getPass(s, orders[0]!)).body, (await getPass(s, orders[1]!)).body];
    // A retired key, to check that rotation leaves nothing behind either.
    const firstKey = (await s.db.query<{ private_key: string }>('SELECT private_key FROM pickup_keys'))[0]!.private_key;
    expect((await s.request('POST', apiRoutes.rotatePickupKey, { token: s.adminToken })).status).toBe(200);
    await makeReady(s, t, orders[2]!, { compartment: { bankId: 'bank-1', number: 2 } });
    passes.push((await getPass(s, orders[2]!)).body, (await getPass(s, orders[0]!)).body);

    const synced = await everythingSynced(t);
    const docs = await livePasses(s, t);
    expect(docs.size).toBe(3);
    const keys = await s.db.query<{ private_key: string | null }>('SELECT private_key FROM pickup_keys');
    const hmac = (await s.db.query<{ value: string }>(`SELECT value FROM pickup_secrets WHERE name = 'code_hmac'`))[0]!.value;
    const hmacBytes = Buffer.from(hmac, 'base64url');
    const secrets = [firstKey, ...keys.flatMap((k) => (k.private_key ? [k.private_key] : [])), hmac];
    for (const secret of secrets) {
      const bytes = Buffer.from(secret, 'base64url');
      for (const spelling of [secret, bytes.toString('base64'), bytes.toString('hex')]) expect(synced).not.toContain(spelling);
    }
    for (const p of passes) {
      expect(synced).not.toContain(p.code);
      expect(synced).not.toContain(p.code.slice(2));
      expect(synced).not.toContain(p.qr);
      for (const part of p.qr.split('.').slice(1)) expect(synced).not.toContain(part);
    }

    // Whatever the name or place: no 32-byte value synced is the seed of a published key or the code secret.
    const published = new Set((await storeKeys(s, t)).map((k) => k.publicKey));
    const candidates = [...new Set(synced.match(/[A-Za-z0-9_-]{43}/g) ?? [])].flatMap((text) => {
      const bytes = fromBase64Url(text);
      return bytes && bytes.length === 32 ? [bytes] : [];
    });
    expect(candidates.length).toBeGreaterThan(3);
    for (const bytes of candidates) {
      expect(published.has(toBase64Url(ed25519.getPublicKey(bytes)))).toBe(false);
      expect(Buffer.from(bytes).equals(hmacBytes)).toBe(false);
      for (const doc of docs.values()) expect(passCode(Buffer.from(bytes), doc.storeId, doc.passId, doc.lookup)).not.toBe(passCode(hmacBytes, doc.storeId, doc.passId, doc.lookup));
    }
    // What a pass document does carry: the slow hash and its salt, and the pass's public facts.
    const doc = docs.get(orders[0]!) as PickupPassDoc;
    expect(Object.keys(doc).sort()).toEqual(['code', 'compartment', 'expiresAt', 'issuedAt', 'keyId', 'lookup', 'orderId', 'passId', 'readyEventId', 'storeId', 'updatedAt']);
    expect(Object.keys(doc.code).sort()).toEqual(['N', 'algo', 'hash', 'p', 'r', 'salt']);
  });
});
