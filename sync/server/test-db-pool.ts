/**
 * Test-only: migrated databases that a test file's servers reuse, emptied between tests.
 *
 * Opening a database is the slow part of a server test (about 1 s to start PGlite from a snapshot, 0.3 s to create
 * and migrate a PostgreSQL database), while emptying one takes milliseconds. So a closed test server hands its
 * database back here; the next test gets it emptied to the state that migrations leave (their seed rows put back),
 * which is exactly what a freshly opened database holds. `drainTestDbs` (registered by the vitest setup file after
 * each test file) closes them, and drops the PostgreSQL ones.
 */
import { createHash, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import pg from 'pg';
import { MIGRATIONS } from './db/migrations.js';
import { openDb, pgliteTemplate, type Db } from './db/index.js';

export interface PooledDb {
  db: Db;
  /** The database this one lives in, on PostgreSQL. */
  databaseUrl: string | undefined;
}

interface Entry extends PooledDb {
  drop: (() => Promise<void>) | undefined;
  /** Rows the migrations wrote (e.g. counters), by table, put back after each emptying. */
  seeds: Map<string, unknown[]>;
  tables: string[];
}

const idle: Entry[] = [];
const lent = new Map<Db, Entry>();
let template: Promise<Blob> | undefined;

export async function freshPgDatabase(baseUrl: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `storeops_t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  // Identifiers cannot be bound parameters; the name is ours, made of hex digits only.
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: baseUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

/**
 * The migrated, empty PGlite cluster as a snapshot. initdb and the migrations take about 5 s, and every test file
 * runs in a fresh module graph, so the snapshot is kept in the temp folder under a name that changes whenever the
 * migrations or PGlite do.
 */
async function snapshotKey(): Promise<string> {
  // PGlite's package.json is not among its exports; it sits one folder above the entry point.
  const entry = createRequire(import.meta.url).resolve('@electric-sql/pglite');
  const pgliteVersion = (JSON.parse(await readFile(join(dirname(entry), '..', 'package.json'), 'utf8')) as { version: string }).version;
  return createHash('sha256').update(JSON.stringify([pgliteVersion, MIGRATIONS])).digest('hex').slice(0, 16);
}

/**
 * A migrated, empty PGlite data directory to copy for a server run as its own process (e2e): copying it takes
 * milliseconds where initdb takes seconds. Made once per migrations and PGlite version, in the temp folder.
 */
export async function pgliteTemplateDir(): Promise<string> {
  const dir = join(tmpdir(), `storeops-pglite-datadir-${await snapshotKey()}`);
  if (existsSync(join(dir, 'PG_VERSION'))) return dir;
  const part = `${dir}.${process.pid}.part`;
  await rm(part, { recursive: true, force: true });
  const db = await openDb({ dataDir: part });
  await db.close();
  // Renamed whole, so a process that finds the directory finds all of it; a racing maker's copy is dropped.
  await rename(part, dir).catch(async () => rm(part, { recursive: true, force: true }));
  return dir;
}

async function pgliteSnapshot(): Promise<Blob> {
  const file = join(tmpdir(), `storeops-pglite-template-${await snapshotKey()}.tar`);
  try {
    return new Blob([await readFile(file)]);
  } catch {
    const blob = await pgliteTemplate();
    // Written aside and renamed, so a file running in parallel never reads half a snapshot.
    const part = `${file}.${process.pid}.part`;
    await writeFile(part, Buffer.from(await blob.arrayBuffer()));
    await rename(part, file);
    return blob;
  }
}

async function open(): Promise<Entry> {
  let db: Db;
  let databaseUrl: string | undefined;
  let drop: (() => Promise<void>) | undefined;
  if (process.env.DATABASE_URL) {
    const fresh = await freshPgDatabase(process.env.DATABASE_URL);
    databaseUrl = fresh.url;
    drop = fresh.drop;
    db = await openDb({ databaseUrl });
  } else {
    template ??= pgliteSnapshot();
    db = await openDb({ template: await template });
  }
  const tables = (
    await db.query<{ name: string }>(
      "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> 'schema_migrations' ORDER BY 1",
    )
  ).map((r) => r.name);
  const seeds = new Map<string, unknown[]>();
  for (const table of tables) {
    const [row] = await db.query<{ rows: unknown[] | null }>(`SELECT json_agg(t) AS rows FROM ${quote(table)} t`);
    if (row?.rows?.length) seeds.set(table, row.rows);
  }
  return { db, databaseUrl, drop, seeds, tables };
}

/** A migrated database holding nothing but what migrations seed. Give it back with releaseTestDb. */
export async function takeTestDb(): Promise<PooledDb> {
  const entry = idle.pop() ?? (await open());
  lent.set(entry.db, entry);
  return { db: entry.db, databaseUrl: entry.databaseUrl };
}

/** Empties the database and keeps it for the next test; one that cannot be emptied is closed instead. */
export async function releaseTestDb(db: Db): Promise<void> {
  const entry = lent.get(db);
  if (!entry) throw new Error('releaseTestDb: not a pooled database');
  lent.delete(db);
  try {
    await db.tx(async (q) => {
      await q.query(`TRUNCATE ${entry.tables.map(quote).join(', ')} RESTART IDENTITY CASCADE`);
      for (const [table, rows] of entry.seeds) {
        await q.query(`INSERT INTO ${quote(table)} SELECT * FROM json_populate_recordset(NULL::${quote(table)}, $1::json)`, [JSON.stringify(rows)]);
      }
    });
    idle.push(entry);
  } catch (err) {
    console.error('[test-db-pool] could not empty a database, closing it:', (err as Error).message);
    await close(entry);
  }
}

async function close(entry: Entry): Promise<void> {
  await entry.db.close();
  await entry.drop?.();
}

/** Closes every idle database (and drops it on PostgreSQL). Lent ones are closed too: their test is over. */
export async function drainTestDbs(): Promise<void> {
  const all = [...idle.splice(0), ...lent.values()];
  lent.clear();
  await Promise.all(all.map(close));
}

function quote(name: string): string {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`unexpected table name: ${name}`);
  return `"${name}"`;
}
