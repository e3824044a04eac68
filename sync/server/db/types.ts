/** Something SQL can be sent to: the database itself, or an open transaction. Parameters are always bound. */
export interface Queryable {
  query<T extends object = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<T[]>;
}

export type Unlisten = () => Promise<void>;

/** One small interface over PostgreSQL (pg Pool) and embedded PGlite, so the server code is the same on both. */
export interface Db extends Queryable {
  readonly kind: 'pg' | 'pglite';
  /** Runs fn in one transaction: committed when fn resolves, rolled back when it throws. */
  tx<T>(fn: (q: Queryable) => Promise<T>): Promise<T>;
  /** Subscribes to a notification channel; the returned function unsubscribes. */
  listen(channel: string, cb: (payload: string) => void): Promise<Unlisten>;
  /**
   * Called after a lost LISTEN connection is back: notifications sent while it was down are gone, so a listener
   * must catch up by other means. Returns a function that unregisters.
   */
  onListenRestored(cb: () => void): () => void;
  notify(channel: string, payload: string): Promise<void>;
  close(): Promise<void>;
}
