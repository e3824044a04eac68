import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { buildServer } from './app.js';
import { openDb } from './db/index.js';

/**
 * `npm run server`. Configured by PORT, HOST, DATABASE_URL, DATA_DIR, ADMIN_TOKEN, PLATFORM_API_KEY. Without the
 * secrets it runs in demo mode: they are generated for this run and printed.
 */
async function main(): Promise<void> {
  const env = process.env;
  const port = Number(env.PORT ?? 8787);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a port number, got "${env.PORT}"`);
  const host = env.HOST ?? '127.0.0.1';
  const databaseUrl = env.DATABASE_URL || undefined;
  const dataDir = resolve(env.DATA_DIR ?? './.data/server');
  const generated: string[] = [];
  const secret = (name: 'ADMIN_TOKEN' | 'PLATFORM_API_KEY'): string => {
    const given = env[name];
    if (given) return given;
    generated.push(name);
    return randomBytes(24).toString('base64url');
  };
  const adminToken = secret('ADMIN_TOKEN');
  const platformApiKey = secret('PLATFORM_API_KEY');

  const db = await openDb(databaseUrl ? { databaseUrl } : { dataDir });
  const app = await buildServer({ db, adminToken, platformApiKey, logger: env.LOG !== '0' });
  const address = await app.listen({ port, host });

  const where = databaseUrl ? `PostgreSQL (${redact(databaseUrl)})` : `embedded PGlite in ${dataDir}`;
  const lines = [`Store Ops server listening on ${address}`, `  database: ${where}`, `  OpenAPI:  ${address}/openapi.json  (UI: ${address}/docs)`];
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
  console.error('server failed to start:', err instanceof Error ? err.message : err);
  process.exit(1);
});
