import { afterEach, describe, expect, it } from 'vitest';
import { verifyPin } from '../../model/pin.js';
import {
  consoleRoutes,
  type ConsoleAuditResponse,
  type ConsoleCreateUserResponse,
  type ConsoleDevicesResponse,
  type ConsoleEnrollmentCodeResponse,
  type ConsoleOperator,
  type ConsoleOperatorsResponse,
  type ConsoleRevokeDeviceResponse,
  type ConsoleStore,
  type ConsoleStoresResponse,
  type ConsoleUserView,
  type ConsoleUsersResponse,
} from '../../protocol/console.js';
import { apiRoutes, type EnrollResponse } from '../../protocol/platform.js';
import { storedPins } from '../pins/store.js';
import { startTestServer, type TestServer } from '../testing.js';
import { seedConsoleUser, signInConsole, type ConsoleClient } from './console-auth.testkit.js';

const servers: TestServer[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await s.close();
});

async function setUp(): Promise<{ s: TestServer; admin: ConsoleClient }> {
  const s = await startTestServer();
  servers.push(s);
  await seedConsoleUser(s, { name: 'root', role: 'admin' });
  return { s, admin: await signInConsole(s.url, 'root', 'test-password-root') };
}

async function auditOf(admin: ConsoleClient): Promise<ConsoleAuditResponse['entries']> {
  const res = await admin.request<ConsoleAuditResponse>('GET', consoleRoutes.audit);
  expect(res.status).toBe(200);
  return res.body.entries;
}

describe('console admin: stores and enrollment codes', () => {
  it('creates, edits and lists stores through the same code as the Platform API, each change audited', async () => {
    const { s, admin } = await setUp();
    const created = await admin.request<ConsoleStore>('POST', consoleRoutes.stores, { id: 'S010', name: 'Futian', timezone: 'Asia/Shanghai', settings: { noSuchSetting: 500 } as never });
    // An unknown setting is refused by the same schema as the Platform API's.
    expect(created.status).toBe(400);
    const ok = await admin.request<ConsoleStore>('POST', consoleRoutes.stores, { id: 'S010', name: 'Futian', timezone: 'Asia/Shanghai', location: { lat: 22.54, lon: 114.06 }, serviceRadiusKm: 5 });
    expect(ok.status).toBe(201);
    expect(ok.body).toMatchObject({ id: 'S010', name: 'Futian', timezone: 'Asia/Shanghai', location: { lat: 22.54, lon: 114.06 }, serviceRadiusKm: 5, activeDevices: 0 });
    expect(ok.body.window.historyDays).toBeGreaterThanOrEqual(0);
    expect((await admin.request('POST', consoleRoutes.stores, { id: 'S010', name: 'Again', timezone: 'Asia/Shanghai' })).status).toBe(409);
    expect((await admin.request('POST', consoleRoutes.stores, { id: 'S011', name: 'Bad tz', timezone: 'Mars/Olympus' })).status).toBe(400);

    const edited = await admin.request<ConsoleStore>('PUT', consoleRoutes.store('S010'), { name: 'Futian Centre', timezone: 'Asia/Shanghai', window: { historyDays: 3 } });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ id: 'S010', name: 'Futian Centre', window: { historyDays: 3 } });
    expect((await admin.request('PUT', consoleRoutes.store('S404'), { name: 'Nowhere', timezone: 'Asia/Shanghai' })).body).toMatchObject({ code: 'UNKNOWN_STORE' });
    // The terminals' store document changed with it (the synced side of writeStore).
    const [doc] = await s.db.query<{ data: { name: string } }>("SELECT data FROM docs WHERE collection = 'stores' AND id = 'S010'");
    expect(doc?.data.name).toBe('Futian Centre');

    // A store made through the Platform API shows up too.
    await s.admin.createStore({ id: 'S020' });
    const list = await admin.request<ConsoleStoresResponse>('GET', consoleRoutes.stores);
    expect(list.body.stores.map((x) => x.id)).toEqual(['S010', 'S020']);

    const entries = await auditOf(admin);
    expect(entries.filter((e) => e.action.startsWith('store.')).map((e) => [e.action, e.target, e.userName])).toEqual([
      ['store.update', 'S010', 'root'],
      ['store.create', 'S010', 'root'],
    ]);
    expect(entries.find((e) => e.action === 'store.update')?.detail).toMatchObject({ before: { name: 'Futian' }, change: { name: 'Futian Centre' } });
  });

  it('issues an enrollment code a terminal can enroll with; the code is not audited', async () => {
    const { s, admin } = await setUp();
    await s.admin.createStore({ id: 'S001' });
    const issued = await admin.request<ConsoleEnrollmentCodeResponse>('POST', consoleRoutes.enrollmentCodes('S001'), { ttlMinutes: 30 });
    expect(issued.status).toBe(201);
    expect(issued.body.code).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}$/);
    const enrolled = await s.request<EnrollResponse>('POST', apiRoutes.enroll, { body: { code: issued.body.code, name: 'Till 1' } });
    expect(enrolled).toMatchObject({ status: 201, body: { storeId: 'S001' } });
    // No body at all: the default lifetime.
    expect((await admin.fetch(consoleRoutes.enrollmentCodes('S001'), { method: 'POST' })).status).toBe(201);
    expect((await admin.request('POST', consoleRoutes.enrollmentCodes('S404'), {})).body).toMatchObject({ code: 'UNKNOWN_STORE' });
    const codes = (await auditOf(admin)).filter((e) => e.action === 'enrollment-code.issue');
    expect(codes).toHaveLength(2);
    expect(JSON.stringify(codes)).not.toContain(issued.body.code);
  });
});

describe('console admin: staff', () => {
  it('lists, creates, deactivates and resets the PIN of operators; terminals get the change as a synced document', async () => {
    const { s, admin } = await setUp();
    await s.admin.seedStore('S001');
    const before = await admin.request<ConsoleOperatorsResponse>('GET', consoleRoutes.operators('S001'));
    expect(before.status).toBe(200);
    expect(before.body.operators.length).toBeGreaterThan(0);
    expect(before.body.operators.every((o) => o.storeId === 'S001' && o.hasPin)).toBe(true);

    const made = await admin.request<ConsoleOperator>('POST', consoleRoutes.operators('S001'), { id: 'op-new', name: 'Zhao Lei', roles: ['picker'], pin: '2468' });
    expect(made).toMatchObject({ status: 201, body: { id: 'op-new', name: 'Zhao Lei', roles: ['picker'], active: true, hasPin: true } });
    expect((await admin.request('POST', consoleRoutes.operators('S001'), { id: 'op-new', name: 'Twice', roles: ['picker'], pin: '2468' })).status).toBe(409);
    // The shared rules hold here too: a manager's PIN needs six digits.
    const shortPin = await admin.request('POST', consoleRoutes.operators('S001'), { id: 'op-boss', name: 'Boss', roles: ['manager'], pin: '1234' });
    expect(shortPin).toMatchObject({ status: 400, body: { code: 'VALIDATION_FAILED' } });

    const reset = await admin.request<ConsoleOperator>('POST', consoleRoutes.resetOperatorPin('S001', 'op-new'), { pin: '97531' });
    expect(reset.status).toBe(200);
    const pin = (await storedPins(s.db, 'S001', ['op-new'])).get('op-new');
    expect(pin && (await verifyPin('97531', pin.pinHash))).toBe(true);
    expect(pin && (await verifyPin('2468', pin.pinHash))).toBe(false);

    const off = await admin.request<ConsoleOperator>('POST', consoleRoutes.deactivateOperator('S001', 'op-new'));
    expect(off).toMatchObject({ status: 200, body: { id: 'op-new', active: false } });
    const [doc] = await s.db.query<{ data: { active: boolean } }>("SELECT data FROM docs WHERE collection = 'operators' AND id = 'op-new'");
    expect(doc?.data.active).toBe(false);
    expect((await admin.request('POST', consoleRoutes.deactivateOperator('S001', 'op-none'))).body).toMatchObject({ code: 'UNKNOWN_OPERATOR' });

    const actions = (await auditOf(admin)).filter((e) => e.action.startsWith('operator.'));
    expect(actions.map((e) => e.action)).toEqual(['operator.deactivate', 'operator.reset-pin', 'operator.create']);
    // No PIN in the audit trail.
    expect(JSON.stringify(actions)).not.toMatch(/97531|2468/);
  });
});

describe('console admin: devices', () => {
  it('lists devices and revokes one: its token stops working', async () => {
    const { s, admin } = await setUp();
    await s.admin.seedStore('S001');
    const device: EnrollResponse = await s.admin.enroll('S001', 'Till 1');
    const list = await admin.request<ConsoleDevicesResponse>('GET', consoleRoutes.devices);
    expect(list.body.devices).toEqual([{ id: device.deviceId, storeId: 'S001', name: 'Till 1', enrolledAt: expect.any(String) as string, lastPulledAt: null, revokedAt: null }]);
    expect((await s.sync.pull(device.token, 'orders')).status).toBe(200);
    const revoked = await admin.request<ConsoleRevokeDeviceResponse>('POST', consoleRoutes.revokeDevice(device.deviceId));
    expect(revoked).toMatchObject({ status: 200, body: { deviceId: device.deviceId, storeId: 'S001' } });
    expect((await s.sync.pull(device.token, 'orders')).body).toMatchObject({ code: 'DEVICE_REVOKED' });
    expect((await admin.request<ConsoleDevicesResponse>('GET', `${consoleRoutes.devices}?storeId=S001`)).body.devices[0]?.revokedAt).toBe(revoked.body.revokedAt);
    expect((await admin.request('POST', consoleRoutes.revokeDevice('nope'))).status).toBe(404);
    const entries = (await auditOf(admin)).filter((e) => e.action === 'device.revoke');
    expect(entries).toMatchObject([{ target: device.deviceId, detail: { storeId: 'S001' } }]);
  });
});

describe('console admin: console users', () => {
  it('creates users with a generated or a given password, changes role and stores, disables them (ending their sessions)', async () => {
    const { s, admin } = await setUp();
    await s.admin.createStore({ id: 'S001' });
    await s.admin.createStore({ id: 'S002' });
    const gen = await admin.request<ConsoleCreateUserResponse>('POST', consoleRoutes.users, { name: 'Chen Jing', role: 'finance' });
    expect(gen.status).toBe(201);
    expect(gen.body.user).toMatchObject({ name: 'Chen Jing', role: 'finance', storeIds: [], disabled: false });
    const password = gen.body.generatedPassword ?? '';
    expect(password).toMatch(/^[\w]{5}-[\w]{5}-[\w]{5}-[\w]{5}$/);
    const chen = await signInConsole(s.url, 'Chen Jing', password);

    const given = await admin.request<ConsoleCreateUserResponse>('POST', consoleRoutes.users, { name: 'Manager Liu', role: 'manager', storeIds: ['S001'], password: 'liu-password-given' });
    expect(given.status).toBe(201);
    expect(given.body.generatedPassword).toBeUndefined();
    expect((await admin.request('POST', consoleRoutes.users, { name: 'manager liu', role: 'finance' })).status).toBe(409);
    expect((await admin.request('POST', consoleRoutes.users, { name: 'Short', role: 'finance', password: 'short' })).status).toBe(400);
    expect((await admin.request('POST', consoleRoutes.users, { name: 'NoStores', role: 'manager' })).body).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect((await admin.request('POST', consoleRoutes.users, { name: 'Ghost', role: 'manager', storeIds: ['S404'] })).body).toMatchObject({ code: 'UNKNOWN_STORE' });

    const liuId = given.body.user.id;
    const moved = await admin.request<ConsoleUserView>('PATCH', consoleRoutes.user(liuId), { storeIds: ['S001', 'S002'] });
    expect(moved.body).toMatchObject({ role: 'manager', storeIds: ['S001', 'S002'] });
    const liu = await signInConsole(s.url, 'Manager Liu', 'liu-password-given');
    expect(liu.user.storeIds).toEqual(['S001', 'S002']);

    const disabled = await admin.request<ConsoleUserView>('PATCH', consoleRoutes.user(gen.body.user.id), { disabled: true });
    expect(disabled.body.disabled).toBe(true);
    expect((await chen.request('GET', consoleRoutes.session)).status).toBe(401);
    await expect(signInConsole(s.url, 'Chen Jing', password)).rejects.toThrow(/401/);
    // An admin cannot lock themself out.
    expect((await admin.request('PATCH', consoleRoutes.user(admin.user.id), { disabled: true })).status).toBe(409);
    expect((await admin.request('PATCH', consoleRoutes.user('nope'), { role: 'finance' })).status).toBe(404);

    // A new password: the old one and the user's sessions stop working.
    const reset = await admin.request<ConsoleCreateUserResponse>('POST', consoleRoutes.resetUserPassword(liuId));
    expect(reset.status).toBe(200);
    expect((await liu.request('GET', consoleRoutes.session)).status).toBe(401);
    await expect(signInConsole(s.url, 'Manager Liu', 'liu-password-given')).rejects.toThrow(/401/);
    await signInConsole(s.url, 'Manager Liu', reset.body.generatedPassword ?? '');
    expect((await admin.request('POST', consoleRoutes.resetUserPassword(liuId), { password: 'liu-password-next' })).body).not.toHaveProperty('generatedPassword');
    await signInConsole(s.url, 'Manager Liu', 'liu-password-next');

    const users = await admin.request<ConsoleUsersResponse>('GET', consoleRoutes.users);
    expect(users.body.users.map((u) => [u.name, u.role, u.disabled])).toEqual([
      ['Chen Jing', 'finance', true],
      ['Manager Liu', 'manager', false],
      ['root', 'admin', false],
    ]);
    const entries = (await auditOf(admin)).filter((e) => e.action.startsWith('user.') && e.userName === 'root');
    expect(entries.map((e) => e.action)).toEqual(['user.reset-password', 'user.reset-password', 'user.update', 'user.update', 'user.create', 'user.create']);
    expect(JSON.stringify(entries)).not.toContain(password);
    expect(JSON.stringify(entries)).not.toContain('liu-password-given');
    expect(JSON.stringify(entries)).not.toContain(reset.body.generatedPassword);
  });
});

describe('console roles', () => {
  it('lets a manager read their own stores, staff and devices and nothing else, and write nothing', async () => {
    const { s, admin } = await setUp();
    await s.admin.seedStore('S001');
    await s.admin.seedStore('S002');
    const theirs = await s.admin.enroll('S001', 'Mine');
    await s.admin.enroll('S002', 'Not mine');
    await seedConsoleUser(s, { name: 'mgr', role: 'manager', storeIds: ['S001'] });
    const mgr = await signInConsole(s.url, 'mgr', 'test-password-mgr');

    expect((await mgr.request<ConsoleStoresResponse>('GET', consoleRoutes.stores)).body.stores.map((x) => x.id)).toEqual(['S001']);
    expect((await mgr.request('GET', consoleRoutes.store('S002'))).body).toMatchObject({ code: 'CONSOLE_ROLE_FORBIDDEN' });
    expect((await mgr.request('GET', consoleRoutes.operators('S001'))).status).toBe(200);
    expect((await mgr.request('GET', consoleRoutes.operators('S002'))).status).toBe(403);
    expect((await mgr.request<ConsoleDevicesResponse>('GET', consoleRoutes.devices)).body.devices.map((d) => d.id)).toEqual([theirs.deviceId]);
    expect((await mgr.request('GET', `${consoleRoutes.devices}?storeId=S002`)).status).toBe(403);

    const writes: Array<[string, string, unknown]> = [
      ['POST', consoleRoutes.stores, { id: 'S003', name: 'x', timezone: 'Asia/Shanghai' }],
      ['PUT', consoleRoutes.store('S001'), { name: 'x', timezone: 'Asia/Shanghai' }],
      ['POST', consoleRoutes.enrollmentCodes('S001'), {}],
      ['POST', consoleRoutes.operators('S001'), { id: 'op-x', name: 'x', roles: ['picker'], pin: '1357' }],
      ['POST', consoleRoutes.deactivateOperator('S001', 'op-x'), undefined],
      ['POST', consoleRoutes.resetOperatorPin('S001', 'op-x'), { pin: '1357' }],
      ['POST', consoleRoutes.revokeDevice(theirs.deviceId), undefined],
      ['POST', consoleRoutes.users, { name: 'x', role: 'admin' }],
      ['PATCH', consoleRoutes.user(mgr.user.id), { role: 'admin' }],
      ['POST', consoleRoutes.resetUserPassword(mgr.user.id), {}],
    ];
    for (const [method, path, body] of writes) {
      const res = await mgr.request(method, path, body);
      expect(res.status, `${method} ${path}`).toBe(403);
      expect(res.body, `${method} ${path}`).toMatchObject({ code: 'CONSOLE_ROLE_FORBIDDEN' });
    }
    for (const path of [consoleRoutes.users, consoleRoutes.audit]) expect((await mgr.request('GET', path)).status).toBe(403);
    // Nothing the manager tried was written.
    expect((await auditOf(admin)).filter((e) => e.action !== 'session.sign-in' && e.userName !== 'testkit')).toEqual([]);
  });
});
