import { describe, expect, it } from 'vitest';
import { dbNameFor } from './boot.js';

describe('dbNameFor', () => {
  it('makes a valid RxDB name, distinct per store and device, and case-preserving', () => {
    const name = dbNameFor('S001', '3932005d-8a6e-4c71-b64b-b3759b0cb160');
    expect(name).toMatch(/^[a-z][_$a-z0-9-]*$/);
    expect(dbNameFor('S001', 'dev')).not.toBe(dbNameFor('s001', 'dev'));
    expect(dbNameFor('S001', 'dev')).not.toBe(dbNameFor('S002', 'dev'));
    expect(dbNameFor('S001', 'dev-1')).not.toBe(dbNameFor('S001', 'dev-2'));
  });
});
