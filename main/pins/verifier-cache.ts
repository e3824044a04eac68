import type { OperatorVerifier } from '../../sync/protocol/pins.js';
import { openSealed, seal, isSealed } from '../secrets/envelope.js';
import { AtomicFile } from '../settings/atomic-file.js';
import { SettingsError } from '../settings/store.js';
import { parseVerifiersResponse } from './parse.js';
import type { SecretBox } from './secret-box.js';

export const VERIFIERS_FILE = 'pin-verifiers.json';

/** The operators' verifiers this terminal holds, for the device that fetched them. */
export interface HeldVerifiers {
  deviceId: string;
  storeId: string;
  /** The server's ETag of this set, sent back as If-None-Match. */
  etag: string | null;
  fetchedAt: string;
  operators: OperatorVerifier[];
}

/**
 * The verifiers on disk, sealed by the SecretBox (safeStorage in Electron) and written atomically, so sign-in
 * works offline after a restart. Kept in memory once read: the main process is their only reader.
 */
export class VerifierCache {
  private readonly file: AtomicFile;
  private held: HeldVerifiers | null | undefined;
  /** The file was written by the plain box and this terminal has a real one (see resealIfPlain). */
  private plainOnDisk = false;

  constructor(
    dataDir: string,
    private readonly box: SecretBox,
  ) {
    this.file = new AtomicFile(dataDir, VERIFIERS_FILE);
  }

  async load(): Promise<HeldVerifiers | null> {
    if (this.held !== undefined) return this.held;
    const text = await this.file.read();
    this.held = text === null ? null : this.unseal(text);
    return this.held;
  }

  async save(v: HeldVerifiers): Promise<void> {
    const { box, payload } = seal(this.box, JSON.stringify(v));
    await this.file.write(`${JSON.stringify({ version: 1, box, payload })}\n`);
    this.held = v;
    this.plainOnDisk = false;
  }

  /**
   * Seals a file the plain box wrote, now that a real box reads it (called at start): with an unchanged set the
   * server answers 304 and nothing would be written for a long time. True when it wrote.
   */
  async resealIfPlain(): Promise<boolean> {
    const held = await this.load();
    if (!held || !this.plainOnDisk) return false;
    await this.save(held);
    return true;
  }

  async clear(): Promise<void> {
    await this.file.remove();
    this.held = null;
  }

  /**
   * A file this box cannot open (sealed on another machine or account) or that is damaged is an error with a stable
   * code (SettingsError PIN_VERIFIERS_*), not a reason to fetch again behind the operator's back: the start stops
   * and says how to re-enroll (main/secrets/recovery.ts), and nothing is wiped. A plain file read by a real box is
   * accepted and sealed at the next save.
   */
  private unseal(text: string): HeldVerifiers {
    let outer: { version?: unknown; box?: unknown; payload?: unknown };
    try {
      outer = JSON.parse(text) as typeof outer;
    } catch (err) {
      throw this.corrupt(`not valid JSON (${String(err)}): truncated or overwritten`);
    }
    const envelope = { box: outer?.box, payload: outer?.payload };
    if (outer?.version !== 1 || !isSealed(envelope)) throw this.corrupt('not a verifiers file of version 1 {version, box, payload}');
    const opened = openSealed(this.box, envelope);
    if (!opened.ok) throw new SettingsError('PIN_VERIFIERS_UNDECRYPTABLE', `${this.file.file} cannot be opened: ${opened.reason}`);
    this.plainOnDisk = opened.resealNeeded;
    try {
      const inner = JSON.parse(opened.text) as Record<string, unknown>;
      const { storeId, operators } = parseVerifiersResponse(inner);
      const { deviceId, etag, fetchedAt } = inner;
      if (typeof deviceId !== 'string' || typeof fetchedAt !== 'string' || (etag !== null && typeof etag !== 'string')) throw new Error('deviceId, etag or fetchedAt is missing');
      return { deviceId, storeId, etag, fetchedAt, operators };
    } catch (err) {
      throw this.corrupt(`it opened to something that is not a verifier set (${err instanceof Error ? err.message : String(err)})`);
    }
  }

  private corrupt(why: string): SettingsError {
    return new SettingsError('PIN_VERIFIERS_CORRUPT', `${this.file.file} is damaged: ${why}`);
  }
}
