import { openTerminalDb } from '../db/index.js';
import { startSync } from '../../sync/client/index.js';
import type { StoreOpsContract, TerminalSettings } from '../../main/contract.js';
import { toCodedError, type CodedError } from './errors.js';
import type { Session } from './session.js';
import { refreshStoreTimeZone } from './store-time-zone.js';
import { tellMainWhenOperatorsChange } from '../features/signin/verifier-refresh.js';

/**
 * One IndexedDB database per enrollment, so re-enrolling to another store never mixes two stores' data.
 * RxDB names allow only [a-z0-9_$-]: upper-case letters become "$" + the letter, so S001 and s001 differ.
 */
export function dbNameFor(storeId: string, deviceId: string): string {
  const encode = (s: string) =>
    s.replace(/[^a-z0-9-]/g, (ch) => (/[A-Z]/.test(ch) ? `$${ch.toLowerCase()}` : '_'));
  return `storeops_${encode(storeId)}_${encode(deviceId)}`;
}

export class BootError extends Error {
  constructor(readonly coded: CodedError) {
    super(`${coded.code}: ${coded.message}`);
    this.name = 'BootError';
  }
}

/** Asks the browser not to evict the database under storage pressure; a refusal is logged, not fatal. */
export async function persistStorage(): Promise<void> {
  if (!navigator.storage?.persist) {
    console.warn('navigator.storage.persist is not available; the browser may evict local data');
    return;
  }
  try {
    const persisted = await navigator.storage.persist();
    if (!persisted) console.warn('persistent storage was not granted; the browser may evict local data');
  } catch (err) {
    console.warn('navigator.storage.persist failed', err);
  }
}

const sessions = new Map<string, Promise<Session>>();

/**
 * Opens the database and starts sync for an enrolled terminal. Memoised per database, because React's
 * StrictMode mounts twice and RxDB refuses to open one database twice in a page.
 */
export function openSession(platform: StoreOpsContract, settings: TerminalSettings): Promise<Session> {
  const device = settings.device;
  if (!device) return Promise.reject(new BootError({ code: 'NOT_ENROLLED', message: 'no device in settings' }));
  const key = dbNameFor(device.storeId, device.deviceId);
  let session = sessions.get(key);
  if (!session) {
    session = start(platform, settings, device, key);
    sessions.set(key, session);
    // A failed start may be retried from the error screen.
    session.catch(() => sessions.delete(key));
  }
  return session;
}

async function start(platform: StoreOpsContract, settings: TerminalSettings, device: NonNullable<TerminalSettings['device']>, dbName: string): Promise<Session> {
  const credential = await platform.getSyncCredential().catch((err: unknown) => {
    throw new BootError(toCodedError(err, 'NOT_ENROLLED'));
  });
  const db = await openTerminalDb({ name: dbName, devMode: import.meta.env.DEV }).catch((err: unknown) => {
    const { code, message } = toCodedError(err, 'DB_OPEN_FAILED');
    throw new BootError({ code: 'DB_OPEN_FAILED', message: code === 'DB_OPEN_FAILED' ? message : `${code}: ${message}` });
  });
  let sync: Session['sync'];
  try {
    sync = await startSync(db, credential);
  } catch (err) {
    const { code, message } = toCodedError(err, 'SYNC_START_FAILED');
    throw new BootError({ code: 'SYNC_START_FAILED', message: `${code}: ${message}` });
  }
  void refreshStoreTimeZone(credential);
  // For as long as the page lives, like the session itself.
  tellMainWhenOperatorsChange(db, platform);
  return { db, sync, platform, settings, device };
}
