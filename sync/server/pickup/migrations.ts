/**
 * The centre's pickup-pass secrets (docs/ARCHITECTURE.md, "Pickup passes"). Nothing here is ever a synced document:
 * terminals receive public keys (on the stores document) and code hashes (on pickup_passes) only.
 */
export const PICKUP_MIGRATION = {
  version: 9,
  statements: [
    // Ed25519 signing keys. private_key is the 32-byte seed (base64url) of a key made here at first start; NULL for
    // a key given by configuration (PICKUP_PASS_SIGNING_KEY, several instances) and for a retired key, whose passes
    // stay valid until valid_until but which signs nothing more. Exactly one key is current (retired_at IS NULL).
    `CREATE TABLE pickup_keys (
      key_id text COLLATE "C" PRIMARY KEY,
      public_key text NOT NULL,
      private_key text,
      created_at timestamptz NOT NULL DEFAULT now(),
      retired_at timestamptz,
      valid_until timestamptz
    )`,
    `CREATE UNIQUE INDEX pickup_keys_one_current ON pickup_keys ((true)) WHERE retired_at IS NULL`,
    // Server-only secrets: 'code_hmac' derives each pass's code from its id, so the code is never stored.
    `CREATE TABLE pickup_secrets (name text PRIMARY KEY, value text NOT NULL, created_at timestamptz NOT NULL DEFAULT now())`,
    // The double-release check reads an order's releases; few orders have any, so a partial index.
    `CREATE INDEX docs_picked_up_events ON docs (store_id, (data->>'orderId'))
     WHERE collection = 'order_events' AND data->>'type' = 'picked_up'`,
  ],
} as const;
