import { afterEach, describe, expect, it } from 'vitest';
import { startTestServer, makeOrderInput, makeProductInput } from '../server/testing.js';
import { Link, startTerminal, waitFor } from './testkit.js';

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const fn of cleanup.splice(0).reverse()) await fn();
});

describe('resync on reconnect', () => {
  it('catches up on changes made while the live stream was down, with no further server write', async () => {
    const server = await startTestServer();
    cleanup.push(() => server.close());
    await server.admin.seedStore('S001');
    await server.admin.putProducts('S001', [makeProductInput(1)]);
    const link = await Link.open(server.url);
    cleanup.push(() => link.close());

    const t = await startTerminal(link.url, await server.admin.enroll('S001', 'T1'));
    cleanup.push(() => t.stop());
    await t.sync.awaitInSync();
    await t.until((s) => s.online && s.lastSyncedAt !== null && s.error === null, 'first sync');
    expect((await t.db.products.findOne('SKU000001').exec())?.unitPrice).toBe(makeProductInput(1).unitPrice);

    // The store's line goes down; the server stays up and keeps taking writes (it talks to the server directly).
    link.cut();
    await t.until((s) => !s.online, 'offline');
    const order = await server.admin.postOrder(makeOrderInput());
    await server.admin.putProducts('S001', [makeProductInput(1, { name: 'Renamed while offline', unitPrice: 999 })]);
    // Their change messages went out while the terminal had no stream, so it missed them.
    expect(await t.db.orders.findOne(order.id).exec()).toBeNull();

    // From here on the server sees no write: only the catch-up the client runs when its stream reopens can deliver them.
    link.restore(server.url);
    await t.until((s) => s.online, 'back online');
    const doc = await waitFor(t.db.orders.findOne(order.id).$, (d) => d !== null, 'the order posted while offline');
    expect(doc?.storeId).toBe('S001');
    const product = await waitFor(t.db.products.findOne('SKU000001').$, (p) => p?.unitPrice === 999, 'the product change made while offline');
    expect(product?.name).toBe('Renamed while offline');
    await t.sync.awaitInSync();
    expect(t.latest().error).toBeNull();
  });
});
