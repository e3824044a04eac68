import pg from 'pg';
import type { Db, Queryable, Unlisten } from './types.js';

const INT8_OID = 20;

/** int8 arrives as a string from pg but as a number from PGlite; positions and cursors stay far below 2^53. */
const types = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === INT8_OID) return (value: string) => Number(value);
    return format === 'binary' ? pg.types.getTypeParser(oid, 'binary') : pg.types.getTypeParser(oid, 'text');
  },
};

type Listener = (payload: string) => void;

/** PostgreSQL through a pg Pool. LISTEN runs on one dedicated client that reconnects if the connection drops. */
export async function openPg(connectionString: string): Promise<Db> {
  const pool = new pg.Pool({ connectionString, types, max: 10 });
  pool.on('error', (err) => console.error('[db] idle client error:', err.message));
  const listeners = new Map<string, Set<Listener>>();
  let listenClient: pg.Client | undefined;
  let connecting: Promise<pg.Client> | undefined;
  let closed = false;
  let listenedBefore = false;
  const restored = new Set<() => void>();

  async function connectListener(): Promise<pg.Client> {
    const client = new pg.Client({ connectionString, types });
    client.on('notification', (msg) => {
      for (const cb of listeners.get(msg.channel) ?? []) cb(msg.payload ?? '');
    });
    client.on('error', (err) => {
      console.error('[db] listen connection lost:', err.message);
      if (listenClient === client) listenClient = undefined;
      if (!closed) setTimeout(() => void ensureListener().catch((e: Error) => console.error('[db] relisten failed:', e.message)), 1000);
    });
    await client.connect();
    for (const channel of listeners.keys()) await client.query(`LISTEN ${quoteIdent(channel)}`);
    listenClient = client;
    if (listenedBefore) for (const cb of restored) cb();
    listenedBefore = true;
    return client;
  }

  async function ensureListener(): Promise<pg.Client> {
    if (listenClient) return listenClient;
    connecting ??= connectListener().finally(() => (connecting = undefined));
    return connecting;
  }

  const db: Db = {
    kind: 'pg',
    async query<T extends object>(sql: string, params: readonly unknown[] = []): Promise<T[]> {
      const result = await pool.query<T>(sql, [...params]);
      return result.rows;
    },
    async tx<T>(fn: (q: Queryable) => Promise<T>): Promise<T> {
      const client = await pool.connect();
      const q: Queryable = {
        async query<R extends object>(sql: string, params: readonly unknown[] = []): Promise<R[]> {
          const result = await client.query<R>(sql, [...params]);
          return result.rows;
        },
      };
      try {
        await client.query('BEGIN');
        const value = await fn(q);
        await client.query('COMMIT');
        return value;
      } catch (err) {
        await client.query('ROLLBACK').catch((rollbackErr: Error) => console.error('[db] rollback failed:', rollbackErr.message));
        throw err;
      } finally {
        client.release();
      }
    },
    async listen(channel: string, cb: Listener): Promise<Unlisten> {
      let set = listeners.get(channel);
      const isNew = !set;
      if (!set) listeners.set(channel, (set = new Set()));
      set.add(cb);
      const client = await ensureListener();
      if (isNew) await client.query(`LISTEN ${quoteIdent(channel)}`);
      return async () => {
        set.delete(cb);
      };
    },
    onListenRestored(cb: () => void): () => void {
      restored.add(cb);
      return () => restored.delete(cb);
    },
    async notify(channel: string, payload: string): Promise<void> {
      await pool.query('SELECT pg_notify($1, $2)', [channel, payload]);
    },
    async close(): Promise<void> {
      if (closed) return;
      closed = true;
      const client = listenClient;
      listenClient = undefined;
      if (client) await client.end();
      await pool.end();
    },
  };
  return db;
}

/** Channel names are ours (constants), but LISTEN cannot take a bound parameter, so quote defensively anyway. */
function quoteIdent(name: string): string {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`invalid channel name: ${name}`);
  return `"${name}"`;
}
