import { COLLECTIONS, type CollectionName, type DocTypes } from '../model/collections.js';
import { OPERATOR_VERSIONS } from '../model/operator.js';
import { STORE_DOC_VERSIONS } from '../model/store.js';
import { ORDER_EVENT_VERSIONS } from '../model/order-event.js';

/** Version of the client↔server sync protocol. It is part of every sync route. */
export const PROTOCOL_VERSION = 1;
export const SUPPORTED_PROTOCOL_VERSIONS: readonly number[] = [1];

/** Largest page a client may ask for, and the default. */
export const MAX_PULL_BATCH = 1000;
export const DEFAULT_PULL_BATCH = 200;
export const MAX_PUSH_BATCH = 500;
/** Request bodies above this are refused with PAYLOAD_TOO_LARGE. */
export const MAX_BODY_BYTES = 1024 * 1024;

/**
 * A position in a store's change feed. `position` is the store's commit-ordered sequence number stamped on
 * every write; `id` breaks ties so the tuple is a total order. Never a clock.
 */
export interface Checkpoint {
  position: number;
  id: string;
  /**
   * Set while a fresh terminal reads its window (design §4): only documents inside the window, up to this position,
   * are served. Once they are read the checkpoint becomes (until, AFTER_EVERY_ID) and the full feed follows.
   */
  until?: number;
}

/** Sorts after every document id (ids are ASCII), so (p, AFTER_EVERY_ID) means "after everything at position p". */
export const AFTER_EVERY_ID = '\uffff';

/** A document as it travels: the collection's fields plus the tombstone flag. */
export type WireDoc<C extends CollectionName> = DocTypes[C] & { _deleted: boolean };

export interface PullQuery {
  /** Omitted on the first pull. */
  position?: number;
  id?: string;
  /** The checkpoint's `until`, while the window is being read. */
  until?: number;
  limit?: number;
  /** Schema version the client holds for this collection. */
  schemaVersion: number;
}

export interface PullResponse<C extends CollectionName = CollectionName> {
  documents: WireDoc<C>[];
  /** Where the next pull continues. Equal to the request's checkpoint when nothing is new. */
  checkpoint: Checkpoint | null;
}

export interface PushRow<C extends CollectionName = CollectionName> {
  newDocumentState: WireDoc<C>;
  /** The server state the client last saw; absent for a document the client created. */
  assumedMasterState?: WireDoc<C>;
}

export interface PushRequest<C extends CollectionName = CollectionName> {
  rows: PushRow<C>[];
}

export interface PushRejection {
  documentId: string;
  code:
    | 'VALIDATION_FAILED'
    | 'WRONG_WRITER'
    | 'STORE_MISMATCH'
    | 'DEVICE_MISMATCH'
    | 'UNKNOWN_ORDER'
    | 'UNSUPPORTED_SCHEMA_VERSION'
    /** The server failed to store this one document; the rest of the batch still applied. */
    | 'INTERNAL'
    // The operator named on a terminal's fact: not of this store, not active at the fact's time, lacking the role,
    // or lacking a manager's approval where the permission table asks for one.
    | 'UNKNOWN_OPERATOR'
    | 'OPERATOR_INACTIVE'
    | 'FORBIDDEN'
    | 'APPROVAL_REQUIRED';
  message: string;
}

export interface PushResponse<C extends CollectionName = CollectionName> {
  /** Current server states of the documents whose assumed master state was wrong (real conflicts only). */
  conflicts: WireDoc<C>[];
  /** Documents the server refused; the rest of the batch was applied. */
  rejected: PushRejection[];
}

/** What the device learns about itself after enrolling; also answered by GET whoami. */
export interface DeviceInfo {
  deviceId: string;
  deviceName: string;
  storeId: string;
  storeName: string;
  timezone: string;
}

/**
 * Liveness of the live stream. The server writes a comment (`: ping`) on every open stream at least every
 * STREAM_HEARTBEAT_MS, changes or not; a terminal that has read nothing for STREAM_SILENCE_MS treats the stream as
 * lost and says so (offline), then reconnects. A hung server or a cut cable never closes the connection by itself:
 * only the silence tells. The silence lets a server stall for 5 s (a heavy query on embedded PGlite) without the
 * light flickering, and keeps the store's rule that it turns offline within 10 s of the link or the server going quiet.
 */
export const STREAM_HEARTBEAT_MS = 2_000;
export const STREAM_SILENCE_MS = 7_000;
/** The longest heartbeat a server may be configured with: under half the silence, so one late beat is no outage. */
export const MAX_STREAM_HEARTBEAT_MS = STREAM_SILENCE_MS / 2;

/** Server-sent events on the live stream. */
export type StreamMessage =
  | { type: 'hello'; storeId: string; position: number }
  /**
   * `collections`: what the transaction at `position` wrote, so a terminal pulls only those. Absent means it is not
   * known (e.g. after a lost LISTEN connection): pull everything.
   */
  | { type: 'change'; storeId: string; position: number; collections?: CollectionName[] };

export const SYNC_BASE = `/sync/v${PROTOCOL_VERSION}`;

/**
 * The origin of the Electron terminal's renderer (its private app:// scheme). Its replication calls the central
 * server cross-origin from here, so the server's CORS allowlist holds it by default.
 */
export const TERMINAL_APP_ORIGIN = 'app://terminal';

export const syncRoutes = {
  pull: (c: CollectionName) => `${SYNC_BASE}/${c}/pull`,
  push: (c: CollectionName) => `${SYNC_BASE}/${c}/push`,
  stream: () => `${SYNC_BASE}/stream`,
  whoami: () => `${SYNC_BASE}/whoami`,
} as const;

/** The schema version this build holds for a collection: what its terminals send and what the server stores. */
export function schemaVersionOf(c: CollectionName): number {
  return COLLECTIONS[c].schema.version;
}

/**
 * Every schema version the server speaks for a collection (design §4): the old one stays while terminals migrate.
 * The server stores the current version; an older client's pulls are downgraded and its pushes judged as current.
 */
export function supportedSchemaVersions(c: CollectionName): readonly number[] {
  if (c === 'order_events') return ORDER_EVENT_VERSIONS;
  if (c === 'operators') return OPERATOR_VERSIONS;
  if (c === 'stores') return STORE_DOC_VERSIONS;
  return [schemaVersionOf(c)];
}

/**
 * Whether a checkpoint is still inside a fresh terminal's window read. RxDB merges each new checkpoint into the
 * last (Object.assign), so `until` stays on every checkpoint after the read: only the position tells.
 */
export function readingWindow(c: Checkpoint): c is Checkpoint & { until: number } {
  return c.until !== undefined && (c.position < c.until || (c.position === c.until && c.id < AFTER_EVERY_ID));
}

/** Whether the tuple `a` is strictly after `b`. */
export function isAfter(a: Checkpoint, b: Checkpoint | null): boolean {
  if (!b) return true;
  return a.position > b.position || (a.position === b.position && a.id > b.id);
}
