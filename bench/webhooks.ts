// `npm run bench webhooks`: what the webhook worker sustains to a local receiver (node:http on 127.0.0.1), and the
// delay from a terminal's push of an order fact to the platform's callback, on PostgreSQL (when DATABASE_URL is
// set) and on embedded PGlite. The receiver answers at once, so these are the centre's own costs.
import { apiRoutes, type OrderBatchResponse } from '../sync/protocol/platform.js';
import { webhookRoutes } from '../sync/protocol/webhooks.js';
import type { Db } from '../sync/server/db/index.js';
import { onBothDatabases } from './support/both-databases.js';
import { makeOrderEvent, makeOrderInput, startTestServer, type TestServer } from '../sync/server/testing.js';
import { TestReceiver, waitFor } from '../sync/server/webhooks/receiver.testkit.js';
import { fmt, percentile } from './stats.js';

const BACKLOG = Number(process.env.BENCH_WEBHOOK_BACKLOG ?? 2000);
const PUSHES = Number(process.env.BENCH_WEBHOOK_PUSHES ?? 100);
const SECRET = 'bench-secret-0123456789abcdef0123456789';

async function postOrders(s: TestServer, n: number): Promise<string[]> {
  const ids: string[] = [];
  for (let done = 0; done < n; done += 500) {
    const orders = Array.from({ length: Math.min(500, n - done) }, () => makeOrderInput());
    const res = await s.request<OrderBatchResponse>('POST', apiRoutes.ordersBatch, { token: s.platformApiKey, body: { orders } });
    if (res.status >= 400) throw new Error(`order batch failed: ${res.status}`);
    ids.push(...orders.map((o) => o.id));
  }
  return ids;
}

async function benchOn(label: string, db: Db): Promise<void> {
  console.log(`\n== webhooks on ${label}`);
  const receiver = new TestReceiver();
  await receiver.listen();
  // The backlog is queued by an instance that sends nothing; a second one, started after, drains it.
  const writer = await startTestServer({ db, webhooks: false });
  let sender: TestServer | undefined;
  try {
    await writer.admin.seedStore('S001');
    const device = await writer.admin.enroll('S001', 'T1');
    const reg = await writer.request('POST', webhookRoutes.webhooks, { token: writer.platformApiKey, body: { url: receiver.url, events: ['order.status_changed'], secret: SECRET } });
    if (reg.status !== 201) throw new Error(`register failed: ${reg.status}`);
    const ids = await postOrders(writer, BACKLOG);

    const t0 = performance.now();
    sender = await startTestServer({ db, platformApiKey: writer.platformApiKey, webhooks: {} });
    await waitFor('the backlog delivered', () => receiver.accepted().length >= BACKLOG, 120_000);
    const secs = (performance.now() - t0) / 1000;
    console.log(`  backlog of ${BACKLOG} deliveries (one per order, 16 in flight to one endpoint): ${fmt(BACKLOG / secs, 0)} deliveries/s (${fmt(secs, 2)} s)`);

    // One fact at a time, as a terminal at work pushes them: from the push's start to the receiver's callback.
    const delays: number[] = [];
    for (const id of ids.slice(0, PUSHES)) {
      let arrived: number | undefined;
      receiver.onCall = (c) => {
        if (c.delivery.data.orderId === id && c.delivery.data.status === 'accepted') arrived = c.receivedAt;
      };
      const start = performance.now();
      const res = await sender.sync.push(device.token, 'order_events', [{ newDocumentState: { ...makeOrderEvent(device, id, 'accepted'), _deleted: false } }]);
      if (res.body.rejected.length > 0) throw new Error('push rejected');
      await waitFor('the callback', () => arrived !== undefined, 10_000);
      delays.push((arrived ?? start) - start);
    }
    receiver.onCall = undefined;
    console.log(`  terminal push → platform callback, ${PUSHES} facts one at a time: p50 ${fmt(percentile(delays, 50))} ms  p99 ${fmt(percentile(delays, 99))} ms`);
  } finally {
    await sender?.close();
    await writer.close();
    await receiver.down();
  }
}

export async function benchWebhooks(): Promise<void> {
  await onBothDatabases('webhooks', benchOn);
}
