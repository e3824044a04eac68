import { describe, expect, it } from 'vitest';
import { checkApproval, isClockAhead, MAX_CLOCK_AHEAD_MS } from './permissions.js';

const boss = { id: 'boss', roles: ['manager'] as const, active: true };

describe('checkApproval', () => {
  it('needs an active manager other than the actor exactly where the table asks for approval', () => {
    expect(checkApproval(['picker'], 'stock.adjust', null, 'p1')).toMatchObject({ ok: false, code: 'APPROVAL_REQUIRED' });
    expect(checkApproval(['picker'], 'stock.adjust', boss, 'p1')).toEqual({ ok: true });
    expect(checkApproval(['picker'], 'stock.adjust', { ...boss, active: false }, 'p1')).toMatchObject({ ok: false, code: 'APPROVAL_REQUIRED' });
    expect(checkApproval(['picker'], 'stock.adjust', { id: 'c', roles: ['counter'], active: true }, 'p1')).toMatchObject({ ok: false, code: 'APPROVAL_REQUIRED' });
    expect(checkApproval(['picker', 'manager'], 'stock.adjust', { ...boss, id: 'p1' }, 'p1')).toMatchObject({ ok: false, code: 'APPROVAL_REQUIRED' });
    expect(checkApproval(['picker'], 'stock.adjust', { ...boss, id: 'p1' }, 'p1')).toMatchObject({ ok: false, code: 'APPROVAL_REQUIRED' });
    expect(checkApproval(['manager'], 'stock.adjust', null, 'm1')).toEqual({ ok: true });
    expect(checkApproval(['manager'], 'stock.adjust', boss, 'm1')).toMatchObject({ ok: false, code: 'VALIDATION_FAILED' });
    expect(checkApproval(['picker'], 'order.pick', boss, 'p1')).toMatchObject({ ok: false, code: 'VALIDATION_FAILED' });
    expect(checkApproval(['picker'], 'order.pick', null, 'p1')).toEqual({ ok: true });
  });
});

describe('isClockAhead', () => {
  it('allows up to MAX_CLOCK_AHEAD_MS ahead', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(isClockAhead(new Date(now + MAX_CLOCK_AHEAD_MS).toISOString(), now)).toBe(false);
    expect(isClockAhead(new Date(now + MAX_CLOCK_AHEAD_MS + 1).toISOString(), now)).toBe(true);
  });
});
