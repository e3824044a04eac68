import { describe, expect, it } from 'vitest';
import { signatureHeader, verifySignature } from './webhooks.js';

describe('verifySignature', () => {
  const secret = 'whsec-0123456789abcdef0123456789abcdef';
  const body = '{"id":"evt_1","type":"order.status_changed"}';
  const now = new Date('2026-12-02T10:00:00Z');
  const ts = String(now.getTime() / 1000);
  const header = signatureHeader(secret, ts, body);

  it('accepts the header the server signs, and any one of several v1 values', () => {
    expect(header).toMatch(/^v1=[0-9a-f]{64}$/);
    expect(verifySignature(secret, ts, body, header, now)).toEqual({ ok: true });
    expect(verifySignature(secret, ts, body, `v1=${'0'.repeat(64)}, ${header}`, now)).toEqual({ ok: true });
  });

  it('rejects a wrong secret, a changed body or timestamp, a stale timestamp and a malformed header', () => {
    expect(verifySignature(`${secret}x`, ts, body, header, now)).toEqual({ ok: false, reason: 'BAD_SIGNATURE' });
    expect(verifySignature(secret, ts, body.replace('1', '2'), header, now)).toEqual({ ok: false, reason: 'BAD_SIGNATURE' });
    expect(verifySignature(secret, String(Number(ts) + 1), body, header, now)).toEqual({ ok: false, reason: 'BAD_SIGNATURE' });
    expect(verifySignature(secret, ts, body, header, new Date(now.getTime() + 301_000))).toEqual({ ok: false, reason: 'STALE' });
    expect(verifySignature(secret, ts, body, header, new Date(now.getTime() + 301_000), 600)).toEqual({ ok: true });
    expect(verifySignature(secret, ts, body, header.slice(3), now)).toEqual({ ok: false, reason: 'MALFORMED' });
    expect(verifySignature(secret, ts, body, 'v1=zz', now)).toEqual({ ok: false, reason: 'MALFORMED' });
    expect(verifySignature(secret, 'soon', body, header, now)).toEqual({ ok: false, reason: 'MALFORMED' });
  });
});
