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
    const a1 = await terminal(s, 'S001', 'A1');
    const a2 = await terminal(s, 'S001', 'A2');
    const b1 = await terminal(s, 'S002', 'B1');
    await Promise.all([a1, a2, b1].map((t) => t.until((st) => st.online && st.lastSyncedAt !== null, 'first sync')));

    const forA = await s.admin.postOrder(makeOrderInput({ storeId: 'S001' }));
    await Promise.all([a1, a2].map((t) => waitFor(t.db.orders.findOne(forA.id).$, (d) => d !== null, `${forA.id} on ${t.device.deviceId}`)));
    const accepted = makeEvent(a1, forA.id, 'accepted');
    await a1.db.order_events.insert(accepted);
    await waitFor(a2.db.order_events.findOne(accepted.id).$, (d) => d !== null, 'the event on the other S001 terminal');

    // S002's own order arrives after all of that, so S002 has pulled past every position it could see.
    const forB = await s.admin.postOrder(makeOrderInput({ storeId: 'S002', fulfilment: { type: 'pickup', slot: { kind: '2h', dueAt: new Date(Date.now() + 7_200_000).toISOString() } } }));
    await waitFor(b1.db.orders.findOne(forB.id).$, (d) => d !== null, 'the S002 order on B1');
    await b1.sync.awaitInSync();

    expect(await storesIn(b1)).toEqual(new Set(['S002']));
    expect(await storesIn(a1)).toEqual(new Set(['S001']));
    expect(await storesIn(a2)).toEqual(new Set(['S001']));
    expect(await b1.db.orders.findOne(forA.id).exec()).toBeNull();
    expect(await b1.db.order_events.count().exec()).toBe(0);
    expect((await b1.db.products.find().exec()).map((p) => p.sku)).toEqual(['SKU000002']);
  });
});
