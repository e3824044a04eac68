/**
 * Reports (docs/ARCHITECTURE.md, "Reports"): finance's accounting period rules, and the indexes the report queries
 * read a range of business days through, so a month of one store costs that month, not the store's history.
 */
export const REPORTS_MIGRATION = {
  version: 15,
  statements: [
    // Append-only: each row is finance setting a rule (periods start on start_day of each month from
    // effective_from on). The rule in force for a day is the latest row for the latest effective_from on or before
    // it (periods.ts loadPeriodRules); changing a rule is a new row that says who and why.
    `CREATE TABLE accounting_period_rules (
      seq bigserial PRIMARY KEY,
      effective_from date NOT NULL,
      start_day smallint NOT NULL CHECK (start_day BETWEEN 1 AND 28),
      set_by text NOT NULL,
      reason text NOT NULL,
      set_at timestamptz NOT NULL DEFAULT now()
    )`,
    `CREATE INDEX accounting_period_rules_from ON accounting_period_rules (effective_from, seq)`,
    // Sales: the orders handed over (delivered or picked up) in a store, by when. changedAt is UTC ISO text, so the
    // text order is the time order to the second; the queries widen the text range by a second and then compare
    // the instants exactly (sales.ts).
    `CREATE INDEX order_folds_handed_over ON order_folds (store_id, ((fold->>'changedAt') COLLATE "C"))
     WHERE fold->>'status' IN ('delivered', 'picked_up')`,
    // Payments by day: a store's payments in a range of time. The day close's migration (14) makes the same index
    // for its drawers; IF NOT EXISTS keeps one index for both.
    `CREATE INDEX IF NOT EXISTS docs_payments_at ON docs (store_id, ((data->>'at') COLLATE "C")) WHERE collection = 'payments'`,
  ],
} as const;
