import type { ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';
import { SYNC_BASE, type StreamMessage } from '../../protocol/sync.js';
import type { CollectionName } from '../../model/collections.js';
import { ProtocolError } from '../../protocol/errors.js';
import type { ServerContext } from '../context.js';
import type { Db, Unlisten } from '../db/index.js';
import { currentPosition } from '../store/store-tx.js';
import { DEVICE_REVOKED_CHANNEL } from './devices.js';
import { deviceOf } from './sync.js';

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

function write(raw: ServerResponse, msg: StreamMessage): void {
  raw.write(`data: ${JSON.stringify(msg)}\n\n`);
}

export async function streamRoutes(app: FastifyInstance, ctx: ServerContext): Promise<void> {
  app.get(`${SYNC_BASE}/stream`, {
    schema: { operationId: 'stream', tags: ['sync'], summary: 'Server-sent events: hello with the current position, then a change per new position' },
  }, async (req, reply) => {
    const device = deviceOf(req);
    const { storeId } = device;
    // Taken before anything is written, so a refusal is an ordinary error answer. `end` is defined below, before
    // anything can call it: nothing between here and there awaits.
    const unregister = ctx.streams.add({ deviceId: device.deviceId, storeId, end: () => end() });
    const raw = reply.raw;
    // Headers set by hooks (CORS) live on the reply, which hijacking bypasses: copy them over.
    const headers: Record<string, string | number | string[]> = {};
    for (const [k, v] of Object.entries(reply.getHeaders())) if (v !== undefined) headers[k] = v;
    reply.hijack();
    raw.writeHead(200, {
      ...headers,
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });

    // Subscribe before reading the position, and hold changes until hello is out, so none falls in between.
    type Change = Extract<StreamMessage, { type: 'change' }>;
    const change = (position: number, collections: CollectionName[] | undefined): Change =>
      collections ? { type: 'change', storeId, position, collections } : { type: 'change', storeId, position };
    let pending: Change[] | null = [];
    const unsubscribe = ctx.hub.subscribe(storeId, (position, collections) => {
      if (pending) pending.push(change(position, collections));
      else write(raw, change(position, collections));
    });
    let ended = false;
    const ping = setInterval(() => raw.write(': ping\n\n'), ctx.streams.heartbeatMs);
    const end = () => {
      if (ended) return;
      ended = true;
      clearInterval(ping);
      unsubscribe();
      unregister();
      if (!raw.writableEnded) raw.end();
    };
    req.raw.on('close', end);
    raw.on('close', end);
    // A client gone before the listeners were on would otherwise hold its place against the limits for good.
    if (raw.destroyed) end();
    raw.on('error', (err) => {
      req.log.warn({ err }, 'live stream write failed');
      end();
    });

    try {
      const position = (await currentPosition(ctx.db, storeId)) ?? 0;
      if (ended) return;
      write(raw, { type: 'hello', storeId, position });
      const queued = pending.filter((p) => p.position > position);
      pending = null;
      for (const p of queued) write(raw, p);
    } catch (err) {
      req.log.error({ err }, 'live stream could not start');
      end();
    }
  });
}
