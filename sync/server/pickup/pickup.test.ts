import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkTypedCode } from '../../model/pickup-release.js';
import { checkPassRelease } from '../../model/pickup-release.js';
import { verifyPassToken } from '../../model/pickup-pass.js';
import { passCodeMatches } from '../../model/pickup-code.js';
import type { PlatformEventsResponse } from '../../protocol/platform.js';
import { makeOrderEvent, makeOrderInput, startTestServer, type TestServer } from '../testing.js';
import { getPass, livePasses, makeReady, pickupOrder, pushEvents, seededTerminal, storeKeys, type Terminal } from './pickup.testkit.js';

let s: TestServer;
let t: Terminal;
beforeEach(async () => {
  s = await startTestServer();
  t = await seededTerminal(s);
});
afterEach(async () => {
  await s.close();
});

describe('issuing a pickup pass', () => {
  it('issues a pass when a pickup order becomes ready; the terminal verifies its QR offline with the synced public key alone', async () => {
    const orderId = await pickupOrder(s, t);
    expect(await getPass(s, orderId)).toMatchObject({ status: 409, body: { code: 'PICKUP_NOT_READY', details: { status: 'new' } } });
    const ready = await makeReady(s, t, orderId);
    const pass = await getPass(s, orderId);
    expect(pass.status).toBe(200);
    expect(pass.body.code).toMatch(/^[0-9]{8}$/);
    // The hold is a week from the moment the order became ready, in whole seconds.
    expect(Date.parse(pass.body.expiresAt)).toBe(Math.floor((Date.parse(ready.at) + 168 * 3_600_000) / 1000) * 1000);
    // Asked again, the same pass.
    expect((await getPass(s, orderId)).body).toEqual(pass.body);

    // What the terminal holds: the store's public keys and the pass document. Nothing else is needed to check.
    const keys = await storeKeys(s, t);
    const doc = (await livePasses(s, t)).get(orderId)!;
    expect(doc).toMatchObject({ orderId, storeId: 'S001', lookup: pass.body.code.slice(0, 2), readyEventId: ready.id, expiresAt: pass.body.expiresAt });
    const now = Date.now();
    const verified = verifyPassToken(pass.body.qr, { storeId: 'S001', keys, now });
    expect(verified).toEqual({ ok: true, claims: expect.objectContaining({ orderId, passId: doc.passId, storeId: 'S001', expiresAt: pass.body.expiresAt }) });
    if (!verified.ok) return;
    expect(checkPassRelease(verified.claims, { status: 'ready', doc })).toEqual({ ok: true, orderId, passId: doc.passId });
    // The typed code is checked against the synced slow hash.
    expect(await passCodeMatches(pass.body.code, doc.code)).toBe(true);
    const typed = await checkTypedCode(pass.body.code, { passes: [doc], statusOf: () => 'ready', attempts: [], now });
    expect(typed.outcome).toMatchObject({ ok: true, orderId });

    // The platform hears of the pass after the order became ready, with its expiry; never the code itself.
    const feed = (await s.request<PlatformEventsResponse>('GET', '/api/v1/events?limit=100', { token: s.platformApiKey })).body.events.filter((e) => e.orderId === orderId);
    expect(feed.slice(-2)).toEqual([
      expect.objectContaining({ status: 'ready', returnRequested: false }),
      expect.objectContaining({ status: 'ready', fact: 'pickup_pass_issued', expiresAt: pass.body.expiresAt }),
    ]);
    expect(feed.at(-2)).not.toHaveProperty('fact');
    expect(JSON.stringify(feed)).not.toContain(pass.body.code);
  });

  it('refuses tampered, expired, other-store and used passes', async () => {
    const orderId = await pickupOrder(s, t);
    await makeReady(s, t, orderId);
    const { qr } = (await getPass(s, orderId)).body;
    const keys = await storeKeys(s, t);
    const [prefix, payload, sig] = qr.split('.') as [string, string, string];
    const forged = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, unknown>;
    forged.o = 'EO-SOMEONE-ELSES';
    const tampered = `${prefix}.${Buffer.from(JSON.stringify(forged)).toString('base64url')}.${sig}`;
    expect(verifyPassToken(tampered, { storeId: 'S001', keys, now: Date.now() })).toMatchObject({ ok: false, code: 'TAMPERED' });
    expect(verifyPassToken(qr, { storeId: 'S002', keys, now: Date.now() })).toMatchObject({ ok: false, code: 'OTHER_STORE' });
    expect(verifyPassToken(qr, { storeId: 'S001', keys, now: Date.now() + 8 * 86_400_000 })).toMatchObject({ ok: false, code: 'EXPIRED' });

    // Another store's terminal holds other keys? No: one centre, one key; the store check refuses it there.
    const other = await seededTerminal(s, 'S002', 'Other kiosk');
    expect(verifyPassToken(qr, { storeId: 'S002', keys: await storeKeys(s, other), now: Date.now() })).toMatchObject({ ok: false, code: 'OTHER_STORE' });

    await pushEvents(s, t, [makeOrderEvent(t, orderId, 'picked_up', { via: 'counter', proof: 'qr' })]);
    const verified = verifyPassToken(qr, { storeId: 'S001', keys, now: Date.now() });
    if (!verified.ok) throw new Error('the pass should still verify');
    const doc = (await livePasses(s, t)).get(orderId);
    expect(checkPassRelease(verified.claims, { status: 'picked_up', doc })).toMatchObject({ ok: false, code: 'USED' });
    expect(await getPass(s, orderId)).toMatchObject({ status: 409, body: { code: 'PICKUP_NOT_READY', details: { status: 'picked_up' } } });
  });

  it('reissues the pass when the order is loaded into another compartment; the old QR is then refused as REVOKED', async () => {
    const orderId = await pickupOrder(s, t);
    await makeReady(s, t, orderId, { compartment: { bankId: 'bank-1', number: 3 } });
    const first = (await getPass(s, orderId)).body;
    expect(first.compartment).toEqual({ bankId: 'bank-1', number: 3 });
    const keys = await storeKeys(s, t);
    const firstClaims = verifyPassToken(first.qr, { storeId: 'S001', keys, now: Date.now() });
    expect(firstClaims).toMatchObject({ ok: true, claims: { compartment: { bankId: 'bank-1', number: 3 } } });

    await pushEvents(s, t, [makeOrderEvent(t, orderId, 'ready', { compartment: { bankId: 'bank-1', number: 9 } })]);
    const second = (await getPass(s, orderId)).body;
    expect(second.compartment).toEqual({ bankId: 'bank-1', number: 9 });
    // The move is no status change, but the new pass is news to the platform: the customer needs the new code.
    const issued = (await s.request<PlatformEventsResponse>('GET', '/api/v1/events?limit=100', { token: s.platformApiKey })).body.events.filter((e) => e.orderId === orderId && e.fact === 'pickup_pass_issued');
    expect(issued.map((e) => e.expiresAt)).toEqual([first.expiresAt, second.expiresAt]);
    expect(second.code).not.toBe(first.code);
    const doc = (await livePasses(s, t)).get(orderId)!;
    if (!firstClaims.ok) return;
    // The old QR's signature still holds, but the terminal's pass document names the new pass.
    expect(checkPassRelease(firstClaims.claims, { status: 'ready', doc })).toMatchObject({ ok: false, code: 'REVOKED' });
    const typedOld = await checkTypedCode(first.code, { passes: [doc], statusOf: () => 'ready', attempts: [], now: Date.now() });
    expect(typedOld.outcome).toMatchObject({ ok: false, code: 'WRONG_CODE' });

    await pushEvents(s, t, [makeOrderEvent(t, orderId, 'picked_up', { at: new Date(Date.now() - 1000).toISOString(), via: 'counter', proof: 'code' })]);
    await pushEvents(s, t, [makeOrderEvent(t, orderId, 'ready', { at: new Date(Date.now() - 500).toISOString(), compartment: { bankId: 'bank-1', number: 2 } })]);
    // A ready after the pickup is ignored by the fold: the order stays picked up and no pass is issued.
    expect((await livePasses(s, t)).get(orderId)?.passId).toBe(doc.passId);
    expect(await getPass(s, orderId)).toMatchObject({ status: 409, body: { code: 'PICKUP_NOT_READY' } });
  });

  it('holds the order for the store\'s pickupHoldHours: the pass expires that long after the order became ready', async () => {
    await s.admin.createStore({ id: 'S001', settings: { pickupHoldHours: 48 } });
    const orderId = await pickupOrder(s, t);
    const ready = await makeReady(s, t, orderId);
    const pass = (await getPass(s, orderId)).body;
    expect(Date.parse(pass.expiresAt)).toBe(Math.floor((Date.parse(ready.at) + 48 * 3_600_000) / 1000) * 1000);
  });

  it('answers the platform only: a delivery order has no pass, an unknown order is 404, and the key is required', async () => {
    const delivery = (await s.admin.postOrder(makeOrderInput({ storeId: 'S001' }))).id;
    expect(await getPass(s, delivery)).toMatchObject({ status: 409, body: { code: 'NOT_PICKUP_ORDER' } });
    expect(await getPass(s, 'EO-NOPE')).toMatchObject({ status: 404, body: { code: 'UNKNOWN_ORDER' } });
    expect(await getPass(s, delivery, s.adminToken)).toMatchObject({ status: 401, body: { code: 'UNAUTHORIZED' } });
    expect(await getPass(s, delivery, t.token)).toMatchObject({ status: 401, body: { code: 'UNAUTHORIZED' } });
    const spec = (await s.request<{ paths: Record<string, unknown> }>('GET', '/openapi.json')).body;
    expect(Object.keys(spec.paths)).toContain('/api/v1/orders/{id}/pickup-pass');
  });
});
