import {
  EMPTY,
  ReplaySubject,
  catchError,
  combineLatest,
  concat,
  defer,
  distinctUntilChanged,
  filter,
  finalize,
  map,
  share,
  tap,
  type Observable,
} from 'rxjs';
import type { TerminalDb } from '../../db/index.js';
import { FINAL, type OrderEvent } from '../../../sync/model/index.js';
import { QueueDeriver, type QueueRow } from './queue.js';
import { QUEUE_MARKS, mark } from './perf-marks.js';

/** What the queue screen shows: rows by deadline, and whether they are every order yet or only the first page. */
export interface QueueView {
  rows: QueueRow[];
  complete: boolean;
}

export interface FirstPageOptions {
  nowMs?: number;
  /** How far back from now the first page starts. */
  windowMs?: number;
  /** Orders read per round. */
  pageSize?: number;
  /** Non-final rows the page wants before it stops reading (a screen holds about 23); at most pageSize. */
  openRows?: number;
  /** Rounds at most, so a window full of finished orders cannot turn the first page into the full load. */
  maxRounds?: number;
}

/**
 * A round is a screenful (the 1366×768 queue holds about 23 rows): each order on it costs its own events query, and
 * when the orders due next are open (a busy store's usual morning) one round is the whole page. Eight rounds bound
 * the reading past finished orders to what four rounds of 48 read before.
 */
export const FIRST_PAGE: Required<Omit<FirstPageOptions, 'nowMs'>> = { windowMs: 6 * 3_600_000, pageSize: 24, openRows: 24, maxRounds: 8 };

/**
 * The first page of the queue, read through the dueAt index instead of the whole store: orders due from `windowMs`
 * ago on, by deadline, with only their own events (orderId index). Statuses come from events, so finality is
 * known only after reading; the page reads further rounds until it holds a screenful (`openRows`) of non-final orders
 * (the default 'open' filter hides final ones), runs out of orders, or hits `maxRounds`.
 *
 * Events are read per order (`orderId` equal to one id, in parallel), not with `$in`: RxDB turns `$in` into one index
 * range from the smallest id to the largest, which on a store with a week of finished orders reads thousands of
 * other orders' events to keep a hundred.
 *
 * Trade-off: an order overdue by more than the window is missing from this page, although it belongs at the top of
 * the queue. It appears when the full live query lands (a few hundred ms later with 5,000 orders). A wider window
 * shows more of them at once but reads more finished orders of earlier in the day first.
 */
export async function firstQueuePage(db: TerminalDb, options: FirstPageOptions = {}): Promise<QueueRow[]> {
  const { nowMs = Date.now(), windowMs, pageSize, maxRounds } = { ...FIRST_PAGE, ...options };
  const openRows = Math.min(options.openRows ?? FIRST_PAGE.openRows, pageSize);
  const since = firstPageStart(rememberedOldestOpen(db), nowMs, windowMs);
  const deriver = new QueueDeriver();
  const rows: QueueRow[] = [];
  let open = 0;
  for (let round = 0; round < maxRounds && open < openRows; round++) {
    const orderDocs = await db.orders
      .find({ selector: { dueAt: { $gte: since } }, sort: [{ dueAt: 'asc' }, { id: 'asc' }], skip: round * pageSize, limit: pageSize })
      .exec();
    if (orderDocs.length === 0) break;
    const ids = orderDocs.map((doc) => doc.primary);
    const eventDocs = (await Promise.all(ids.map((orderId) => db.order_events.find({ selector: { orderId } }).exec()))).flat();
    const page = deriver.rows(
      orderDocs.map((doc) => ({ order: doc.toJSON(), revision: doc.revision })),
      eventDocs.map((doc) => doc.toJSON()),
    );
    for (const row of page) {
      rows.push(row);
      if (!FINAL.has(row.derived.status)) open++;
    }
    if (orderDocs.length < pageSize) break;
  }
  return rows;
}

/**
 * Where the first page starts reading: the oldest open order's deadline as the last full queue of this terminal saw
 * it, kept within [now − window, now]; without one, now − window. Orders due earlier than it were finished then, so a
 * busy store's first page does not spend its rounds on the last hours' finished orders. Kept within the window so an
 * order stuck open for weeks does not send the page back through weeks of finished ones, and never after now so a
 * new order due soon is on the page. Wrong only in what the full live query, a moment later, shows anyway.
 */
export function firstPageStart(remembered: string | undefined, nowMs: number, windowMs: number): string {
  const floor = nowMs - windowMs;
  const at = remembered === undefined ? Number.NaN : Date.parse(remembered);
  return new Date(Number.isNaN(at) ? floor : Math.min(nowMs, Math.max(floor, at))).toISOString();
}

const oldestOpenKey = (db: TerminalDb) => `store-ops:queue-oldest-open:${db.name}`;

/** localStorage is absent in Node tests and may refuse (a full or locked profile): the hint is then simply not kept. */
function rememberedOldestOpen(db: TerminalDb): string | undefined {
  try {
    return globalThis.localStorage?.getItem(oldestOpenKey(db)) ?? undefined;
  } catch {
    return undefined;
  }
}

function rememberOldestOpen(db: TerminalDb, rows: readonly QueueRow[]): void {
  let oldest: string | undefined;
  for (const row of rows) {
    if (!FINAL.has(row.derived.status) && (oldest === undefined || row.order.dueAt < oldest)) oldest = row.order.dueAt;
  }
  try {
    const key = oldestOpenKey(db);
    if (oldest === undefined) globalThis.localStorage?.removeItem(key);
    else if (globalThis.localStorage?.getItem(key) !== oldest) globalThis.localStorage?.setItem(key, oldest);
  } catch {
    // Only a hint for the next first page (firstPageStart); without it the page starts at now − window.
  }
}

/** Every order of the store by deadline with derived statuses, live: one query of all orders and all events. */
function allRows$(db: TerminalDb): Observable<QueueRow[]> {
  const deriver = new QueueDeriver();
  // Events never change once written, so each is copied out of RxDB once.
  const eventData = new Map<string, OrderEvent>();
  const orders$ = db.orders.find({ sort: [{ dueAt: 'asc' }, { id: 'asc' }] }).$;
  const events$ = db.order_events.find().$;
  let first = true;
  return combineLatest([orders$, events$]).pipe(
    map(([orderDocs, eventDocs]) => {
      if (first) mark(QUEUE_MARKS.fullQuery);
      const events = eventDocs.map((doc) => {
        let event = eventData.get(doc.primary);
        if (!event) {
          event = doc.toJSON();
          eventData.set(doc.primary, event);
        }
        return event;
      });
      const rows = deriver.rows(
        orderDocs.map((doc) => ({ order: doc.toJSON(), revision: doc.revision })),
        events,
      );
      // For bench/queue.ts: splits the full load into query and derivation.
      if (first) mark(QUEUE_MARKS.fullData);
      rememberOldestOpen(db, rows);
      first = false;
      return rows;
    }),
  );
}

interface SharedQueue {
  rows$: Observable<QueueRow[]>;
  /** The last full rows while someone is subscribed; null otherwise. */
  latest: QueueRow[] | null;
}

/**
 * One full live query per database, shared by every screen that reads the queue (queue, detail, packing, stock
 * reservations) and dropped when the last one unsubscribes. Opening an order then reads its row from memory.
 */
const sharedQueues = new WeakMap<TerminalDb, SharedQueue>();

function sharedQueue(db: TerminalDb): SharedQueue {
  const existing = sharedQueues.get(db);
  if (existing) return existing;
  const entry: SharedQueue = { rows$: EMPTY, latest: null };
  entry.rows$ = defer(() => allRows$(db)).pipe(
    tap((rows) => (entry.latest = rows)),
    finalize(() => (entry.latest = null)),
    share({ connector: () => new ReplaySubject<QueueRow[]>(1), resetOnError: true, resetOnComplete: true, resetOnRefCountZero: true }),
  );
  sharedQueues.set(db, entry);
  return entry;
}

/**
 * The live queue: every order of the store sorted by deadline, each with its status derived from its events.
 * Emits again whenever an order or an event changes, locally or through sync. Always complete: callers that sum
 * over orders (stock reservations) or look orders up (packing) must never see a partial list.
 */
export function queueRows$(db: TerminalDb): Observable<QueueRow[]> {
  return sharedQueue(db).rows$;
}

/**
 * The queue screen's rows: first a small page (see firstQueuePage) marked incomplete, then the full live rows.
 * The full query starts only once the first page is out, so the two do not compete for the main thread and
 * IndexedDB before the first rows are painted. When another screen already holds the full rows, no page is read.
 */
export function queueView$(db: TerminalDb, options: FirstPageOptions = {}): Observable<QueueView> {
  return defer(() => {
    const queue = sharedQueue(db);
    const full$ = queue.rows$.pipe(map((rows): QueueView => ({ rows, complete: true })));
    const preloaded = takePreloadedPage(db);
    if (queue.latest) return full$;
    const page$ = defer(() => {
      if (preloaded) return preloaded;
      mark(QUEUE_MARKS.firstPageStart);
      return firstQueuePage(db, options);
    }).pipe(
      filter((rows) => rows.length > 0),
      tap(() => mark(QUEUE_MARKS.firstData)),
      map((rows): QueueView => ({ rows, complete: false })),
      // The page only saves time; if it fails, the full query still shows everything (or reports its own error).
      catchError((error: unknown) => {
        console.warn('queue first page failed', error);
        return EMPTY;
      }),
    );
    return concat(page$, full$);
  });
}

/** A preloaded first page is used only this soon after it started: later, the database may have moved on. */
const PRELOAD_FRESH_MS = 2_000;
const preloadedPages = new WeakMap<TerminalDb, { startedAt: number; page: Promise<QueueRow[]> }>();

/**
 * Starts reading the queue's first page now, for the next queueView$ of this database to take. The queue screen
 * calls it while rendering, so the read overlaps React's first render and commit instead of waiting for the
 * subscription in a passive effect (after the first paint). Does nothing when the full rows are already loaded.
 */
export function preloadQueuePage(db: TerminalDb, options: FirstPageOptions = {}): void {
  if (sharedQueues.get(db)?.latest || preloadedPages.has(db)) return;
  mark(QUEUE_MARKS.firstPageStart);
  const page = firstQueuePage(db, options);
  // Read or not, a failure here is the page's own business: queueView$ reads again or falls back to the full query.
  page.catch(() => undefined);
  preloadedPages.set(db, { startedAt: performance.now(), page });
}

function takePreloadedPage(db: TerminalDb): Promise<QueueRow[]> | undefined {
  const preloaded = preloadedPages.get(db);
  preloadedPages.delete(db);
  return preloaded && performance.now() - preloaded.startedAt < PRELOAD_FRESH_MS ? preloaded.page : undefined;
}

const rowIndexes = new WeakMap<readonly QueueRow[], Map<string, QueueRow>>();

function rowIndex(rows: readonly QueueRow[]): Map<string, QueueRow> {
  let index = rowIndexes.get(rows);
  if (!index) {
    index = new Map(rows.map((row) => [row.order.id, row]));
    rowIndexes.set(rows, index);
  }
  return index;
}

/**
 * One order and its derived status, live. Null while the order is not (or no longer) in the database.
 * While the full queue is loaded (the queue screen is open), the row comes from its rows in memory, so opening an
 * order costs no query; otherwise it has its own queries.
 */
export function queueRow$(db: TerminalDb, orderId: string): Observable<QueueRow | null> {
  return defer(() => {
    const queue = sharedQueues.get(db);
    if (!queue?.latest) return queriedRow$(db, orderId);
    // Unchanged rows keep their identity (QueueDeriver), so the detail re-renders only when its own order changes.
    return queue.rows$.pipe(
      map((rows) => rowIndex(rows).get(orderId) ?? null),
      distinctUntilChanged(),
    );
  });
}

/**
 * The order's row as the loaded queue has it right now, or undefined when the queue is not loaded or lacks it.
 * Lets the detail render in the same commit as the drawer that opens it, instead of a spinner first.
 */
export function loadedQueueRow(db: TerminalDb, orderId: string): QueueRow | undefined {
  const rows = sharedQueues.get(db)?.latest;
  return rows ? rowIndex(rows).get(orderId) : undefined;
}

function queriedRow$(db: TerminalDb, orderId: string): Observable<QueueRow | null> {
  const deriver = new QueueDeriver();
  return combineLatest([
    db.orders.findOne(orderId).$,
    db.order_events.find({ selector: { orderId } }).$,
  ]).pipe(
    map(([doc, eventDocs]) => {
      if (!doc) return null;
      const rows = deriver.rows([{ order: doc.toJSON(), revision: doc.revision }], eventDocs.map((e) => e.toJSON()));
      return rows[0] ?? null;
    }),
  );
}
