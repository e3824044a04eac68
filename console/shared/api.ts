/**
 * The console's one way to the server: fetch with the session cookie (same origin), the CSRF token in the
 * x-csrf-token header on every write, and every failure as an ApiError with a stable code (sync/protocol/errors.ts
 * codes from the server, NETWORK when it cannot be reached), so each page shows a code and a message the same way.
 */

export { CSRF_HEADER } from '../../sync/protocol/console.js';
import { CSRF_HEADER } from '../../sync/protocol/console.js';

export class ApiError extends Error {
  override name = 'ApiError';
  constructor(
    readonly code: string,
    message: string,
    readonly status: number,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

type Query = Record<string, string | number | undefined | null>;

/** The CSRF token the sign-in (or the session check) handed back; sent on every write until sign-out. */
let csrfToken: string | null = null;

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** `/console/api/x` with the query's set values; used for download links too. */
export function urlOf(path: string, query: Query = {}): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

async function call<T>(method: string, path: string, init: { query?: Query; json?: unknown; body?: Blob | ArrayBuffer; contentType?: string } = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (method !== 'GET' && method !== 'HEAD' && csrfToken) headers[CSRF_HEADER] = csrfToken;
  let body: BodyInit | undefined;
  if (init.json !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(init.json);
  } else if (init.body !== undefined) {
    headers['content-type'] = init.contentType ?? 'application/octet-stream';
    body = init.body;
  }
  let res: Response;
  try {
    res = await fetch(urlOf(path, init.query), { method, headers, body, credentials: 'same-origin' });
  } catch (err) {
    throw new ApiError('NETWORK', err instanceof Error ? err.message : String(err), 0);
  }
  const text = await res.text();
  let parsed: unknown = null;
  if (text) {
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = null;
    }
  }
  if (!res.ok) {
    const e = (parsed ?? {}) as { code?: unknown; message?: unknown; details?: unknown };
    throw new ApiError(
      typeof e.code === 'string' ? e.code : res.status === 401 ? 'UNAUTHORIZED' : 'INTERNAL',
      typeof e.message === 'string' ? e.message : `${res.status} ${res.statusText}`,
      res.status,
      typeof e.details === 'object' && e.details !== null ? (e.details as Record<string, unknown>) : {},
    );
  }
  return parsed as T;
}

export const api = {
  get: <T>(path: string, query?: Query) => call<T>('GET', path, { query }),
  post: <T>(path: string, json?: unknown, query?: Query) => call<T>('POST', path, { json: json ?? {}, query }),
  put: <T>(path: string, json: unknown) => call<T>('PUT', path, { json }),
  patch: <T>(path: string, json: unknown) => call<T>('PATCH', path, { json }),
  delete: <T>(path: string) => call<T>('DELETE', path),
  /** A file sent as it is (a provider's bill): the raw bytes as the body. */
  upload: <T>(path: string, file: Blob, query?: Query) => call<T>('POST', path, { body: file, query, contentType: 'application/octet-stream' }),
  /** A file put in place as it is, with its own media type (a notice's document). */
  putFile: <T>(path: string, file: Blob, contentType: string, query?: Query) => call<T>('PUT', path, { body: file, query, contentType }),
};

/** Any thrown value as a code and a message for the screen. */
export function toApiError(err: unknown): ApiError {
  if (err instanceof ApiError) return err;
  return new ApiError('INTERNAL', err instanceof Error ? err.message : String(err), 0);
}
