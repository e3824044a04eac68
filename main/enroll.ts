import { createHash } from 'node:crypto';
import { ContractError, type EnrollInput } from './contract.js';
import { apiRoutes, normalizeEnrollmentCode, type EnrollResponse } from '../sync/protocol/platform.js';
import { isErrorBody } from '../sync/protocol/errors.js';

export const ENROLL_TIMEOUT_MS = 15_000;

/** Canonical server base URL: http(s), no credentials, query or fragment, no trailing slash. */
export function normalizeServerUrl(input: unknown): string {
  if (typeof input !== 'string' || input.trim() === '') throw new ContractError('INVALID_INPUT', 'Server address is required');
  let url: URL;
  try {
    url = new URL(input.trim());
  } catch {
    throw new ContractError('INVALID_INPUT', `Server address "${input}" is not a URL (expected e.g. http://10.0.0.5:8787)`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ContractError('INVALID_INPUT', `Server address must start with http:// or https://, got "${url.protocol}"`);
  }
  if (url.username || url.password || url.search || url.hash) {
    throw new ContractError('INVALID_INPUT', 'Server address must not contain credentials, a query or a fragment');
  }
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

export interface ValidEnrollInput {
  serverUrl: string;
  code: string;
  deviceName: string;
}

export function validateEnrollInput(input: EnrollInput): ValidEnrollInput {
  const serverUrl = normalizeServerUrl(input.serverUrl);
  const code = typeof input.code === 'string' ? input.code.trim() : '';
  if (code.length < 4 || code.length > 64) throw new ContractError('INVALID_INPUT', 'Enrollment code must be 4 to 64 characters');
  const deviceName = typeof input.deviceName === 'string' ? input.deviceName.trim() : '';
  if (deviceName.length < 1 || deviceName.length > 64) throw new ContractError('INVALID_INPUT', 'Device name must be 1 to 64 characters');
  return { serverUrl, code, deviceName };
}

/** Hashes the code as the server compares it, so a code typed another way is still recognised as already used here. */
export const hashEnrollCode = (code: string) => createHash('sha256').update(normalizeEnrollmentCode(code)).digest('hex');

const REASONS: Record<string, string> = {
  ENROLLMENT_CODE_INVALID: 'the enrollment code is not valid',
  ENROLLMENT_CODE_EXPIRED: 'the enrollment code has expired',
  ENROLLMENT_CODE_USED: 'the enrollment code has already been used',
};

/** Exchanges a code for a device credential at the central server. Throws ContractError with a stable code. */
/** An enrollment answer; a server older than main keys sends none, and main/pins then claims one. */
export type EnrollAnswer = Omit<EnrollResponse, 'mainKey'> & { mainKey?: string };

export async function requestEnrollment(input: ValidEnrollInput, fetchImpl: typeof fetch = fetch): Promise<EnrollAnswer> {
  const url = `${input.serverUrl}${apiRoutes.enroll}`;
  let res: Response;
  try {
    res = await fetchImpl(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ code: input.code, name: input.deviceName }),
      signal: AbortSignal.timeout(ENROLL_TIMEOUT_MS),
    });
  } catch (err) {
    throw new ContractError('SERVER_UNREACHABLE', `Cannot reach the server at ${input.serverUrl}: ${describeFetchError(err)}`);
  }
  const body = await readJson(res);
  if (res.ok) {
    if (isEnrollResponse(body)) return body;
    throw new ContractError('ENROLLMENT_FAILED', `The server at ${input.serverUrl} sent an unexpected enrollment response; is this the Store Ops server?`);
  }
  if (isErrorBody(body)) {
    const reason = REASONS[body.code];
    if (reason) throw new ContractError('ENROLLMENT_FAILED', `Enrollment failed: ${reason} (${body.code})`);
    throw new ContractError('ENROLLMENT_FAILED', `Enrollment failed: the server refused it (${body.code}: ${body.message})`);
  }
  if (res.status === 502 || res.status === 503 || res.status === 504) {
    throw new ContractError('SERVER_UNREACHABLE', `The server at ${input.serverUrl} is unavailable (HTTP ${res.status})`);
  }
  throw new ContractError('ENROLLMENT_FAILED', `Enrollment failed: HTTP ${res.status} from ${url}; is this the Store Ops server?`);
}

async function readJson(res: Response): Promise<unknown> {
  const text = await res.text().catch((err: unknown) => {
    throw new ContractError('SERVER_UNREACHABLE', `The connection broke while reading the server's answer: ${describeFetchError(err)}`);
  });
  try {
    return JSON.parse(text);
  } catch {
    return undefined; // Not JSON: the callers report it as "not the Store Ops server".
  }
}

function isEnrollResponse(v: unknown): v is EnrollAnswer {
  if (typeof v !== 'object' || v === null) return false;
  const r = v as Record<string, unknown>;
  if (r.mainKey !== undefined && (typeof r.mainKey !== 'string' || r.mainKey.length === 0)) return false;
  return [r.deviceId, r.storeId, r.token].every((x) => typeof x === 'string' && x.length > 0);
}

function describeFetchError(err: unknown): string {
  if (err instanceof Error) {
    if (err.name === 'TimeoutError' || err.name === 'AbortError') return `no answer within ${ENROLL_TIMEOUT_MS / 1000} s`;
    const cause = (err as { cause?: unknown }).cause;
    if (cause instanceof Error) return `${err.message} (${cause.message})`;
    return err.message;
  }
  return String(err);
}
