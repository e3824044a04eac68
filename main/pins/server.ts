import { isErrorBody } from '../../sync/protocol/errors.js';
import { pinRoutes, type OperatorVerifiersResponse } from '../../sync/protocol/pins.js';
import { parseVerifiersResponse } from './parse.js';

export const PIN_FETCH_TIMEOUT_MS = 10_000;

/** The server said no: with its stable code, so the caller can tell "revoked" from "claimed elsewhere". */
export interface Refused {
  kind: 'refused';
  status: number;
  code: string;
  message: string;
}

export type VerifiersFetch = { kind: 'changed'; body: OperatorVerifiersResponse; etag: string | null } | { kind: 'unchanged' } | Refused;

/**
 * Asks the server for the store's verifiers with the main key; with the last ETag a 304 costs nothing. A network
 * failure throws: the caller keeps what it holds and tries again later.
 */
export async function fetchVerifiers(serverUrl: string, mainKey: string, etag: string | null, fetchImpl: typeof fetch): Promise<VerifiersFetch> {
  const headers: Record<string, string> = { authorization: `Bearer ${mainKey}`, accept: 'application/json' };
  if (etag) headers['if-none-match'] = etag;
  const res = await fetchImpl(`${serverUrl}${pinRoutes.operatorVerifiers()}`, { headers, signal: AbortSignal.timeout(PIN_FETCH_TIMEOUT_MS) });
  if (res.status === 304) return { kind: 'unchanged' };
  const body = await readJson(res);
  if (!res.ok) return refused(res.status, body);
  return { kind: 'changed', body: parseVerifiersResponse(body), etag: res.headers.get('etag') };
}

/** Claims the main key of a device enrolled before main keys existed (once per device; see sync/protocol/pins.ts). */
export async function claimMainKey(serverUrl: string, token: string, fetchImpl: typeof fetch): Promise<{ kind: 'claimed'; mainKey: string } | Refused> {
  const res = await fetchImpl(`${serverUrl}${pinRoutes.mainKey()}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, accept: 'application/json' },
    signal: AbortSignal.timeout(PIN_FETCH_TIMEOUT_MS),
  });
  const body = await readJson(res);
  if (!res.ok) return refused(res.status, body);
  const mainKey = (body as { mainKey?: unknown } | null)?.mainKey;
  if (typeof mainKey !== 'string' || mainKey.length < 16) throw new Error(`unexpected answer to ${pinRoutes.mainKey()}`);
  return { kind: 'claimed', mainKey };
}

async function readJson(res: Response): Promise<unknown> {
  const text = await res.text();
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

function refused(status: number, body: unknown): Refused {
  if (isErrorBody(body)) return { kind: 'refused', status, code: body.code, message: body.message };
  return { kind: 'refused', status, code: `HTTP_${status}`, message: `HTTP ${status} without an error body; is this the Store Ops server?` };
}
