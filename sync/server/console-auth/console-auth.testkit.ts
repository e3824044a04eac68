/**
 * For tests of console routes (this feature's and others'): a console user in the database, and a signed-in
 * session over real HTTP whose helper sends the cookie and, on writes, the CSRF token.
 */
import { CONSOLE_SESSION_COOKIE, consoleRoutes, CSRF_HEADER, type ConsoleRole, type ConsoleSessionResponse, type ConsoleUser, type ConsoleUserView } from '../../protocol/console.js';
import type { Db } from '../db/index.js';
import { createConsoleUser } from './users.js';

export interface SeedConsoleUser {
  name: string;
  role: ConsoleRole;
  /** At least 12 characters; absent, a fixed test password of the name. */
  password?: string;
  /** A manager's stores; they must exist already. */
  storeIds?: string[];
}

/** A console user written straight to the database (audited as made by "testkit"); returns it with its password. */
export async function seedConsoleUser(target: Db | { db: Db }, input: SeedConsoleUser): Promise<{ user: ConsoleUserView; password: string }> {
  const db = 'tx' in target ? target : target.db;
  const password = input.password ?? `test-password-${input.name}`;
  const { user } = await createConsoleUser(db, { id: null, name: 'testkit' }, { name: input.name, role: input.role, storeIds: input.storeIds ?? [], password });
  return { user, password };
}

export interface ConsoleResult<T = unknown> {
  status: number;
  body: T;
  headers: Headers;
}

export interface ConsoleClient {
  user: ConsoleUser;
  /** "storeops_console=…", ready for a Cookie header. */
  cookie: string;
  csrfToken: string;
  /** fetch against baseUrl with the cookie, and the CSRF header on POST/PUT/PATCH/DELETE (unless init sets one). */
  fetch(path: string, init?: RequestInit): Promise<Response>;
  /** JSON in and out; never throws on a 4xx/5xx. */
  request<T = unknown>(method: string, path: string, body?: unknown): Promise<ConsoleResult<T>>;
}

/** The session cookie's name=value from a response's Set-Cookie headers, or undefined. */
export function sessionCookieOf(res: Response): string | undefined {
  const line = res.headers.getSetCookie().find((c) => c.startsWith(`${CONSOLE_SESSION_COOKIE}=`));
  return line?.split(';')[0];
}

/** Signs in over HTTP; throws when the server refuses. */
export async function signInConsole(baseUrl: string, name: string, password: string): Promise<ConsoleClient> {
  const res = await fetch(baseUrl + consoleRoutes.signIn, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name, password }) });
  const text = await res.text();
  if (res.status !== 200) throw new Error(`console sign-in of "${name}" failed: ${res.status} ${text}`);
  const session = JSON.parse(text) as ConsoleSessionResponse;
  const cookie = sessionCookieOf(res);
  if (!cookie) throw new Error('console sign-in answered no session cookie');
  return consoleClient(baseUrl, cookie, session.csrfToken, session.user);
}

/** A client over a cookie and CSRF token already in hand (e.g. to replay a signed-out session). */
export function consoleClient(baseUrl: string, cookie: string, csrfToken: string, user: ConsoleUser): ConsoleClient {
  const doFetch = (path: string, init: RequestInit = {}) => {
    const headers = new Headers(init.headers);
    headers.set('cookie', cookie);
    const method = (init.method ?? 'GET').toUpperCase();
    if (method !== 'GET' && method !== 'HEAD' && !headers.has(CSRF_HEADER)) headers.set(CSRF_HEADER, csrfToken);
    return fetch(baseUrl + path, { ...init, headers });
  };
  return {
    user,
    cookie,
    csrfToken,
    fetch: doFetch,
    async request<T>(method: string, path: string, body?: unknown): Promise<ConsoleResult<T>> {
      const res = await doFetch(path, {
        method,
        ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
      });
      const text = await res.text();
      return { status: res.status, body: (text ? JSON.parse(text) : undefined) as T, headers: res.headers };
    },
  };
}
