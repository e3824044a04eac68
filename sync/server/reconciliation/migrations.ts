/**
 * Reconciliation (docs/ARCHITECTURE.md, "Reconciliation"): what the orders should have brought in, the refunds the
 * platform reported, the providers' bills as imported, and what the matching found and finance decided.
 *
 * - recon_order_payments: the expected payment of each order (provider and merchant order number stay here, at the
 *   centre: the terminals' `orders` documents do not carry them).
 * - recon_refunds: facts, keyed by the platform's refundId (a retried report is the same row).
 * - recon_bills / recon_bill_items: a bill is stored whole or not at all; its content hash makes a second import of
 *   the same file a no-op, and a corrected bill of the same provider and day replaces the earlier one (replaced_by
 *   points forward, and the audit says who did it). Only bills without replaced_by are matched.
 * - recon_exceptions: what the last run over a day found, keyed by a stable key so resolutions stay attached;
 *   `current` is false once a later run no longer finds it.
 * - recon_resolutions and recon_audit: append-only; nothing updates or deletes them (a re-resolution is a new row).
 * - recon_order_standings: each order's standing after the last run that covered it.
 */
export const RECONCILIATION_MIGRATION = {
  version: 13,
  statements: [
    `CREATE TABLE recon_order_payments (
      order_id text COLLATE "C" PRIMARY KEY,
      store_id text COLLATE "C" NOT NULL REFERENCES stores(id),
      provider text NOT NULL,
      out_trade_no text COLLATE "C",
      amount bigint NOT NULL,
      paid_at timestamptz NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    )`,
    `CREATE INDEX recon_order_payments_paid_at ON recon_order_payments (paid_at)`,
    `CREATE TABLE recon_refunds (
      refund_id text COLLATE "C" PRIMARY KEY,
      order_id text COLLATE "C" NOT NULL,
      store_id text COLLATE "C" NOT NULL REFERENCES stores(id),
      amount bigint NOT NULL,
      reason text NOT NULL,
      at timestamptz NOT NULL,
      received_at timestamptz NOT NULL DEFAULT now()
    )`,
    `CREATE INDEX recon_refunds_order ON recon_refunds (order_id)`,
    `CREATE TABLE recon_bills (
      id text COLLATE "C" PRIMARY KEY,
      provider text NOT NULL,
      bill_date text NOT NULL,
      hash text NOT NULL,
      merchant_id text,
      items integer NOT NULL,
      paid bigint NOT NULL,
      refunded bigint NOT NULL,
      fees bigint NOT NULL,
      imported_at timestamptz NOT NULL DEFAULT now(),
      imported_by text NOT NULL,
      replaced_by text COLLATE "C",
      UNIQUE (provider, hash)
    )`,
    // One current bill per provider and day: two racing imports of different files of a day cannot both stand.
    `CREATE UNIQUE INDEX recon_bills_current ON recon_bills (provider, bill_date) WHERE replaced_by IS NULL`,
    `CREATE TABLE recon_bill_items (
      bill_id text COLLATE "C" NOT NULL REFERENCES recon_bills(id),
      n integer NOT NULL,
      kind text NOT NULL,
      at timestamptz NOT NULL,
      transaction_id text NOT NULL,
      out_trade_no text NOT NULL,
      refund_id text,
      out_refund_no text,
      amount bigint NOT NULL,
      fee bigint NOT NULL,
      fee_exact text NOT NULL,
      status text NOT NULL,
      line integer NOT NULL,
      PRIMARY KEY (bill_id, n)
    )`,
    `CREATE TABLE recon_exceptions (
      key text COLLATE "C" PRIMARY KEY,
      type text NOT NULL,
      amount bigint NOT NULL,
      ours bigint,
      theirs bigint,
      order_id text COLLATE "C",
      store_id text COLLATE "C",
      provider text,
      day text NOT NULL,
      detail text NOT NULL,
      current boolean NOT NULL DEFAULT true,
      as_of text NOT NULL,
      first_seen_at timestamptz NOT NULL DEFAULT now(),
      last_seen_at timestamptz NOT NULL DEFAULT now()
    )`,
    `CREATE INDEX recon_exceptions_day ON recon_exceptions (day, type)`,
    `CREATE TABLE recon_resolutions (
      seq bigserial PRIMARY KEY,
      id text COLLATE "C" NOT NULL UNIQUE,
      exception_key text COLLATE "C" NOT NULL REFERENCES recon_exceptions(key),
      kind text NOT NULL,
      reason text,
      resolved_by text NOT NULL,
      at timestamptz NOT NULL DEFAULT now()
    )`,
    `CREATE INDEX recon_resolutions_key ON recon_resolutions (exception_key, seq)`,
    `CREATE TABLE recon_audit (
      seq bigserial PRIMARY KEY,
      at timestamptz NOT NULL DEFAULT now(),
      actor text NOT NULL,
      action text NOT NULL,
      subject text NOT NULL,
      detail jsonb NOT NULL
    )`,
    `CREATE TABLE recon_order_standings (
      order_id text COLLATE "C" PRIMARY KEY,
      store_id text COLLATE "C" NOT NULL,
      provider text NOT NULL,
      standing text NOT NULL,
      exception_keys jsonb NOT NULL,
      day text NOT NULL,
      run_at timestamptz NOT NULL DEFAULT now()
    )`,
  ],
};
