import { describe, expect, it } from 'vitest';
import { formatRelative, formatStoreTime, formatYuan, maskPhone, orderIdTail } from './format.js';

describe('format', () => {
  it('shows fen as yuan exactly', () => {
    expect(formatYuan(12850)).toBe('¥128.50');
    expect(formatYuan(5)).toBe('¥0.05');
    expect(formatYuan(0)).toBe('¥0.00');
    expect(formatYuan(10_000_000_000)).toBe('¥100000000.00');
    expect(formatYuan(1999, 'USD')).toBe('19.99 USD');
  });
  it('masks all but the last four digits of a phone number', () => {
    expect(maskPhone('13800001234')).toBe('•••••••1234');
    expect(maskPhone('+86 138-0000-5678')).toBe('•••••••5678');
    expect(maskPhone('123')).toBe('•••');
    expect(maskPhone('13800001234')).not.toContain('138');
  });
  it('shows times in the store time zone', () => {
    expect(formatStoreTime('2026-11-27T10:12:00.000Z', 'Asia/Shanghai')).toBe('2026-11-27 18:12:00');
    expect(formatStoreTime('2026-11-27T20:12:05.000Z', 'Asia/Shanghai')).toBe('2026-11-28 04:12:05');
    expect(formatStoreTime('2026-11-27T10:12:00.000Z', 'UTC')).toBe('2026-11-27 10:12:00');
  });
  it('says how long ago, in the coarsest unit', () => {
    const now = Date.parse('2026-11-27T10:00:00.000Z');
    expect(formatRelative('2026-11-27T09:59:58.000Z', now, 'en')).toBeNull();
    expect(formatRelative('2026-11-27T09:59:30.000Z', now, 'en')).toBe('30 seconds ago');
    expect(formatRelative('2026-11-27T09:55:00.000Z', now, 'en')).toBe('5 minutes ago');
    expect(formatRelative('2026-11-27T07:00:00.000Z', now, 'en')).toBe('3 hours ago');
    expect(formatRelative('2026-11-27T09:55:00.000Z', now, 'zh-CN')).toBe('5分钟前');
  });
});

describe('orderIdTail', () => {
  it('keeps what tells a day\'s orders apart: the serial after the platform prefix and the date', () => {
    expect(orderIdTail('EO-20261201-MX5AA66V-0001')).toBe('MX5AA66V-0001');
    expect(orderIdTail('EO-20261201-MX5AA66V-0002')).not.toBe(orderIdTail('EO-20261201-MX5AA66V-0001'));
    expect(orderIdTail('20261201-7731')).toBe('7731');
    expect(orderIdTail('A-17')).toBe('A-17');
    expect(orderIdTail('platform-order-0123456789abcdef')).toBe('…456789abcdef');
  });
});
