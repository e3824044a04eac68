import { describe, expect, it } from 'vitest';
import { fromBase64Url } from './base64url.js';
import { formatPassCode, hashPassCode, normalizePassCode, passCodeMatches } from './pickup-code.js';
import type { CodeAttempt } from './pickup-lockout.js';
import type { PickupPassDoc } from './pickup-pass-doc.js';
import { checkPassRelease, checkTypedCode } from './pickup-release.js';
import type { OrderStatus } from './status.js';

const NOW = Date.parse('2026-12-02T10:00:00Z');

async function passDoc(orderId: string, code: string, over: Partial<PickupPassDoc> = {}): Promise<PickupPassDoc> {
  return {
    orderId, storeId: 'S001', passId: `pass-${orderId}-0000000`, lookup: code.slice(0, 2), expiresAt: '2026-12-09T10:00:00.000Z', keyId: 'k1',
    code: await hashPassCode(code, globalThis.crypto.getRandomValues(new Uint8Array(16))), issuedAt: '2026-12-02T09:00:00.000Z',
    readyEventId: 'e1', updatedAt: '2026-12-02T09:00:00.000Z', ...over,
  };
}

describe('pickup codes', () => {
  it('hashes with a fresh salt and matches only the right code', async () => {
    const a = await hashPassCode('12345678', new Uint8Array(16).fill(1));
    const b = await hashPassCode('12345678', new Uint8Array(16).fill(2));
    expect(a.hash).not.toBe(b.hash);
    expect(fromBase64Url(a.hash)).toHaveLength(32);
    expect(await passCodeMatches('12345678', a)).toBe(true);
    expect(await passCodeMatches('12345679', a)).toBe(false);
    expect(await passCodeMatches('12345678', { ...a, N: 2 ** 20 })).toBe(false);
    expect(normalizePassCode(' 12 345-678 ')).toBe('12345678');
    expect(normalizePassCode('1234567')).toBeUndefined();
    expect(formatPassCode('12345678')).toBe('12 345 678');
  });
});

describe('releasing by typed code', () => {
  it('releases the order whose code was typed, from its compartment, checking only the pass with its lookup number', async () => {
    const passes = [await passDoc('EO-1', '12345678', { compartment: { bankId: 'b1', number: 3 } }), await passDoc('EO-2', '34555555')];
    const statusOf = (): OrderStatus => 'ready';
    const r = await checkTypedCode('12 345 678', { passes, statusOf, attempts: [], now: NOW });
    expect(r.outcome).toEqual({ ok: true, orderId: 'EO-1', passId: passes[0]!.passId, compartment: { bankId: 'b1', number: 3 } });
    expect(r.attempt).toEqual({ at: NOW, ok: true, orderIds: ['EO-1'] });
  });

  it('refuses a wrong code and counts it against the order it was aimed at; five lock it, and a right code then waits', async () => {
    const passes = [await passDoc('EO-1', '12345678')];
    const attempts: CodeAttempt[] = [];
    for (let i = 0; i < 5; i++) {
      const r = await checkTypedCode('12000000', { passes, statusOf: () => 'ready', attempts, now: NOW + i });
      expect(r.outcome).toMatchObject({ ok: false, code: 'WRONG_CODE' });
      attempts.push(r.attempt!);
    }
    expect(attempts.at(-1)?.orderIds).toEqual(['EO-1']);
    const locked = await checkTypedCode('12345678', { passes, statusOf: () => 'ready', attempts, now: NOW + 10 });
    expect(locked).toEqual({ outcome: { ok: false, code: 'LOCKED', message: 'too many wrong codes', until: NOW + 4 + 60_000 } });
    const later = await checkTypedCode('12345678', { passes, statusOf: () => 'ready', attempts, now: NOW + 4 + 60_000 });
    expect(later.outcome).toMatchObject({ ok: true, orderId: 'EO-1' });
  });

  it('refuses the right code of an expired pass, of an order already picked up, and of an order not ready', async () => {
    const expired = await passDoc('EO-1', '12345678', { expiresAt: '2026-12-02T09:59:59.000Z' });
    expect((await checkTypedCode('12345678', { passes: [expired], statusOf: () => 'ready', attempts: [], now: NOW })).outcome).toMatchObject({ code: 'EXPIRED' });
    const pass = await passDoc('EO-1', '12345678');
    expect((await checkTypedCode('12345678', { passes: [pass], statusOf: () => 'picked_up', attempts: [], now: NOW })).outcome).toMatchObject({ code: 'USED' });
    expect((await checkTypedCode('12345678', { passes: [pass], statusOf: () => 'cancelled', attempts: [], now: NOW })).outcome).toMatchObject({ code: 'NOT_READY' });
  });

  it('refuses a QR whose pass was replaced by a newer one', () => {
    const doc = { passId: 'newer' } as PickupPassDoc;
    expect(checkPassRelease({ passId: 'older', orderId: 'EO-1' }, { status: 'ready', doc })).toMatchObject({ ok: false, code: 'REVOKED' });
    expect(checkPassRelease({ passId: 'newer', orderId: 'EO-1' }, { status: 'ready', doc })).toMatchObject({ ok: true });
    // A QR the centre signed may arrive before its pass document has: the signature alone speaks for it.
    expect(checkPassRelease({ passId: 'newer', orderId: 'EO-1' }, { status: 'ready', doc: undefined })).toMatchObject({ ok: true });
  });
});
