/** Test-only: a Db that records every statement it runs and how many rows each returned. */
import type { Db, Queryable } from './db/index.js';

export interface LoggedQuery {
  sql: string;
  rows: number;
  /** Inside a transaction (db.tx), which the server's writes use. */
  inTx: boolean;
}

export interface QueryLog {
  db: Db;
  entries: LoggedQuery[];
  /** Runs fn and returns the statements it made. */
  during(fn: () => Promise<unknown>): Promise<LoggedQuery[]>;
}

export function logQueries(inner: Db): QueryLog {
  const entries: LoggedQuery[] = [];
  const recorded = (q: Queryable, inTx: boolean): Queryable['query'] =>
    async <T extends object>(sql: string, params?: readonly unknown[]) => {
      const rows = await q.query<T>(sql, params);
      entries.push({ sql: sql.replace(/\s+/g, ' ').trim(), rows: rows.length, inTx });
      return rows;
    };
  const db: Db = {
    kind: inner.kind,
    query: recorded(inner, false),
    tx: (fn) => inner.tx((q) => fn({ query: recorded(q, true) })),
    listen: (channel, cb) => inner.listen(channel, cb),
    onListenRestored: (cb) => inner.onListenRestored(cb),
    notify: (channel, payload) => inner.notify(channel, payload),
    close: () => inner.close(),
  };
  return {
    db,
    entries,
    async during(fn) {
      const from = entries.length;
      await fn();
      return entries.slice(from);
    },
  };
}
