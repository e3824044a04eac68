import type { PinHash } from '../../sync/model/pin.js';
import type { OperatorVerifier, OperatorVerifiersResponse } from '../../sync/protocol/pins.js';

/**
 * The verifiers as they arrive from the server or come back from disk, checked field by field: a malformed entry
 * must never become an operator who signs in with any PIN, nor a verifier of absurd cost.
 */
export function parseVerifiersResponse(value: unknown): OperatorVerifiersResponse {
  const o = record(value, 'the answer');
  if (typeof o.storeId !== 'string' || o.storeId === '') throw new Error('storeId must be a non-empty string');
  if (!Array.isArray(o.operators)) throw new Error('operators must be an array');
  return { storeId: o.storeId, operators: o.operators.map((op, i) => parseOperator(op, `operators[${i}]`)) };
}

function parseOperator(value: unknown, where: string): OperatorVerifier {
  const o = record(value, where);
  if (typeof o.id !== 'string' || !/^[A-Za-z0-9._-]{1,64}$/.test(o.id)) throw new Error(`${where}.id is not an operator id`);
  if (typeof o.active !== 'boolean') throw new Error(`${where}.active must be a boolean`);
  return { id: o.id, active: o.active, pin: o.pin === null ? null : parsePinHash(o.pin, `${where}.pin`) };
}

function parsePinHash(value: unknown, where: string): PinHash {
  const o = record(value, where);
  if (o.algo !== 'pbkdf2-sha256') throw new Error(`${where}.algo must be pbkdf2-sha256`);
  // The operator schema's bounds: fewer iterations would be a weaker verifier, more a way to stall the terminal.
  if (typeof o.iterations !== 'number' || !Number.isInteger(o.iterations) || o.iterations < 100_000 || o.iterations > 10_000_000) {
    throw new Error(`${where}.iterations must be an integer from 100000 to 10000000`);
  }
  for (const key of ['salt', 'hash'] as const) {
    const v = o[key];
    if (typeof v !== 'string' || !/^[A-Za-z0-9+/]{8,128}={0,2}$/.test(v)) throw new Error(`${where}.${key} must be base64`);
  }
  return { algo: 'pbkdf2-sha256', iterations: o.iterations, salt: o.salt as string, hash: o.hash as string };
}

function record(value: unknown, where: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error(`${where} must be an object`);
  return value as Record<string, unknown>;
}
