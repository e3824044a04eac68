import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Operator } from '../model/operator.js';
import { verifyPin, type PinHash } from '../model/pin.js';
import { makeOperatorInput, startTestServer, testOperatorId, type TestServer } from './testing.js';

let s: TestServer;
let logs: string[];
let d1: { deviceId: string; storeId: string; token: string; mainKey: string };
beforeEach(async () => {
  logs = [];
  s = await startTestServer({ logStream: { write: (line) => void logs.push(line) } });
  await s.admin.seedStore('S001');
  await s.admin.seedStore('S002', { location: { lat: 23.13, lon: 113.26 } });
  d1 = await s.admin.enroll('S001', 'T1');
});
afterEach(async () => {
  await s.close();
});

const put = (storeId: string, body: unknown, token = s.adminToken) => s.request<Record<string, unknown>>('PUT', `/api/v1/stores/${storeId}/operators`, { token, body });

async function operatorsOf(token: string): Promise<Operator[]> {
  const res = await s.sync.pull(token, 'operators', null, 1000);
  expect(res.status).toBe(200);
  return res.body.documents.map(({ _deleted, ...doc }) => doc);
}

/** The operator's PIN verifier as the store's terminals' main sides get it (null: none is sent). */
async function verifierOf(mainKey: string, operatorId: string): Promise<PinHash | null | undefined> {
  const res = await s.sync.verifiers(mainKey);
  expect(res.status).toBe(200);
  return res.body?.operators.find((o) => o.id === operatorId)?.pin;
}

/** Every row of every table, as text. */
async function wholeDatabase(): Promise<string> {
  const tables = await s.db.query<{ table_name: string }>("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'");
  const parts: string[] = [];
  // Table names come from the catalogue, not from a request; identifiers cannot be bound parameters.
  for (const { table_name } of tables) parts.push(JSON.stringify(await s.db.query(`SELECT t::text AS row FROM "${table_name}" t`)));
  return parts.join('\n');
}

/** The PIN under every fast hash an implementation might reach for, in hex and base64. */
function fastHashes(pin: string): string[] {
  return ['md5', 'sha1', 'sha256', 'sha512'].flatMap((algo) => ['hex', 'base64'].map((enc) => createHash(algo).update(pin).digest(enc as 'hex' | 'base64')));
}

describe('PUT /stores/{storeId}/operators', () => {
  it('hashes the PIN slowly; neither the PIN nor a fast hash of it is answered, synced, stored or logged', async () => {
    const pin = '73915284';
    const res = await put('S001', [makeOperatorInput({ id: 'op-ana', name: 'Ana', roles: ['packer', 'picker'], pin, badge: 'BADGE-0042' })]);
    expect(res).toMatchObject({ status: 200, body: { storeId: 'S001', upserted: 1, unchanged: 0 } });
    const bad = await put('S001', [makeOperatorInput({ id: 'op-bad', pin: '73a15' })]);
    expect(bad).toMatchObject({ status: 400, body: { code: 'VALIDATION_FAILED', details: { path: 'body/0/pin' } } });

    const ana = (await operatorsOf(d1.token)).find((o) => o.id === 'op-ana');
    // Roles come back in the table's order, whatever order they were sent in. Nothing of the PIN is synced.
    expect(ana).toEqual({ id: 'op-ana', storeId: 'S001', name: 'Ana', roles: ['picker', 'packer'], hasPin: true, badge: 'BADGE-0042', active: true, updatedAt: expect.any(String) });
    const verifier = await verifierOf(d1.mainKey, 'op-ana');
    expect(verifier).toMatchObject({ algo: 'pbkdf2-sha256', iterations: expect.any(Number) });
    expect(verifier?.iterations).toBeGreaterThanOrEqual(100_000);
    expect(await verifyPin(pin, verifier!)).toBe(true);
    expect(await verifyPin('73915285', verifier!)).toBe(false);

    await expect.poll(() => logs.filter((l) => l.includes('request completed')).length).toBeGreaterThanOrEqual(2);
    expect(logs.join('\n')).toContain('/operators');
    const everywhere = [JSON.stringify(res.body), JSON.stringify(bad.body), JSON.stringify(ana), await wholeDatabase(), logs.join('\n')];
    for (const secret of [pin, '73a15', ...fastHashes(pin)]) {
      for (const text of everywhere) expect(text).not.toContain(secret);
    }
  });

  it('keeps the hash when no PIN is sent or the same PIN is sent again; a new PIN gets a new salted hash and a new document', async () => {
    const op = makeOperatorInput({ pin: '1357' });
    await put('S001', [op]);
    const first = await verifierOf(d1.mainKey, op.id);
    expect(await put('S001', [op])).toMatchObject({ body: { upserted: 0, unchanged: 1, position: null } });
    const { pin: _pin, ...withoutPin } = op;
    expect(await put('S001', [{ ...withoutPin, name: 'Renamed' }])).toMatchObject({ body: { upserted: 1 } });
    const renamed = (await operatorsOf(d1.token)).find((o) => o.id === op.id)!;
    expect(renamed.name).toBe('Renamed');
    expect(await verifierOf(d1.mainKey, op.id)).toEqual(first);
    // Only the PIN changes: the document is written again all the same, which is how terminals hear of it.
    const newPin = await put('S001', [{ ...op, name: 'Renamed', pin: '2468' }]);
    expect(newPin).toMatchObject({ body: { upserted: 1, position: expect.any(Number) } });
    const changed = await verifierOf(d1.mainKey, op.id);
    expect(changed?.salt).not.toBe(first?.salt);
    expect(await verifyPin('2468', changed!)).toBe(true);
    expect(await verifyPin('1357', changed!)).toBe(false);
  });

  it('refuses bad input with stable codes and writes nothing', async () => {
    const before = await s.db.query("SELECT id, position, data FROM docs WHERE collection = 'operators' ORDER BY id");
    const cases: Array<[unknown, string]> = [
      [[makeOperatorInput({ pin: '123' })], 'body/0/pin'],
      [[makeOperatorInput({ pin: '123456789' })], 'body/0/pin'],
      // A manager's PIN has at least 6 digits; a 5-digit one is refused wherever the manager stands in the list.
      [[makeOperatorInput(), makeOperatorInput({ roles: ['picker', 'manager'], pin: '73915' })], 'body/1/pin'],
      [[{ ...makeOperatorInput(), roles: ['boss'] }], 'body/0/roles/0'],
      [[{ ...makeOperatorInput(), roles: [] }], 'body/0/roles'],
      [[{ ...makeOperatorInput(), id: 'has space' }], 'body/0/id'],
      [[{ ...makeOperatorInput(), pinHash: { algo: 'pbkdf2-sha256', iterations: 1, salt: 'x', hash: 'y' } }], 'body/0/pinHash'],
      [[makeOperatorInput(), { name: 'No id', roles: ['picker'], active: true }], 'body/1/id'],
      [[], 'body'],
    ];
    for (const [body, path] of cases) {
      expect(await put('S001', body), path).toMatchObject({ status: 400, body: { code: 'VALIDATION_FAILED', details: { path } } });
    }
    expect(await put('S404', [makeOperatorInput()])).toMatchObject({ status: 404, body: { code: 'UNKNOWN_STORE' } });
    expect(await put('S001', [makeOperatorInput()], s.platformApiKey)).toMatchObject({ status: 401, body: { code: 'UNAUTHORIZED' } });
    expect(await s.db.query("SELECT id, position, data FROM docs WHERE collection = 'operators' ORDER BY id")).toEqual(before);
  });

  it('an id that belongs to another store, or a badge another active operator holds, is a 409 CONFLICT and nothing is written', async () => {
    const before = await wholeDatabase();
    const stolen = await put('S001', [makeOperatorInput({ id: 'op-new' }), makeOperatorInput({ id: testOperatorId('S002') })]);
    expect(stolen).toMatchObject({ status: 409, body: { code: 'CONFLICT', details: { operatorIds: [testOperatorId('S002')] } } });
    const twins = await put('S001', [makeOperatorInput({ badge: 'BADGE-7' }), makeOperatorInput({ badge: 'BADGE-7' })]);
    expect(twins).toMatchObject({ status: 409, body: { code: 'CONFLICT' } });
    expect(await wholeDatabase()).toBe(before);
    // A deactivated operator's badge may be handed on.
    const leaver = makeOperatorInput({ badge: 'BADGE-7' });
    await put('S001', [leaver]);
    expect(await put('S001', [{ ...leaver, active: false }, makeOperatorInput({ badge: 'BADGE-7' })])).toMatchObject({ status: 200 });
  });

  it("syncs a store's operators only to that store's terminals, and a deactivation at the next pull", async () => {
    const d2 = await s.admin.enroll('S002', 'T2');
    const op = makeOperatorInput({ roles: ['counter'] });
    await put('S001', [op]);
    expect((await operatorsOf(d1.token)).map((o) => o.id).sort()).toEqual([testOperatorId('S001'), testOperatorId('S001', 'picker'), op.id].sort());
    expect((await operatorsOf(d2.token)).map((o) => o.id).sort()).toEqual([testOperatorId('S002'), testOperatorId('S002', 'picker')].sort());
    const { pin: _pin, ...rest } = op;
    await put('S001', [{ ...rest, active: false }]);
    const gone = (await operatorsOf(d1.token)).find((o) => o.id === op.id);
    // The document still says the operator has a PIN; the verifier is no longer sent to any terminal.
    expect(gone).toMatchObject({ active: false, hasPin: true });
    expect((await s.sync.verifiers(d1.mainKey)).body?.operators.find((o) => o.id === op.id)).toEqual({ id: op.id, active: false, pin: null });
    expect(JSON.stringify(await operatorsOf(d2.token))).not.toContain(op.id);
    const history = await s.db.query("SELECT store_id, active, roles FROM operator_history WHERE operator_id = $1 ORDER BY seq", [op.id]);
    expect(history).toEqual([{ store_id: 'S001', active: true, roles: ['counter'] }, { store_id: 'S001', active: false, roles: ['counter'] }]);
  });
});
