import { describe, expect, it } from 'vitest';
import { pickLocale } from './locale.js';
import { en } from './en.js';
import { zhCN } from './zh-CN.js';

describe('pickLocale', () => {
  it('follows the saved choice first', () => {
    expect(pickLocale('en', ['zh-CN'])).toBe('en');
    expect(pickLocale('zh-CN', ['en-US'])).toBe('zh-CN');
  });
  it('otherwise follows the first system language it knows', () => {
    expect(pickLocale(null, ['zh-TW', 'en'])).toBe('zh-CN');
    expect(pickLocale(null, ['fr-FR', 'en-GB', 'zh-CN'])).toBe('en');
    expect(pickLocale(null, ['de-DE'])).toBe('en');
    expect(pickLocale(null, [])).toBe('en');
  });
});

describe('resources', () => {
  const keys = (obj: object, prefix = ''): string[] =>
    Object.entries(obj).flatMap(([k, v]) => (typeof v === 'string' ? [`${prefix}${k}`] : keys(v as object, `${prefix}${k}.`)));
  it('zh-CN translates every English key, and no text is left empty by mistake', () => {
    expect(keys(zhCN).sort()).toEqual(keys(en).sort());
    const empty = (obj: object) => keys(obj).filter((k) => k !== 'deadline.none' && k.split('.').reduce<unknown>((o, p) => (o as Record<string, unknown>)[p], obj) === '');
    expect(empty(en)).toEqual([]);
    expect(empty(zhCN)).toEqual([]);
  });
});
