import {
  addRxPlugin,
  createRxDatabase,
  type RxCollection,
  type RxCollectionCreator,
  type RxDatabase,
  type RxJsonSchema,
} from 'rxdb';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { wrappedValidateAjvStorage } from 'rxdb/plugins/validate-ajv';
import { RxDBLocalDocumentsPlugin } from 'rxdb/plugins/local-documents';
import { RxDBMigrationSchemaPlugin } from 'rxdb/plugins/migration-schema';
import { RxDBCleanupPlugin } from 'rxdb/plugins/cleanup';
import { COLLECTIONS, type CollectionName, type DocTypes } from '../../sync/model/collections.js';
import { operatorFromV0 } from '../../sync/model/operator.js';
import { masterWins } from './conflict.js';
import { quarantineSchema, type QuarantineDoc } from './quarantine.js';

export { quarantineId, quarantineSchema, type QuarantineDoc } from './quarantine.js';
export { masterWins } from './conflict.js';

export type ProductCollection = RxCollection<DocTypes['products']>;
export type OrderCollection = RxCollection<DocTypes['orders']>;
export type OrderEventCollection = RxCollection<DocTypes['order_events']>;
export type QuarantineCollection = RxCollection<QuarantineDoc>;

/** The synced collections, keyed like sync/model COLLECTIONS. */
export type SyncedCollections = { [C in CollectionName]: RxCollection<DocTypes[C]> };
export type TerminalCollections = SyncedCollections & { quarantine: QuarantineCollection };
export type TerminalDb = RxDatabase<TerminalCollections>;

export interface OpenTerminalDbOptions {
  /** IndexedDB database name; one per terminal profile (and per test). */
  name: string;
  storage?: 'dexie';
  /** Node tests pass fake-indexeddb's implementations; the browser uses its own. */
  indexedDB?: IDBFactory;
  IDBKeyRange?: typeof IDBKeyRange;
  /** Adds RxDB's dev-mode checks and validates every write against the schema with ajv. */
  devMode?: boolean;
  /**
   * Share change events between browser tabs on the same profile. Default true; Node tests turn it off
   * because nothing else opens their database.
   */
  multiInstance?: boolean;
}

let devModeLoaded: Promise<void> | null = null;

/**
 * dev-mode is loaded lazily so production bundles can drop it. RxDB plugins are process-wide: once loaded,
 * every later database is in dev mode too and must have the validator, whatever its own option says.
 */
function loadDevMode(): Promise<void> {
  devModeLoaded ??= import('rxdb/plugins/dev-mode').then(({ RxDBDevModePlugin, disableWarnings }) => {
    disableWarnings();
    addRxPlugin(RxDBDevModePlugin);
  });
  return devModeLoaded;
}

addRxPlugin(RxDBLocalDocumentsPlugin);
addRxPlugin(RxDBMigrationSchemaPlugin);
// Purges tombstones: what the window evicts (served as deleted, sync/model/window.ts) leaves the disk too.
addRxPlugin(RxDBCleanupPlugin);

function schemaOf<C extends CollectionName>(name: C): RxJsonSchema<DocTypes[C]> {
  // A copy: dev-mode freezes schemas, and the server shares these objects when both run in one process.
  return structuredClone(COLLECTIONS[name].schema) as unknown as RxJsonSchema<DocTypes[C]>;
}

export async function openTerminalDb(opts: OpenTerminalDbOptions): Promise<TerminalDb> {
  if (opts.devMode) await loadDevMode();
  const dexie = getRxStorageDexie({
    ...(opts.indexedDB ? { indexedDB: opts.indexedDB } : {}),
    ...(opts.IDBKeyRange ? { IDBKeyRange: opts.IDBKeyRange } : {}),
  });
  const storage = devModeLoaded ? wrappedValidateAjvStorage({ storage: dexie }) : dexie;
  const db = await createRxDatabase<TerminalCollections>({
    name: opts.name,
    storage,
    multiInstance: opts.multiInstance ?? true,
    // Holds the sync client's small bookkeeping (last synced time) without spending a collection on it.
    localDocuments: true,
    closeDuplicates: true,
    // An hour is ample for every replication to have seen a tombstone; nothing here waits a month for a peer.
    cleanupPolicy: { minimumDeletedTime: 3_600_000, runEach: 300_000, awaitReplicationsInSync: true, waitForLeadership: true },
  });
  // Keyed by CollectionName so that a collection added to sync/model fails to compile here until it is wired.
  const synced = {
    products: { schema: schemaOf('products'), conflictHandler: masterWins<DocTypes['products']>() },
    orders: { schema: schemaOf('orders'), conflictHandler: masterWins<DocTypes['orders']>() },
    order_events: {
      schema: schemaOf('order_events'),
      conflictHandler: masterWins<DocTypes['order_events']>(),
      // v1 and v2 only added optional fields and types: an older event is a valid newer event as it is.
      migrationStrategies: { 1: (doc: DocTypes['order_events']) => doc, 2: (doc: DocTypes['order_events']) => doc },
    },
    stores: {
      schema: schemaOf('stores'),
      conflictHandler: masterWins<DocTypes['stores']>(),
      // v1 and v2 only added optional fields (passKeys, settings.pickupHoldHours, settings.cashTolerance): an older
      // document is a valid newer one.
      migrationStrategies: { 1: (doc: DocTypes['stores']) => doc, 2: (doc: DocTypes['stores']) => doc },
    },
    operators: {
      schema: schemaOf('operators'),
      conflictHandler: masterWins<DocTypes['operators']>(),
      // v1 keeps nothing PIN-derived: a v0 document's pinHash is dropped on the spot, only hasPin remains. The
      // collection is then pulled again (the replication identifier names the version) in the server's v1 shape.
      // v2 only added the courier role to the enum: a v1 document is a valid v2 document.
      migrationStrategies: { 1: (doc: Parameters<typeof operatorFromV0>[0]) => operatorFromV0(doc), 2: (doc: DocTypes['operators']) => doc },
    },
    stock_moves: { schema: schemaOf('stock_moves'), conflictHandler: masterWins<DocTypes['stock_moves']>() },
    stock_levels: { schema: schemaOf('stock_levels'), conflictHandler: masterWins<DocTypes['stock_levels']>() },
    pickup_passes: { schema: schemaOf('pickup_passes'), conflictHandler: masterWins<DocTypes['pickup_passes']>() },
    payments: { schema: schemaOf('payments'), conflictHandler: masterWins<DocTypes['payments']>() },
    till_events: { schema: schemaOf('till_events'), conflictHandler: masterWins<DocTypes['till_events']>() },
  } satisfies { [C in CollectionName]: RxCollectionCreator<DocTypes[C]> };
  await db.addCollections({ ...synced, quarantine: { schema: quarantineSchema } });
  return db;
}
