import { describe, expect, it } from 'vitest';
import type { Operator } from '../../../sync/model/index.js';
import { filterOperators, findByBadge, sortOperators } from './operators.js';
import { idleRemainingMs } from './idle.js';

const op = (id: string, name: string, active = true, badge?: string): Operator => ({
  id, storeId: 'S001', name, roles: ['picker'], hasPin: true, active, updatedAt: '2026-11-27T08:00:00.000Z', ...(badge ? { badge } : {}),
});

describe('the sign-in list', () => {
  const staff = sortOperators([op('z', 'Zhang Wei'), op('l', 'Li Na', false), op('w', 'Wang Fang', true, 'BADGE-W'), op('a', 'An Qi', true, 'badge-a')]);
  it('lists active operators first, each group by name', () => {
    expect(staff.map((o) => o.id)).toEqual(['a', 'w', 'z', 'l']);
  });
  it('filters by any part of the name or id, ignoring case', () => {
    expect(filterOperators(staff, 'an').map((o) => o.id)).toEqual(['a', 'w', 'z']);
    expect(filterOperators(staff, ' LI ').map((o) => o.id)).toEqual(['l']);
    expect(filterOperators(staff, '').length).toBe(4);
  });
  it('finds the owner of a badge, exactly first, then ignoring case', () => {
    expect(findByBadge(staff, 'BADGE-W')?.id).toBe('w');
    expect(findByBadge(staff, 'BADGE-A')?.id).toBe('a');
    expect(findByBadge(staff, ' badge-w ')?.id).toBe('w');
    expect(findByBadge(staff, 'BADGE-X')).toBeUndefined();
    expect(findByBadge(staff, '')).toBeUndefined();
  });
});

describe('idle lock', () => {
  it('counts down from the last input', () => {
    expect(idleRemainingMs(1_000, 1_000, 300)).toBe(300_000);
    expect(idleRemainingMs(1_000, 301_000, 300)).toBe(0);
    expect(idleRemainingMs(1_000, 400_000, 300)).toBeLessThan(0);
  });
});
