import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parse } from 'yaml';
import { HELD_BACK_STATUS, UPDATES_BASE, feedNameFor } from '../../sync/protocol/updates.js';
import type { UpdateErrorCode, UpdateInstaller, UpdateState } from './types.js';
import { compareVersions, isVersion } from './version.js';

/** Four hours: a chain's terminals spread over the day rather than all asking at once on the hour. */
export const DEFAULT_UPDATE_INTERVAL_MS = 4 * 60 * 60 * 1000;

export interface UpdateCheckerOptions {
  /** The version running now (package.json). */
  currentVersion: string;
  /** The terminal's data dir: downloads go to DATA_DIR/updates/. */
  dataDir: string;
  /** The centre and the device token; null while the terminal is not enrolled (nothing is asked). */
  credential: () => Promise<{ serverUrl: string; token: string } | null>;
  installer: UpdateInstaller;
  /** True while work is in progress (a pick, a locker release): the install waits for the next idle lock or restart. */
  busy: () => boolean;
  platform?: NodeJS.Platform;
  intervalMs?: number;
  fetch?: typeof fetch;
}

/** The verified download, named for the next start (resume). */
const READY_FILE = 'ready.yml';

async function sha512Of(file: string): Promise<string> {
  const hash = createHash('sha512');
  await pipeline(createReadStream(file), hash);
  return hash.digest('base64');
}

class UpdateFailure extends Error {
  constructor(readonly code: UpdateErrorCode, message: string) {
    super(message);
  }
}

interface FeedFile {
  version: string;
  url: string;
  sha512: string;
}

/** The feed's version and its first file (electron-builder lists the installer first), or a stable failure. */
export function parseFeed(text: string): FeedFile {
  let doc: unknown;
  try {
    doc = parse(text);
  } catch (err) {
    throw new UpdateFailure('UPDATE_FEED_INVALID', `the feed is not YAML: ${(err as Error).message}`);
  }
  const o = (typeof doc === 'object' && doc !== null ? doc : {}) as { version?: unknown; files?: unknown; path?: unknown; sha512?: unknown };
  const first = (Array.isArray(o.files) ? (o.files[0] as unknown) : undefined) as { url?: unknown; sha512?: unknown } | undefined;
  const url = first?.url ?? o.path;
  const sha512 = first?.sha512 ?? o.sha512;
  if (typeof o.version !== 'string' || !isVersion(o.version)) throw new UpdateFailure('UPDATE_FEED_INVALID', 'the feed has no valid version');
  if (typeof url !== 'string' || typeof sha512 !== 'string') throw new UpdateFailure('UPDATE_FEED_INVALID', 'the feed names no file with a sha512');
  // The file is fetched by name beside the feed: a URL elsewhere or a path that climbs out is not ours to fetch.
  if (url.includes('/') || url.includes('\\') || url.startsWith('.')) throw new UpdateFailure('UPDATE_FEED_INVALID', `the feed's file "${url}" is not a plain name`);
  return { version: o.version, url, sha512 };
}

/**
 * The terminal's update from the centre (docs/ARCHITECTURE.md, "Updates"): checks on start and every intervalMs,
 * downloads a newer version in the background, verifies its sha512, and installs it only when asked at an idle
 * lock or restart and nothing is busy.
 */
export class UpdateChecker {
  private current: UpdateState;
  private ready: { file: string; version: string } | undefined;
  private running: Promise<UpdateState> | undefined;
  private timer: NodeJS.Timeout | undefined;
  private readonly fetch: typeof fetch;

  constructor(private readonly opts: UpdateCheckerOptions) {
    this.current = { status: 'none', currentVersion: opts.currentVersion };
    this.fetch = opts.fetch ?? globalThis.fetch;
  }

  state(): UpdateState {
    return { ...this.current };
  }

  /**
   * On start: a verified download kept from the last run installs now (the restart), then the centre is asked.
   * Resolves after that first round (the timer goes on); never rejects, failures land in the state.
   */
  start(): Promise<UpdateState> {
    if (this.timer) return Promise.resolve(this.state());
    const first = this.resume().then(() => this.check(), () => this.check());
    this.timer = setInterval(() => void this.check(), this.opts.intervalMs ?? DEFAULT_UPDATE_INTERVAL_MS);
    this.timer.unref();
    return first;
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }

  /** One check (and download); a check already running is joined rather than doubled. */
  check(): Promise<UpdateState> {
    this.running ??= this.runCheck().finally(() => (this.running = undefined));
    return this.running;
  }

  /**
   * At an idle lock or a restart: installs the ready update unless work is in progress. A busy terminal keeps the
   * update ready for the next chance.
   */
  async installIfIdle(): Promise<UpdateState> {
    const ready = this.ready;
    if (!ready || this.current.status !== 'ready' || this.opts.busy()) return this.state();
    this.current = { ...this.current, status: 'installing' };
    try {
      await this.opts.installer.install(ready.file, ready.version);
    } catch (err) {
      this.current = { ...this.current, status: 'ready', error: { code: 'UPDATE_INSTALL_FAILED', message: (err as Error).message } };
    }
    return this.state();
  }

  /**
   * The restart half of "installs at the next idle lock or restart": the download the last run verified (named in
   * DATA_DIR/updates/ready.json) is checked again against its sha512 and, still newer than this app, installed.
   */
  async resume(): Promise<UpdateState> {
    const kept = await this.readReady();
    if (!kept || compareVersions(kept.version, this.opts.currentVersion) <= 0) return this.state();
    const file = path.join(this.updatesDir(), kept.url);
    if ((await sha512Of(file).catch(() => undefined)) !== kept.sha512) {
      await rm(file, { force: true });
      return this.state();
    }
    this.ready = { file, version: kept.version };
    this.current = { status: 'ready', currentVersion: this.opts.currentVersion, version: kept.version };
    return this.installIfIdle();
  }

  private updatesDir(): string {
    return path.join(this.opts.dataDir, 'updates');
  }

  private async readReady(): Promise<FeedFile | undefined> {
    try {
      return parseFeed(await readFile(path.join(this.updatesDir(), READY_FILE), 'utf8'));
    } catch {
      return undefined;
    }
  }

  private async runCheck(): Promise<UpdateState> {
    const credential = await this.opts.credential();
    if (!credential || this.current.status === 'installing') return this.state();
    const checkedAt = new Date().toISOString();
    const base: UpdateState = { status: 'checking', currentVersion: this.opts.currentVersion, checkedAt };
    // A download already verified stays ready until the feed names a newer one.
    if (this.current.status !== 'ready') this.current = base;
    try {
      const feed = await this.fetchFeed(credential);
      if (!feed || compareVersions(feed.version, this.opts.currentVersion) <= 0) {
        this.ready = undefined;
        this.current = { ...base, status: 'none' };
      } else if (this.ready?.version !== feed.version) {
        this.current = { ...base, status: 'downloading', version: feed.version };
        const file = await this.download(credential, feed);
        this.ready = { file, version: feed.version };
        this.current = { ...base, status: 'ready', version: feed.version };
      } else {
        this.current = { ...base, status: 'ready', version: feed.version };
      }
    } catch (err) {
      const failure = err instanceof UpdateFailure ? err : new UpdateFailure('UPDATE_UNREACHABLE', (err as Error).message);
      this.current = this.ready
        ? { ...this.current, status: 'ready', checkedAt }
        : { ...base, status: 'error', ...(this.current.version ? { version: this.current.version } : {}), error: { code: failure.code, message: failure.message } };
    }
    return this.state();
  }

  private async get(credential: { serverUrl: string; token: string }, name: string): Promise<Response> {
    const url = `${credential.serverUrl.replace(/\/+$/, '')}${UPDATES_BASE}/${encodeURIComponent(name)}`;
    return this.fetch(url, { headers: { authorization: `Bearer ${credential.token}` } });
  }

  /** undefined: no update for this terminal (no feed on the centre, or this store held back by the rollout). */
  private async fetchFeed(credential: { serverUrl: string; token: string }): Promise<FeedFile | undefined> {
    const res = await this.get(credential, feedNameFor(this.opts.platform ?? process.platform));
    if (res.status === HELD_BACK_STATUS || res.status === 404) {
      await res.body?.cancel();
      return undefined;
    }
    if (!res.ok) throw new UpdateFailure('UPDATE_UNREACHABLE', `the centre answered ${res.status} for the feed`);
    return parseFeed(await res.text());
  }

  /** Streams the file to DATA_DIR/updates/, hashing on the way; a mismatch deletes it. */
  private async download(credential: { serverUrl: string; token: string }, feed: FeedFile): Promise<string> {
    const dir = this.updatesDir();
    // One update is kept at a time: an older download, a broken-off .part or a stale ready.yml go first.
    this.ready = undefined;
    await rm(dir, { recursive: true, force: true });
    await mkdir(dir, { recursive: true });
    const file = path.join(dir, feed.url);
    const part = `${file}.part`;
    const res = await this.get(credential, feed.url);
    if (!res.ok || !res.body) throw new UpdateFailure('UPDATE_UNREACHABLE', `the centre answered ${res.status} for ${feed.url}`);
    const hash = createHash('sha512');
    const tap = new Transform({
      transform(chunk: Buffer, _enc, done) {
        hash.update(chunk);
        done(null, chunk);
      },
    });
    try {
      await pipeline(Readable.fromWeb(res.body as Parameters<typeof Readable.fromWeb>[0]), tap, createWriteStream(part));
    } catch (err) {
      await rm(part, { force: true });
      throw new UpdateFailure('UPDATE_UNREACHABLE', `the download of ${feed.url} broke off: ${(err as Error).message}`);
    }
    const got = hash.digest('base64');
    if (got !== feed.sha512) {
      await rm(part, { force: true });
      throw new UpdateFailure('UPDATE_CHECKSUM_MISMATCH', `${feed.url}: sha512 ${got} is not the feed's ${feed.sha512}`);
    }
    await rename(part, file);
    // What resume() reads after a restart; in the feed's own shape, so one parser reads both.
    await writeFile(path.join(dir, READY_FILE), `version: ${feed.version}\npath: ${feed.url}\nsha512: ${feed.sha512}\n`);
    return file;
  }
}
