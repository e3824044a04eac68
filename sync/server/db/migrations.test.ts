import { afterEach, describe, expect, it } from 'vitest';
import { levelFromMoves, type StockLevel } from '../../model/stock-level.js';
import type { StockMove } from '../../model/stock.js';
import { DEFAULT_STORE_SETTINGS } from '../../model/store.js';
import { hashPin } from '../../model/pin.js';
import { makeStockMove } from '../testing-data.js';
import { freshPgDatabase } from '../testing.js';
import { docValidator } from '../validation.js';
import { migrate, MIGRATIONS } from './migrations.js';
import { openPg } from './pg.js';
import { openPglite } from './pglite.js';
import type { Db } from './types.js';

/** Each test makes an empty database (PGlite's initdb) and runs every migration: longer than a unit test may take. */
const FRESH_DB_TIMEOUT_MS = 120_000;

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

describe('migration 2', { timeout: FRESH_DB_TIMEOUT_MS }, () => {
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

describe('migration 3', { timeout: FRESH_DB_TIMEOUT_MS }, () => {
  it('gives every SKU with moves a stock_levels document folded as levelFromMoves folds them, at a new position of its store', async () => {
    const db = await emptyDb();
    const t = (s: number) => new Date(Date.UTC(2026, 10, 27, 9, 0, s)).toISOString();
    const d = { deviceId: 'dev-1', storeId: 'S001' };
    const moves: StockMove[] = [
      makeStockMove(d, { sku: 'SKU1', kind: 'receive', qty: 5, at: t(1) }),
      makeStockMove(d, { sku: 'SKU1', kind: 'count', qty: 10, at: t(3) }),
      // Pushed late, timed before the count: the count already holds it.
      makeStockMove(d, { sku: 'SKU1', kind: 'pick', qty: -1, at: t(2) }),
      makeStockMove(d, { sku: 'SKU1', kind: 'pick', qty: -2, at: t(4) }),
      // Two counts in one second: the id decides which is last.
      makeStockMove(d, { sku: 'SKU2', kind: 'count', qty: 4, at: t(5) }),
      makeStockMove(d, { sku: 'SKU2', kind: 'count', qty: 6, at: t(5) }),
      makeStockMove(d, { sku: 'SKU3', kind: 'pick', qty: -3, at: t(6) }),
    ];
    await db.tx(async (q) => {
      await q.query('CREATE TABLE schema_migrations (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())');
      for (const m of MIGRATIONS.slice(0, 2)) {
        for (const sql of m.statements) await q.query(sql);
        await q.query('INSERT INTO schema_migrations (version) VALUES ($1)', [m.version]);
      }
      await q.query("INSERT INTO stores (id, name, timezone, seq) VALUES ('S001', 'Futian', 'Asia/Shanghai', 7), ('S002', 'Nanshan', 'Asia/Shanghai', 3)");
      for (const [i, m] of moves.entries()) {
        await q.query("INSERT INTO docs (store_id, collection, id, position, data) VALUES ('S001', 'stock_moves', $1, $2, $3::jsonb)", [m.id, i + 1, JSON.stringify(m)]);
      }
    });
    expect(await migrate(db)).toEqual(MIGRATIONS.slice(2).map((m) => m.version));
    const rows = await db.query<{ position: number; data: StockLevel }>("SELECT position, data FROM docs WHERE collection = 'stock_levels' ORDER BY id");
    const valid = docValidator('stock_levels');
    for (const r of rows) expect(valid(r.data), JSON.stringify(valid.errors)).toBe(true);
    const sansTime = ({ updatedAt: _u, ...rest }: StockLevel) => rest;
    expect(rows.map((r) => sansTime(r.data))).toEqual(
      ['SKU1', 'SKU2', 'SKU3'].map((sku) => {
        const level = levelFromMoves('S001', sku, moves, '');
        return level && sansTime(level);
      }),
    );
    expect(rows.map((r) => r.data.qty)).toEqual([8, moves[4]!.id > moves[5]!.id ? 4 : 6, -3]);
    expect(rows.map((r) => Number(r.position))).toEqual([8, 8, 8]);
    expect(await db.query('SELECT id, seq FROM stores ORDER BY id')).toEqual([{ id: 'S001', seq: 8 }, { id: 'S002', seq: 3 }]);
  });
});

describe('migration 5', { timeout: FRESH_DB_TIMEOUT_MS }, () => {
  it('moves PIN hashes out of the operators documents, which come back at a new position with hasPin only', async () => {
    const db = await emptyDb();
    const [lead, picker] = [await hashPin('123456', 100_000), await hashPin('2468', 100_000)];
    const at = '2026-11-27T08:00:00.000Z';
    const docs = [
      { id: 'mgr-1', storeId: 'S001', name: 'Wang', roles: ['manager'], pinHash: lead, active: true, updatedAt: at },
      { id: 'pck-1', storeId: 'S001', name: 'Li', roles: ['picker'], pinHash: picker, active: false, updatedAt: at },
      { id: 'pck-2', storeId: 'S001', name: 'Zhang', roles: ['packer'], active: true, updatedAt: at },
    ];
    await db.tx(async (q) => {
      await q.query('CREATE TABLE schema_migrations (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())');
      for (const m of MIGRATIONS.slice(0, 4)) {
        for (const sql of m.statements) await q.query(sql);
        await q.query('INSERT INTO schema_migrations (version) VALUES ($1)', [m.version]);
      }
      await q.query("INSERT INTO stores (id, name, timezone, seq) VALUES ('S001', 'Futian', 'Asia/Shanghai', 5), ('S002', 'Nanshan', 'Asia/Shanghai', 2)");
      for (const d of docs) {
        await q.query("INSERT INTO operator_index (id, store_id) VALUES ($1, 'S001')", [d.id]);
        await q.query("INSERT INTO docs (store_id, collection, id, position, data) VALUES ('S001', 'operators', $1, 3, $2::jsonb)", [d.id, JSON.stringify(d)]);
      }
    });
    expect(await migrate(db)).toEqual(MIGRATIONS.slice(4).map((m) => m.version));

    const rows = await db.query<{ id: string; position: number; data: Record<string, unknown> }>("SELECT id, position, data FROM docs WHERE collection = 'operators' ORDER BY id");
    const valid = docValidator('operators');
    for (const r of rows) expect(valid(r.data), JSON.stringify(valid.errors)).toBe(true);
    expect(JSON.stringify(rows)).not.toContain('pinHash');
    expect(JSON.stringify(rows)).not.toContain(lead.hash);
    // The manager's PIN may have had 4 digits: not usable until it is set again, so no hasPin.
    expect(rows.map((r) => [r.id, Number(r.position), r.data.hasPin])).toEqual([['mgr-1', 6, false], ['pck-1', 6, true], ['pck-2', 6, false]]);
    expect(await db.query('SELECT id, seq FROM stores ORDER BY id')).toEqual([{ id: 'S001', seq: 6 }, { id: 'S002', seq: 2 }]);
    expect(await db.query('SELECT operator_id, store_id, pin_hash, digits FROM operator_pins ORDER BY operator_id')).toEqual([
      { operator_id: 'mgr-1', store_id: 'S001', pin_hash: lead, digits: null },
      { operator_id: 'pck-1', store_id: 'S001', pin_hash: picker, digits: null },
    ]);
  });
});
