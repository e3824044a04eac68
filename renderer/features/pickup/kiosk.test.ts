import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ed25519 } from '@noble/curves/ed25519.js';
import { toBase64Url } from '../../../sync/model/base64url.js';
import { hashPassCode } from '../../../sync/model/pickup-code.js';
import { encodePassPayload, passSigningMessage, passToken, type PassClaims } from '../../../sync/model/pickup-pass.js';
import { CODE_FAILURES_BEFORE_LOCK } from '../../../sync/model/pickup-lockout.js';
import type { PickupPassDoc } from '../../../sync/model/pickup-pass-doc.js';
import { SELF_SERVICE_OPERATOR, type OrderEvent } from '../../../sync/model/index.js';
import { createLockerService, type LockerService } from '../../../main/devices/locker/service.js';
import { startLockerSimulator, type LockerSimulator } from '../../../main/devices/locker/simulator.js';
import { sampleBank } from '../../../main/devices/locker/demo-bank.js';
import type { TerminalDb } from '../../db/index.js';
import { closeTestDbs, openTestDb } from '../../testing/db.js';
import { event, packOrder } from '../packing/packing.testkit.js';
import { checkPresented } from './kiosk-check.js';
import { awaitDoorClosed, openForCustomer } from './kiosk-release.js';

const NOW = Date.parse('2026-11-27T12:00:00.000Z');
const ORDER = 'EO-20261127-0042';
const CODE = '42123456';
const secretKey = ed25519.utils.randomSecretKey();
const device = { storeId: 'S001', deviceId: 'D-KIOSK' };

let db: TerminalDb;
let dir: string;
let sim: LockerSimulator;
let lockers: LockerService;

/** A pass as the centre makes it (sync/server/pickup): signed claims for the QR, the code's slow hash for the document. */
async function issue(claims: Partial<PassClaims> = {}): Promise<{ token: string; doc: PickupPassDoc }> {
  const c: PassClaims = { v: 1, passId: 'pass-0001-aaaaaaaaaa', orderId: ORDER, storeId: 'S001', compartment: { bankId: 'front', number: 3 }, expiresAt: '2026-12-04T12:00:00.000Z', keyId: 'k1', ...claims };
  const payload = encodePassPayload(c);
  const token = passToken(payload, ed25519.sign(passSigningMessage(payload), secretKey));
  const doc: PickupPassDoc = {
    orderId: c.orderId, storeId: 'S001', passId: c.passId, lookup: CODE.slice(0, 2), ...(c.compartment ? { compartment: c.compartment } : {}),
    expiresAt: c.expiresAt, keyId: 'k1', code: await hashPassCode(CODE, new Uint8Array(16).fill(7)), issuedAt: '2026-11-27T11:00:00.000Z',
    readyEventId: 'e-ready', updatedAt: '2026-11-27T11:00:00.000Z',
  };
  return { token, doc };
}

beforeEach(async () => {
  db = await openTestDb();
  await db.stores.insert({
    storeId: 'S001', name: 'Store 1', timezone: 'Asia/Shanghai', settings: { idleLockSeconds: 300, maxOrdersPerBatch: 8, maxLinesPerBatch: 40 },
    passKeys: [{ keyId: 'k1', publicKey: toBase64Url(ed25519.getPublicKey(secretKey)) }], updatedAt: '2026-11-27T08:00:00.000Z',
  });
  const order = packOrder(ORDER, { fulfilment: { type: 'pickup', slot: { kind: '2h', dueAt: '2026-11-27T13:00:00.000Z' } } });
  await db.orders.insert(order);
  const facts: OrderEvent[] = [
    event('accepted', 1, {}, ORDER), event('picking_started', 2, {}, ORDER), event('picked', 3, {}, ORDER), event('packed', 4, {}, ORDER),
    event('ready', 5, { compartment: { bankId: 'front', number: 3 } }, ORDER),
  ];
  await db.order_events.bulkInsert(facts);
  dir = await mkdtemp(join(tmpdir(), 'kiosk-test-'));
  sim = await startLockerSimulator({ boards: 1, boardDelayMs: 1 });
  lockers = createLockerService({ dataDir: dir, bus: { timeoutMs: 200, retries: 1 }, controller: { pollMs: 5, confirmMs: 200 } });
  await lockers.saveLockerBank(sampleBank(sim.host, sim.port));
});

afterEach(async () => {
  await lockers.close();
  await sim.close();
  await rm(dir, { recursive: true, force: true });
  await closeTestDbs();
});

describe('the kiosk, offline, against the terminal database alone', () => {
  it('releases a typed code: the compartment opens on the board, and the door closing records the pickup', async () => {
    await db.pickup_passes.insert((await issue()).doc);
    const check = await checkPresented(db, 'S001', { kind: 'code', code: CODE }, NOW);
    expect(check).toMatchObject({ ok: true, orderId: ORDER, proof: 'code', compartment: { bankId: 'front', number: 3 } });
    if (!check.ok || !check.compartment) throw new Error('no release');
    expect(await openForCustomer(db, lockers, device, { orderId: ORDER, compartment: check.compartment, proof: 'code' })).toEqual({ ok: true });
    expect(sim.isOpen(0, 3)).toBe(true);
    const done = awaitDoorClosed(db, lockers, device);
    setTimeout(() => sim.closeDoor(0, 3), 50);
    expect(await done).toBe('closed');
    const pickedUp = await db.order_events.find({ selector: { orderId: ORDER, type: 'picked_up' } }).exec();
    expect(pickedUp.map((d) => d.toJSON())).toEqual([
      expect.objectContaining({ operatorId: SELF_SERVICE_OPERATOR, deviceId: 'D-KIOSK', via: 'locker', proof: 'code', compartment: { bankId: 'front', number: 3 } }),
    ]);
    // The same code again: the order is gone.
    expect(await checkPresented(db, 'S001', { kind: 'code', code: CODE }, NOW + 60_000)).toMatchObject({ ok: false, code: 'USED' });
  });

  it('verifies a QR with the store key alone, and refuses a tampered, another store\'s, an expired or a replaced one', async () => {
    const { token, doc } = await issue();
    await db.pickup_passes.insert(doc);
    expect(await checkPresented(db, 'S001', { kind: 'qr', token }, NOW)).toMatchObject({ ok: true, proof: 'qr', orderId: ORDER });
    const [p, payload, sig] = token.split('.');
    const flipped = `${p}.${payload!.slice(0, -2)}${payload!.at(-2) === 'A' ? 'B' : 'A'}${payload!.at(-1)}.${sig}`;
    expect(await checkPresented(db, 'S001', { kind: 'qr', token: flipped }, NOW)).toMatchObject({ ok: false, code: 'TAMPERED' });
    expect(await checkPresented(db, 'S001', { kind: 'qr', token: (await issue({ storeId: 'S002' })).token }, NOW)).toMatchObject({ ok: false, code: 'OTHER_STORE' });
    expect(await checkPresented(db, 'S001', { kind: 'qr', token }, Date.parse('2026-12-05T00:00:00Z'))).toMatchObject({ ok: false, code: 'EXPIRED' });
    expect(await checkPresented(db, 'S001', { kind: 'qr', token: (await issue({ passId: 'pass-0000-oldoldold' })).token }, NOW)).toMatchObject({ ok: false, code: 'REVOKED' });
  });

  it('locks the kiosk after five wrong codes, even against the right one, until the back-off has passed', async () => {
    await db.pickup_passes.insert((await issue()).doc);
    for (let i = 0; i < CODE_FAILURES_BEFORE_LOCK; i++) {
      const wrong = await checkPresented(db, 'S001', { kind: 'code', code: `4200000${i}` }, NOW + i * 1000);
      expect(wrong).toMatchObject({ ok: false, code: 'WRONG_CODE', triesLeft: CODE_FAILURES_BEFORE_LOCK - i - 1 });
    }
    const locked = await checkPresented(db, 'S001', { kind: 'code', code: CODE }, NOW + 10_000);
    expect(locked).toMatchObject({ ok: false, code: 'LOCKED' });
    expect(!locked.ok && locked.until).toBeGreaterThan(NOW + 10_000);
    expect(sim.commands()).toHaveLength(0);
    // The attempts are a local document of this database (kept over a reload): the lock lifts only with time.
    expect(await checkPresented(db, 'S001', { kind: 'code', code: CODE }, NOW + 3_600_000)).toMatchObject({ ok: true });
  });

  it('sends a cash-on-delivery order to the counter, where the money is taken, although its pass holds', async () => {
    const { token, doc } = await issue();
    await db.pickup_passes.insert(doc);
    await db.orders.upsert(packOrder(ORDER, { fulfilment: { type: 'pickup', slot: { kind: '2h', dueAt: '2026-11-27T13:00:00.000Z' } }, payment: { method: 'cod', amount: 3000, currency: 'CNY', paid: false } }));
    expect(await checkPresented(db, 'S001', { kind: 'qr', token }, NOW)).toMatchObject({ ok: false, code: 'NOT_READY' });
    expect(await checkPresented(db, 'S001', { kind: 'code', code: CODE }, NOW)).toMatchObject({ ok: false, code: 'NOT_READY' });
  });

  it('sends the customer to the counter when the door does not open, and records the failure for staff', async () => {
    await db.pickup_passes.insert((await issue()).doc);
    sim.faults.stuck.add('0:3');
    const opened = await openForCustomer(db, lockers, device, { orderId: ORDER, compartment: { bankId: 'front', number: 3 }, proof: 'code' });
    expect(opened).toMatchObject({ ok: false, code: 'DOOR_DID_NOT_OPEN' });
    const failed = await db.order_events.find({ selector: { orderId: ORDER, type: 'locker_failed' } }).exec();
    expect(failed).toHaveLength(1);
    expect(failed[0]!.operatorId).toBe(SELF_SERVICE_OPERATOR);
    expect(await awaitDoorClosed(db, lockers, device)).toBe('closed');
    expect(await db.order_events.find({ selector: { orderId: ORDER, type: 'picked_up' } }).exec()).toHaveLength(0);
  });
});

