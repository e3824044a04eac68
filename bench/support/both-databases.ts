import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDb, type Db } from '../../sync/server/db/index.js';
import { freshPgDatabase } from '../../sync/server/testing.js';

/**
 * Runs a bench on a fresh PostgreSQL database (when DATABASE_URL is set; said when it is not) and on embedded PGlite
 * in a data directory, each dropped afterwards.
 */
export async function onBothDatabases(what: string, bench: (label: string, db: Db) => Promise<void>): Promise<void> {
  if (process.env.DATABASE_URL) {
    const fresh = await freshPgDatabase(process.env.DATABASE_URL);
    const db = await openDb({ databaseUrl: fresh.url });
    try {
      await bench('PostgreSQL', db);
    } finally {
      await db.close();
      await fresh.drop();
    }
  } else {
    console.log(`\n== ${what} on PostgreSQL: skipped (set DATABASE_URL)`);
  }
  const dir = mkdtempSync(join(tmpdir(), 'storeops-bench-'));
  const db = await openDb({ dataDir: dir });
  try {
    await bench('embedded PGlite (data directory)', db);
  } finally {
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
