import type { IdleLockedInput } from '../contract.js';
import type { SettingsStore } from '../settings/index.js';
import { UpdateChecker } from './checker.js';
import type { UpdateInstaller, UpdateState } from './types.js';

export interface UpdateServiceOptions {
  /** Replaces the app with the verified download (electron-installer.ts in Electron; a fake in tests). */
  installer: UpdateInstaller;
  /** How often the centre is asked after the check on start (checker.ts DEFAULT_UPDATE_INTERVAL_MS). */
  intervalMs?: number;
  platform?: NodeJS.Platform;
}

/**
 * The contract's "Updates" block over the checker. Work in progress is what the renderer reports at its idle lock
 * (a pick open) plus the locker releases main is carrying out now; either keeps the install waiting.
 */
export function createUpdateService(opts: { settings: SettingsStore; version: string; fetch?: typeof fetch; updates?: UpdateServiceOptions }) {
  let pickInProgress = false;
  let lockerReleases = 0;
  const checker = opts.updates
    ? new UpdateChecker({
        currentVersion: opts.version,
        dataDir: opts.settings.dataDir,
        installer: opts.updates.installer,
        busy: () => pickInProgress || lockerReleases > 0,
        intervalMs: opts.updates.intervalMs,
        platform: opts.updates.platform,
        fetch: opts.fetch,
        credential: async () => {
          const s = await opts.settings.load();
          return s.serverUrl && s.token ? { serverUrl: s.serverUrl, token: s.token } : null;
        },
      })
    : undefined;
  // A host without an installer (browser mode) never updates itself: the state says so and stays that way.
  const none: UpdateState = { status: 'none', currentVersion: opts.version };
  return {
    getUpdateState: async (): Promise<UpdateState> => checker?.state() ?? none,
    idleLocked: async (input: IdleLockedInput): Promise<UpdateState> => {
      pickInProgress = input.pickInProgress;
      return checker ? checker.installIfIdle() : none;
    },
    /** Wraps a locker release so an install never cuts into it. */
    async duringWork<T>(work: () => Promise<T>): Promise<T> {
      lockerReleases++;
      try {
        return await work();
      } finally {
        lockerReleases--;
      }
    },
    /** The restart: called once at start, before the check, so a download kept from the last run installs now. */
    start: async (): Promise<UpdateState> => (checker ? checker.start() : none),
    stop: () => checker?.stop(),
  };
}
