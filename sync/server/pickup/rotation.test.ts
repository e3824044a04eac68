import { afterEach, describe, expect, it } from 'vitest';
import { verifyPassToken } from '../../model/pickup-pass.js';
import { storeDocAsV0, type StoreDoc } from '../../model/store.js';
import { apiRoutes, type RotatePickupKeyResponse } from '../../protocol/platform.js';
import { startTestServer, type TestServer } from '../testing.js';
import { newConfiguredKey, parseConfiguredKey } from './keys.js';
import { getPass, makeReady, pickupOrder, seededTerminal, storeKeys } from './pickup.testkit.js';

const servers: TestServer[] = [];
async function server(opts: Parameters<typeof startTestServer>[0] = {}): Promise<TestServer> {
  const s = await startTestServer(opts);
  servers.push(s);
  return s;
}
afterEach(async () => {
  // The instances that share a database close before the one that owns it.
  for (const s of servers.reverse()) await s.close();
  servers.length = 0;
});

const rotate = (s: TestServer) => s.request<RotatePickupKeyResponse>('POST', apiRoutes.rotatePickupKey, { token: s.adminToken });

describe('pass key rotation', () => {
  it('makes a new key current; passes signed by the previous key stay valid until they expire, and no longer', async () => {
    const s = await server();
    const t = await seededTerminal(s);
    const orderId = await pickupOrder(s, t);
    await makeReady(s, t, orderId);
    const before = (await getPass(s, orderId)).body;
    const [oldKey] = await storeKeys(s, t);

    const rotated = await rotate(s);
    expect(rotated).toMatchObject({ status: 200, body: { stores: 1 } });
    expect(rotated.body.keyId).not.toBe(oldKey!.keyId);
    const keys = await storeKeys(s, t);
    // The old key stays on the store's document until the last pass alive at the rotation expires.
    expect(keys).toEqual([{ ...oldKey, validUntil: before.expiresAt }, { keyId: rotated.body.keyId, publicKey: expect.any(String) }]);
    const now = Date.now();
    expect(verifyPassToken(before.qr, { storeId: 'S001', keys, now })).toMatchObject({ ok: true, claims: { keyId: oldKey!.keyId } });
    expect(verifyPassToken(before.qr, { storeId: 'S001', keys, now: Date.parse(before.expiresAt) })).toMatchObject({ ok: false, code: 'EXPIRED' });

    // Asked again, the same pass (same code, same expiry) is signed with the new key; both QRs pass.
    const after = (await getPass(s, orderId)).body;
    expect(after).toMatchObject({ code: before.code, expiresAt: before.expiresAt });
    expect(after.qr).not.toBe(before.qr);
    expect(verifyPassToken(after.qr, { storeId: 'S001', keys, now })).toMatchObject({ ok: true, claims: { keyId: rotated.body.keyId } });
    // The retired key can sign nothing more: its private half is gone.
    expect(await s.db.query('SELECT key_id, private_key IS NULL AS erased FROM pickup_keys ORDER BY created_at')).toEqual([
      { key_id: oldKey!.keyId, erased: true },
      { key_id: rotated.body.keyId, erased: false },
    ]);
    expect(await s.request('POST', apiRoutes.rotatePickupKey, { token: s.platformApiKey })).toMatchObject({ status: 401 });
  });

  it('takes the key from configuration for several instances, keeps it out of the database, and refuses a retired one', async () => {
    const first = parseConfiguredKey(newConfiguredKey('conf-1'));
    const a = await server({ pickupSigningKey: first });
    const t = await seededTerminal(a);
    const orderId = await pickupOrder(a, t);
    await makeReady(a, t, orderId);
    // A second instance on the same database, with the same configuration, signs the same pass the same way.
    const b = await server({ db: a.db, pickupSigningKey: first, platformApiKey: a.platformApiKey });
    expect((await getPass(b, orderId)).body).toEqual((await getPass(a, orderId)).body);
    expect(await a.db.query('SELECT key_id, private_key FROM pickup_keys')).toEqual([{ key_id: 'conf-1', private_key: null }]);
    expect(await rotate(a)).toMatchObject({ status: 409, body: { code: 'CONFLICT' } });

    // Rotation by configuration: an instance started with a new key makes it current and retires the old one.
    const second = parseConfiguredKey(newConfiguredKey('conf-2'));
    await server({ db: a.db, pickupSigningKey: second });
    const keys = await storeKeys(a, t);
    expect(keys.map((k) => [k.keyId, k.validUntil !== undefined])).toEqual([['conf-1', true], ['conf-2', false]]);
    await expect(startTestServer({ db: a.db, pickupSigningKey: first })).rejects.toThrow(/retired/);
    expect(() => parseConfiguredKey('conf-3:short')).toThrow(/PICKUP_PASS_SIGNING_KEY/);
  });

  it('sends a terminal that has not migrated the stores document without pass keys (schema v0)', async () => {
    const s = await server();
    const t = await seededTerminal(s);
    const v1 = (await s.sync.pull(t.token, 'stores')).body.documents[0] as unknown as StoreDoc & { _deleted: boolean };
    expect(v1.passKeys).toHaveLength(1);
    const v0 = await s.sync.pull(t.token, 'stores', null, undefined, { schemaVersion: 0 });
    expect(v0.body.documents).toEqual([{ ...storeDocAsV0(v1), _deleted: false }]);
    expect(v0.body.documents[0]).not.toHaveProperty('passKeys');
  });
});
