/**
 * Pickup reminders (docs/ARCHITECTURE.md, "Expiry and returns"): one row per reminder the centre put on the
 * platform's feed, keyed by the ready fact it counts from, so a reminder is written once however many instances
 * sweep and however often, and an order moved to another compartment (a new ready, a new pass) is reminded again.
 */
export const PICKUP_EXPIRY_MIGRATION = {
  version: 10,
  statements: [
    `CREATE TABLE pickup_reminders (
      order_id text COLLATE "C" NOT NULL,
      ready_event_id text COLLATE "C" NOT NULL,
      store_id text COLLATE "C" NOT NULL REFERENCES stores(id),
      remind_at timestamptz NOT NULL,
      reminded_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (order_id, ready_event_id)
    )`,
  ],
};
