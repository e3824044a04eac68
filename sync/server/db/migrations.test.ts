import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_STORE_SETTINGS } from '../../model/store.js';
import { freshPgDatabase } from '../testing.js';
import { docValidator } from '../validation.js';
import { migrate, MIGRATIONS } from './migrations.js';
import { openPg } from './pg.js';
import { openPglite } from './pglite.js';
import type { Db } from './types.js';

const cleanup: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const f of cleanup.splice(0).reverse()) await f();
});

/** An empty database on this run's backend, with no migration applied. */
async function emptyDb(): Promise<Db> {
  if (process.env.DATABASE_URL) {
    const fresh = await freshPgDatabase(process.env.DATABASE_URL);
    cleanup.push(() => fresh.drop());
    const db = await openPg(fresh.url);
    cleanup.push(() => db.close());
    return db;
  }
  const db = await openPglite();
  cleanup.push(() => db.close());
  return db;
}

describe('migration 2', () => {
  it('gives a store created before it a valid stores document, at a new position', async () => {
    const db = await emptyDb();
    await db.tx(async (q) => {
      await q.query('CREATE TABLE schema_migrations (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())');
      for (const sql of MIGRATIONS[0]?.statements ?? []) await q.query(sql);
      await q.query('INSERT INTO schema_migrations (version) VALUES (1)');
      await q.query("INSERT INTO stores (id, name, timezone, seq) VALUES ('S001', 'Futian', 'Asia/Shanghai', 7)");
    });
    expect(await migrate(db)).toEqual(MIGRATIONS.slice(1).map((m) => m.version));
    const [row] = await db.query<{ position: number; data: Record<string, unknown> }>("SELECT position, data FROM docs WHERE collection = 'stores'");
    expect(row?.position).toBe(8);
    expect(row?.data).toMatchObject({ storeId: 'S001', name: 'Futian', timezone: 'Asia/Shanghai', settings: DEFAULT_STORE_SETTINGS });
    const valid = docValidator('stores');
    expect(valid(row?.data), JSON.stringify(valid.errors)).toBe(true);
    expect(await db.query('SELECT seq FROM stores')).toEqual([{ seq: 8 }]);
  });
});
