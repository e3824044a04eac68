import { describe, expect, it } from 'vitest';
import { supplierPasswordRefusal, SUPPLIER_PASSWORD_MIN } from './supplier.js';

describe('supplier password rules', () => {
  it('accepts a long enough password that is none of the forbidden kinds', () => {
    expect(supplierPasswordRefusal('spring-2027-counter', 'SUP001', 'Ab3de-Fg4hi-Jk5mn-Pq6rs')).toBeNull();
    expect(supplierPasswordRefusal('春天的专柜结款密码很长', 'SUP001')).toBeNull();
  });

  it('refuses, in this order: too short, too long, the old one, the supplier code, one repeated character', () => {
    expect(supplierPasswordRefusal('a'.repeat(SUPPLIER_PASSWORD_MIN - 1), 'SUP001')).toBe('too_short');
    // Characters, not UTF-16 units: nine CJK characters are nine.
    expect(supplierPasswordRefusal('专'.repeat(9), 'SUP001')).toBe('too_short');
    expect(supplierPasswordRefusal('x'.repeat(257) + 'y', 'SUP001')).toBe('too_long');
    expect(supplierPasswordRefusal('old-password-1', 'SUP001', 'old-password-1')).toBe('same_as_old');
    // The same text in another Unicode normal form is the same password.
    expect(supplierPasswordRefusal('caf\u00e9-counter-1', 'SUP001', 'cafe\u0301-counter-1')).toBe('same_as_old');
    expect(supplierPasswordRefusal('supplier0001', 'SUPPLIER0001')).toBe('is_supplier_code');
    expect(supplierPasswordRefusal(' SUPPLIER0001 ', 'SUPPLIER0001')).toBe('is_supplier_code');
    // The old portal's fixed first password, made long enough, is still refused.
    expect(supplierPasswordRefusal('1111111111', 'SUP001')).toBe('one_character');
    expect(supplierPasswordRefusal('          ', 'SUP001')).toBe('one_character');
  });
});
