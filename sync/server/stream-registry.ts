import { ProtocolError } from '../protocol/errors.js';
import type { Db, Unlisten } from './db/index.js';

/** Announced when a device is revoked (routes/devices.ts), on every instance of the database. */
export const DEVICE_REVOKED_CHANNEL = 'device_revoked';

interface OpenStream {
  deviceId: string;
  storeId: string;
  end(): void;
}

/**
 * How many live streams this instance holds open at once for one device and for one store. A terminal needs one
 * (a second while a reconnect overlaps the old stream's close); each stream costs a socket and a subscription, and
 * one device token once opened 5,000.
 */
export interface StreamLimits {
  perDevice: number;
  perStore: number;
}

export const DEFAULT_STREAM_LIMITS: StreamLimits = { perDevice: 8, perStore: 64 };

/** The live streams open on this instance, so shutdown and revocation can end them and the limits can hold. */
export class StreamRegistry {
  private readonly open = new Set<OpenStream>();
  private unlisten: Unlisten | undefined;

  constructor(
    /** Every open stream gets a comment this often, so a terminal can tell a quiet stream from a dead one. */
    readonly heartbeatMs: number,
    readonly limits: StreamLimits = DEFAULT_STREAM_LIMITS,
  ) {}

  /** Revocation may happen through another instance: every instance hears it and closes that device's streams. */
  async start(db: Db): Promise<void> {
    this.unlisten = await db.listen(DEVICE_REVOKED_CHANNEL, (deviceId) => this.closeDevice(deviceId));
  }

  async stop(): Promise<void> {
    this.closeAll();
    const unlisten = this.unlisten;
    this.unlisten = undefined;
    if (unlisten) await unlisten();
  }

  /** Registers a stream, or throws TOO_MANY_STREAMS (429) when its device or store is at its limit. */
  add(s: OpenStream): () => void {
    let device = 0;
    let store = 0;
    for (const o of this.open) {
      if (o.deviceId === s.deviceId) device++;
      if (o.storeId === s.storeId) store++;
    }
    if (device >= this.limits.perDevice) {
      throw new ProtocolError('TOO_MANY_STREAMS', `this device already has ${device} live streams open, the most allowed; close one first`, 429, { limit: this.limits.perDevice, scope: 'device' });
    }
    if (store >= this.limits.perStore) {
      throw new ProtocolError('TOO_MANY_STREAMS', `store "${s.storeId}" already has ${store} live streams open, the most allowed`, 429, { limit: this.limits.perStore, scope: 'store' });
    }
    this.open.add(s);
    return () => this.open.delete(s);
  }

  get size(): number {
    return this.open.size;
  }

  closeDevice(deviceId: string): void {
    for (const s of [...this.open]) if (s.deviceId === deviceId) s.end();
  }

  closeAll(): void {
    for (const s of [...this.open]) s.end();
  }
}
