import { EventEmitter } from 'node:events';
import { PGlite } from '@electric-sql/pglite';
import type { Db, Queryable, Unlisten } from './types.js';

/**
 * Embedded PGlite. It is one connection: transactions are serialized by its own mutex, so every store write is
 * already commit-ordered. Notifications stay in-process (an emitter), because only this process can open the
 * data directory, and every server instance in the process shares this Db object.
 */
export interface PgliteDb extends Db {
  /** A snapshot of the whole database, to start other in-memory instances from (tests). */
  dump(): Promise<Blob>;
}

export async function openPglite(dataDir?: string, loadDataDir?: Blob): Promise<PgliteDb> {
  const pg = new PGlite({ ...(dataDir ? { dataDir } : {}), ...(loadDataDir ? { loadDataDir } : {}) });
  await pg.waitReady;
  const bus = new EventEmitter();
  bus.setMaxListeners(0);
  let closed = false;

  const db: PgliteDb = {
    kind: 'pglite',
    async dump(): Promise<Blob> {
      return pg.dumpDataDir('none');
    },
    async query<T extends object>(sql: string, params: readonly unknown[] = []): Promise<T[]> {
      const result = await pg.query<T>(sql, [...params]);
      return result.rows;
    },
    async tx<T>(fn: (q: Queryable) => Promise<T>): Promise<T> {
      return pg.transaction(async (t) => {
        const q: Queryable = {
          async query<R extends object>(sql: string, params: readonly unknown[] = []): Promise<R[]> {
            const result = await t.query<R>(sql, [...params]);
            return result.rows;
          },
        };
        return fn(q);
      });
    },
    // Notifications never leave this process, so there is no connection to lose.
    onListenRestored(): () => void {
      return () => undefined;
    },
    async listen(channel: string, cb: (payload: string) => void): Promise<Unlisten> {
      bus.on(channel, cb);
      return async () => {
        bus.off(channel, cb);
      };
    },
    async notify(channel: string, payload: string): Promise<void> {
      // Asynchronous like a real NOTIFY, so a listener never runs inside the writer's call stack.
      queueMicrotask(() => bus.emit(channel, payload));
    },
    async close(): Promise<void> {
      if (closed) return;
      closed = true;
      bus.removeAllListeners();
      await pg.close();
    },
  };
  return db;
}
