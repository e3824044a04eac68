import { existsSync } from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { consoleSecurityHeaders } from './csp.js';

/** Where the console is served; its JSON API (console-auth, reconciliation) lives below CONSOLE_API_PREFIX. */
export const CONSOLE_BASE = '/console/';
export const CONSOLE_API_PREFIX = '/console/api/';

/** Where the supplier portal (供应商网上平台) is served; its JSON API (supplier-portal) lives below SUPPLIER_API_PREFIX. */
export const SUPPLIER_BASE = '/supplier/';
export const SUPPLIER_API_PREFIX = '/supplier/api/';

const DIST = path.resolve(import.meta.dirname, '..', '..', '..', 'dist');
/** `npm run build` writes the console here (vite.console.config.ts). */
export const DEFAULT_CONSOLE_DIR = path.join(DIST, 'console');
/** `npm run build` writes the supplier portal here (vite.supplier.config.ts). */
export const DEFAULT_SUPPLIER_DIR = path.join(DIST, 'supplier');

export interface ConsoleWebOptions {
  /** The built console: index.html and assets/. */
  root: string;
}

/** One single-page app the server serves: where, its API prefix (never answered with the page), its build. */
export interface WebAppOptions {
  /** '/console/': with both slashes. */
  base: string;
  /** '/console/api/': a path below it is the app's JSON API. */
  apiPrefix: string;
  /** The built app: index.html and assets/. */
  root: string;
  /** What to tell whoever opens an app that was not built: its name and its build config. */
  name: string;
}

/** The head-office console at /console/. */
export async function consoleWeb(app: FastifyInstance, opts: ConsoleWebOptions): Promise<void> {
  await webApp(app, { base: CONSOLE_BASE, apiPrefix: CONSOLE_API_PREFIX, root: opts.root, name: 'The console' });
}

/** The suppliers' portal at /supplier/: the same rules and the same security headers as the console. */
export async function supplierWeb(app: FastifyInstance, opts: ConsoleWebOptions): Promise<void> {
  await webApp(app, { base: SUPPLIER_BASE, apiPrefix: SUPPLIER_API_PREFIX, root: opts.root, name: 'The supplier portal' });
}

/**
 * Serves a single-page app: its files from `root`, and index.html for any other path under its base so that a
 * reloaded or bookmarked page (/console/reconciliation/exceptions) opens the app, which then routes on the client.
 * Two kinds of path never get the page: the JSON API (a client expects an error body, not HTML) and anything that
 * looks like a file (a stale hashed asset must be a 404, not HTML parsed as a script).
 */
export async function webApp(app: FastifyInstance, opts: WebAppOptions): Promise<void> {
  const root = path.resolve(opts.root);
  const built = existsSync(path.join(root, 'index.html'));
  const bare = opts.base.replace(/\/+$/, '');
  await app.register(async (scope) => {
    scope.addHook('onSend', async (_req, reply, payload) => {
      reply.headers(consoleSecurityHeaders());
      return payload;
    });
    if (built) {
      // serve: false — we route ourselves (below) and only use reply.sendFile, which refuses paths outside root.
      await scope.register(fastifyStatic, { root, serve: false, index: false });
    }
    scope.get(bare, { schema: { hide: true } }, async (_req, reply) => reply.redirect(opts.base, 301));
    scope.get(`${opts.base}*`, { schema: { hide: true } }, async (req, reply) => serve(req, reply, opts, root, built));
  });
}

async function serve(req: FastifyRequest, reply: FastifyReply, opts: WebAppOptions, root: string, built: boolean): Promise<FastifyReply> {
  const url = req.url.split('?')[0] ?? '';
  if (url.startsWith(opts.apiPrefix)) return notFound(reply, req);
  if (!built) {
    return reply.status(503).type('text/plain; charset=utf-8').send(`${opts.name} is not built: run \`npm run build\` on the server, then reload this page.\n`);
  }
  const rel = decodeSafe(url.slice(opts.base.length));
  if (rel === null) return notFound(reply, req);
  if (rel !== '' && looksLikeFile(rel)) {
    const file = path.resolve(root, rel);
    if (!file.startsWith(root + path.sep) || !existsSync(file)) return notFound(reply, req);
    // Vite's file names under assets/ carry a content hash: they never change, so the browser may keep them.
    const immutable = rel.startsWith('assets/');
    return reply.sendFile(rel, root, { cacheControl: true, immutable, maxAge: immutable ? 365 * 24 * 3600 * 1000 : 0 });
  }
  // The page itself is never cached: a new build must reach the next load, with the new asset names it names.
  return reply.header('cache-control', 'no-cache').sendFile('index.html', root, { cacheControl: false });
}

function looksLikeFile(rel: string): boolean {
  return /\.[a-z0-9]+$/i.test(rel.split('/').pop() ?? '');
}

function decodeSafe(s: string): string | null {
  try {
    const d = decodeURIComponent(s);
    return d.includes('\0') ? null : d;
  } catch {
    return null;
  }
}

function notFound(reply: FastifyReply, req: FastifyRequest): FastifyReply {
  const what = `${req.method} ${req.url.split('?')[0] ?? ''}`;
  return reply.status(404).type('application/json; charset=utf-8').send({ code: 'NOT_FOUND', message: `${what} does not exist` });
}
