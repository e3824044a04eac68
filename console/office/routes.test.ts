import { describe, expect, it } from 'vitest';
import { CONSOLE_ROLES } from '../shared/auth-api.js';
import { en } from '../shared/i18n/en.js';
import { zhCN } from '../shared/i18n/zh-CN.js';
import { CONSOLE_PAGES, NAV_GROUPS, homeOf, pageAt, pagesFor } from './routes.js';

function lookup(messages: object, key: string): unknown {
  return key.split('.').reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined), messages);
}

describe('the console nav registry', () => {
  it('lists each path once, in a known section, with a title in both languages', () => {
    expect(new Set(CONSOLE_PAGES.map((p) => p.path)).size).toBe(CONSOLE_PAGES.length);
    const groups = new Set(NAV_GROUPS.map((g) => g.id));
    for (const p of CONSOLE_PAGES) {
      expect(groups.has(p.group), p.path).toBe(true);
      expect(p.path, p.path).toMatch(/^[a-z0-9-]+(\/[a-z0-9-]+)*$/);
      expect(typeof lookup(en, p.titleKey), p.path).toBe('string');
      expect(typeof lookup(zhCN, p.titleKey), p.path).toBe('string');
    }
  });

  it('shows the admin screens to admins only, and the bill import to finance and admin, not to managers', () => {
    const paths = (role: (typeof CONSOLE_ROLES)[number]) => pagesFor(role).map((p) => p.path);
    expect(paths('admin')).toEqual(expect.arrayContaining(['admin/stores', 'admin/enrollment-codes', 'admin/staff', 'admin/devices', 'admin/users', 'reconciliation/import']));
    expect(paths('finance')).toEqual(expect.arrayContaining(['reconciliation/import', 'reconciliation/exceptions', 'reconciliation/bills']));
    expect(paths('finance').filter((p) => p.startsWith('admin/'))).toEqual([]);
    expect(paths('manager')).not.toContain('reconciliation/import');
    expect(paths('manager').filter((p) => p.startsWith('admin/'))).toEqual([]);
  });

  it('tells a page another role may use from one that does not exist, and lands each role on a page it may use', () => {
    expect(pageAt('admin/stores', 'finance')).toBe('forbidden');
    expect(pageAt('no/such/page', 'admin')).toBeNull();
    expect(pageAt('admin/stores', 'admin')).toMatchObject({ path: 'admin/stores' });
    for (const role of CONSOLE_ROLES) {
      const home = homeOf(role);
      expect(pageAt(home, role), role).toMatchObject({ path: home });
    }
  });
});
