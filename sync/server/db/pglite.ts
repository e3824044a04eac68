import { EventEmitter } from 'node:events';
import { setFlagsFromString } from 'node:v8';
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

/**
 * Where an embedded server's memory went (856 MiB idle with the demo data, against 152 MiB on PostgreSQL), and what
 * is done about it:
 * - PostgreSQL's shared buffers live in the WebAssembly memory, and PGlite's default of 128 MB (plus the WAL buffers
 *   sized from it) is all touched as the database starts, so about 150 MiB was resident before the first query, and
 *   a WebAssembly memory never shrinks. 32 MB hold a store server's hot pages (the data files stay in the operating
 *   system's page cache behind them). In `npm run bench writes`, 16 MB slowed the write paths down (dirty pages are
 *   evicted through file system calls); 32 MB did not measurably.
 * - V8 first compiles WebAssembly with its baseline compiler and recompiles hot functions with its optimizing one.
 *   PostgreSQL's SQL parser (`raw_parser`, Bison's 100 KB state machine) turns hot seconds after the start, and
 *   optimizing it takes about 600 MB of compiler memory for 2.5 s: that burst is what the 856 MiB figure caught. See
 *   `useBaselineWasmCompiler` for why it is turned off.
 */
const START_PARAMS = [...PGlite.defaultStartParams, '-c', 'shared_buffers=32MB'];

let baselineOnly = false;

/**
 * Keeps this process's WebAssembly on V8's baseline compiler (Liftoff): no function is recompiled by the optimizing
 * one, so the parser's 600 MB burst never happens and the optimized code (30-40 MiB) is not kept either. The price is
 * CPU in PostgreSQL's own loops: a transaction of one insert and one select cost the same (about 770 µs, median of 6
 * runs each), a 100-document insert (bench/floor.ts) about 30% more CPU a document (150 µs against 115, 3 runs each,
 * on a busy 2-core machine). An embedded server is the small deployment, where memory is the scarcer of the two; one
 * that wants the optimizing compiler starts node with a WebAssembly tiering flag of its own (`node
 * --wasm-dynamic-tiering --import tsx sync/server/cli.ts`), which is then left alone. V8 reads these flags when it
 * compiles a module, so they are set before the first PGlite instance compiles its own; they are process-wide, and
 * no other WebAssembly in the server is on a hot path. Called by the long-running entry points (the server's CLI, the
 * demo); the test suite, which opens PGlite databases by the dozen and lives for minutes, keeps the faster default.
 */
export function useBaselineWasmCompiler(): void {
  if (baselineOnly) return;
  baselineOnly = true;
  if (process.execArgv.some((arg) => /^--(no-)?(wasm-dynamic-tiering|wasm-tier-up|liftoff)/.test(arg))) return;
  setFlagsFromString('--no-wasm-dynamic-tiering');
  setFlagsFromString('--no-wasm-tier-up');
}

export async function openPglite(dataDir?: string, loadDataDir?: Blob): Promise<PgliteDb> {
  const pg = new PGlite({ ...(dataDir ? { dataDir } : {}), ...(loadDataDir ? { loadDataDir } : {}), startParams: START_PARAMS });
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
