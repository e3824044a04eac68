import {
  asapScheduler,
  auditTime,
  BehaviorSubject,
  combineLatest,
  distinctUntilChanged,
  from,
  map,
  observeOn,
  startWith,
  Subject,
  type Observable,
  type Subscription,
} from 'rxjs';
import { v7 as uuidv7 } from 'uuid';
import { COLLECTION_NAMES, COLLECTIONS, type CollectionName } from '../model/collections.js';
import { ProtocolError, type ErrorCode } from '../protocol/errors.js';
import type { SyncCredential } from '../../main/contract.js';
import type { TerminalDb } from '../../renderer/db/index.js';
import { SyncHttp } from './http.js';
import { ChangeStream } from './stream.js';
import { Quarantine } from './quarantine.js';
import { replicateCollection, type AnyReplication } from './replicate.js';
import { watchPending } from './pending.js';
import { HistoryClient } from './history.js';
import { resyncWindow, windowEpoch, windowIdentifier, type Generation } from './window-resync.js';

export interface SyncState {
  /**
   * The live stream to the server is open and alive: it goes false as soon as the stream ends or errors, and within
   * the silence timeout (STREAM_SILENCE_MS) when the server or the link goes quiet.
   */
  online: boolean;
  /** Online with nothing to send, nothing failing and every collection caught up: lastSyncedAt is now. */
  inSync: boolean;
  /** Local documents the server has not acknowledged yet, across collections. */
  pending: number;
  /** Last time everything was pushed and pulled (ISO-8601 UTC); kept across restarts. */
  lastSyncedAt: string | null;
  /** Documents in the local quarantine collection. */
  quarantined: number;
  /** The most recent unresolved problem; null when every request last succeeded. */
  error: { code: ErrorCode; message: string } | null;
  /** Syncing the window again from scratch after a long time away (WINDOW_EXPIRED); work goes on meanwhile. */
  resyncing: boolean;
}

export interface SyncHandle {
  readonly state$: Observable<SyncState>;
  /** Reconnect the live stream now and catch every collection up by checkpoint. */
  resync(): void;
  stop(): Promise<void>;
  /** Resolves once every collection has pushed and pulled everything (waits through offline periods). */
  awaitInSync(): Promise<void>;
  /** What the window no longer holds, read from the centre (online only). */
  readonly history: HistoryClient;
}

export interface SyncOptions {
  /** Wait before retrying a failed pull or push. Default 2000 ms. */
  retryTime?: number;
  pullBatchSize?: number;
  pushBatchSize?: number;
  reconnectMinMs?: number;
  reconnectMaxMs?: number;
  /** A live stream silent this long is lost: the state goes offline (ChangeStreamOptions). */
  silenceTimeoutMs?: number;
  requestTimeoutMs?: number;
}

/** A new event id: UUIDv7, so ids sort by creation time and a retried push of the same fact is harmless. */
export function createEventId(): string {
  return uuidv7();
}

const LOCAL_STATE_DOC = 'sync-state';
interface LocalSyncState {
  lastSyncedAt: string | null;
}

/** Two replications with one identifier on one database would share, and corrupt, the same checkpoints. */
const running = new WeakSet<TerminalDb>();

export async function startSync(db: TerminalDb, credential: SyncCredential, opts: SyncOptions = {}): Promise<SyncHandle> {
  if (running.has(db)) throw new Error(`sync is already running on database "${db.name}"; await stop() before starting it again`);
  running.add(db);
  const http = new SyncHttp({ serverUrl: credential.serverUrl, token: credential.token, timeoutMs: opts.requestTimeoutMs });
  const stream = new ChangeStream(http, { storeId: credential.storeId, ...pick(opts, ['reconnectMinMs', 'reconnectMaxMs', 'silenceTimeoutMs']) });
  const quarantine = new Quarantine(db);
  const stored = await db.getLocal<LocalSyncState>(LOCAL_STATE_DOC).catch((err: unknown) => {
    running.delete(db);
    throw err;
  });
  const state = new BehaviorSubject<SyncState>({
    online: false,
    inSync: false,
    pending: 0,
    lastSyncedAt: stored?.get('lastSyncedAt') ?? null,
    quarantined: 0,
    error: null,
    resyncing: false,
  });
  const settledState = (st: SyncState) => st.online && st.error === null && st.pending === 0 && !st.resyncing;
  const patch = (p: Partial<SyncState>) => {
    const next = { ...state.value, ...p };
    // The replications say when everything has settled (below); whatever unsettles the state ends inSync at once.
    if (!settledState(next)) next.inSync = false;
    state.next(next);
  };

  // Latest outcome per source (each collection, the stream): the error shown is the newest unresolved one.
  const errors = new Map<string, ProtocolError>();
  const report = (source: string, error: ProtocolError | null) => {
    if (error) {
      errors.delete(source); // re-inserted last: Map keeps insertion order
      errors.set(source, error);
    } else if (!errors.delete(source)) return;
    const latest = [...errors.values()].at(-1);
    patch({ error: latest ? { code: latest.code, message: latest.message } : null });
  };

  const baseIdentifier = `storeops:${credential.serverUrl}:${credential.storeId}`;
  const buildGeneration = (epoch: number): Generation => {
    const replications = new Map<CollectionName, AnyReplication>();
    for (const name of COLLECTION_NAMES) {
      const rs = replicateCollection(name, {
        db,
        http,
        quarantine,
        resync$: stream.resyncFor(name),
        identifier: windowIdentifier(baseIdentifier, epoch),
        retryTime: opts.retryTime ?? 2000,
        pullBatchSize: opts.pullBatchSize ?? 500,
        pushBatchSize: opts.pushBatchSize ?? 100,
        report: (collection, error) => {
          report(collection, error);
          // A request that succeeds again also ends any replication fault RxDB raised for that collection.
          if (!error) report(`rxdb:${collection}`, null);
          if (error?.code === 'WINDOW_EXPIRED') startWindowResync();
        },
      });
      replications.set(name, rs as unknown as AnyReplication);
    }
    const all = [...replications.values()];
    const pushed = COLLECTION_NAMES.filter((n) => COLLECTIONS[n].writer === 'terminal').flatMap((n) => {
      const rs = replications.get(n);
      return rs ? [rs] : [];
    });
    const subs: Subscription[] = [
      combineLatest(pushed.map((rs) => watchPending(rs))).pipe(map((counts) => counts.reduce((a, b) => a + b, 0))).subscribe({
        next: (pending) => patch({ pending }),
        error: (err: unknown) => patch({ error: { code: 'INTERNAL', message: `pending count failed: ${String(err)}` } }),
      }),
      ...all.map((rs) =>
        rs.error$.subscribe((err) => {
          // Pull and push failures were already reported with their protocol code by the handlers.
          if (err.code === 'RC_PULL' || err.code === 'RC_PUSH') return;
          report(`rxdb:${rs.collection.name}`, new ProtocolError('INTERNAL', err.message, 0));
        }),
      ),
      // Each time everything settles (connected, nothing failing, nothing waiting, no replication running).
      combineLatest([
        state.pipe(map(settledState)),
        // active$ starts false before a replication has done anything: idle counts only after its first sync.
        ...all.map((rs) =>
          combineLatest([from(rs.awaitInitialReplication()).pipe(map(() => true), startWith(false)), rs.active$]).pipe(
            map(([firstDone, active]) => firstDone && !active),
          ),
        ),
      ])
        .pipe(
          map((conditions) => conditions.every(Boolean)),
          distinctUntilChanged(),
          // This reads `state`: patching it inside the same emission would hand later subscribers the older value
          // last. Patch once the emission is over.
          observeOn(asapScheduler),
        )
        .subscribe((inSync) => {
          if (!inSync) {
            patch({ inSync });
            return;
          }
          const now = new Date().toISOString();
          patch({ inSync, lastSyncedAt: now });
          persistSynced.next(now);
        }),
    ];
    return { replications, all, pushed, subs };
  };

  const persistSynced = new Subject<string>();
  const subs: Subscription[] = [
    stream.connected$.subscribe((online) => {
      if (online) report('stream', null);
      patch({ online });
    }),
    stream.error$.subscribe((err) => report('stream', err)),
    // A silent stream means a dead link: pulls and pushes on it would wait for their own timeouts before retrying.
    stream.silent$.subscribe(() => http.abortInFlight('the live stream went silent: the link or the server is down')),
    db.quarantine.count().$.subscribe((quarantined) => patch({ quarantined })),
    persistSynced.pipe(auditTime(1000)).subscribe((at) => {
      saveLastSynced(db, at).catch((err: unknown) => report('local', new ProtocolError('INTERNAL', `could not save sync state: ${String(err)}`, 0)));
    }),
  ];

  let generation = buildGeneration(await windowEpoch(db));
  let stopped = false;
  let resync: Promise<void> | undefined;
  /**
   * The server said this terminal was away too long to catch up (WINDOW_EXPIRED): push what it holds unsent, drop
   * everything the server has acknowledged, and pull the window again under a new replication identifier. Runs once
   * at a time; the UI keeps working on the same collections throughout.
   */
  function startWindowResync(): void {
    if (resync || stopped) return;
    patch({ resyncing: true });
    resync = (async () => {
      const old = generation;
      await resyncWindow(db, old, () => state.value.pending, (code, message) => report('window', new ProtocolError(code, message, 0)));
      for (const sub of old.subs) sub.unsubscribe();
      for (const c of COLLECTION_NAMES) report(c, null);
      if (stopped) return;
      generation = buildGeneration(await windowEpoch(db));
      report('window', null);
    })()
      .catch((err: unknown) => report('window', new ProtocolError('INTERNAL', `window resync failed: ${String(err)}`, 0)))
      .finally(() => {
        resync = undefined;
        patch({ resyncing: false });
      });
  }

  stream.start();

  return {
    history: new HistoryClient(http),
    state$: state.pipe(distinctUntilChanged(sameState)),
    resync() {
      stream.reconnectNow();
      for (const rs of generation.all) rs.reSync();
    },
    async awaitInSync() {
      for (;;) {
        const current = generation;
        await resync;
        await Promise.all(current.all.map((rs) => rs.awaitInSync()));
        // A window resync that started meanwhile replaced the replications: wait for the new ones.
        if (current === generation && !resync) return;
      }
    },
    async stop() {
      stopped = true;
      for (const sub of subs) sub.unsubscribe();
      await stream.stop();
      await resync;
      for (const sub of generation.subs) sub.unsubscribe();
      await Promise.all(generation.all.map((rs) => rs.cancel()));
      running.delete(db);
      const last = state.value.lastSyncedAt;
      if (last && !db.closed) await saveLastSynced(db, last);
      state.complete();
    },
  };
}

async function saveLastSynced(db: TerminalDb, lastSyncedAt: string): Promise<void> {
  if (db.closed) return;
  await db.upsertLocal<LocalSyncState>(LOCAL_STATE_DOC, { lastSyncedAt });
}

function sameState(a: SyncState, b: SyncState): boolean {
  return (
    a.online === b.online &&
    a.inSync === b.inSync &&
    a.pending === b.pending &&
    a.lastSyncedAt === b.lastSyncedAt &&
    a.quarantined === b.quarantined &&
    a.resyncing === b.resyncing &&
    a.error?.code === b.error?.code &&
    a.error?.message === b.error?.message
  );
}

function pick<T extends object, K extends keyof T>(obj: T, keys: readonly K[]): Partial<Pick<T, K>> {
  const out: Partial<Pick<T, K>> = {};
  for (const k of keys) if (obj[k] !== undefined) out[k] = obj[k];
  return out;
}
