import { describe, expect, it } from 'vitest';
import { hashEnrollCode } from './enroll.js';

describe('enrollment code recognition', () => {
  it('treats a code typed in lower case or without dashes as the same code, as the server does', () => {
    expect(hashEnrollCode('abcd-efgh-jkmn')).toBe(hashEnrollCode('ABCDEFGHJKMN'));
    expect(hashEnrollCode(' ABCD EFGH JKMN ')).toBe(hashEnrollCode('ABCD-EFGH-JKMN'));
    expect(hashEnrollCode('ABCD-EFGH-JKMN')).not.toBe(hashEnrollCode('ABCD-EFGH-JKMP'));
  });
});
