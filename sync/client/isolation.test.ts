import { afterEach, describe, expect, it } from 'vitest';
import { startTestServer, makeOrderInput, makeProductInput, type TestServer } from '../server/testing.js';
import { COLLECTION_NAMES } from '../model/collections.js';
import { makeEvent, startTerminal, waitFor, type Terminal } from './testkit.js';

let server: TestServer | undefined;
const terminals: Terminal[] = [];
afterEach(async () => {
  await Promise.all(terminals.splice(0).map((t) => t.stop()));
  await server?.close();
});

async function terminal(s: TestServer, storeId: string, name: string): Promise<Terminal> {
  const t = await startTerminal(s.url, await s.admin.enroll(storeId, name));
  terminals.push(t);
  return t;
}

async function stop(t: Terminal): Promise<void> {
  terminals.splice(terminals.indexOf(t), 1);
  await t.stop();
}

async function storesIn(t: Terminal): Promise<Set<string>> {
  const stores = new Set<string>();
  for (const name of COLLECTION_NAMES) {
    for (const doc of await t.db.collections[name].find().exec()) stores.add(doc.storeId);
  }
  return stores;
}

describe('store isolation', () => {
  it('shares S001 documents between its two terminals and never hands them to S002', async () => {
    server = await startTestServer();
    const s = server;
    await s.admin.seedStore('S001');
    await s.admin.seedStore('S002', { location: { lat: 31.23, lon: 121.47 } });
    await s.admin.putProducts('S001', [makeProductInput(1)]);
    await s.admin.putProducts('S002', [makeProductInput(2)]);
    // Free RxDB allows 13 open collections per process and a terminal opens 7, so the terminals take turns here;
    // in the field each terminal is its own process.
    const firstSync = (t: Terminal) => t.until((st) => st.online && st.lastSyncedAt !== null, 'first sync');
    const a1 = await terminal(s, 'S001', 'A1');
    await firstSync(a1);
    const forA = await s.admin.postOrder(makeOrderInput({ storeId: 'S001' }));
    await waitFor(a1.db.orders.findOne(forA.id).$, (d) => d !== null, `${forA.id} on A1`);
    const accepted = makeEvent(a1, forA.id, 'accepted');
    await a1.db.order_events.insert(accepted);
    await a1.sync.awaitInSync();
    expect(await storesIn(a1)).toEqual(new Set(['S001']));
    await stop(a1);

    const a2 = await terminal(s, 'S001', 'A2');
    await waitFor(a2.db.orders.findOne(forA.id).$, (d) => d !== null, `${forA.id} on A2`);
    await waitFor(a2.db.order_events.findOne(accepted.id).$, (d) => d !== null, 'the event on the other S001 terminal');
    expect(await storesIn(a2)).toEqual(new Set(['S001']));
    await stop(a2);

    const b1 = await terminal(s, 'S002', 'B1');
    await firstSync(b1);
    // S002's own order arrives after all of that, so S002 has pulled past every position it could see.
    const forB = await s.admin.postOrder(makeOrderInput({ storeId: 'S002', fulfilment: { type: 'pickup', slot: { kind: '2h', dueAt: new Date(Date.now() + 7_200_000).toISOString() } } }));
    await waitFor(b1.db.orders.findOne(forB.id).$, (d) => d !== null, 'the S002 order on B1');
    await b1.sync.awaitInSync();

    expect(await storesIn(b1)).toEqual(new Set(['S002']));
    expect(await b1.db.orders.findOne(forA.id).exec()).toBeNull();
    expect(await b1.db.order_events.count().exec()).toBe(0);
    expect((await b1.db.products.find().exec()).map((p) => p.sku)).toEqual(['SKU000002']);
  });
});
