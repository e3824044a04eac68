/**
 * Staged rollout of terminal updates (docs/ARCHITECTURE.md, "Updates"): per version, the stores named and a
 * percentage of all stores. A version with no row reaches no store: publishing is the files plus a rollout.
 */
export const UPDATES_MIGRATION = {
  version: 18,
  statements: [
    `CREATE TABLE update_rollouts (
      version text COLLATE "C" PRIMARY KEY,
      store_ids text[] NOT NULL DEFAULT '{}',
      percent integer NOT NULL CHECK (percent BETWEEN 0 AND 100),
      updated_at timestamptz NOT NULL DEFAULT now()
    )`,
  ],
};
