import { describe, expect, it } from 'vitest';
import { startTestServer } from '../testing.js';
import { assertStrongSecrets, generateSecret, MIN_SECRET_LENGTH } from './secrets.js';

describe('ADMIN_TOKEN and PLATFORM_API_KEY', () => {
  it('must be at least 32 characters, checked by buildServer so no way of starting a server skips it', async () => {
    expect(MIN_SECRET_LENGTH).toBe(32);
    const long = 'k'.repeat(MIN_SECRET_LENGTH);
    await expect(startTestServer({ adminToken: 'admin-123', platformApiKey: long })).rejects.toThrow(/ADMIN_TOKEN must be at least 32 characters long \(it has 9\)/);
    await expect(startTestServer({ adminToken: long, platformApiKey: 'k'.repeat(31) })).rejects.toThrow(/PLATFORM_API_KEY must be at least 32/);
    const s = await startTestServer({ adminToken: long, platformApiKey: `${long}p` });
    await s.close();
  });

  it('are generated long enough when not configured', () => {
    const a = generateSecret();
    expect(a.length).toBeGreaterThanOrEqual(MIN_SECRET_LENGTH);
    expect(generateSecret()).not.toBe(a);
    expect(() => assertStrongSecrets({ ADMIN_TOKEN: a, PLATFORM_API_KEY: generateSecret() })).not.toThrow();
  });
});
