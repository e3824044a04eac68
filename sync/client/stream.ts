import { BehaviorSubject, filter, map, Subject, type Observable } from 'rxjs';
import { isCollectionName, type CollectionName } from '../model/collections.js';
import { isErrorBody, ProtocolError } from '../protocol/errors.js';
import { STREAM_SILENCE_MS, syncRoutes, type StreamMessage } from '../protocol/sync.js';
import { isRecord, networkError, asProtocolError, type SyncHttp } from './http.js';
import { readSse } from './sse.js';

export interface ChangeStreamOptions {
  storeId: string;
  /** First reconnect delay; doubles per failed attempt up to reconnectMaxMs, with jitter. */
  reconnectMinMs?: number;
  reconnectMaxMs?: number;
  /**
   * A stream that delivers no bytes for this long is treated as lost (offline) and reopened: a hung server or a
   * half-open TCP connection (a pulled cable) never errors by itself. The server's heartbeat keeps a quiet stream
   * from reaching it. Default STREAM_SILENCE_MS; the same limit bounds a connect that gets no answer.
   */
  silenceTimeoutMs?: number;
}

function isStreamMessage(v: unknown): v is StreamMessage {
  return isRecord(v) && (v.type === 'hello' || v.type === 'change') && typeof v.storeId === 'string' && typeof v.position === 'number'
    && (v.collections === undefined || (Array.isArray(v.collections) && v.collections.every((c) => typeof c === 'string')));
}

/** Which collections to catch up: null = all of them. */
type ResyncScope = readonly CollectionName[] | null;

/**
 * The one live connection a terminal keeps to the server. It is only an accelerator: it tells every
 * replication to catch up by checkpoint ('RESYNC') when it (re)connects and when the store's position moves.
 * Read with fetch streaming because EventSource cannot send the Authorization header.
 */
export class ChangeStream {
  readonly connected$ = new BehaviorSubject(false);
  readonly error$ = new Subject<ProtocolError>();
  /** The stream went silent for the silence timeout: the link or the server is gone, not just the stream. */
  readonly silent$ = new Subject<void>();
  private readonly resyncSubject = new Subject<ResyncScope>();
  private stopped = false;
  private abort: AbortController | null = null;
  private wake: (() => void) | null = null;
  private helloPosition = -1;
  private loop: Promise<void> | null = null;

  constructor(
    private readonly http: SyncHttp,
    private readonly opts: ChangeStreamOptions,
  ) {}

  start(): void {
    this.loop ??= this.run();
  }

  /**
   * The catch-ups one collection's replication must run: every (re)connect, and each change that wrote it. A change
   * that names other collections only is skipped, so a new order does not make the terminal pull all of them.
   */
  resyncFor(name: CollectionName): Observable<'RESYNC'> {
    return this.resyncSubject.pipe(
      filter((scope) => scope === null || scope.includes(name)),
      map(() => 'RESYNC' as const),
    );
  }

  /** Drops the backoff wait (or the current connection) and connects again now. */
  reconnectNow(): void {
    if (this.wake) this.wake();
    else if (!this.connected$.value) this.abort?.abort();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.abort?.abort();
    this.wake?.();
    await this.loop;
    this.connected$.next(false);
    this.connected$.complete();
    this.resyncSubject.complete();
    this.error$.complete();
    this.silent$.complete();
  }

  private async run(): Promise<void> {
    let attempt = 0;
    while (!this.stopped) {
      try {
        await this.connectOnce(() => {
          attempt = 0;
        });
      } catch (err) {
        if (!this.stopped) this.error$.next(asProtocolError(err));
      }
      this.connected$.next(false);
      if (this.stopped) break;
      await this.backoff(attempt++);
    }
  }

  private async connectOnce(onOpen: () => void): Promise<void> {
    const abort = new AbortController();
    this.abort = abort;
    const idleMs = this.opts.silenceTimeoutMs ?? STREAM_SILENCE_MS;
    let idle: ReturnType<typeof setTimeout> | undefined;
    let idledOut = false;
    const touch = () => {
      clearTimeout(idle);
      idle = setTimeout(() => {
        idledOut = true;
        abort.abort();
      }, idleMs);
    };
    try {
      touch();
      let res: Response;
      try {
        res = await fetch(this.http.url(syncRoutes.stream()), {
          headers: { ...this.http.headers, accept: 'text/event-stream' },
          signal: abort.signal,
        });
      } catch (err) {
        throw networkError(err);
      }
      if (!res.ok || !res.body) {
        const body: unknown = await res.json().catch((err: unknown) => String(err));
        if (isErrorBody(body)) throw new ProtocolError(body.code, body.message, res.status, body.details);
        throw new ProtocolError('INTERNAL', `stream refused: HTTP ${res.status}`, res.status);
      }
      onOpen();
      this.connected$.next(true);
      // Whatever happened while we were away is fetched by checkpoint, not replayed from the stream.
      this.resyncSubject.next(null);
      for await (const ev of readSse(res.body, touch)) this.onMessage(ev.data);
    } catch (err) {
      if (this.stopped) return;
      if (idledOut) {
        this.silent$.next();
        throw new ProtocolError('NETWORK', `live stream silent for ${idleMs} ms`, 0);
      }
      throw networkError(err);
    } finally {
      clearTimeout(idle);
      abort.abort();
    }
  }

  private onMessage(data: string): void {
    let msg: unknown;
    try {
      msg = JSON.parse(data);
    } catch (err) {
      this.error$.next(new ProtocolError('INTERNAL', `unreadable stream message: ${String(err)}`, 0));
      return;
    }
    if (!isStreamMessage(msg) || msg.storeId !== this.opts.storeId) {
      this.error$.next(new ProtocolError('INTERNAL', `unexpected stream message: ${data.slice(0, 200)}`, 0));
      return;
    }
    if (msg.type === 'hello') {
      this.helloPosition = msg.position;
      return;
    }
    // A change at or below hello's position is covered by the catch-up of the connect. Above it, every change
    // counts even when it arrives after a higher one: notifications of two commits may cross, and each names its own
    // collections.
    if (msg.position <= this.helloPosition) return;
    // Names this terminal does not know (a newer server) cannot be trusted to be complete: catch up on everything.
    const named = msg.collections;
    this.resyncSubject.next(named && named.every((c) => isCollectionName(c)) ? named : null);
  }

  private backoff(attempt: number): Promise<void> {
    const min = this.opts.reconnectMinMs ?? 500;
    const max = this.opts.reconnectMaxMs ?? 15_000;
    const base = Math.min(max, min * 2 ** attempt);
    const delay = base / 2 + Math.random() * (base / 2);
    return new Promise<void>((resolve) => {
      const timer = setTimeout(done, delay);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wake = () => {
        this.wake = null;
        done();
      };
    }).then(() => {
      this.wake = null;
    });
  }
}
