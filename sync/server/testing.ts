import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { schemaVersionOf, syncRoutes, type Checkpoint, type PullResponse, type PushResponse, type PushRow } from '../protocol/sync.js';
import { pinRoutes, type OperatorVerifiersResponse } from '../protocol/pins.js';
import type { CollectionName } from '../model/collections.js';
import type { Order } from '../model/order.js';
import type {
  EnrollmentCodeResponse,
  EnrollResponse,
  OperatorInput,
  OrderInput,
  ProductInput,
  StockResponse,
  StoreInput,
  StoreStockResponse,
} from '../protocol/platform.js';
import { testOperators } from './testing-data.js';
import { buildServer, type BuildServerOptions } from './app.js';
import { openDb, type Db } from './db/index.js';
import { releaseTestDb, takeTestDb } from './test-db-pool.js';
import type { OperatorsUpsertResponse } from './routes/operators.js';
import type { ResponseViolation } from './openapi/conformance.js';
import { platformApi } from './openapi/client.js';

export interface StartTestServerOptions {
  /** Share an already open Db (e.g. two instances on one PGlite). It is not closed by close(). */
  db?: Db;
  /** Attach to an existing PostgreSQL database instead of creating a fresh one (a second instance). */
  databaseUrl?: string;
  adminToken?: string;
  platformApiKey?: string;
  logger?: boolean;
  logStream?: { write(line: string): void };
  heartbeatMs?: number;
  /** Wraps the database the server uses (e.g. logQueries, to count what a request does). */
  wrapDb?: (db: Db) => Db;
  corsOrigins?: BuildServerOptions['corsOrigins'];
  authFailureLimit?: BuildServerOptions['authFailureLimit'];
  streamLimits?: BuildServerOptions['streamLimits'];
  windowSweepMs?: number;
  pickupSigningKey?: BuildServerOptions['pickupSigningKey'];
  /**
   * Answers that break the description (openapi/conformance.ts) fail close() unless this is false; a test that means
   * to look at them passes a function instead.
   */
  checkResponses?: boolean | ((v: ResponseViolation) => void);
  /** The webhook worker's timing; absent, a test server sends no webhooks (a fuzzed URL must never be called). */
  webhooks?: BuildServerOptions['webhooks'];
  /** Believe X-Forwarded-Proto/-For (a test acting as the TLS proxy in front). */
  trustProxy?: boolean;
  /** The console's session length and sign-in limits (console-auth/sessions.ts). */
  console?: BuildServerOptions['console'];
  /** The supplier portal's session length, sign-in limit and lockout (supplier-auth/sessions.ts). */
  supplier?: BuildServerOptions['supplier'];
  /** The built console to serve at /console/ (console-web/plugin.ts). */
  consoleDir?: string;
  /** The built supplier portal to serve at /supplier/ (console-web/plugin.ts). */
  supplierDir?: string;
  /** Closed days and fee rates for the reconciliation (reconciliation/run.ts). */
  reconciliation?: BuildServerOptions['reconciliation'];
  /** The folder of update feeds to serve (updates/routes.ts). */
  updatesDir?: string;
}

export interface SyncOptions {
  schemaVersion?: number;
}

export interface ApiResult<T = unknown> {
  status: number;
  body: T;
}

export interface TestServer {
  url: string;
  /** The Fastify instance itself, for tests that look at what is registered (e.g. every route under a prefix). */
  app: FastifyInstance;
  adminToken: string;
  platformApiKey: string;
  db: Db;
  /** The database this instance uses when on PostgreSQL; pass it to a second startTestServer to share it. */
  databaseUrl: string | undefined;
  close(): Promise<void>;
  /** Raw JSON request; never throws on a 4xx/5xx. */
  request<T = unknown>(method: string, path: string, opts?: { token?: string; body?: unknown }): Promise<ApiResult<T>>;
  admin: {
    createStore(input?: Partial<StoreInput> & { id?: string }): Promise<StoreInput>;
    /** createStore, then the TEST_OPERATORS of that store (so makeOrderEvent's default operator is valid). */
    seedStore(storeId?: string, input?: Partial<StoreInput>): Promise<StoreInput>;
    putOperators(storeId: string, operators: OperatorInput[]): Promise<OperatorsUpsertResponse>;
    issueCode(storeId: string, ttlMinutes?: number): Promise<EnrollmentCodeResponse>;
    enroll(storeId: string, name?: string): Promise<EnrollResponse>;
    revoke(deviceId: string): Promise<void>;
    putProducts(storeId: string, products: ProductInput[]): Promise<void>;
    postOrder(input: OrderInput): Promise<Order>;
    /** GET the store's stock view with the platform key (or the given token); throws on an error status. */
    stock(storeId: string, token?: string): Promise<StoreStockResponse>;
    /** GET every store's stock view with the platform key (or the given token); throws on an error status. */
    allStock(token?: string): Promise<StockResponse>;
  };
  /**
   * The device side of the sync protocol, as raw results (status and body). schemaVersion defaults to the
   * collection's current one; pass an older one to act as a terminal that has not migrated yet.
   */
  sync: {
    pull<C extends CollectionName>(token: string, collection: C, from?: Checkpoint | null, limit?: number, opts?: SyncOptions): Promise<ApiResult<PullResponse<C>>>;
    push<C extends CollectionName>(token: string, collection: C, rows: PushRow<C>[], opts?: SyncOptions): Promise<ApiResult<PushResponse<C>>>;
    /** GET the operators' PIN verifiers with a main key (or any other bearer, to see it refused). */
    verifiers(mainKey: string, ifNoneMatch?: string): Promise<ApiResult<OperatorVerifiersResponse | undefined> & { etag: string | null }>;
  };
}

/**
 * A real server on 127.0.0.1 and an ephemeral port: PostgreSQL when DATABASE_URL is set, else in-memory PGlite. Its
 * database holds only what migrations write (a pooled one, emptied when the previous test's server closed).
 */
export async function startTestServer(opts: StartTestServerOptions = {}): Promise<TestServer> {
  // Long enough for the server's minimum (edge/secrets.ts), with a prefix that says which is which in a failure.
  const adminToken = opts.adminToken ?? `admin-${randomBytes(24).toString('base64url')}`;
  const platformApiKey = opts.platformApiKey ?? `platform-${randomBytes(24).toString('base64url')}`;
  let pooled = false;
  let db: Db;
  let databaseUrl: string | undefined;
  if (opts.db) {
    db = opts.db;
  } else if (opts.databaseUrl) {
    databaseUrl = opts.databaseUrl;
    db = await openDb({ databaseUrl });
  } else {
    ({ db, databaseUrl } = await takeTestDb());
    pooled = true;
  }
  const pooledDb = db;
  const violations: ResponseViolation[] = [];
  const check = opts.checkResponses ?? true;
  if (opts.wrapDb) db = opts.wrapDb(db);
  const app = await buildServer({
    db,
    adminToken,
    platformApiKey,
    logger: opts.logger ?? false,
    logStream: opts.logStream,
    heartbeatMs: opts.heartbeatMs,
    corsOrigins: opts.corsOrigins,
    authFailureLimit: opts.authFailureLimit,
    streamLimits: opts.streamLimits,
    // Tests sweep the window by hand (window/sweep.ts), at the time they choose.
    windowSweepMs: opts.windowSweepMs ?? 0,
    reminderSweepMs: 0,
    pickupSigningKey: opts.pickupSigningKey,
    ...(check === false ? {} : { onResponseViolation: typeof check === 'function' ? check : (v: ResponseViolation) => violations.push(v) }),
    webhooks: opts.webhooks ?? false,
    trustProxy: opts.trustProxy,
    console: opts.console,
    ...(opts.supplier ? { supplier: opts.supplier } : {}),
    consoleDir: opts.consoleDir,
    supplierDir: opts.supplierDir,
    ...(opts.reconciliation ? { reconciliation: opts.reconciliation } : {}),
    ...(opts.updatesDir ? { updatesDir: opts.updatesDir } : {}),
  }).catch(async (err: unknown) => {
    // A server that refused to start (a short secret) hands its database back like one that closed.
    if (pooled) await releaseTestDb(pooledDb);
    else if (!opts.db) await pooledDb.close();
    throw err;
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = app.server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;

  async function request<T>(method: string, path: string, o: { token?: string; body?: unknown } = {}): Promise<ApiResult<T>> {
    const headers: Record<string, string> = {};
    if (o.token !== undefined) headers.authorization = `Bearer ${o.token}`;
    if (o.body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(url + path, { method, headers, body: o.body === undefined ? undefined : JSON.stringify(o.body) });
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : undefined) as T };
  }

  // The admin's and the platform's calls go through the client generated from the description (openapi/client.ts).
  const asAdmin = platformApi(url, adminToken);
  const asPlatform = platformApi(url, platformApiKey);

  function expectOk<T>(res: { data?: T; error?: unknown; response: Response }, what: string): T {
    if (res.data === undefined) throw new Error(`${what} failed: ${res.response.status} ${JSON.stringify(res.error)}`);
    return res.data;
  }
  const storeParams = (storeId: string) => ({ params: { path: { storeId } } });

  const admin: TestServer['admin'] = {
    async createStore(input = {}) {
      const store: StoreInput = {
        id: input.id ?? 'S001',
        name: input.name ?? `Store ${input.id ?? 'S001'}`,
        timezone: input.timezone ?? 'Asia/Shanghai',
        location: input.location ?? { lat: 22.54, lon: 114.06 },
        serviceRadiusKm: input.serviceRadiusKm ?? 10,
        ...(input.settings ? { settings: input.settings } : {}),
        ...(input.window ? { window: input.window } : {}),
      };
      return expectOk(await asAdmin.POST('/api/v1/stores', { body: store }), 'createStore');
    },
    async seedStore(storeId = 'S001', input = {}) {
      const store = await admin.createStore({ ...input, id: storeId });
      await admin.putOperators(storeId, testOperators(storeId));
      return store;
    },
    async putOperators(storeId, operators) {
      return expectOk(await asAdmin.PUT('/api/v1/stores/{storeId}/operators', { ...storeParams(storeId), body: operators }), 'putOperators');
    },
    async issueCode(storeId, ttlMinutes) {
      const body = ttlMinutes === undefined ? {} : { ttlMinutes };
      return expectOk(await asAdmin.POST('/api/v1/stores/{storeId}/enrollment-codes', { ...storeParams(storeId), body }), 'issueCode');
    },
    async enroll(storeId, name = 'Terminal') {
      const { code } = await admin.issueCode(storeId);
      return expectOk(await platformApi(url).POST('/api/v1/devices/enroll', { body: { code, name } }), 'enroll');
    },
    async revoke(deviceId) {
      expectOk(await asAdmin.POST('/api/v1/devices/{deviceId}/revoke', { params: { path: { deviceId } } }), 'revoke');
    },
    async putProducts(storeId, products) {
      expectOk(await asPlatform.PUT('/api/v1/stores/{storeId}/products', { ...storeParams(storeId), body: products }), 'putProducts');
    },
    async postOrder(input) {
      return expectOk(await asPlatform.POST('/api/v1/orders', { body: input }), 'postOrder');
    },
    async stock(storeId, token = platformApiKey) {
      return expectOk(await platformApi(url, token).GET('/api/v1/stores/{storeId}/stock', storeParams(storeId)), 'stock');
    },
    async allStock(token = platformApiKey) {
      return expectOk(await platformApi(url, token).GET('/api/v1/stock'), 'allStock');
    },
  };

  const sync: TestServer['sync'] = {
    async pull(token, collection, from, limit, opts = {}) {
      const q = new URLSearchParams({ schemaVersion: String(opts.schemaVersion ?? schemaVersionOf(collection)) });
      if (from) {
        q.set('position', String(from.position));
        q.set('id', from.id);
        if (from.until !== undefined) q.set('until', String(from.until));
      }
      if (limit !== undefined) q.set('limit', String(limit));
      return request('GET', `${syncRoutes.pull(collection)}?${q.toString()}`, { token });
    },
    async push(token, collection, rows, opts = {}) {
      const version = opts.schemaVersion ?? schemaVersionOf(collection);
      return request('POST', `${syncRoutes.push(collection)}?schemaVersion=${version}`, { token, body: { rows } });
    },
    async verifiers(mainKey, ifNoneMatch) {
      const headers: Record<string, string> = { authorization: `Bearer ${mainKey}` };
      if (ifNoneMatch !== undefined) headers['if-none-match'] = ifNoneMatch;
      const res = await fetch(url + pinRoutes.operatorVerifiers(), { headers });
      const text = await res.text();
      return { status: res.status, body: (text ? JSON.parse(text) : undefined) as OperatorVerifiersResponse | undefined, etag: res.headers.get('etag') };
    },
  };

  let closed = false;
  return {
    sync,
    app,
    url,
    adminToken,
    platformApiKey,
    db,
    databaseUrl,
    request,
    admin,
    async close() {
      if (closed) return;
      closed = true;
      await app.close();
      if (pooled) await releaseTestDb(pooledDb);
      else if (!opts.db) await db.close();
      if (violations.length > 0) {
        // One line per route, status and problem: a fuzz run repeats the same break many times over.
        const kinds = new Map(violations.map((v) => [`${v.method} ${v.route} -> ${v.status}: ${v.problem}`, v.url]));
        const list = [...kinds].slice(0, 20).map(([kind, url]) => `${kind} (e.g. ${url})`);
        throw new Error(`${violations.length} answer(s) break the OpenAPI description:\n${list.join('\n')}`);
      }
    },
  };
}

export * from './testing-data.js';
export { freshPgDatabase } from './test-db-pool.js';
export { openTestStream, type TestStream } from './test-stream.js';
