/**
 * Concession counters (专柜) and their settlement (docs/ARCHITECTURE.md, "Concessions and settlement"): the master
 * data finance keeps, the month's facts that a statement is built from (fee bills, supplies usage, in-store till
 * sales), and the statements themselves with their history. Money is integer fen (bigint), rates are basis points
 * (2500 = 25 %). None of it is a synced document: terminals know nothing of suppliers.
 *
 * Accounting periods are addressed by their first day (`period_from`, sync/model/money/periods.ts).
 */
export const SETTLEMENT_MIGRATION = {
  version: 16,
  statements: [
    // The supplier's code is its id: what it signs in to the portal with and what every paper shows.
    `CREATE TABLE suppliers (
      id text COLLATE "C" PRIMARY KEY,
      name text NOT NULL,
      contacts jsonb NOT NULL DEFAULT '[]'::jsonb,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    )`,
    // A counter (专柜) is one supplier's counter in one store; its code is unique across the chain.
    `CREATE TABLE concession_counters (
      id text COLLATE "C" PRIMARY KEY,
      store_id text COLLATE "C" NOT NULL REFERENCES stores(id),
      supplier_id text COLLATE "C" NOT NULL REFERENCES suppliers(id),
      name text NOT NULL,
      area_code text COLLATE "C" NOT NULL,
      category text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    )`,
    `CREATE INDEX concession_counters_supplier ON concession_counters (supplier_id, id)`,
    `CREATE INDEX concession_counters_store ON concession_counters (store_id, id)`,
    // Which counter sells a SKU in a store: each SKU sold belongs to one counter there. A SKU with no row is the
    // store's own goods, never on a statement.
    `CREATE TABLE counter_skus (
      store_id text COLLATE "C" NOT NULL REFERENCES stores(id),
      sku text COLLATE "C" NOT NULL,
      counter_id text COLLATE "C" NOT NULL REFERENCES concession_counters(id),
      PRIMARY KEY (store_id, sku)
    )`,
    `CREATE INDEX counter_skus_counter ON counter_skus (counter_id, sku)`,
    // A contract holds from the period starting on period_from until the next contract row of the counter. Append
    // only: a change is a new row that says who set it and why. fee_items: [{code, name, amount}] charged every
    // period, amount in fen including tax (价税合计). minimum_sales: the guaranteed minimum (保底), fen, or none.
    `CREATE TABLE counter_contracts (
      seq bigserial PRIMARY KEY,
      counter_id text COLLATE "C" NOT NULL REFERENCES concession_counters(id),
      period_from date NOT NULL,
      base_rate_bp integer NOT NULL CHECK (base_rate_bp BETWEEN 0 AND 10000),
      minimum_sales bigint CHECK (minimum_sales IS NULL OR minimum_sales >= 0),
      fee_items jsonb NOT NULL DEFAULT '[]'::jsonb,
      set_by text NOT NULL,
      reason text NOT NULL,
      set_at timestamptz NOT NULL DEFAULT now()
    )`,
    `CREATE INDEX counter_contracts_counter ON counter_contracts (counter_id, period_from, seq)`,
    // A promotion (买送活动): its serial number, its days (store business days, inclusive), the rate that replaces the
    // base rate for sales under it, and what it covers: counters named, and every counter in the areas named.
    `CREATE TABLE promotions (
      id text COLLATE "C" PRIMARY KEY,
      name text NOT NULL,
      from_day date NOT NULL,
      to_day date NOT NULL CHECK (to_day >= from_day),
      rate_bp integer NOT NULL CHECK (rate_bp BETWEEN 0 AND 10000),
      counter_ids text[] COLLATE "C" NOT NULL DEFAULT '{}',
      area_codes text[] COLLATE "C" NOT NULL DEFAULT '{}',
      created_by text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    )`,
    // Fee bills (供应商费用单): per period and counter, items [{code, name, amount}] in fen including tax; the total
    // is stored so the portal can list without unpacking. One-off fees; the contract's recurring fee items are
    // added to the period's bill when statements are drafted.
    `CREATE TABLE fee_bills (
      id text COLLATE "C" PRIMARY KEY,
      counter_id text COLLATE "C" NOT NULL REFERENCES concession_counters(id),
      period_from date NOT NULL,
      items jsonb NOT NULL,
      total bigint NOT NULL,
      created_by text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    )`,
    `CREATE INDEX fee_bills_counter ON fee_bills (counter_id, period_from)`,
    // Supplies a counter drew from its store (领用明细): bags, tags, …; amount = qty × unit_price, fen.
    `CREATE TABLE supplies_usage (
      id bigserial PRIMARY KEY,
      counter_id text COLLATE "C" NOT NULL REFERENCES concession_counters(id),
      store_id text COLLATE "C" NOT NULL REFERENCES stores(id),
      period_from date NOT NULL,
      day date NOT NULL,
      item text NOT NULL,
      qty integer NOT NULL CHECK (qty > 0),
      unit_price bigint NOT NULL CHECK (unit_price >= 0),
      amount bigint NOT NULL,
      created_by text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    )`,
    `CREATE INDEX supplies_usage_counter ON supplies_usage (counter_id, period_from)`,
    // In-store till (POS) sales per counter and day, from CSV imports; a file is taken whole or not at all, and the
    // same file twice (same hash) changes nothing. amount may be negative for a day of returns.
    `CREATE TABLE pos_imports (
      id bigserial PRIMARY KEY,
      file_hash text NOT NULL UNIQUE,
      file_name text NOT NULL,
      rows integer NOT NULL,
      total bigint NOT NULL,
      imported_by text NOT NULL,
      imported_at timestamptz NOT NULL DEFAULT now()
    )`,
    `CREATE TABLE pos_sales (
      import_id bigint NOT NULL REFERENCES pos_imports(id),
      counter_id text COLLATE "C" NOT NULL REFERENCES concession_counters(id),
      day date NOT NULL,
      sku text COLLATE "C" NOT NULL DEFAULT '',
      qty integer NOT NULL,
      amount bigint NOT NULL,
      returns bigint NOT NULL DEFAULT 0
    )`,
    `CREATE INDEX pos_sales_counter ON pos_sales (counter_id, day)`,
    // A statement (专柜结款单): one per counter and period, numbered; a correction is a new version with the same
    // number and a reason, and the earlier version is superseded, never changed. body: the statement's lines and
    // totals as the pure model computed them (sync/model/settlement), frozen at drafting; an issued version is
    // immutable (its status moves only through statement_events).
    `CREATE TABLE statements (
      id text COLLATE "C" PRIMARY KEY,
      number text COLLATE "C" NOT NULL,
      version integer NOT NULL CHECK (version >= 1),
      counter_id text COLLATE "C" NOT NULL REFERENCES concession_counters(id),
      supplier_id text COLLATE "C" NOT NULL REFERENCES suppliers(id),
      store_id text COLLATE "C" NOT NULL REFERENCES stores(id),
      period_from date NOT NULL,
      period_to date NOT NULL,
      status text NOT NULL CHECK (status IN ('draft', 'issued', 'confirmed', 'disputed', 'resolved', 'paid', 'superseded')),
      body jsonb NOT NULL,
      payable bigint NOT NULL,
      correction_reason text,
      created_by text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      issued_at timestamptz,
      UNIQUE (number, version)
    )`,
    // One current (not superseded) version per counter and period.
    `CREATE UNIQUE INDEX statements_current ON statements (counter_id, period_from) WHERE status <> 'superseded'`,
    `CREATE INDEX statements_supplier ON statements (supplier_id, period_from)`,
    // What happened to a statement, append-only: issued, confirmed, disputed (with the supplier's comment),
    // resolved, paid, corrected (the new version's id). by: a console user's name or 'supplier:<code>'.
    `CREATE TABLE statement_events (
      id bigserial PRIMARY KEY,
      statement_id text COLLATE "C" NOT NULL REFERENCES statements(id),
      type text NOT NULL,
      by_name text NOT NULL,
      comment text,
      at timestamptz NOT NULL DEFAULT now()
    )`,
    `CREATE INDEX statement_events_statement ON statement_events (statement_id, id)`,
  ],
} as const;
