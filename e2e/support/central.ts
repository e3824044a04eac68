import { randomBytes } from 'node:crypto';
import { cpSync } from 'node:fs';
import { freshPgDatabase } from '../../sync/server/testing.js';
import { pgliteTemplateDir } from '../../sync/server/test-db-pool.js';
import { apiRoutes, type EnrollmentCodeResponse, type OperatorInput, type OrderInput, type ProductInput, type StoreInput } from '../../sync/protocol/index.js';
import { eventually, freePort, spawnNpm, tempDir, type Child } from './processes.js';

/** A fresh PostgreSQL database on the server named by DATABASE_URL, or null when running on PGlite. */
export async function freshDatabaseUrl(): Promise<{ url: string; drop(): Promise<void> } | null> {
  const base = process.env.DATABASE_URL;
  return base ? freshPgDatabase(base) : null;
}

export interface Central {
  url: string;
  adminToken: string;
  platformApiKey: string;
  child: Child;
  /** Where its database is: PGlite's data directory, or the PostgreSQL database (then dataDir is unused). */
  dataDir: string;
  databaseUrl: string | undefined;
  /** Stops the server process; its data stays, so start() brings it back with the same state. */
  stop(): Promise<void>;
  start(): Promise<void>;
  /**
   * Freezes the server (SIGSTOP to its process group): its connections stay open and nothing is answered, as with a
   * hung server or a cable pulled beyond the store's router. resume() lets it go on (SIGCONT).
   */
  hang(): void;
  resume(): void;
  api<T>(method: string, path: string, token: 'admin' | 'platform', body?: unknown): Promise<{ status: number; body: T }>;
  createStore(store: StoreInput): Promise<void>;
  enrollmentCode(storeId: string): Promise<string>;
  putProducts(storeId: string, products: ProductInput[]): Promise<void>;
  putOperators(storeId: string, operators: OperatorInput[]): Promise<void>;
  postOrder(order: OrderInput): Promise<void>;
}

/** Runs `npm run server` as a separate process, as an operator would. */
export async function startCentral(opts: { databaseUrl?: string; dataDir?: string; port?: number } = {}): Promise<Central> {
  const port = opts.port ?? (await freePort());
  const dataDir = opts.dataDir ?? tempDir('server');
  // A copy of a migrated data directory instead of initdb at the server's first start (embedded PGlite only).
  if (!opts.dataDir && !opts.databaseUrl) cpSync(await pgliteTemplateDir(), dataDir, { recursive: true });
  // The server refuses secrets shorter than 32 characters.
  const adminToken = `admin-${randomBytes(16).toString('hex')}`;
  const platformApiKey = `platform-${randomBytes(16).toString('hex')}`;
  const url = `http://127.0.0.1:${port}`;
  const env = {
    PORT: String(port),
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    ADMIN_TOKEN: adminToken,
    PLATFORM_API_KEY: platformApiKey,
    DATABASE_URL: opts.databaseUrl,
  };
  const launch = async () => {
    const child = spawnNpm('server', [], env);
    await eventually(async () => (await fetch(`${url}${apiRoutes.openapi}`)).ok, `central server on ${url}`, 60_000).catch((err: Error) => {
      throw new Error(`${err.message}\n${child.output()}`);
    });
    return child;
  };
  const central: Central = {
    url,
    adminToken,
    platformApiKey,
    dataDir,
    databaseUrl: opts.databaseUrl,
    child: await launch(),
    async stop() {
      await central.child.stop();
    },
    async start() {
      central.child = await launch();
    },
    hang() {
      signalGroup(central.child, 'SIGSTOP');
    },
    resume() {
      signalGroup(central.child, 'SIGCONT');
    },
    async api<T>(method: string, path: string, token: 'admin' | 'platform', body?: unknown) {
      const res = await fetch(`${url}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${token === 'admin' ? adminToken : platformApiKey}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await res.text();
      return { status: res.status, body: (text ? JSON.parse(text) : null) as T };
    },
    async createStore(store) {
      expectOk(await central.api('POST', apiRoutes.stores, 'admin', store), 'create store');
    },
    async enrollmentCode(storeId) {
      const r = await central.api<EnrollmentCodeResponse>('POST', apiRoutes.enrollmentCodes(storeId), 'admin', {});
      expectOk(r, 'issue enrollment code');
      return r.body.code;
    },
    async putProducts(storeId, products) {
      expectOk(await central.api('PUT', apiRoutes.products(storeId), 'platform', products), 'put products');
    },
    async putOperators(storeId, operators) {
      expectOk(await central.api('PUT', apiRoutes.operators(storeId), 'admin', operators), 'put operators');
    },
    async postOrder(order) {
      expectOk(await central.api('POST', apiRoutes.orders, 'platform', order), `post order ${order.id}`);
    },
  };
  return central;
}

function signalGroup(child: Child, signal: NodeJS.Signals): void {
  const pid = child.proc.pid;
  if (pid === undefined || child.proc.exitCode !== null || child.proc.signalCode !== null) throw new Error(`the server process is not running: cannot send ${signal}`);
  // npm, tsx and node share the group spawnNpm started (detached): the whole server stops, not only npm.
  process.kill(-pid, signal);
}

function expectOk(r: { status: number; body: unknown }, what: string): void {
  if (r.status >= 300) throw new Error(`${what} failed: ${r.status} ${JSON.stringify(r.body)}`);
}
