import { describe, expect, it } from 'vitest';
import { ACTIONS, ROLES, type Operator } from '../../../sync/model/index.js';
import { authorize, gateOf } from './authorize.js';

const person = (id: string, roles: Operator['roles'], active = true): Operator => ({
  id, storeId: 'S001', name: id, roles, hasPin: true, active, updatedAt: '2026-11-27T08:00:00.000Z',
});
const picker = person('pick', ['picker']);
const manager = person('boss', ['manager']);

describe('authorize', () => {
  it('lets a picker adjust stock only with an active manager other than themselves approving', () => {
    expect(authorize({ operatorId: 'pick', roles: ['picker'] }, 'stock.adjust')).toMatchObject({ ok: false, code: 'NEEDS_APPROVAL' });
    expect(authorize({ operatorId: 'pick', roles: ['picker'] }, 'stock.adjust', manager)).toEqual({ ok: true, approvedBy: 'boss' });
    expect(authorize({ operatorId: 'pick', roles: ['picker'] }, 'stock.adjust', person('boss', ['manager'], false))).toMatchObject({ ok: false, code: 'APPROVER_INVALID' });
    expect(authorize({ operatorId: 'pick', roles: ['picker'] }, 'stock.adjust', person('pal', ['picker', 'packer']))).toMatchObject({ ok: false, code: 'APPROVER_INVALID' });
    expect(authorize({ operatorId: 'pick', roles: ['picker'] }, 'stock.adjust', picker)).toMatchObject({ ok: false, code: 'APPROVER_INVALID' });
  });

  it('lets a manager adjust alone, recording no approver', () => {
    expect(authorize({ operatorId: 'boss', roles: ['manager'] }, 'stock.adjust')).toEqual({ ok: true });
    expect(authorize({ operatorId: 'boss', roles: ['manager'] }, 'stock.adjust', person('boss2', ['manager']))).toEqual({ ok: true });
  });

  it('forbids what no role of the operator allows, approval or not', () => {
    expect(authorize({ operatorId: 'pick', roles: ['picker'] }, 'day.close', manager)).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(authorize({ operatorId: 'pack', roles: ['packer'] }, 'order.pick')).toMatchObject({ ok: false, code: 'FORBIDDEN' });
  });
});

describe('gateOf', () => {
  it('shows stock adjustment to every role, asking non-managers for approval', () => {
    expect(ROLES.map((r) => gateOf([r], 'stock.adjust'))).toEqual(['approval', 'approval', 'approval', 'allowed', 'forbidden']);
    expect(gateOf(['picker', 'manager'], 'stock.adjust')).toBe('allowed');
  });
  it('agrees with authorize for every role and action', () => {
    for (const role of ROLES) {
      for (const action of ACTIONS) {
        const result = authorize({ operatorId: 'x', roles: [role] }, action);
        const expected = result.ok ? 'allowed' : result.code === 'NEEDS_APPROVAL' ? 'approval' : 'forbidden';
        expect(gateOf([role], action), `${role} ${action}`).toBe(expected);
      }
    }
  });
});
