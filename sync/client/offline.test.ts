import { afterEach, describe, expect, it } from 'vitest';
import { startTestServer, makeOrderInput } from '../server/testing.js';
import { apiRoutes, type OrderStatusResponse } from '../protocol/platform.js';
import { Link, makeEvent, startTerminal, type Terminal } from './testkit.js';

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const fn of cleanup.splice(0).reverse()) await fn();
});

describe('offline and back', () => {
  it('keeps local events while the server is down, survives a restart of the terminal, and pushes them when it returns', async () => {
    // The database outlives the server instances the terminal talks to, as PostgreSQL outlives a server restart.
    const home = await startTestServer();
    cleanup.push(() => home.close());
    await home.admin.seedStore('S001');
    const order = await home.admin.postOrder(makeOrderInput());
    let server = await startTestServer({ db: home.db, adminToken: home.adminToken, platformApiKey: home.platformApiKey });
    const link = await Link.open(server.url);
    cleanup.push(() => link.close());
    cleanup.push(() => server.close());

    const device = await home.admin.enroll('S001', 'T1');
    let t: Terminal = await startTerminal(link.url, device);
    cleanup.push(async () => {
      if (!t.db.closed) await t.stop();
    });
    await t.sync.awaitInSync();
    expect(await t.db.orders.findOne(order.id).exec()).not.toBeNull();
    await t.until((s) => s.online && s.pending === 0, 'online');

    // Pull the plug: the server process goes away and the address stops answering.
    await server.close();
    link.cut();
    await t.until((s) => !s.online, 'offline');
    await t.db.order_events.insert(makeEvent(t, order.id, 'accepted'));
    await t.db.order_events.insert(makeEvent(t, order.id, 'picking_started'));
    const offline = await t.until((s) => s.pending === 2, 'two events pending');
    expect(offline.online).toBe(false);
    expect(offline.error?.code).toBe('NETWORK');

    // Reload the terminal while offline: the queue is in IndexedDB, and so is the pending count.
    t = await t.reload();
    const reloaded = await t.until((s) => s.pending === 2 && !s.online, 'pending after reload');
    expect(reloaded.lastSyncedAt).not.toBeNull();

    // Plug it back in: a new server instance on the same database, behind the same address.
    server = await startTestServer({ db: home.db, adminToken: home.adminToken, platformApiKey: home.platformApiKey });
    link.restore(server.url);
    const back = await t.until((s) => s.online && s.pending === 0 && s.error === null, 'pushed after reconnect');
    expect(back.quarantined).toBe(0);
    await t.sync.awaitInSync();
    const status = await home.request<OrderStatusResponse>('GET', apiRoutes.order(order.id), { token: home.platformApiKey });
    expect(status.body.status).toBe('picking');
  });
});
