/** Test-only helpers for the sync client's integration tests: real servers, real RxDB, a cuttable link. */
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { firstValueFrom, filter, timeout, type Observable } from 'rxjs';
import { indexedDB, IDBKeyRange } from 'fake-indexeddb';
import { openTerminalDb, type TerminalDb } from '../../renderer/db/index.js';
import type { OrderEvent, OrderEventType } from '../model/order-event.js';
import { startSync, createEventId, type SyncHandle, type SyncOptions, type SyncState } from './index.js';
import type { EnrollResponse } from '../protocol/platform.js';
import { testOperatorId } from '../server/testing-data.js';

let dbCounter = 0;

export function newDbName(): string {
  dbCounter += 1;
  return `synctest${process.pid}x${dbCounter}x${Date.now()}`;
}

export async function openTestDb(name = newDbName()): Promise<TerminalDb> {
  return openTerminalDb({ name, indexedDB, IDBKeyRange, devMode: true, multiInstance: false });
}

/** Fast retries so an offline period ends quickly once the link is back; no test waits on these timers. */
export const FAST: SyncOptions = { retryTime: 300, reconnectMinMs: 50, reconnectMaxMs: 300 };

export interface Terminal {
  dbName: string;
  db: TerminalDb;
  sync: SyncHandle;
  device: EnrollResponse;
  latest(): SyncState;
  until(pred: (s: SyncState) => boolean, what: string): Promise<SyncState>;
  stop(): Promise<void>;
  /** Like reloading the app: stop, close the database, open it again by name and start syncing. */
  reload(): Promise<Terminal>;
}

export async function startTerminal(serverUrl: string, device: EnrollResponse, dbName = newDbName(), opts: SyncOptions = {}): Promise<Terminal> {
  const terminalDb = await openTestDb(dbName);
  const sync = await startSync(terminalDb, { serverUrl, token: device.token, deviceId: device.deviceId, storeId: device.storeId }, { ...FAST, ...opts });
  let last: SyncState | undefined;
  const sub = sync.state$.subscribe((s) => (last = s));
  const terminal: Terminal = {
    dbName,
    db: terminalDb,
    sync,
    device,
    latest() {
      if (!last) throw new Error('no sync state yet');
      return last;
    },
    until: (pred, what) => waitFor(sync.state$, pred, what),
    async stop() {
      sub.unsubscribe();
      await sync.stop();
      await terminalDb.close();
    },
    async reload() {
      await terminal.stop();
      return startTerminal(serverUrl, device, dbName, opts);
    },
  };
  return terminal;
}

/** The first value that satisfies pred; fails with `what` if it never comes (the test's own timeout is longer). */
export function waitFor<T>(source: Observable<T>, pred: (v: T) => boolean, what: string, ms = 20_000): Promise<T> {
  return firstValueFrom(
    source.pipe(
      filter(pred),
      timeout({ first: ms, with: () => Promise.reject(new Error(`timed out waiting for ${what}`)) }),
    ),
  );
}

export function makeEvent(t: Terminal, orderId: string, type: OrderEventType, overrides: Partial<OrderEvent> = {}): OrderEvent {
  return {
    id: createEventId(),
    storeId: t.device.storeId,
    orderId,
    type,
    at: new Date().toISOString(),
    operatorId: testOperatorId(t.device.storeId),
    deviceId: t.device.deviceId,
    ...overrides,
  };
}

/**
 * A network link between terminals and a server that the test can cut and restore, like a store's
 * internet line. While cut, connections are refused and open ones are dropped. While hung, connections stay open
 * and new ones are taken, but nothing gets through either way: a server that stopped answering, or a cable pulled
 * somewhere down the line, where no side hears of it.
 */
export class Link {
  private readonly server: net.Server;
  private readonly sockets = new Set<net.Socket>();
  private target: number | null;
  private hung = false;

  private constructor(targetUrl: string) {
    this.target = Number(new URL(targetUrl).port);
    this.server = net.createServer((client) => this.accept(client));
  }

  static async open(targetUrl: string): Promise<Link> {
    const link = new Link(targetUrl);
    await new Promise<void>((resolve) => link.server.listen(0, '127.0.0.1', resolve));
    return link;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  cut(): void {
    this.target = null;
    for (const s of this.sockets) s.destroy();
    this.sockets.clear();
  }

  restore(targetUrl: string): void {
    this.target = Number(new URL(targetUrl).port);
  }

  hang(): void {
    this.hung = true;
  }

  /** Traffic flows again; what was dropped while hung stays lost, so the connections of then are broken. */
  resume(): void {
    this.hung = false;
  }

  async close(): Promise<void> {
    this.cut();
    await new Promise<void>((resolve, reject) => this.server.close((err) => (err ? reject(err) : resolve())));
  }

  private accept(client: net.Socket): void {
    if (this.target === null) {
      client.destroy();
      return;
    }
    const upstream = net.connect(this.target, '127.0.0.1');
    this.sockets.add(client).add(upstream);
    const drop = () => {
      client.destroy();
      upstream.destroy();
      this.sockets.delete(client);
      this.sockets.delete(upstream);
    };
    client.on('error', drop).on('close', drop);
    upstream.on('error', drop).on('close', drop);
    client.on('data', (b: Buffer) => {
      if (!this.hung) upstream.write(b);
    });
    upstream.on('data', (b: Buffer) => {
      if (!this.hung) client.write(b);
    });
  }
}
