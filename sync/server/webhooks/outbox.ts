import type { WebhookEventType } from '../../protocol/webhooks.js';
import type { Queryable } from '../db/index.js';

/**
 * The outbox (docs/ARCHITECTURE.md, "Webhooks"). Writers of the platform's feed call queueFromFeed inside the
 * statement that appends the entries, so the deliveries commit with the change or not at all.
 */

/** Which webhook type a feed entry is: a reminder and a new pass do not move the status, every other entry does. */
const FEED_TYPE_SQL = `CASE e.detail->>'fact' WHEN 'pickup_reminded' THEN 'order.pickup_reminded' WHEN 'pickup_pass_issued' THEN 'pickup_pass.issued' ELSE 'order.status_changed' END`;

/**
 * A data-modifying CTE body that queues, for every webhook subscribed to its type, each feed entry returned by the
 * CTE named `entries` (columns cursor, order_id, detail). Appended by the feed's writers to their own statement.
 */
export function queueFromFeedSql(entries: string): string {
  return `INSERT INTO webhook_outbox (webhook_id, cursor, type, order_key)
    SELECT w.id, e.cursor, t.type, e.order_id
    FROM ${entries} e CROSS JOIN LATERAL (SELECT ${FEED_TYPE_SQL} AS type) t
    JOIN webhooks w ON w.events @> jsonb_build_array(t.type)`;
}

/**
 * Queues again every feed entry from fromCursor on for one webhook (of the types it subscribes to): delivered ones
 * become pending with their attempts reset, missing ones (before the webhook existed) are added. Returns how many.
 */
export async function replayFrom(q: Queryable, webhookId: string, fromCursor: number): Promise<number> {
  const [row] = await q.query<{ n: number }>(
    `WITH queued AS (
       INSERT INTO webhook_outbox (webhook_id, cursor, type, order_key)
       SELECT w.id, e.cursor, t.type, e.order_id
       FROM platform_events e CROSS JOIN LATERAL (SELECT ${FEED_TYPE_SQL} AS type) t
       JOIN webhooks w ON w.id = $1 AND w.events @> jsonb_build_array(t.type)
       WHERE e.cursor >= $2
       ON CONFLICT (webhook_id, cursor) DO UPDATE SET
         delivered_at = NULL, attempts = 0, next_attempt_at = now(), last_status = NULL, last_error = NULL, last_attempt_at = NULL
       -- A delivery still pending (perhaps in flight) is left alone: queued twice, it could be sent twice at once.
       WHERE webhook_outbox.delivered_at IS NOT NULL
       RETURNING 1
     )
     SELECT count(*)::int AS n FROM queued`,
    [webhookId, fromCursor],
  );
  return row?.n ?? 0;
}

/** A delivery the worker took: the webhook's address and secret, and the feed entry it carries. */
export interface ClaimedDelivery {
  webhookId: string;
  url: string;
  secret: string;
  cursor: number;
  type: WebhookEventType;
  orderKey: string;
  attempts: number;
  /** The feed entry (platform_events row) or, for a type that carries its own, the stored payload. */
  entry: { order_id: string; store_id: string; status: string; return_requested: boolean; at: Date | string; detail: Record<string, unknown> | null } | null;
  payload: Record<string, unknown> | null;
}

/**
 * Takes up to `limit` deliveries (none for the webhooks in skipWebhooks) that are due and first in line for their order: one whose webhook still owes an
 * earlier delivery of the same order waits, which is what keeps an order's events in order while other orders go
 * on. A taken row's next attempt moves `leaseMs` ahead, so neither this worker nor another instance's takes it
 * again while it is in flight; if this process dies mid-send, it is due again when the lease runs out.
 *
 * "First in line" is written as the first pending cursor of the order (one index probe per candidate), not as "no
 * earlier pending row exists": without statistics on a young table the planner ran that anti-join as a nested loop
 * over every pending row (900 ms for a backlog of 2,000, against 3 ms this way).
 */
export async function claimDue(q: Queryable, limit: number, leaseMs: number, skipWebhooks: readonly string[] = []): Promise<ClaimedDelivery[]> {
  const rows = await q.query<{
    webhook_id: string; url: string; secret: string; cursor: string | number; type: WebhookEventType; order_key: string; attempts: number;
    payload: Record<string, unknown> | null; entry: ClaimedDelivery['entry'];
  }>(
    `WITH due AS (
       SELECT o.webhook_id, o.cursor FROM webhook_outbox o
       WHERE o.delivered_at IS NULL AND o.next_attempt_at <= now() AND o.webhook_id <> ALL($3::text[])
         AND o.cursor = (
           SELECT p.cursor FROM webhook_outbox p
           WHERE p.webhook_id = o.webhook_id AND p.order_key = o.order_key AND p.delivered_at IS NULL
           ORDER BY p.cursor LIMIT 1)
       ORDER BY o.next_attempt_at, o.cursor
       LIMIT $1
       FOR UPDATE OF o SKIP LOCKED
     )
     UPDATE webhook_outbox o SET next_attempt_at = now() + $2 * interval '1 millisecond'
     FROM due, webhooks w
     WHERE o.webhook_id = due.webhook_id AND o.cursor = due.cursor AND w.id = o.webhook_id
     RETURNING o.webhook_id, w.url, w.secret, o.cursor, o.type, o.order_key, o.attempts, o.payload,
       (SELECT to_jsonb(e) FROM platform_events e WHERE e.cursor = o.cursor) AS entry`,
    [limit, leaseMs, [...skipWebhooks]],
  );
  return rows.map((r) => ({
    webhookId: r.webhook_id, url: r.url, secret: r.secret, cursor: Number(r.cursor), type: r.type, orderKey: r.order_key,
    attempts: r.attempts, payload: r.payload, entry: r.entry,
  }));
}

export interface AttemptResult {
  ok: boolean;
  statusCode?: number;
  error?: string;
}

/** Records one attempt: delivered, or due again after retryInMs. */
export async function recordAttempt(q: Queryable, d: Pick<ClaimedDelivery, 'webhookId' | 'cursor'>, result: AttemptResult, retryInMs: number): Promise<void> {
  await q.query(
    `UPDATE webhook_outbox SET attempts = attempts + 1, last_attempt_at = now(), last_status = $3, last_error = $4,
       delivered_at = CASE WHEN $5 THEN now() END,
       next_attempt_at = CASE WHEN $5 THEN next_attempt_at ELSE now() + $6 * interval '1 millisecond' END
     WHERE webhook_id = $1 AND cursor = $2 AND delivered_at IS NULL`,
    [d.webhookId, d.cursor, result.statusCode ?? null, result.error ?? null, result.ok, retryInMs],
  );
}

/** A delivery cut short by the server stopping: due again at once (on the next start), no attempt counted. */
export async function releaseClaim(q: Queryable, d: Pick<ClaimedDelivery, 'webhookId' | 'cursor'>): Promise<void> {
  await q.query('UPDATE webhook_outbox SET next_attempt_at = now() WHERE webhook_id = $1 AND cursor = $2 AND delivered_at IS NULL', [d.webhookId, d.cursor]);
}

/**
 * Deletes the rows delivered before `before`: the outbox would otherwise grow by a row per delivery for ever. What
 * is gone is only the delivery log's record of it; a replay queues again from the feed, which keeps every entry.
 */
export async function pruneDelivered(q: Queryable, before: Date): Promise<number> {
  const res = await q.query<{ n: string }>(
    'WITH gone AS (DELETE FROM webhook_outbox WHERE delivered_at < $1 RETURNING 1) SELECT count(*)::text AS n FROM gone',
    [before.toISOString()],
  );
  return Number(res[0]?.n ?? 0);
}
