/**
 * Webhooks (docs/ARCHITECTURE.md, "Webhooks"): the platform's endpoints, and the outbox of deliveries owed to each.
 * An outbox row is written by the same statement that appends the feed entry it carries (store/orders.ts,
 * store/order-intake.ts), so a committed change always has its deliveries queued and a crash loses none.
 */
export const WEBHOOKS_MIGRATION = {
  version: 11,
  statements: [
    `CREATE TABLE webhooks (
      id text COLLATE "C" PRIMARY KEY,
      url text NOT NULL,
      events jsonb NOT NULL,
      secret text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    )`,
    // Keyed by webhook and the feed's cursor: the payload is the feed entry at that cursor, read when sent, so the
    // outbox costs a few columns per delivery. order_key is what deliveries are ordered by (the order's id); a
    // future type that is not a feed entry keeps its own body in payload and names its own ordering key.
    `CREATE TABLE webhook_outbox (
      webhook_id text COLLATE "C" NOT NULL REFERENCES webhooks(id) ON DELETE CASCADE,
      cursor bigint NOT NULL,
      type text NOT NULL,
      order_key text COLLATE "C" NOT NULL,
      payload jsonb,
      attempts integer NOT NULL DEFAULT 0,
      next_attempt_at timestamptz NOT NULL DEFAULT now(),
      delivered_at timestamptz,
      last_status integer,
      last_error text,
      last_attempt_at timestamptz,
      PRIMARY KEY (webhook_id, cursor)
    )`,
    // The worker's two questions: what is due, in the order it is taken, and which delivery is first in line for
    // its order (outbox.ts claimDue).
    `CREATE INDEX webhook_outbox_due ON webhook_outbox (next_attempt_at, cursor) WHERE delivered_at IS NULL`,
    `CREATE INDEX webhook_outbox_order ON webhook_outbox (webhook_id, order_key, cursor) WHERE delivered_at IS NULL`,
    // For the worker's pruning of rows delivered long ago (outbox.ts pruneDelivered).
    `CREATE INDEX webhook_outbox_delivered ON webhook_outbox (delivered_at) WHERE delivered_at IS NOT NULL`,
  ],
};
