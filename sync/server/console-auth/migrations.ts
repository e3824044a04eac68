/**
 * The central console's users, sessions and audit trail (docs/ARCHITECTURE.md, "Console sign-in and roles"). None of
 * this is ever a synced document: terminals know nothing of console users.
 */
export const CONSOLE_AUTH_MIGRATION = {
  version: 12,
  statements: [
    // password_hash is "scrypt$N$r$p$salt$hash" (password.ts), so stronger parameters later can live beside these.
    // store_ids: a manager's own stores; empty for admin and finance. disabled_at: signed out everywhere, kept for audit.
    `CREATE TABLE console_users (
      id text COLLATE "C" PRIMARY KEY,
      name text NOT NULL,
      password_hash text NOT NULL,
      role text NOT NULL CHECK (role IN ('admin', 'finance', 'manager')),
      store_ids jsonb NOT NULL DEFAULT '[]'::jsonb,
      disabled_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    )`,
    // Names are signed in with as typed, but two that differ only in case would be one person to a reader.
    `CREATE UNIQUE INDEX console_users_name ON console_users (lower(name))`,
    // The cookie holds a random token; only its SHA-256 is stored, so a copy of the table signs no one in. The CSRF
    // token lives with its session (a synchronizer token, see guard.ts) and dies with it.
    `CREATE TABLE console_sessions (
      token_hash text COLLATE "C" PRIMARY KEY,
      user_id text COLLATE "C" NOT NULL REFERENCES console_users(id),
      csrf_token text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      expires_at timestamptz NOT NULL,
      revoked_at timestamptz,
      ip text
    )`,
    `CREATE INDEX console_sessions_user ON console_sessions (user_id) WHERE revoked_at IS NULL`,
    // Append-only: who (id and the name at the time), what, to what, when, and the change without secrets.
    `CREATE TABLE console_audit (
      id bigserial PRIMARY KEY,
      at timestamptz NOT NULL DEFAULT now(),
      user_id text COLLATE "C",
      user_name text NOT NULL,
      action text NOT NULL,
      target text NOT NULL,
      detail jsonb NOT NULL DEFAULT '{}'::jsonb
    )`,
    `CREATE INDEX console_audit_at ON console_audit (at DESC, id DESC)`,
  ],
} as const;
