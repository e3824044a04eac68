import { afterEach, describe, expect, it } from 'vitest';
import { makeOrderInput, makeProductInput, startTestServer } from '../server/testing.js';
import { startTerminal, waitFor } from './testkit.js';

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const fn of cleanup.splice(0).reverse()) await fn();
});

/** The collection of each pull request the server logged, in order. */
function pullLog() {
  const pulls: string[] = [];
  return {
    pulls,
    write(line: string) {
      const m = /"url":"\/sync\/v\d+\/([a-z_]+)\/pull/.exec(line);
      if (m && line.includes('incoming request')) pulls.push(m[1] ?? '');
    },
  };
}

describe('a live change pulls only what it wrote', () => {
  it('fetches a new order with a pull of orders alone, and a catalogue change with a pull of products alone', async () => {
    const log = pullLog();
    const server = await startTestServer({ logStream: log });
    cleanup.push(() => server.close());
    await server.admin.seedStore('S001');
    const t = await startTerminal(server.url, await server.admin.enroll('S001', 'T1'));
    cleanup.push(() => t.stop());
    await t.sync.awaitInSync();
    await t.until((s) => s.online && s.lastSyncedAt !== null, 'first sync');

    log.pulls.length = 0;
    const order = await server.admin.postOrder(makeOrderInput());
    await waitFor(t.db.orders.findOne(order.id).$, (d) => d !== null, 'the new order');
    await t.sync.awaitInSync();
    expect(new Set(log.pulls)).toEqual(new Set(['orders']));

    log.pulls.length = 0;
    await server.admin.putProducts('S001', [makeProductInput(7)]);
    await waitFor(t.db.products.findOne(makeProductInput(7).sku).$, (d) => d !== null, 'the new product');
    await t.sync.awaitInSync();
    expect(new Set(log.pulls)).toEqual(new Set(['products']));
  });
});
