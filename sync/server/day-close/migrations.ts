/**
 * The day close (docs/ARCHITECTURE.md, "Day close"): the till facts are ordinary documents (collection
 * `till_events`); these indexes let a push read one drawer's day and the centre list the closes of a date range and
 * the payments of a store's day without scanning the store's history.
 */
export const DAY_CLOSE_MIGRATION = {
  version: 14,
  statements: [
    `CREATE INDEX docs_till_events_day ON docs (store_id, (data->>'deviceId'), (data->>'businessDay')) WHERE collection = 'till_events'`,
    `CREATE INDEX docs_till_closes ON docs ((data->>'businessDay'), store_id) WHERE collection = 'till_events' AND data->>'type' = 'closed'`,
    `CREATE INDEX docs_payments_at ON docs (store_id, (data->>'at') COLLATE "C") WHERE collection = 'payments'`,
  ],
} as const;
