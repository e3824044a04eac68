import { describe, expect, it } from 'vitest';
import { hashPin, lockedUntil, verifyPin } from './pin.js';
import { canApprove, permission } from './permissions.js';

describe('PIN hashes', () => {
  it('verifies the right PIN and refuses a wrong one, with a fresh salt each time', async () => {
    const a = await hashPin('4821', 1000);
    const b = await hashPin('4821', 1000);
    expect(a.salt).not.toBe(b.salt);
    expect(a.hash).not.toContain('4821');
    expect(await verifyPin('4821', a)).toBe(true);
    expect(await verifyPin('4822', a)).toBe(false);
    expect(await verifyPin('48', a)).toBe(false);
  });

  it('refuses PINs that are not 4 to 8 digits', async () => {
    await expect(hashPin('12a4')).rejects.toThrow(/4 to 8 digits/);
    await expect(hashPin('123456789')).rejects.toThrow(/4 to 8 digits/);
  });

  it('locks out with a growing back-off after three failures', () => {
    expect(lockedUntil(2, 1000)).toBe(0);
    expect(lockedUntil(3, 1000)).toBe(31_000);
    expect(lockedUntil(4, 1000)).toBe(61_000);
    expect(lockedUntil(40, 0)).toBe(15 * 60_000);
  });
});

describe('permission table', () => {
  it('lets no picker close the day and asks a manager to approve a picker’s stock adjustment', () => {
    expect(permission(['picker'], 'day.close')).toMatchObject({ allowed: false, code: 'FORBIDDEN' });
    expect(permission(['picker'], 'stock.adjust')).toEqual({ allowed: true, needsApproval: true });
    expect(permission(['manager'], 'stock.adjust')).toEqual({ allowed: true, needsApproval: false });
    expect(canApprove(['manager'], 'stock.adjust')).toBe(true);
    expect(canApprove(['packer'], 'stock.adjust')).toBe(false);
    expect(canApprove(['manager'], 'order.accept')).toBe(false);
  });
});
