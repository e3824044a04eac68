import type { BillProvider } from '../model/money/bill.js';
import { resolve } from 'node:path';
import { buildServer } from './app.js';
import { openDb } from './db/index.js';
import { useBaselineWasmCompiler } from './db/pglite.js';
import { DEFAULT_AUTH_FAILURE_LIMIT } from './edge/auth-limit.js';
import { parseCorsOrigins } from './edge/cors.js';
import { generateSecret, weakSecretProblem, type SecretName } from './edge/secrets.js';
import { DEFAULT_STREAM_LIMITS } from './stream-registry.js';
import { parseConfiguredKey, PICKUP_KEY_ENV } from './pickup/keys.js';
import { MAX_STREAM_HEARTBEAT_MS, STREAM_HEARTBEAT_MS, STREAM_SILENCE_MS } from '../protocol/sync.js';
import { ProtocolError } from '../protocol/errors.js';
import { createConsoleUser } from './console-auth/users.js';

/** A positive whole number from the environment, or the default when unset. */
function count(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a whole number of at least 1, got "${raw}"`);
  return n;
}

/**
 * `npm run server`. Configured by PORT, HOST, DATABASE_URL, DATA_DIR, ADMIN_TOKEN, PLATFORM_API_KEY, CORS_ORIGINS,
 * AUTH_FAILURES_PER_MINUTE, MAX_STREAMS_PER_DEVICE, MAX_STREAMS_PER_STORE, STREAM_HEARTBEAT_MS, PICKUP_PASS_SIGNING_KEY
 * (several instances: the pass-signing key, "<keyId>:<base64url seed>"; absent, the database keeps its own). Without the secrets it runs in demo mode:
 * they are generated for this run and printed. A secret shorter than 32 characters is refused (edge/secrets.ts).
 * TRUST_PROXY=1: behind a reverse proxy terminating TLS (X-Forwarded-Proto/-For are believed; the console's cookie
 * is Secure when the proxy says https).
 *
 * `npm run server -- create-admin NAME [--password-stdin]`: the first console admin (or another), on the same
 * DATABASE_URL / DATA_DIR. Prints a generated password once, or takes one line from standard input; there is never a
 * default password. With the embedded database, stop the server first (PGlite is one process's).
 */
async function main(): Promise<void> {
  const env = process.env;
  if (process.argv[2] === 'create-admin') return createAdmin(process.argv.slice(3), env);
  const port = Number(env.PORT ?? 8787);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a port number, got "${env.PORT}"`);
  const host = env.HOST ?? '127.0.0.1';
  const databaseUrl = env.DATABASE_URL || undefined;
  const dataDir = resolve(env.DATA_DIR ?? './.data/server');
  const generated: string[] = [];
  const secret = (name: SecretName): string => {
    const given = env[name];
    if (!given) {
      generated.push(name);
      return generateSecret();
    }
    const problem = weakSecretProblem(name, given);
    if (problem) throw new Error(problem);
    return given;
  };
  const adminToken = secret('ADMIN_TOKEN');
  const platformApiKey = secret('PLATFORM_API_KEY');
  const corsOrigins = parseCorsOrigins(env.CORS_ORIGINS);
  const authFailureLimit = { max: count(env, 'AUTH_FAILURES_PER_MINUTE', DEFAULT_AUTH_FAILURE_LIMIT.max), windowMs: 60_000 };
  const streamLimits = {
    perDevice: count(env, 'MAX_STREAMS_PER_DEVICE', DEFAULT_STREAM_LIMITS.perDevice),
    perStore: count(env, 'MAX_STREAMS_PER_STORE', DEFAULT_STREAM_LIMITS.perStore),
  };

  const pickupSigningKey = env[PICKUP_KEY_ENV] ? parseConfiguredKey(env[PICKUP_KEY_ENV]) : undefined;
  const heartbeatMs = count(env, 'STREAM_HEARTBEAT_MS', STREAM_HEARTBEAT_MS);
  if (heartbeatMs > MAX_STREAM_HEARTBEAT_MS) {
    throw new Error(`STREAM_HEARTBEAT_MS must be at most ${MAX_STREAM_HEARTBEAT_MS} (terminals call a live stream silent for ${STREAM_SILENCE_MS} ms lost), got ${heartbeatMs}`);
  }

  // The embedded database's memory (db/pglite.ts): baseline-compiled WebAssembly, before PGlite compiles its own.
  if (!databaseUrl) useBaselineWasmCompiler();
  const db = await openDb(databaseUrl ? { databaseUrl } : { dataDir });
  const trustProxy = env.TRUST_PROXY === '1' || env.TRUST_PROXY === 'true';
  const feeRates = env.FEE_RATES ? parseFeeRates(env.FEE_RATES) : undefined;
  const app = await buildServer({
    db, adminToken, platformApiKey, logger: env.LOG !== '0', corsOrigins, authFailureLimit, streamLimits, heartbeatMs, pickupSigningKey, trustProxy,
    ...(feeRates ? { reconciliation: { feeRates } } : {}),
    // electron-builder's output for the terminals (README, "Publishing an update"); unset, the centre serves none.
    ...(env.UPDATES_DIR ? { updatesDir: resolve(env.UPDATES_DIR) } : {}),
  });
  const address = await app.listen({ port, host });

  const where = databaseUrl ? `PostgreSQL (${redact(databaseUrl)})` : `embedded PGlite in ${dataDir}`;
  const lines = [
    `Store Ops server listening on ${address}`,
    `  database: ${where}`,
    `  OpenAPI:  ${address}/openapi.json  (UI: ${address}/docs)`,
    `  CORS:     ${corsOrigins.join(', ')}`,
  ];
  if (generated.length > 0) {
    lines.push('  DEMO MODE: secrets generated for this run (set them in the environment to keep them):');
    if (generated.includes('ADMIN_TOKEN')) lines.push(`    ADMIN_TOKEN=${adminToken}`);
    if (generated.includes('PLATFORM_API_KEY')) lines.push(`    PLATFORM_API_KEY=${platformApiKey}`);
  }
  process.stdout.write(`${lines.join('\n')}\n`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    process.stdout.write(`${signal}: closing live streams and the database\n`);
    try {
      await app.close();
      await db.close();
      process.exit(0);
    } catch (err) {
      console.error('shutdown failed:', err);
      process.exit(1);
    }
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

async function readStdinLine(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return (Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0] ?? '').trimEnd();
}

async function createAdmin(args: readonly string[], env: NodeJS.ProcessEnv): Promise<void> {
  const name = args.find((a) => !a.startsWith('--'));
  const unknown = args.filter((a) => a.startsWith('--') && a !== '--password-stdin');
  if (!name || unknown.length > 0) throw new Error('usage: npm run server -- create-admin NAME [--password-stdin]');
  const password = args.includes('--password-stdin') ? await readStdinLine() : undefined;
  const databaseUrl = env.DATABASE_URL || undefined;
  if (!databaseUrl) useBaselineWasmCompiler();
  const db = await openDb(databaseUrl ? { databaseUrl } : { dataDir: resolve(env.DATA_DIR ?? './.data/server') });
  try {
    const { user, generatedPassword } = await createConsoleUser(db, { id: null, name: 'command line' }, { name, role: 'admin', password }, 'user.create-cli');
    const lines = [`console admin "${user.name}" created (id ${user.id})`];
    if (generatedPassword) lines.push(`  password (shown once, not stored in clear): ${generatedPassword}`);
    process.stdout.write(`${lines.join('\n')}\n`);
  } catch (err) {
    // A name taken or a password too short: the message is for the person at the terminal.
    if (err instanceof ProtocolError) throw new Error(err.message);
    throw err;
  } finally {
    await db.close();
  }
}

function redact(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch (err) {
    if (err instanceof TypeError) return '(unparsable DATABASE_URL)';
    throw err;
  }
}

main().catch((err: unknown) => {
  const what = process.argv[2] === 'create-admin' ? 'create-admin failed' : 'server failed to start';
  console.error(`${what}:`, err instanceof Error ? err.message : err);
  process.exit(1);
});

/**
 * FEE_RATES=wechat=60,alipay=60: the fee each provider charges by contract, in hundredths of a percent (60 = 0.60%),
 * against which the reconciliation checks every bill row's fee (within 1 fen). A provider left out is not checked.
 */
function parseFeeRates(text: string): Partial<Record<BillProvider, number>> {
  const rates: Partial<Record<BillProvider, number>> = {};
  for (const part of text.split(',').map((p) => p.trim()).filter(Boolean)) {
    const m = /^(wechat|alipay)=(\d{1,4})$/.exec(part);
    if (!m) throw new Error(`FEE_RATES takes provider=rate pairs such as wechat=60,alipay=60 (hundredths of a percent), got "${part}"`);
    rates[m[1] as BillProvider] = Number(m[2]);
  }
  return rates;
}
