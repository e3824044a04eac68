import type { FastifyBaseLogger } from 'fastify';
import type { PlatformEvent } from '../../protocol/platform.js';
import { signatureHeader, WEBHOOK_HEADERS, type WebhookDelivery } from '../../protocol/webhooks.js';
import type { Db, Unlisten } from '../db/index.js';
import { STORE_CHANGES_CHANNEL } from '../store/store-tx.js';
import { toIso, type FeedDetail } from '../store/orders.js';
import { claimDue, pruneDelivered, recordAttempt, releaseClaim, type AttemptResult, type ClaimedDelivery } from './outbox.js';

export interface WebhookWorkerOptions {
  /** How often the outbox is looked at without a nudge (retries falling due, writes by another instance). */
  pollMs: number;
  /** Each POST is given up after this long and counts as a failed attempt. */
  timeoutMs: number;
  /** POSTs in flight at once on this instance, over all webhooks. */
  concurrency: number;
  /** POSTs in flight at once to one webhook, so a receiver that hangs leaves room for the others. */
  perWebhook: number;
  /** The first retry waits retryBaseMs, each further one twice as long, up to retryMaxMs. */
  retryBaseMs: number;
  retryMaxMs: number;
  /** Delivered rows are deleted this long after delivery (the delivery log shows them until then). */
  keepDeliveredMs: number;
}

export const DEFAULT_WEBHOOK_OPTIONS: WebhookWorkerOptions = {
  pollMs: 1000,
  timeoutMs: 10_000,
  concurrency: 32,
  perWebhook: 16,
  retryBaseMs: 1000,
  retryMaxMs: 60 * 60 * 1000,
  keepDeliveredMs: 30 * 24 * 60 * 60 * 1000,
};

/** Pruning runs at most this often: a DELETE by index once an hour, not on every poll. */
const PRUNE_EVERY_MS = 60 * 60 * 1000;

/** The wait before attempt n+1 after n failed ones: doubling, capped, with ±20% jitter so a recovered receiver is not hit by every order at once. */
export function retryDelay(failedAttempts: number, o: Pick<WebhookWorkerOptions, 'retryBaseMs' | 'retryMaxMs'>, random = Math.random): number {
  const exp = Math.min(o.retryMaxMs, o.retryBaseMs * 2 ** Math.min(30, Math.max(0, failedAttempts - 1)));
  return Math.round(exp * (0.8 + 0.4 * random()));
}

/** The body and headers of one attempt; the body is signed exactly as it is sent. */
export function signedRequest(d: ClaimedDelivery, now: Date): { body: string; headers: Record<string, string> } {
  const delivery: WebhookDelivery = { id: `evt_${d.cursor}`, type: d.type, cursor: String(d.cursor), data: feedEntryOf(d) };
  const body = d.payload ? JSON.stringify({ id: delivery.id, type: d.type, cursor: delivery.cursor, data: d.payload }) : JSON.stringify(delivery);
  const timestamp = String(Math.floor(now.getTime() / 1000));
  return {
    body,
    headers: {
      'content-type': 'application/json',
      'user-agent': 'StoreOps-Webhooks/1',
      [WEBHOOK_HEADERS.id]: delivery.id,
      [WEBHOOK_HEADERS.timestamp]: timestamp,
      [WEBHOOK_HEADERS.signature]: signatureHeader(d.secret, timestamp, body),
    },
  };
}

/** The feed entry as GET /events serves it (store/orders.ts platformEventsAfter). */
function feedEntryOf(d: ClaimedDelivery): PlatformEvent {
  const e = d.entry;
  if (!e) throw new Error(`feed entry ${d.cursor} is missing`);
  return {
    cursor: String(d.cursor),
    orderId: e.order_id,
    storeId: e.store_id,
    status: e.status as PlatformEvent['status'],
    returnRequested: e.return_requested,
    at: toIso(e.at),
    ...((e.detail ?? {}) as FeedDetail),
  };
}

/**
 * Sends the outbox (docs/ARCHITECTURE.md, "Webhooks"). A pump takes what is due (claimDue: first in line per order,
 * leased) while there is room under `concurrency`, and each finished POST makes room and pumps again, so a slow
 * receiver holds at most its own deliveries, never the loop or the server. It wakes on every store change this
 * database announces (a push or new orders, on any instance) and on a timer for retries.
 */
export class WebhookWorker {
  private readonly inFlight = new Set<Promise<void>>();
  private readonly perWebhook = new Map<string, number>();
  private soon: NodeJS.Timeout | undefined;
  private readonly stopping = new AbortController();
  private pumping = false;
  private again = false;
  private timer: NodeJS.Timeout | undefined;
  private unlisten: Unlisten | undefined;
  private prunedAt = 0;

  constructor(private readonly db: Db, private readonly opts: WebhookWorkerOptions, private readonly log: FastifyBaseLogger) {}

  async start(): Promise<void> {
    this.unlisten = await this.db.listen(STORE_CHANGES_CHANNEL, () => this.wake());
    this.timer = setInterval(() => {
      this.wake();
      if (Date.now() - this.prunedAt >= PRUNE_EVERY_MS) void this.prune();
    }, this.opts.pollMs);
    this.timer.unref();
    this.wake();
  }

  /** Stops taking work; POSTs in flight are cut and their deliveries are due again at once on the next start. */
  async stop(): Promise<void> {
    if (this.stopping.signal.aborted) return;
    this.stopping.abort();
    clearInterval(this.timer);
    clearTimeout(this.soon);
    await this.unlisten?.();
    while (this.pumping || this.inFlight.size > 0) {
      await Promise.allSettled([...this.inFlight]);
      if (this.pumping) await new Promise((r) => setTimeout(r, 5));
    }
  }

  /** Deletes what was delivered longer ago than keepDeliveredMs; answers how many rows went. */
  async prune(): Promise<number> {
    this.prunedAt = Date.now();
    try {
      return await pruneDelivered(this.db, new Date(Date.now() - this.opts.keepDeliveredMs));
    } catch (err) {
      // Tried again within the hour; only the outbox's size waits for it.
      if (!this.stopping.signal.aborted) this.log.error({ err }, 'webhook outbox pruning failed');
      return 0;
    }
  }

  wake(): void {
    if (this.stopping.signal.aborted) return;
    if (this.pumping) {
      this.again = true;
      return;
    }
    void this.pump();
  }

  /**
   * After a POST: claim again at once when half the room is free, else within 10 ms, so a busy worker takes its
   * work in batches (each claim reads the pending rows) while an order's next event still follows promptly.
   */
  private refill(): void {
    if (this.inFlight.size * 2 <= this.opts.concurrency) return this.wake();
    this.soon ??= setTimeout(() => {
      this.soon = undefined;
      this.wake();
    }, 10);
  }

  private async pump(): Promise<void> {
    this.pumping = true;
    try {
      do {
        this.again = false;
        while (!this.stopping.signal.aborted) {
          const room = this.opts.concurrency - this.inFlight.size;
          if (room <= 0) break;
          const full = [...this.perWebhook].filter(([, n]) => n >= this.opts.perWebhook).map(([id]) => id);
          const due = await claimDue(this.db, room, this.opts.timeoutMs + 5000, full);
          for (const d of due) {
            this.perWebhook.set(d.webhookId, (this.perWebhook.get(d.webhookId) ?? 0) + 1);
            const p: Promise<void> = this.deliver(d).finally(() => {
              this.inFlight.delete(p);
              const left = (this.perWebhook.get(d.webhookId) ?? 1) - 1;
              if (left > 0) this.perWebhook.set(d.webhookId, left);
              else this.perWebhook.delete(d.webhookId);
              this.refill();
            });
            this.inFlight.add(p);
          }
          if (due.length < room) break;
        }
      } while (this.again && !this.stopping.signal.aborted);
    } catch (err) {
      if (!this.stopping.signal.aborted) this.log.error({ err }, 'webhook outbox pump failed');
    } finally {
      this.pumping = false;
    }
  }

  private async deliver(d: ClaimedDelivery): Promise<void> {
    const result = await this.post(d);
    try {
      if (result === 'stopped') await releaseClaim(this.db, d);
      else await recordAttempt(this.db, d, result, retryDelay(d.attempts + 1, this.opts));
    } catch (err) {
      // The lease runs out and the delivery is tried again: at least once, never lost.
      this.log.error({ err }, 'webhook attempt could not be recorded');
    }
  }

  private async post(d: ClaimedDelivery): Promise<AttemptResult | 'stopped'> {
    let request: ReturnType<typeof signedRequest>;
    try {
      request = signedRequest(d, new Date());
    } catch (err) {
      return { ok: false, error: (err as Error).message };
    }
    const timeout = AbortSignal.timeout(this.opts.timeoutMs);
    try {
      const res = await fetch(d.url, {
        method: 'POST',
        headers: request.headers,
        body: request.body,
        // A redirect is not an acceptance: the receiver must answer 2xx at the URL it registered.
        redirect: 'manual',
        signal: AbortSignal.any([timeout, this.stopping.signal]),
      });
      // Only the status counts; the body is dropped so the connection goes back to the pool.
      await res.body?.cancel().catch(() => undefined);
      if (res.status >= 200 && res.status < 300) return { ok: true, statusCode: res.status };
      return { ok: false, statusCode: res.status, error: `HTTP ${res.status}` };
    } catch (err) {
      if (this.stopping.signal.aborted) return 'stopped';
      if (timeout.aborted) return { ok: false, error: `no answer within ${this.opts.timeoutMs} ms` };
      const cause = (err as Error & { cause?: { code?: string; message?: string } }).cause;
      return { ok: false, error: (cause?.code ?? cause?.message ?? (err as Error).message).slice(0, 200) };
    }
  }
}
