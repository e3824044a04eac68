import { PICKUP_MIGRATION } from '../pickup/migrations.js';
import { PICKUP_EXPIRY_MIGRATION } from '../pickup-expiry/migrations.js';
import { WEBHOOKS_MIGRATION } from '../webhooks/migrations.js';
import { CONSOLE_AUTH_MIGRATION } from '../console-auth/migrations.js';
import { RECONCILIATION_MIGRATION } from '../reconciliation/migrations.js';
import { DAY_CLOSE_MIGRATION } from '../day-close/migrations.js';
import { REPORTS_MIGRATION } from '../reports/migrations.js';
import { SETTLEMENT_MIGRATION } from '../settlement/migrations.js';
import { SUPPLIER_PORTAL_MIGRATION } from '../supplier-auth/migrations.js';
import { UPDATES_MIGRATION } from '../updates/migrations.js';
import type { Db } from './types.js';

interface Migration {
  version: number;
  /** One statement per entry: PGlite's extended protocol takes a single statement per query. */
  statements: readonly string[];
}

// Document and store ids use the "C" collation so that (position, id) orders bytewise, as the client compares them.
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    statements: [
      `CREATE TABLE stores (
        id text COLLATE "C" PRIMARY KEY,
        name text NOT NULL,
        timezone text NOT NULL,
        lat double precision,
        lon double precision,
        service_radius_km double precision,
        seq bigint NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`,
      `CREATE TABLE devices (
        id text COLLATE "C" PRIMARY KEY,
        store_id text COLLATE "C" NOT NULL REFERENCES stores(id),
        name text NOT NULL,
        token_hash text NOT NULL UNIQUE,
        revoked_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`,
      `CREATE TABLE enrollment_codes (
        code_hash text PRIMARY KEY,
        store_id text COLLATE "C" NOT NULL REFERENCES stores(id),
        expires_at timestamptz NOT NULL,
        used_at timestamptz,
        device_id text,
        created_at timestamptz NOT NULL DEFAULT now()
      )`,
      `CREATE TABLE docs (
        store_id text COLLATE "C" NOT NULL REFERENCES stores(id),
        collection text COLLATE "C" NOT NULL,
        id text COLLATE "C" NOT NULL,
        position bigint NOT NULL,
        data jsonb NOT NULL,
        deleted boolean NOT NULL DEFAULT false,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (store_id, collection, id)
      )`,
      `CREATE INDEX docs_feed ON docs (store_id, collection, position, id)`,
      `CREATE INDEX docs_order_events ON docs (store_id, (data->>'orderId')) WHERE collection = 'order_events'`,
      // Order ids are unique across stores: the platform addresses an order by id alone.
      `CREATE TABLE order_index (
        id text COLLATE "C" PRIMARY KEY,
        store_id text COLLATE "C" NOT NULL REFERENCES stores(id)
      )`,
      // Single-row counters locked inside the writing transaction, so cursors are commit-ordered like store seqs.
      `CREATE TABLE counters (name text PRIMARY KEY, value bigint NOT NULL)`,
      `INSERT INTO counters (name, value) VALUES ('platform_events', 0)`,
      `CREATE TABLE platform_events (
        cursor bigint PRIMARY KEY,
        order_id text COLLATE "C" NOT NULL,
        store_id text COLLATE "C" NOT NULL,
        status text NOT NULL,
        return_requested boolean NOT NULL,
        at timestamptz NOT NULL
      )`,
    ],
  },
  {
    version: 2,
    statements: [
      // Operator ids are unique across stores, so an event can name its operator without ambiguity.
      `CREATE TABLE operator_index (
        id text COLLATE "C" PRIMARY KEY,
        store_id text COLLATE "C" NOT NULL REFERENCES stores(id)
      )`,
      // Append-only: whether an operator was active, and with which roles, at any moment an event claims.
      // seq orders two changes stamped in the same millisecond.
      `CREATE TABLE operator_history (
        seq bigserial PRIMARY KEY,
        operator_id text COLLATE "C" NOT NULL REFERENCES operator_index(id),
        store_id text COLLATE "C" NOT NULL REFERENCES stores(id),
        active boolean NOT NULL,
        roles jsonb NOT NULL,
        changed_at timestamptz NOT NULL
      )`,
      `CREATE INDEX operator_history_at ON operator_history (operator_id, changed_at, seq)`,
      // Stores created before terminals synced a stores document get one now, with the settings' defaults then.
      `UPDATE stores SET seq = seq + 1`,
      `INSERT INTO docs (store_id, collection, id, position, data, deleted, updated_at)
       SELECT id, 'stores', id, seq, jsonb_build_object(
         'storeId', id, 'name', name, 'timezone', timezone,
         'settings', '{"idleLockSeconds": 300, "maxOrdersPerBatch": 8, "maxLinesPerBatch": 40}'::jsonb,
         'updatedAt', to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')), false, now()
       FROM stores`,
    ],
  },
  {
    version: 3,
    statements: [
      // A push folds every move of each SKU it touched into that SKU's stock_levels document (store/stock-levels.ts).
      `CREATE INDEX docs_stock_moves_sku ON docs (store_id, (data->>'sku')) WHERE collection = 'stock_moves'`,
      // Rejections are few among the events: the start-up reroute sweep and the reroute's "who rejected it" read
      // them through this partial index instead of scanning every order event (store/reroute.ts).
      `CREATE INDEX docs_rejected_order_events ON docs ((data->>'orderId'), store_id)
       WHERE collection = 'order_events' AND data->>'type' = 'rejected'`,
      // Moves pushed before stock_levels existed get their snapshot now, folded as levelFromMoves folds them: from
      // the last count (by at, then id, bytewise) on, or from zero without one.
      `UPDATE stores SET seq = seq + 1 WHERE id IN (SELECT store_id FROM docs WHERE collection = 'stock_moves' AND NOT deleted)`,
      `INSERT INTO docs (store_id, collection, id, position, data, deleted, updated_at)
       WITH mv AS (
         SELECT store_id, (data->>'sku') COLLATE "C" AS sku, data->>'kind' AS kind, (data->>'qty')::bigint AS qty,
                (data->>'at') COLLATE "C" AS at, id
         FROM docs WHERE collection = 'stock_moves' AND NOT deleted
       ), last_count AS (
         SELECT DISTINCT ON (store_id, sku) store_id, sku, at, id FROM mv WHERE kind = 'count' ORDER BY store_id, sku, at DESC, id DESC
       ), last_move AS (
         SELECT DISTINCT ON (store_id, sku) store_id, sku, at, id FROM mv ORDER BY store_id, sku, at DESC, id DESC
       ), folded AS (
         SELECT mv.store_id, mv.sku, count(*) AS moves,
                coalesce(sum(mv.qty) FILTER (WHERE c.id IS NULL OR (mv.at, mv.id) >= (c.at, c.id)), 0) AS qty
         FROM mv LEFT JOIN last_count c ON c.store_id = mv.store_id AND c.sku = mv.sku
         GROUP BY mv.store_id, mv.sku
       )
       SELECT f.store_id, 'stock_levels', f.sku, s.seq, jsonb_build_object(
         'storeId', f.store_id, 'sku', f.sku, 'qty', f.qty, 'asOfAt', l.at, 'asOfId', l.id, 'moves', f.moves,
         'updatedAt', to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')), false, now()
       FROM folded f JOIN last_move l ON l.store_id = f.store_id AND l.sku = f.sku JOIN stores s ON s.id = f.store_id
       ON CONFLICT (store_id, collection, id) DO NOTHING`,
    ],
  },
  {
    version: 4,
    statements: [
      // Each order's status fold (sync/model StatusFold), written by the push that stores the order's facts, so that
      // judging one more fact costs the same however long the history is. A missing row means "fold the facts"
      // (store/order-folds.ts): orders from before this table get theirs the first time a fact arrives.
      `CREATE TABLE order_folds (
        store_id text COLLATE "C" NOT NULL REFERENCES stores(id),
        order_id text COLLATE "C" NOT NULL,
        fold jsonb NOT NULL,
        PRIMARY KEY (store_id, order_id)
      )`,
      // A late stock move is folded into its SKU's snapshot from the moves after it (store/stock-levels.ts), read
      // in (at, id) order compared bytewise, as the model compares them.
      `CREATE INDEX docs_stock_moves_sku_at ON docs (store_id, (data->>'sku'), ((data->>'at') COLLATE "C"), id)
       WHERE collection = 'stock_moves'`,
    ],
  },
  {
    version: 5,
    statements: [
      // PIN verifiers leave the synced documents (docs/ARCHITECTURE.md, "Operators and permissions"): they live
      // here, and only a device's main key reads them. digits is the PIN's length, known for PINs set from now
      // on; NULL for the ones moved below, so a manager's old PIN, perhaps 4 digits, is not used until reset.
      `CREATE TABLE operator_pins (
        operator_id text COLLATE "C" PRIMARY KEY REFERENCES operator_index(id),
        store_id text COLLATE "C" NOT NULL REFERENCES stores(id),
        pin_hash jsonb NOT NULL,
        digits smallint,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`,
      `CREATE INDEX operator_pins_store ON operator_pins (store_id)`,
      // The main key's hash; NULL for a device enrolled before main keys, which may claim one once.
      `ALTER TABLE devices ADD COLUMN main_key_hash text UNIQUE`,
      `INSERT INTO operator_pins (operator_id, store_id, pin_hash, digits)
       SELECT d.id, d.store_id, d.data->'pinHash', NULL FROM docs d JOIN operator_index i ON i.id = d.id AND i.store_id = d.store_id
       WHERE d.collection = 'operators' AND NOT d.deleted AND d.data ? 'pinHash'`,
      // Every operators document is rewritten at a new position without the hash (schema v1 adds hasPin), so
      // terminals that still hold a hash, of either schema version, receive the document that replaces it. hasPin
      // means "has a PIN terminals can check": not a manager's PIN of unknown length.
      `UPDATE stores SET seq = seq + 1 WHERE id IN (SELECT store_id FROM docs WHERE collection = 'operators')`,
      `UPDATE docs d SET position = s.seq, updated_at = now(),
         data = (d.data - 'pinHash') || jsonb_build_object('hasPin', d.data ? 'pinHash' AND NOT (d.data->'roles' ? 'manager'))
       FROM stores s WHERE s.id = d.store_id AND d.collection = 'operators'`,
    ],
  },
  {
    version: 6,
    statements: [
      // The window (sync/model/window.ts): a document outside it stays here and reaches terminals as an eviction.
      // Everything starts inside; the sweeper (sync/server/window) moves out what has aged, store by store.
      `ALTER TABLE docs ADD COLUMN in_window boolean NOT NULL DEFAULT true`,
      // A fresh terminal's first pull reads this index alone, so its cost follows the window, not the history.
      `CREATE INDEX docs_window ON docs (store_id, collection, position, id) WHERE in_window AND NOT deleted`,
      // The sweep's two questions: which loose moves have aged, and which moves belong to an order.
      `CREATE INDEX docs_stock_moves_window_at ON docs (store_id, (data->>'at') COLLATE "C") WHERE collection = 'stock_moves' AND in_window`,
      `CREATE INDEX docs_stock_moves_order ON docs (store_id, (data->>'orderId')) WHERE collection = 'stock_moves'`,
      // History online: a store's facts of a past day, newest first.
      `CREATE INDEX docs_facts_at ON docs (store_id, collection, (data->>'at') COLLATE "C", id) WHERE collection IN ('order_events', 'stock_moves')`,
      `ALTER TABLE stores ADD COLUMN history_days integer NOT NULL DEFAULT 7`,
      `ALTER TABLE stores ADD COLUMN max_offline_days integer NOT NULL DEFAULT 30`,
      // When the device last pulled: a device away longer than its store's max_offline_days resyncs its window.
      `ALTER TABLE devices ADD COLUMN last_pulled_at timestamptz`,
    ],
  },
  {
    version: 7,
    statements: [
      // The planner ignores the statistics of a partial index's expression (docs_order_events, docs_stock_moves_sku),
      // so it took "orderId = ANY(a list)" for 0.5% of the table per id and read a year's store from end to end
      // (a second, against 2 ms through the index, measured on bench/window.ts's generated year). Statistics on the
      // expressions themselves give it the real number of distinct orders and SKUs.
      `CREATE STATISTICS IF NOT EXISTS docs_order_id_stats ON ((data->>'orderId')) FROM docs`,
      `CREATE STATISTICS IF NOT EXISTS docs_sku_stats ON ((data->>'sku')) FROM docs`,
      `ANALYZE docs`,
    ],
  },
  {
    version: 8,
    statements: [
      // Handover (docs/ARCHITECTURE.md, "Handover"): an order's payments are found through their orderId, like its
      // facts; the platform's feed tells which handover fact made a change and the payment taken with it.
      `CREATE INDEX docs_payments_order ON docs (store_id, (data->>'orderId')) WHERE collection = 'payments'`,
      `ALTER TABLE platform_events ADD COLUMN detail jsonb`,
    ],
  },
  PICKUP_MIGRATION,
  PICKUP_EXPIRY_MIGRATION,
  WEBHOOKS_MIGRATION,
  CONSOLE_AUTH_MIGRATION,
  RECONCILIATION_MIGRATION,
  DAY_CLOSE_MIGRATION,
  REPORTS_MIGRATION,
  SETTLEMENT_MIGRATION,
  SUPPLIER_PORTAL_MIGRATION,
  UPDATES_MIGRATION,
];

/** Arbitrary constant: serializes migrations when several instances start against one PostgreSQL at once. */
const MIGRATION_LOCK_KEY = 727_274_001;

export async function migrate(db: Db): Promise<number[]> {
  return db.tx(async (q) => {
    await q.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK_KEY]);
    await q.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version integer PRIMARY KEY,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`);
    const rows = await q.query<{ version: number }>('SELECT version FROM schema_migrations');
    const done = new Set(rows.map((r) => r.version));
    const applied: number[] = [];
    for (const m of MIGRATIONS) {
      if (done.has(m.version)) continue;
      for (const sql of m.statements) await q.query(sql);
      await q.query('INSERT INTO schema_migrations (version) VALUES ($1)', [m.version]);
      applied.push(m.version);
    }
    return applied;
  });
}
