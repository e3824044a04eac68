import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { COLLECTION_NAMES } from '../../model/collections.js';
import { verifyPin } from '../../model/pin.js';
import { pinRoutes, type OperatorVerifier } from '../../protocol/pins.js';
import { supportedSchemaVersions } from '../../protocol/sync.js';
import { makeOperatorInput, startTestServer, testOperatorId, type TestServer } from '../testing.js';

type Device = { deviceId: string; storeId: string; token: string; mainKey: string };

let s: TestServer;
let d1: Device;
beforeEach(async () => {
  s = await startTestServer();
  await s.admin.seedStore('S001');
  await s.admin.seedStore('S002', { location: { lat: 23.13, lon: 113.26 } });
  d1 = await s.admin.enroll('S001', 'T1');
});
afterEach(async () => {
  await s.close();
});

const manager = makeOperatorInput({ id: 'mgr-wang', roles: ['manager'], pin: '73915286', badge: 'BADGE-0007' });
const picker = makeOperatorInput({ id: 'pck-li', roles: ['picker'], pin: '4602' });
const leaver = makeOperatorInput({ id: 'pck-gone', roles: ['picker'], pin: '8815', active: false });
const noPin = (() => {
  const { pin: _pin, ...rest } = makeOperatorInput({ id: 'pck-new', roles: ['packer'] });
  return rest;
})();

async function verifiers(mainKey = d1.mainKey): Promise<OperatorVerifier[]> {
  const res = await s.sync.verifiers(mainKey);
  expect(res.status).toBe(200);
  return res.body?.operators ?? [];
}

/** Everything of a verifier that lets one test a PIN, and the PINs themselves under every fast hash. */
function pinDerived(vs: readonly OperatorVerifier[], pins: readonly string[]): string[] {
  const fast = pins.flatMap((pin) => ['md5', 'sha1', 'sha256', 'sha512'].flatMap((a) => ['hex', 'base64'].map((e) => createHash(a).update(pin).digest(e as 'hex' | 'base64'))));
  return [...vs.flatMap((v) => (v.pin ? [v.pin.salt, v.pin.hash] : [])), ...pins.map((p) => `"${p}"`), ...fast];
}

describe('PIN verifiers leave the synced documents', () => {
  it('a pull of operators, in every schema version the server speaks, carries nothing PIN-derived', async () => {
    // v0 and v1 stay while terminals migrate; v0 is sent without hasPin, and no version is sent a hash.
    expect(supportedSchemaVersions('operators')).toEqual([0, 1, 2]);
    await s.admin.putOperators('S001', [manager, picker, leaver, noPin]);
    const held = await verifiers();
    expect(held.filter((v) => v.pin).map((v) => v.id).sort()).toEqual([manager.id, picker.id, testOperatorId('S001'), testOperatorId('S001', 'picker')].sort());
    const secrets = pinDerived(held, [manager.pin!, picker.pin!, leaver.pin!]);

    for (const version of supportedSchemaVersions('operators')) {
      const res = await s.sync.pull(d1.token, 'operators', null, 1000, { schemaVersion: version });
      expect(res.status).toBe(200);
      expect(res.body.documents).toHaveLength(6);
      const allowed = ['id', 'storeId', 'name', 'roles', 'badge', 'active', 'updatedAt', '_deleted', ...(version >= 1 ? ['hasPin'] : [])];
      for (const doc of res.body.documents) expect(Object.keys(doc).filter((k) => !allowed.includes(k)), `v${version} ${doc.id}`).toEqual([]);
      const text = JSON.stringify(res.body);
      for (const secret of secrets) expect(text, `v${version}`).not.toContain(secret);
    }
  });

  it('no collection a device can pull holds anything PIN-derived', async () => {
    await s.admin.putOperators('S001', [manager, picker, leaver]);
    const secrets = pinDerived(await verifiers(), [manager.pin!, picker.pin!, leaver.pin!]);
    for (const collection of COLLECTION_NAMES) {
      for (const version of supportedSchemaVersions(collection)) {
        const text = JSON.stringify((await s.sync.pull(d1.token, collection, null, 1000, { schemaVersion: version })).body);
        for (const secret of secrets) expect(text, `${collection} v${version}`).not.toContain(secret);
        expect(text).not.toContain('pinHash');
      }
    }
  });
});

describe(`GET ${pinRoutes.operatorVerifiers()}`, () => {
  it("sends the store's operators with a verifier only for the active ones with a PIN, which checks that PIN", async () => {
    await s.admin.putOperators('S001', [manager, picker, leaver, noPin]);
    const held = await verifiers();
    const byId = new Map(held.map((v) => [v.id, v]));
    expect(held.map((v) => v.id)).toEqual([...held.map((v) => v.id)].sort());
    expect(byId.get(leaver.id)).toEqual({ id: leaver.id, active: false, pin: null });
    expect(byId.get(noPin.id)).toEqual({ id: noPin.id, active: true, pin: null });
    expect(await verifyPin(manager.pin!, byId.get(manager.id)!.pin!)).toBe(true);
    expect(await verifyPin(picker.pin!, byId.get(picker.id)!.pin!)).toBe(true);
    expect(await verifyPin(picker.pin!, byId.get(manager.id)!.pin!)).toBe(false);
    // Reactivated, the operator's verifier is sent again: it was kept, only not sent.
    await s.admin.putOperators('S001', [{ ...leaver, active: true }]);
    expect(await verifyPin(leaver.pin!, (await verifiers()).find((v) => v.id === leaver.id)!.pin!)).toBe(true);
  });

  it('answers only to a main key: not to the device token the renderer holds, nor to admin or platform secrets', async () => {
    for (const bearer of [d1.token, s.adminToken, s.platformApiKey, 'x'.repeat(43)]) {
      const res = await s.sync.verifiers(bearer);
      expect(res, bearer.slice(0, 6)).toMatchObject({ status: 401, body: { code: 'UNAUTHORIZED' } });
      expect(JSON.stringify(res.body)).not.toContain('pbkdf2');
    }
    const none = await fetch(s.url + pinRoutes.operatorVerifiers());
    expect(none.status).toBe(401);
  });

  it("gives another store's device only its own store's verifiers, and a revoked device none", async () => {
    await s.admin.putOperators('S001', [manager, picker]);
    const d2 = await s.admin.enroll('S002', 'T2');
    const other = await s.sync.verifiers(d2.mainKey);
    expect(other.body?.storeId).toBe('S002');
    expect(other.body?.operators.map((o) => o.id).sort()).toEqual([testOperatorId('S002'), testOperatorId('S002', 'picker')].sort());
    const mine = pinDerived(await verifiers(), []);
    for (const secret of mine) expect(JSON.stringify(other.body)).not.toContain(secret);

    await s.admin.revoke(d1.deviceId);
    expect(await s.sync.verifiers(d1.mainKey)).toMatchObject({ status: 403, body: { code: 'DEVICE_REVOKED' } });
  });

  it('answers 304 to the last ETag until a PIN, an activation or the staff change', async () => {
    await s.admin.putOperators('S001', [manager, picker]);
    const first = await s.sync.verifiers(d1.mainKey);
    expect(first.etag).toMatch(/^"[A-Za-z0-9_-]+"$/);
    expect(await s.sync.verifiers(d1.mainKey, first.etag!)).toMatchObject({ status: 304, body: undefined });
    // The same list again, PINs included, changes nothing.
    await s.admin.putOperators('S001', [manager, picker]);
    expect((await s.sync.verifiers(d1.mainKey, first.etag!)).status).toBe(304);

    const etags = [first.etag];
    for (const change of [[{ ...picker, pin: '4603' }], [{ ...picker, pin: '4603', active: false }], [noPin]]) {
      await s.admin.putOperators('S001', change);
      const next = await s.sync.verifiers(d1.mainKey, etags.at(-1)!);
      expect(next.status).toBe(200);
      expect(etags).not.toContain(next.etag);
      etags.push(next.etag);
    }
  });
});

describe(`POST ${pinRoutes.mainKey()}`, () => {
  it('gives a device enrolled before main keys its key once; a second claim, by anyone, is a 409', async () => {
    await s.db.query('UPDATE devices SET main_key_hash = NULL WHERE id = $1', [d1.deviceId]);
    expect((await s.sync.verifiers(d1.mainKey)).status).toBe(401);
    const claim = await s.request<{ deviceId: string; mainKey: string }>('POST', pinRoutes.mainKey(), { token: d1.token });
    expect(claim).toMatchObject({ status: 201, body: { deviceId: d1.deviceId, mainKey: expect.any(String) } });
    expect((await s.sync.verifiers(claim.body.mainKey)).status).toBe(200);

    expect(await s.request('POST', pinRoutes.mainKey(), { token: d1.token })).toMatchObject({ status: 409, body: { code: 'CONFLICT' } });
    // A device enrolled now got its key with its token: there is nothing to claim.
    const d2 = await s.admin.enroll('S001', 'T2');
    expect(await s.request('POST', pinRoutes.mainKey(), { token: d2.token })).toMatchObject({ status: 409, body: { code: 'CONFLICT' } });
    expect(await s.request('POST', pinRoutes.mainKey(), { token: d2.mainKey })).toMatchObject({ status: 401 });
  });
});

describe("a manager's PIN has at least 6 digits", () => {
  const put = (body: unknown) => s.request<{ code?: string; details?: { path?: string } }>('PUT', `/api/v1/stores/S001/operators`, { token: s.adminToken, body });

  it('is refused shorter, naming the field; a promotion keeps a long enough PIN and refuses a short one', async () => {
    expect(await put([{ ...picker, roles: ['manager'] }])).toMatchObject({ status: 400, body: { code: 'VALIDATION_FAILED', details: { path: 'body/0/pin' } } });
    await s.admin.putOperators('S001', [picker, makeOperatorInput({ id: 'pck-long', pin: '730914' })]);
    // Made a manager without a new PIN: the 4-digit one on record is not enough, the 6-digit one is.
    const { pin: _p1, ...pickerSansPin } = picker;
    const promoted = await put([{ ...pickerSansPin, roles: ['picker', 'manager'] }]);
    expect(promoted).toMatchObject({ status: 400, body: { code: 'VALIDATION_FAILED', details: { path: 'body/0/pin' } } });
    expect((await put([{ id: 'pck-long', name: 'Long PIN', roles: ['manager'], active: true }])).status).toBe(200);
    expect((await verifiers()).find((v) => v.id === 'pck-long')?.pin).not.toBeNull();
  });

  it("does not use a manager's PIN of unknown length (from before lengths were recorded) until it is sent again", async () => {
    await s.admin.putOperators('S001', [manager, picker]);
    // What migration 4 leaves: hashes moved over without their length.
    await s.db.query('UPDATE operator_pins SET digits = NULL');
    const held = new Map((await verifiers()).map((v) => [v.id, v.pin]));
    expect(held.get(manager.id)).toBeNull();
    expect(held.get(picker.id)).not.toBeNull();
    const { pin: _p, ...managerSansPin } = manager;
    expect(await put([managerSansPin])).toMatchObject({ status: 400, body: { details: { path: 'body/0/pin' } } });
    // The same PIN sent again: its hash is kept, its length is now known, and terminals may check it.
    await s.admin.putOperators('S001', [manager]);
    expect(await verifyPin(manager.pin!, (await verifiers()).find((v) => v.id === manager.id)!.pin!)).toBe(true);
  });
});
