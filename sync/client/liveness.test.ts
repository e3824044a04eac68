import { afterEach, describe, expect, it } from 'vitest';
import { startTestServer, makeOrderInput } from '../server/testing.js';
import { Link, makeEvent, startTerminal, type Terminal } from './testkit.js';
import type { SyncState } from './index.js';

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const fn of cleanup.splice(0).reverse()) await fn();
});

// Shortened from the defaults (STREAM_HEARTBEAT_MS, STREAM_SILENCE_MS) so the test runs in seconds, with room for a
// busy machine to stall the test process without the quiet stream being taken for a lost one.
const HEARTBEAT_MS = 100;
const SILENCE_MS = 1_500;

describe('liveness of the live stream', () => {
  it('stays online through a quiet stream, goes offline when the link goes silent, and comes back with its work', async () => {
    const server = await startTestServer({ heartbeatMs: HEARTBEAT_MS });
    cleanup.push(() => server.close());
    await server.admin.seedStore('S001');
    const order = await server.admin.postOrder(makeOrderInput());
    const link = await Link.open(server.url);
    cleanup.push(() => link.close());
    const t: Terminal = await startTerminal(link.url, await server.admin.enroll('S001', 'T1'), undefined, { silenceTimeoutMs: SILENCE_MS });
    cleanup.push(() => t.stop());
    await t.sync.awaitInSync();
    const synced = await t.until((s) => s.online && s.inSync, 'online and in sync');
    expect(synced.lastSyncedAt).not.toBeNull();
    // The last state a subscriber sees is the newest one (no older state delivered after it).
    expect(t.latest().inSync).toBe(true);

    // Nothing changes for several silence timeouts: only the heartbeat keeps the stream alive.
    const seen: SyncState[] = [];
    const sub = t.sync.state$.subscribe((s) => seen.push(s));
    await new Promise((r) => setTimeout(r, SILENCE_MS * 3));
    sub.unsubscribe();
    expect(seen.filter((s) => !s.online)).toEqual([]);

    // The line goes quiet without closing: no error, no end of stream, only silence.
    link.hang();
    const offline = await t.until((s) => !s.online, 'offline after the silence');
    expect(offline.inSync).toBe(false);
    expect(offline.error?.code).toBe('NETWORK');
    // It does not claim a sync it has not made.
    expect(offline.lastSyncedAt).toBe(synced.lastSyncedAt);

    // Work goes on offline and is counted as waiting.
    await t.db.order_events.insert(makeEvent(t, order.id, 'accepted'));
    await t.db.order_events.insert(makeEvent(t, order.id, 'picking_started'));
    const waiting = await t.until((s) => s.pending === 2, 'two events waiting');
    expect(waiting.online).toBe(false);

    link.resume();
    const back = await t.until((s) => s.online && s.pending === 0 && s.error === null && s.inSync, 'back online with everything sent');
    expect(back.lastSyncedAt && synced.lastSyncedAt && back.lastSyncedAt > synced.lastSyncedAt).toBe(true);
    // A server start, a first sync and several silence timeouts: over 30 s when the suite shares two busy cores.
  }, 90_000);
});
