/**
 * The terminal's update as the renderer sees it (main/contract.ts, "Updates"). Codes are stable: the renderer
 * switches on them, the message is for the support log.
 */
export type UpdateErrorCode =
  /** The downloaded file's sha512 is not the feed's: it was deleted and is fetched again at the next check. */
  | 'UPDATE_CHECKSUM_MISMATCH'
  /** The feed could not be read (no version, no file, not YAML). */
  | 'UPDATE_FEED_INVALID'
  /** The centre or the file could not be reached; the next check tries again. */
  | 'UPDATE_UNREACHABLE'
  /** The installer step failed; the download is kept and tried again at the next idle lock or restart. */
  | 'UPDATE_INSTALL_FAILED';

export type UpdateStatus = 'none' | 'checking' | 'downloading' | 'ready' | 'installing' | 'error';

export interface UpdateState {
  status: UpdateStatus;
  /** The version running now (package.json). */
  currentVersion: string;
  /** The version offered by the centre, when there is one. */
  version?: string;
  /** When the centre was last asked (ISO). */
  checkedAt?: string;
  error?: { code: UpdateErrorCode; message: string };
}

/**
 * The step that replaces the running app with the downloaded file. Tests pass a fake; Electron passes
 * electron-installer.ts. It is only called when no work is in progress.
 */
export interface UpdateInstaller {
  install(file: string, version: string): Promise<void>;
}
