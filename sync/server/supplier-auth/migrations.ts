/**
 * The supplier portal's own tables (docs/ARCHITECTURE.md, "Supplier portal"): suppliers' sign-in accounts and
 * sessions, the notices and documents the chain publishes to them, and their questions to finance with the answers.
 * None of it is a synced document. Everything a supplier reads besides these (statements, fee bills, sales, …) is
 * the settlement's (migration 16), always reached through concession_counters.supplier_id.
 */
export const SUPPLIER_PORTAL_MIGRATION = {
  version: 17,
  statements: [
    // One account per supplier, signed in with the supplier's code. There is no default password: the account is
    // made by the chain issuing a random one (shown once), and must_change holds until the supplier chose their own.
    // failed_count counts wrong passwords in a row; reaching the limit sets locked_until (sign-in.ts).
    `CREATE TABLE supplier_accounts (
      supplier_id text COLLATE "C" PRIMARY KEY REFERENCES suppliers(id),
      password_hash text NOT NULL,
      must_change boolean NOT NULL DEFAULT true,
      failed_count integer NOT NULL DEFAULT 0,
      locked_until timestamptz,
      disabled_at timestamptz,
      password_issued_at timestamptz NOT NULL DEFAULT now(),
      last_sign_in_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    )`,
    // As console_sessions: the cookie's token is stored only as its SHA-256; the CSRF token lives and dies with it.
    `CREATE TABLE supplier_sessions (
      token_hash text COLLATE "C" PRIMARY KEY,
      supplier_id text COLLATE "C" NOT NULL REFERENCES supplier_accounts(supplier_id),
      csrf_token text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      expires_at timestamptz NOT NULL,
      revoked_at timestamptz,
      ip text
    )`,
    `CREATE INDEX supplier_sessions_supplier ON supplier_sessions (supplier_id) WHERE revoked_at IS NULL`,
    // A notice or document for every supplier (audience_all) or the listed ones; the document's bytes are kept here
    // (a few MiB at most, a handful a month) so a backup of the database is a backup of the portal.
    `CREATE TABLE supplier_notices (
      id text COLLATE "C" PRIMARY KEY,
      kind text NOT NULL CHECK (kind IN ('notice', 'document')),
      title text NOT NULL,
      body text NOT NULL,
      audience_all boolean NOT NULL,
      supplier_ids text[] COLLATE "C" NOT NULL DEFAULT '{}',
      document bytea,
      document_name text,
      document_type text,
      published_by text NOT NULL,
      published_at timestamptz NOT NULL DEFAULT now(),
      withdrawn_at timestamptz
    )`,
    `CREATE INDEX supplier_notices_published ON supplier_notices (published_at DESC, id)`,
    // A supplier's question to finance and its answer; answering again replaces the answer (who and when with it).
    `CREATE TABLE supplier_feedback (
      id text COLLATE "C" PRIMARY KEY,
      supplier_id text COLLATE "C" NOT NULL REFERENCES suppliers(id),
      subject text NOT NULL,
      question text NOT NULL,
      statement_number text COLLATE "C",
      asked_at timestamptz NOT NULL DEFAULT now(),
      answer text,
      answered_by text,
      answered_at timestamptz
    )`,
    `CREATE INDEX supplier_feedback_supplier ON supplier_feedback (supplier_id, asked_at DESC)`,
  ],
} as const;
