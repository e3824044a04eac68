import type { ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';
import { SYNC_BASE, type StreamMessage } from '../../protocol/sync.js';
import type { CollectionName } from '../../model/collections.js';
import type { ServerContext } from '../context.js';
import type { Db, Unlisten } from '../db/index.js';
import { currentPosition } from '../store/store-tx.js';
import { DEVICE_REVOKED_CHANNEL } from './devices.js';
import { deviceOf } from './sync.js';

interface OpenStream {
  deviceId: string;
  end(): void;
}

/** The live streams open on this instance, so shutdown and revocation can end them. */
export class StreamRegistry {
  private readonly open = new Set<OpenStream>();
  private unlisten: Unlisten | undefined;

  constructor(readonly pingIntervalMs: number) {}

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

  add(s: OpenStream): () => void {
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
    schema: { tags: ['sync'], summary: 'Server-sent events: hello with the current position, then a change per new position' },
  }, async (req, reply) => {
    const device = deviceOf(req);
    const { storeId } = device;
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
    const ping = setInterval(() => raw.write(': ping\n\n'), ctx.streams.pingIntervalMs);
    const end = () => {
      if (ended) return;
      ended = true;
      clearInterval(ping);
      unsubscribe();
      unregister();
      if (!raw.writableEnded) raw.end();
    };
    const unregister = ctx.streams.add({ deviceId: device.deviceId, end });
    req.raw.on('close', end);
    raw.on('error', (err) => {
      req.log.warn({ err }, 'live stream write failed');
      end();
    });

    try {
      const position = (await currentPosition(ctx.db, storeId)) ?? 0;
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
