import type { OperatorVerifier } from '../../sync/protocol/pins.js';
import { AtomicFile } from '../settings/atomic-file.js';
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
  /** Why the file on disk could not be used, for support; it is then fetched again. */
  problem: string | null = null;

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
    const payload = this.box.seal(JSON.stringify(v));
    await this.file.write(`${JSON.stringify({ version: 1, box: this.box.kind, payload })}\n`);
    this.held = v;
    this.problem = null;
  }

  async clear(): Promise<void> {
    await this.file.remove();
    this.held = null;
  }

  /** A file this box cannot open (sealed on another machine, or damaged) is not an error: it is fetched again. */
  private unseal(text: string): HeldVerifiers | null {
    try {
      const outer = JSON.parse(text) as { version?: unknown; box?: unknown; payload?: unknown };
      if (outer.version !== 1 || typeof outer.payload !== 'string') throw new Error('not a verifiers file of version 1');
      if (outer.box !== this.box.kind) throw new Error(`sealed with ${String(outer.box)}, this terminal uses ${this.box.kind}`);
      const inner = JSON.parse(this.box.open(outer.payload)) as Record<string, unknown>;
      const { storeId, operators } = parseVerifiersResponse(inner);
      const { deviceId, etag, fetchedAt } = inner;
      if (typeof deviceId !== 'string' || typeof fetchedAt !== 'string' || (etag !== null && typeof etag !== 'string')) throw new Error('deviceId, etag or fetchedAt is missing');
      return { deviceId, storeId, etag, fetchedAt, operators };
    } catch (err) {
      this.problem = `${this.file.file} could not be used (${err instanceof Error ? err.message : String(err)}); fetching the verifiers again`;
      return null;
    }
  }
}
