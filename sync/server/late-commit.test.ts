import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Order } from '../model/order.js';
import { normaliseOrder } from './store/order-intake.js';
import { StoreTx, announce } from './store/store-tx.js';
import { makeOrderInput, startTestServer, type TestServer } from './testing.js';

let s: TestServer;
let token: string;
beforeEach(async () => {
  s = await startTestServer();
  await s.admin.createStore({ id: 'S001' });
  token = (await s.admin.enroll('S001', 'T1')).token;
});
afterEach(async () => {
  await s.close();
});

async function waitFor(cond: () => Promise<boolean>, what: string, timeoutMs = 10_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await cond())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('commit-ordered positions', () => {
  // The interleaving is forced only on PostgreSQL; embedded PGlite is one connection, so there it checks the order.
  const title = process.env.DATABASE_URL
    ? 'a transaction that commits late is never skipped by a client that pulled meanwhile'
    : 'a write queued behind an open transaction on embedded PGlite is pulled after it, in commit order';
  it(title, async () => {
    const first = await s.admin.postOrder(makeOrderInput({ id: 'EO-FIRST' }));
    const before = await s.sync.pull(token, 'orders');
    expect(before.body.documents.map((d) => d.id)).toEqual([first.id]);
    const checkpoint = before.body.checkpoint;

    // tx1 takes S001's next position and holds it, uncommitted, until we let go.
    const late: Order = normaliseOrder(makeOrderInput({ id: 'EO-LATE' }), 'S001', new Date().toISOString());
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let tx1Position = -1;
    let tx1Holding!: () => void;
    const holding = new Promise<void>((r) => (tx1Holding = r));
    const tx1 = s.db.tx(async (q) => {
      const st = await StoreTx.open(q, 'S001');
      tx1Position = await st.put('orders', late.id, late);
      tx1Holding();
      await gate;
    });
    await holding;

    // tx2: a normal order through the API. It must wait for tx1 instead of taking a later position and committing first.
    const tx2 = s.admin.postOrder(makeOrderInput({ id: 'EO-SECOND' }));

    if (s.db.kind === 'pg') {
      await waitFor(async () => {
        const rows = await s.db.query<{ n: number }>("SELECT count(*)::int AS n FROM pg_locks WHERE NOT granted AND locktype IN ('transactionid', 'tuple')");
        return (rows[0]?.n ?? 0) > 0;
      }, 'tx2 to block on the store row');
      // A pull now sees neither: tx1 is uncommitted, and tx2 has no position yet.
      const during = await s.sync.pull(token, 'orders', checkpoint);
      expect(during.body).toEqual({ documents: [], checkpoint });
    }
    // PGlite is a single connection: tx2 and any pull simply queue behind tx1, which gives the same guarantee.

    release();
    await tx1;
    await announce(s.db, 'S001', tx1Position);
    const second = await tx2;

    const after = await s.sync.pull(token, 'orders', checkpoint);
    expect(after.body.documents.map((d) => d.id)).toEqual([late.id, second.id]);
    const positions = await s.db.query<{ id: string; position: number }>(
      "SELECT id, position FROM docs WHERE collection = 'orders' ORDER BY position",
    );
    expect(positions.map((p) => p.id)).toEqual([first.id, late.id, second.id]);
    expect(positions[1]?.position).toBe(tx1Position);
    expect(positions[2]?.position).toBeGreaterThan(tx1Position);
  });
});
