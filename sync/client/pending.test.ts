import { afterEach, describe, expect, it } from 'vitest';
import { BehaviorSubject, NEVER, type Subscription } from 'rxjs';
import { makeOrderEvent, makeOrderInput, startTestServer } from '../server/testing.js';
import { SyncHttp } from './http.js';
import { countPending, watchPending } from './pending.js';
import { Quarantine } from './quarantine.js';
import { replicateCollection } from './replicate.js';
import { openTestDb, waitFor } from './testkit.js';

const cleanup: (() => Promise<unknown> | void)[] = [];
afterEach(async () => {
  for (const fn of cleanup.splice(0).reverse()) await fn();
});

describe('the pending count', () => {
  it('is not recounted for pulled documents, runs one count at a time, and still sees a local write until it is pushed', async () => {
    const s = await startTestServer();
    cleanup.push(() => s.close());
    await s.admin.seedStore('S001');
    const other = await s.admin.enroll('S001', 'T-other');
    // 240 facts from another terminal (120 orders accepted and started): a fresh terminal pulls them in 12 pages of 20.
    const orderIds: string[] = [];
    for (let i = 0; i < 120; i++) orderIds.push((await s.admin.postOrder(makeOrderInput())).id);
    for (let i = 0; i < 120; i += 50) {
      const rows = orderIds.slice(i, i + 50).flatMap((id) =>
        (['accepted', 'picking_started'] as const).map((type) => ({ newDocumentState: { ...makeOrderEvent(other, id, type), _deleted: false } })),
      );
      expect((await s.sync.push(other.token, 'order_events', rows)).body.rejected).toEqual([]);
    }
    const orderId = (await s.admin.postOrder(makeOrderInput())).id;

    const device = await s.admin.enroll('S001', 'T1');
    const db = await openTestDb();
    cleanup.push(() => db.close());
    const rs = replicateCollection('order_events', {
      db, http: new SyncHttp({ serverUrl: s.url, token: device.token }), quarantine: new Quarantine(db), resync$: NEVER,
      identifier: 'pending-test', retryTime: 300, pullBatchSize: 20, pushBatchSize: 100, report: () => undefined,
    });
    cleanup.push(() => rs.cancel());

    let running = 0;
    let overlapped = false;
    let counts = 0;
    const count: typeof countPending = async (r) => {
      counts++;
      running++;
      if (running > 1) overlapped = true;
      try {
        return await countPending(r);
      } finally {
        running--;
      }
    };
    const pending$ = new BehaviorSubject<number>(-1);
    const sub: Subscription = watchPending(rs, count).subscribe(pending$);
    cleanup.push(() => sub.unsubscribe());

    await rs.awaitInitialReplication();
    expect(await db.order_events.count().exec()).toBe(240);
    await waitFor(pending$, (n) => n === 0, 'nothing pending after the pull');
    // 240 pulled documents arrive in a dozen bulks; a count per bulk (or per document) would be the old cost.
    expect(counts).toBeLessThan(12);
    expect(overlapped).toBe(false);

    // A local write is pending until the server has it, then it is not.
    const countsBefore = counts;
    await db.order_events.insert(makeOrderEvent(device, orderId, 'accepted'));
    const stored = async () => (await s.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM docs WHERE collection = 'order_events'`))[0]?.n;
    for (let i = 0; i < 600 && (await stored()) !== 241; i++) await new Promise((r) => setTimeout(r, 50));
    expect(await stored()).toBe(241);
    // Counted again after the write (not only by a count that had started before it), and nothing left to send.
    await waitFor(pending$, (n) => n === 0 && counts > countsBefore, 'the local write counted and pushed');
    expect(overlapped).toBe(false);
  }, 90_000);
});
