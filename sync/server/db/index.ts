import { mkdir } from 'node:fs/promises';
import { migrate } from './migrations.js';
import { openPg } from './pg.js';
import { openPglite } from './pglite.js';
import type { Db } from './types.js';

export type { Db, Queryable, Unlisten } from './types.js';
export { migrate } from './migrations.js';

export interface OpenDbOptions {
  /** PostgreSQL connection string; when absent, embedded PGlite is used. */
  databaseUrl?: string;
  /** PGlite data directory; when absent too, PGlite runs in memory (tests). */
  dataDir?: string;
  /** In-memory PGlite only: start from this snapshot (see pgliteTemplate) instead of an empty cluster. */
  template?: Blob;
}

/** A migrated, empty in-memory database as a snapshot: loading it is several times faster than initdb (tests). */
export async function pgliteTemplate(): Promise<Blob> {
  const db = await openPglite();
  try {
    await migrate(db);
    return await db.dump();
  } finally {
    await db.close();
  }
}

/** Opens the database and brings its schema up to date. */
export async function openDb(opts: OpenDbOptions = {}): Promise<Db> {
  let db: Db;
  if (opts.databaseUrl) {
    db = await openPg(opts.databaseUrl);
  } else {
    if (opts.dataDir) await mkdir(opts.dataDir, { recursive: true });
    db = await openPglite(opts.dataDir, opts.dataDir ? undefined : opts.template);
  }
  try {
    await migrate(db);
  } catch (err) {
    await db.close();
    throw err;
  }
  return db;
}
