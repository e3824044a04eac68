import cors from '@fastify/cors';
import type { FastifyInstance } from 'fastify';
import { TERMINAL_APP_ORIGIN } from '../../protocol/sync.js';

/** In CORS_ORIGINS: every http(s) origin on this machine's loopback (127.0.0.0/8, localhost, [::1]), any port. */
export const LOOPBACK = 'loopback';

/**
 * Who may call the server from a web page when CORS_ORIGINS is not set: the terminals, wherever they run.
 * - `app://terminal` is the Electron terminal's own scheme; no web page can have that origin.
 * - Loopback origins are the browser-mode terminal: its web host (main/host) listens on 127.0.0.1 only and serves
 *   the renderer, whose replication then calls this server directly (HTTP + SSE). The port is the host's choice,
 *   so any port. Only a program already running on the terminal's own machine can serve a page from there.
 * Everything else (a page on the internet, a LAN address) gets no CORS headers, so a browser keeps its script from
 * reading our answers. Platforms and scripts do not send an Origin and are not affected either way.
 */
export const DEFAULT_CORS_ORIGINS: readonly string[] = [TERMINAL_APP_ORIGIN, LOOPBACK];

const ORIGIN = /^[a-z][a-z0-9+.-]*:\/\/[^/?#\s]+$/i;

/**
 * CORS_ORIGINS as an allowlist: comma-separated exact origins (scheme://host[:port]) and the word `loopback`.
 * Unset or blank means DEFAULT_CORS_ORIGINS. "*" is refused: reflecting every origin is what this replaces.
 */
export function parseCorsOrigins(value: string | undefined): readonly string[] {
  if (value === undefined || value.trim() === '') return DEFAULT_CORS_ORIGINS;
  const entries = value.split(',').map((e) => e.trim()).filter((e) => e !== '');
  for (const e of entries) {
    if (e === LOOPBACK) continue;
    if (!ORIGIN.test(e)) throw new Error(`CORS_ORIGINS: "${e}" is not an origin (scheme://host[:port], no path) nor "${LOOPBACK}"`);
  }
  return entries.map((e) => (e === LOOPBACK ? e : e.toLowerCase()));
}

export function isLoopbackOrigin(origin: string): boolean {
  let url: URL;
  try {
    url = new URL(origin);
  } catch (err) {
    if (err instanceof TypeError) return false;
    throw err;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return false;
  const host = url.hostname;
  return host === 'localhost' || host === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

export function originAllowed(allowlist: readonly string[], origin: string): boolean {
  const o = origin.toLowerCase();
  return allowlist.some((entry) => (entry === LOOPBACK ? isLoopbackOrigin(o) : entry === o));
}

export async function installCors(app: FastifyInstance, allowlist: readonly string[]): Promise<void> {
  await app.register(cors, {
    // No Origin (same origin, a platform, curl): nothing to allow, so no CORS headers at all.
    origin: (origin: string | undefined, cb: (err: Error | null, allow: boolean) => void) => cb(null, origin !== undefined && originAllowed(allowlist, origin)),
    methods: ['GET', 'POST', 'PUT', 'OPTIONS'],
    allowedHeaders: ['Authorization', 'Content-Type'],
    // A preflight missing its Access-Control-Request-Method is answered like one, not with a bare text 400.
    strictPreflight: false,
    maxAge: 600,
  });
}
