import { ContractError, type LockerBankConfig, type LockerLogQuery, type OpenCompartmentInput } from './contract.js';
import { validLockerBank } from './devices/locker/bank-store.js';

/**
 * Edge parsers of the locker methods: arguments come as JSON from a page (web host) or another process (IPC).
 * A shape problem is INVALID_INPUT; a bank that is well-formed but wrong keeps the locker's own code
 * (LOCKER_CONFIG_INVALID) with every problem named, so the settings form can say what to fix.
 */

type Fields = Record<string, unknown>;

function objectArg(method: string, v: unknown, allowed: readonly string[]): Fields {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new ContractError('INVALID_INPUT', `${method}: input must be an object`);
  const extra = Object.keys(v).filter((k) => !allowed.includes(k));
  if (extra.length) throw new ContractError('INVALID_INPUT', `${method}: unknown field(s) ${extra.join(', ')}`);
  return v as Fields;
}

const BANK_ID = /^[A-Za-z0-9_-]{1,40}$/;
const OPERATOR_ID = /^[A-Za-z0-9._-]{1,64}$/;

export function parseLockerBank(v: unknown): LockerBankConfig {
  return validLockerBank(v);
}

export function parseLockerBankId(method: string, v: unknown): string {
  if (typeof v !== 'string' || !BANK_ID.test(v)) throw new ContractError('INVALID_INPUT', `${method}: bankId must be a locker bank id`);
  return v;
}

export function parseOpenCompartment(v: unknown): OpenCompartmentInput {
  const o = objectArg('openCompartment', v, ['bankId', 'number', 'operatorId', 'reason']);
  if (!Number.isInteger(o.number) || (o.number as number) < 1 || (o.number as number) > 9999) throw new ContractError('INVALID_INPUT', 'openCompartment: number must be a compartment number 1-9999');
  if (typeof o.reason !== 'string' || o.reason.trim() === '' || o.reason.length > 200) throw new ContractError('INVALID_INPUT', 'openCompartment: reason must be 1-200 characters');
  if (o.operatorId !== undefined && (typeof o.operatorId !== 'string' || !OPERATOR_ID.test(o.operatorId))) throw new ContractError('INVALID_INPUT', 'openCompartment: operatorId must be an operator id');
  return {
    bankId: parseLockerBankId('openCompartment', o.bankId),
    number: o.number as number,
    reason: o.reason,
    ...(typeof o.operatorId === 'string' ? { operatorId: o.operatorId } : {}),
  };
}

export function parseLockerLogQuery(args: unknown[]): LockerLogQuery | undefined {
  if (args.length > 1) throw new ContractError('INVALID_INPUT', 'listLockerLog takes at most one argument');
  // JSON turns an explicit undefined argument into null.
  if (args[0] === undefined || args[0] === null) return undefined;
  const o = objectArg('listLockerLog', args[0], ['bankId', 'limit']);
  const q: LockerLogQuery = {};
  if (o.bankId !== undefined) q.bankId = parseLockerBankId('listLockerLog', o.bankId);
  if (o.limit !== undefined) {
    if (!Number.isInteger(o.limit) || (o.limit as number) < 1 || (o.limit as number) > 5000) throw new ContractError('INVALID_INPUT', 'listLockerLog: limit must be an integer 1-5000');
    q.limit = o.limit as number;
  }
  return q;
}
