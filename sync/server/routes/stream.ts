import type { ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';
import { SYNC_BASE, type StreamMessage } from '../../protocol/sync.js';
import type { CollectionName } from '../../model/collections.js';
import type { ServerContext } from '../context.js';
import { currentPosition } from '../store/store-tx.js';
import { deviceOf } from './sync.js';

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
