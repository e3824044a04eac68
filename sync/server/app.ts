import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance } from 'fastify';
import { API_BASE } from '../protocol/platform.js';
import { addSharedSchemas, swaggerOptions } from './openapi/describe.js';
import { installResponseCheck, type ResponseViolation } from './openapi/conformance.js';
import { MAX_BODY_BYTES, MAX_STREAM_HEARTBEAT_MS, STREAM_HEARTBEAT_MS } from '../protocol/sync.js';
import type { ServerContext } from './context.js';
import type { Db } from './db/index.js';
import { AuthFailures, DEFAULT_AUTH_FAILURE_LIMIT, type AuthFailureLimit } from './edge/auth-limit.js';
import { DEFAULT_CORS_ORIGINS, installCors } from './edge/cors.js';
import { installInputGuard } from './edge/input-guard.js';
import { loggerOptions, type LogStream } from './edge/log.js';
import { assertStrongSecrets } from './edge/secrets.js';
import { errorServerOptions, installErrorHandling } from './errors.js';
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
import { streamRoutes } from './routes/stream.js';
import { StreamRegistry, type StreamLimits } from './stream-registry.js';
import { syncRoutes } from './routes/sync.js';
import { validatorCompiler } from './validation.js';
import { historyRoutes } from './history/routes.js';
import { windowRoutes } from './window/routes.js';
import { ensurePassKeys, type ConfiguredKey } from './pickup/keys.js';
import { publishPassKeys } from './pickup/publish.js';
import { pickupRoutes } from './pickup/routes.js';
import { DEFAULT_WINDOW_SWEEP_MS, WindowSweeper } from './window/sweeper.js';
import { DEFAULT_REMINDER_SWEEP_MS, ReminderSweeper } from './pickup-expiry/sweeper.js';
import { pickupExpiryRoutes } from './pickup-expiry/routes.js';
import { webhookRoutes } from './webhooks/routes.js';
import { CONSOLE_API_BASE } from '../protocol/console.js';
import { consoleAdminRoutes } from './console-auth/admin-routes.js';
import { consoleSessionRoutes } from './console-auth/routes.js';
import { ConsoleAuth, DEFAULT_CONSOLE_AUTH_OPTIONS, type ConsoleAuthOptions } from './console-auth/sessions.js';
import { reportsRoutes } from './reports/routes.js';
import type { ReportSources } from './reports/definitions.js';
import { RECON_BASE } from '../protocol/reconciliation.js';
import { reconciliationConsoleRoutes } from './reconciliation/console-routes.js';
import { settlementMasterRoutes } from './settlement/master/routes.js';
import { SETTLEMENT_BASE } from '../protocol/settlement.js';
import { settlementConsoleRoutes } from './settlement/console-routes.js';
import { reconciliationPlatformRoutes } from './reconciliation/platform-routes.js';
import type { ReconciliationOptions } from './reconciliation/run.js';
import { closedDaySource } from './day-close/closed-days.js';
import { consoleWeb, DEFAULT_CONSOLE_DIR, DEFAULT_SUPPLIER_DIR, supplierWeb } from './console-web/plugin.js';
import { DEFAULT_WEBHOOK_OPTIONS, WebhookWorker, type WebhookWorkerOptions } from './webhooks/worker.js';
import { SUPPLIER_API_BASE } from '../protocol/supplier.js';
import { SUPPLIER_CONSOLE_BASE } from '../protocol/supplier-console.js';
import { DEFAULT_SUPPLIER_AUTH_OPTIONS, SupplierAuth, type SupplierAuthOptions } from './supplier-auth/sessions.js';
import { supplierPortalRoutes } from './supplier-portal/routes.js';
import { supplierConsoleRoutes } from './supplier-portal/console-routes.js';
import { updatesConsoleRoutes } from './updates/console-routes.js';
import { updatesRoutes } from './updates/routes.js';

export interface BuildServerOptions {
  /** An opened, migrated database (see db/index.ts openDb). The server does not close it. */
  db: Db;
  /** At least MIN_SECRET_LENGTH (32) characters each, or the server refuses to start (edge/secrets.ts). */
  adminToken: string;
  platformApiKey: string;
  logger?: boolean;
  /** Where log lines go instead of stdout (tests read them); turns logging on. */
  logStream?: LogStream;
  /** Interval of the `: ping` heartbeat comment on live streams; STREAM_HEARTBEAT_MS when absent (protocol/sync.ts). */
  heartbeatMs?: number;
  /** Origins allowed to call from a web page (edge/cors.ts); DEFAULT_CORS_ORIGINS when absent. */
  corsOrigins?: readonly string[];
  /** Failed authentications allowed per client address and kind of credential (edge/auth-limit.ts). */
  authFailureLimit?: AuthFailureLimit;
  /** Live streams per device and per store on this instance (routes/stream.ts). */
  streamLimits?: StreamLimits;
  /** How often finished work leaves the terminals' window (window/sweeper.ts); 0 turns the timer off (tests sweep by hand). */
  windowSweepMs?: number;
  /** How often uncollected pickup orders are looked at for a reminder (pickup-expiry/sweeper.ts); 0 turns it off. */
  reminderSweepMs?: number;
  /** The pickup pass signing key from configuration (pickup/keys.ts); absent, the database keeps one of its own. */
  pickupSigningKey?: ConfiguredKey;
  /** Tests: every answer of a route that describes its responses is checked against them (openapi/conformance.ts). */
  onResponseViolation?: (v: ResponseViolation) => void;
  /** The webhook delivery worker's timing (webhooks/worker.ts), each defaulting; false: this instance sends none. */
  webhooks?: Partial<WebhookWorkerOptions> | false;
  /**
   * Behind a reverse proxy that terminates TLS: believe its X-Forwarded-For and X-Forwarded-Proto (the console's
   * cookie is Secure when the proxy says https; rate limits count the client's address). TRUST_PROXY=1 in cli.ts.
   */
  trustProxy?: boolean;
  /** The console's session length and sign-in limits (console-auth/sessions.ts), each defaulting. */
  console?: Partial<ConsoleAuthOptions>;
  /**
   * What the reports read from other features (reports/definitions.ts). Absent: the closed days are the
   * reconciliation's (reconciliation.closedDays), and the providers' payments come from its tables.
   */
  reports?: ReportSources;
  /** Where the reconciliation reads closed days from and the agreed fee rates (reconciliation/run.ts). */
  reconciliation?: ReconciliationOptions;
  /** The built head-office console served at /console/ (console-web/plugin.ts); dist/console when absent. */
  consoleDir?: string;
  /** The built supplier portal served at /supplier/ (console-web/plugin.ts); dist/supplier when absent. */
  supplierDir?: string;
  /** The supplier portal's session length, sign-in limit and lockout (supplier-auth/sessions.ts), each defaulting. */
  supplier?: Partial<SupplierAuthOptions>;
  /** The folder of electron-builder's update output served to terminals (updates/routes.ts); UPDATES_DIR in cli.ts. */
  updatesDir?: string;
}

/** Builds the central server, ready to listen. The caller owns the Db and closes it after app.close(). */
export async function buildServer(opts: BuildServerOptions): Promise<FastifyInstance> {
  assertStrongSecrets({ ADMIN_TOKEN: opts.adminToken, PLATFORM_API_KEY: opts.platformApiKey });
  const heartbeatMs = heartbeatOf(opts);
  const app = Fastify({
    logger: opts.logger || opts.logStream ? loggerOptions(opts.logStream) : false,
    bodyLimit: MAX_BODY_BYTES,
    // Streams are closed in preClose; any other connection still open at close is cut rather than waited for.
    forceCloseConnections: true,
    trustProxy: opts.trustProxy ?? false,
    ...errorServerOptions,
  });
  app.setValidatorCompiler(validatorCompiler);
  installErrorHandling(app);
  installInputGuard(app);
  await AuthFailures.install(app, opts.authFailureLimit ?? DEFAULT_AUTH_FAILURE_LIMIT);
  // On the root: console routes of any feature read the session cookie through it (console-auth/guard.ts).
  await ConsoleAuth.install(app, opts.db, { ...DEFAULT_CONSOLE_AUTH_OPTIONS, ...opts.console });
  // Also on the root, after the cookie plugin: the portal's own sessions, cookie (path /supplier) and limits.
  const supplierAuth = SupplierAuth.install(app, opts.db, { ...DEFAULT_SUPPLIER_AUTH_OPTIONS, ...opts.supplier });

  // Rejected orders a crash left with the store that rejected them go on to the next store now.
  await rerouteSweep(opts.db);
  // A signing key and the code secret exist before any push can make an order ready; terminals get the public keys.
  await ensurePassKeys(opts.db, opts.pickupSigningKey);
  await publishPassKeys(opts.db);
  const hub = new ChangeHub(opts.db);
  await hub.start();
  const streams = new StreamRegistry(heartbeatMs, opts.streamLimits);
  await streams.start(opts.db);
  const ctx: ServerContext = { db: opts.db, hub, streams, adminToken: opts.adminToken, platformApiKey: opts.platformApiKey };
  const sweeper = new WindowSweeper(opts.db, opts.windowSweepMs ?? DEFAULT_WINDOW_SWEEP_MS, app.log);
  sweeper.start();
  const reminders = new ReminderSweeper(opts.db, opts.reminderSweepMs ?? DEFAULT_REMINDER_SWEEP_MS, app.log);
  reminders.start();
  const webhooks = opts.webhooks === false ? undefined : new WebhookWorker(opts.db, { ...DEFAULT_WEBHOOK_OPTIONS, ...opts.webhooks }, app.log);
  await webhooks?.start();
  app.addHook('preClose', async () => {
    await sweeper.stop();
    await reminders.stop();
    await streams.stop();
  });
  app.addHook('onClose', async () => {
    // Before the caller closes the database: a POST cut short is put back as due (worker.ts stop).
    await webhooks?.stop();
    await hub.stop();
  });

  if (opts.onResponseViolation) installResponseCheck(app, opts.onResponseViolation);
  await installCors(app, opts.corsOrigins ?? DEFAULT_CORS_ORIGINS);
  addSharedSchemas(app);
  await app.register(swagger, swaggerOptions);
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
    await windowRoutes(api, ctx);
    await pickupRoutes(api, ctx, opts.pickupSigningKey);
    await pickupExpiryRoutes(api, ctx);
    await webhookRoutes(api, ctx);
    await reconciliationPlatformRoutes(api, ctx);
  }, { prefix: API_BASE });
  await app.register(async (sync) => {
    await syncRoutes(sync, ctx);
    await streamRoutes(sync, ctx);
    await historyRoutes(sync, ctx);
  });
  // Beside the sync routes, not inside: those accept the device token, which the verifiers must never answer to.
  await app.register(async (pins) => pinsRoutes(pins, ctx));
  // Its own credential per route too: the device token for feeds, the admin token for rollouts.
  await app.register(async (updates) => updatesRoutes(updates, ctx, opts.updatesDir));
  // The stores' closed days come from the day close's stored facts unless a caller (a test) gives its own: the
  // reconciliation matches cash on delivery and card batches against them, and the reports list them.
  const reconciliation: ReconciliationOptions = { closedDays: closedDaySource(opts.db), ...opts.reconciliation };
  // The central console's API: session cookie and CSRF token, never a bearer; kept out of /openapi.json.
  await app.register(async (con) => {
    await consoleSessionRoutes(con, ctx);
    await consoleAdminRoutes(con, ctx);
    await updatesConsoleRoutes(con, ctx, opts.updatesDir);
    await reportsRoutes(con, ctx, opts.reports ?? (reconciliation.closedDays ? { closedDays: reconciliation.closedDays } : {}));
    await con.register(async (master) => settlementMasterRoutes(master, ctx), { prefix: '/settlement/master' });
  }, { prefix: CONSOLE_API_BASE });
  await app.register(async (recon) => reconciliationConsoleRoutes(recon, ctx, reconciliation), { prefix: RECON_BASE });
  // The supplier portal's API (its own cookie and CSRF token, never the console's) and the chain's side of it in the
  // console; both kept out of /openapi.json (openapi/describe.ts).
  await app.register(async (portal) => supplierPortalRoutes(portal, ctx, supplierAuth), { prefix: SUPPLIER_API_BASE });
  await app.register(async (con) => supplierConsoleRoutes(con, ctx), { prefix: SUPPLIER_CONSOLE_BASE });
  await app.register(async (settlement) => settlementConsoleRoutes(settlement, ctx), { prefix: SETTLEMENT_BASE });
  // The console's pages; its JSON API under /console/api/ is registered by the features that own it.
  await consoleWeb(app, { root: opts.consoleDir ?? DEFAULT_CONSOLE_DIR });
  // The suppliers' portal pages; their JSON API under /supplier/api/ is the supplier-portal feature's.
  await supplierWeb(app, { root: opts.supplierDir ?? DEFAULT_SUPPLIER_DIR });
  return app;
}

/** Terminals call a stream lost after STREAM_SILENCE_MS without a byte: a slower heartbeat would make them flicker offline. */
function heartbeatOf(opts: BuildServerOptions): number {
  const ms = opts.heartbeatMs ?? STREAM_HEARTBEAT_MS;
  if (!Number.isInteger(ms) || ms < 1 || ms > MAX_STREAM_HEARTBEAT_MS) {
    throw new Error(`the live streams' heartbeat must be a whole number of milliseconds from 1 to ${MAX_STREAM_HEARTBEAT_MS}, got ${ms}`);
  }
  return ms;
}
