import { describe, expect, it } from 'vitest';
import { percentOfBp } from '../shared/format.js';
import { en } from './i18n/en.js';
import { zhCN } from './i18n/zh-CN.js';
import { HOME, PORTAL_PAGES, pageAt, STATEMENT_PAGE } from './routes.js';

function lookup(messages: object, key: string): unknown {
  return key.split('.').reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined), messages);
}

describe('the supplier portal\'s pages', () => {
  it('lists each path once, with a title in both languages, and lands on the statements', () => {
    expect(new Set(PORTAL_PAGES.map((p) => p.path)).size).toBe(PORTAL_PAGES.length);
    for (const p of [...PORTAL_PAGES, STATEMENT_PAGE]) {
      expect(p.path).toMatch(/^[a-z0-9-]+$/);
      expect(typeof lookup(en, p.titleKey), p.path).toBe('string');
      expect(typeof lookup(zhCN, p.titleKey), p.path).toBe('string');
    }
    expect(pageAt(HOME)?.page.path).toBe('statements');
  });

  it('opens a statement from its number in the address, and nothing for an unknown or malformed path', () => {
    expect(pageAt('statements/JS202611-C001')).toEqual({ page: STATEMENT_PAGE, param: 'JS202611-C001' });
    expect(pageAt('statements/JS202611-%E4%B8%93')?.param).toBe('JS202611-专');
    expect(pageAt('statements/%E0%A4%A')).toBeNull();
    expect(pageAt('statements/a/b')).toBeNull();
    expect(pageAt('admin/stores')).toBeNull();
  });

  it('writes rates in basis points as exact percentages', () => {
    expect([2500, 2000, 2050, 1234, 5, 0, 10_000].map(percentOfBp)).toEqual(['25%', '20%', '20.5%', '12.34%', '0.05%', '0%', '100%']);
  });
});
