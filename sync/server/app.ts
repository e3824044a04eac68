import cors from '@fastify/cors';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { API_BASE } from '../protocol/platform.js';
import { MAX_BODY_BYTES } from '../protocol/sync.js';
import type { ServerContext } from './context.js';
import type { Db } from './db/index.js';
import { installErrorHandling } from './errors.js';
import { ChangeHub } from './hub.js';
import { catalogueRoutes } from './routes/catalogue.js';
import { devicesRoutes } from './routes/devices.js';
import { eventsRoutes } from './routes/events.js';
import { operatorsRoutes } from './routes/operators.js';
import { ordersRoutes } from './routes/orders.js';
import { pinsRoutes } from './pins/routes.js';
import { storesRoutes } from './routes/stores.js';
import { rerouteSweep } from './store/reroute.js';
import { stockRoutes } from './routes/stock.js';
import { StreamRegistry, streamRoutes } from './routes/stream.js';
import { syncRoutes } from './routes/sync.js';
import { validatorCompiler } from './validation.js';

export interface BuildServerOptions {
  /** An opened, migrated database (see db/index.ts openDb). The server does not close it. */
  db: Db;
  adminToken: string;
  platformApiKey: string;
  logger?: boolean;
  /** Where log lines go instead of stdout (tests read them); turns logging on. */
  logStream?: { write(line: string): void };
  /** Interval of the `: ping` comment on live streams. */
  pingIntervalMs?: number;
}

/**
 * Requests are logged by method, URL and status only. Bodies carry PINs (operators), and headers carry tokens:
 * neither is ever logged, whatever a library's defaults become.
 */
function logging(stream: BuildServerOptions['logStream']): FastifyServerOptions['logger'] {
  return {
    level: 'info',
    ...(stream ? { stream } : {}),
    serializers: {
      req: (req: { method: string; url: string; ip: string }) => ({ method: req.method, url: req.url, remoteAddress: req.ip }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
  };
}

/** Builds the central server, ready to listen. The caller owns the Db and closes it after app.close(). */
export async function buildServer(opts: BuildServerOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: opts.logger || opts.logStream ? logging(opts.logStream) : false,
    bodyLimit: MAX_BODY_BYTES,
    // Streams are closed in preClose; any other connection still open at close is cut rather than waited for.
    forceCloseConnections: true,
  });
  app.setValidatorCompiler(validatorCompiler);
  installErrorHandling(app);

  // Rejected orders a crash left with the store that rejected them go on to the next store now.
  await rerouteSweep(opts.db);
  const hub = new ChangeHub(opts.db);
  await hub.start();
  const streams = new StreamRegistry(opts.pingIntervalMs ?? 15_000);
  await streams.start(opts.db);
  const ctx: ServerContext = { db: opts.db, hub, streams, adminToken: opts.adminToken, platformApiKey: opts.platformApiKey };
  app.addHook('preClose', async () => {
    await streams.stop();
  });
  app.addHook('onClose', async () => {
    await hub.stop();
  });

  await app.register(cors, {
    origin: true,
    methods: ['GET', 'POST', 'PUT', 'OPTIONS'],
    allowedHeaders: ['Authorization', 'Content-Type'],
    maxAge: 600,
  });
  await app.register(swagger, {
    openapi: {
      info: { title: 'Store Ops central server', version: '1.0.0', description: 'Platform API v1 and the store sync protocol v1.' },
      components: {
        securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
      },
      security: [{ bearer: [] }],
    },
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  app.get('/healthz', { schema: { hide: true } }, async () => ({ ok: true }));

  await app.register(async (api) => {
    await storesRoutes(api, ctx);
    await devicesRoutes(api, ctx);
    await operatorsRoutes(api, ctx);
    await catalogueRoutes(api, ctx);
    await ordersRoutes(api, ctx);
    await eventsRoutes(api, ctx);
    await stockRoutes(api, ctx);
  }, { prefix: API_BASE });
  await app.register(async (sync) => {
    await syncRoutes(sync, ctx);
    await streamRoutes(sync, ctx);
  });
  // Beside the sync routes, not inside: those accept the device token, which the verifiers must never answer to.
  await app.register(async (pins) => pinsRoutes(pins, ctx));
  return app;
}
