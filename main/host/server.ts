import Fastify, { type FastifyInstance } from 'fastify';
import fastifyStatic from '@fastify/static';
import type { AddressInfo } from 'node:net';
import { httpPath, type StoreOpsContract } from '../contract.js';
import { HTTP_STATUS, invokeContract, toErrorBody } from '../dispatch.js';
import { pinnedServerUrl, securityHeaders } from '../csp.js';
import type { SettingsStore } from '../settings/index.js';
import { checkContractCaller, checkHost, refuse } from './guard.js';
import type { Logger } from '../logs/index.js';

export interface WebHostOptions {
  ops: StoreOpsContract;
  settings: SettingsStore;
  /** The built renderer (dist/renderer). */
  rendererDir: string;
  /** 0 picks a free port. */
  port: number;
  /** Main's log (DATA_DIR/logs/main.log): each refused or failed contract call is written there. */
  log?: Logger;
}

export interface WebHost {
  app: FastifyInstance;
  port: number;
  url: string;
  close(): Promise<void>;
}

const contractBodySchema = {
  type: 'object',
  additionalProperties: false,
  required: ['args'],
  properties: { args: { type: 'array', maxItems: 8 } },
} as const;

/**
 * Browser mode: serves the built renderer and answers the contract at POST /contract/:method on 127.0.0.1 only.
 * Request {args: [...]} → 200 {result} | 4xx/5xx {error: {code, message}}.
 */
export async function startWebHost(opts: WebHostOptions): Promise<WebHost> {
  // Unknown body fields are refused rather than silently stripped (Fastify's default).
  const app = Fastify({ logger: false, bodyLimit: 64 * 1024, ajv: { customOptions: { removeAdditional: false } } });
  let port = opts.port;

  // Only JSON bodies: text/plain is a "simple" content type a foreign page could send without a preflight.
  app.removeContentTypeParser('text/plain');

  app.addHook('onRequest', async (req, reply) => {
    const refusal = checkHost(req, port);
    if (refusal) return refuse(reply, refusal);
  });

  app.addHook('onSend', async (req, reply, payload) => {
    if (req.url.startsWith('/contract/')) {
      reply.header('cache-control', 'no-store');
      return payload;
    }
    const serverUrl = await opts.settings.load().then(
      (s) => pinnedServerUrl(s),
      // A corrupt settings file is reported by the contract; the page itself gets the narrowest policy.
      () => 'http://invalid.invalid',
    );
    for (const [name, value] of Object.entries(securityHeaders(serverUrl))) reply.header(name, value);
    reply.header('cache-control', req.url === '/' || req.url.startsWith('/index.html') ? 'no-cache' : 'public, max-age=300');
    return payload;
  });

  app.post<{ Params: { method: string }; Body: { args: unknown[] } }>(
    `${httpPath('getSettings').replace('getSettings', ':method')}`,
    { schema: { body: contractBodySchema } },
    async (req, reply) => {
      const refusal = checkContractCaller(req, port);
      if (refusal) return refuse(reply, refusal);
      try {
        return { result: await invokeContract(opts.ops, req.params.method, req.body.args) };
      } catch (err) {
        const error = toErrorBody(err);
        // The code and message only: the arguments may hold a PIN.
        if (error.code === 'INTERNAL') opts.log?.error(`contract ${req.params.method} failed: ${error.code} ${error.message}`);
        else opts.log?.warn(`contract ${req.params.method} failed: ${error.code} ${error.message}`);
        return reply.code(HTTP_STATUS[error.code]).send({ error });
      }
    },
  );

  app.setErrorHandler((err: { statusCode?: number; message: string }, _req, reply) => {
    const status = err.statusCode && err.statusCode >= 400 && err.statusCode < 500 ? err.statusCode : 500;
    const code = status < 500 ? 'INVALID_INPUT' : 'INTERNAL';
    return reply.code(status).send({ error: { code, message: err.message } });
  });

  // Browsers ask for it on their own; answering "nothing" keeps a 404 out of the console.
  app.get('/favicon.ico', async (_req, reply) => reply.code(204).send());

  await app.register(fastifyStatic, { root: opts.rendererDir, prefix: '/', index: ['index.html'], wildcard: true });

  await app.listen({ host: '127.0.0.1', port: opts.port });
  port = (app.server.address() as AddressInfo).port;
  return { app, port, url: `http://127.0.0.1:${port}/`, close: () => app.close() };
}
