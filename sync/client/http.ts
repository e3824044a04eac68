import { isErrorBody, ProtocolError } from '../protocol/errors.js';

/** Narrows an untyped JSON body to the response type; false means the server broke the protocol. */
export type Guard<T> = (value: unknown) => value is T;

export interface HttpOptions {
  serverUrl: string;
  token: string;
  /** A request that takes longer is abandoned as NETWORK, so a half-open connection cannot stall replication. */
  timeoutMs?: number;
  fetch?: typeof fetch;
}

/** Authenticated JSON requests to the sync API. Every failure becomes a ProtocolError with a stable code. */
export class SyncHttp {
  private readonly base: string;
  private readonly fetchImpl: typeof fetch;
  private readonly inFlight = new Set<AbortController>();

  constructor(private readonly opts: HttpOptions) {
    this.base = opts.serverUrl.replace(/\/+$/, '');
    this.fetchImpl = opts.fetch ?? globalThis.fetch.bind(globalThis);
  }

  url(path: string): string {
    return this.base + path;
  }

  get headers(): Record<string, string> {
    return { authorization: `Bearer ${this.opts.token}`, accept: 'application/json' };
  }

  async get<T>(path: string, guard: Guard<T>): Promise<T> {
    return this.request(path, { method: 'GET' }, guard);
  }

  async post<T>(path: string, body: unknown, guard: Guard<T>): Promise<T> {
    return this.request(path, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }, guard);
  }

  /**
   * Abandons every request in flight as NETWORK, for when the link is known to be dead (the live stream went
   * silent): a request on a dead connection would otherwise hold its replication until its own timeout.
   */
  abortInFlight(reason: string): void {
    for (const ctrl of this.inFlight) ctrl.abort(new Error(reason));
  }

  private async request<T>(path: string, init: RequestInit, guard: Guard<T>): Promise<T> {
    const ctrl = new AbortController();
    this.inFlight.add(ctrl);
    try {
      return await this.exchange(path, init, guard, AbortSignal.any([ctrl.signal, AbortSignal.timeout(this.opts.timeoutMs ?? 30_000)]));
    } finally {
      this.inFlight.delete(ctrl);
    }
  }

  private async exchange<T>(path: string, init: RequestInit, guard: Guard<T>, signal: AbortSignal): Promise<T> {
    let res: Response;
    try {
      res = await this.fetchImpl(this.url(path), {
        ...init,
        headers: { ...this.headers, ...(init.headers as Record<string, string> | undefined) },
        signal,
      });
    } catch (err) {
      throw networkError(signal.aborted ? signal.reason : err);
    }
    let body: unknown;
    try {
      body = await res.json();
    } catch (err) {
      if (!res.ok) throw new ProtocolError('INTERNAL', `HTTP ${res.status} without a JSON error body`, res.status);
      throw networkError(signal.aborted ? signal.reason : err);
    }
    if (!res.ok) {
      if (isErrorBody(body)) throw new ProtocolError(body.code, body.message, res.status, body.details);
      throw new ProtocolError('INTERNAL', `HTTP ${res.status} with an unrecognised error body`, res.status);
    }
    if (!guard(body)) throw new ProtocolError('INTERNAL', `the server's response to ${path} does not match the protocol`, res.status);
    return body;
  }
}

export function networkError(err: unknown): ProtocolError {
  if (err instanceof ProtocolError) return err;
  const reason = err instanceof Error ? (err.cause instanceof Error ? err.cause.message : err.message) : String(err);
  return new ProtocolError('NETWORK', `server unreachable: ${reason}`, 0);
}

export function asProtocolError(err: unknown): ProtocolError {
  if (err instanceof ProtocolError) return err;
  return new ProtocolError('INTERNAL', err instanceof Error ? err.message : String(err), 0);
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
