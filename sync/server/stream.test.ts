import { afterEach, describe, expect, it } from 'vitest';
import { MAX_STREAM_HEARTBEAT_MS, STREAM_HEARTBEAT_MS, STREAM_SILENCE_MS } from '../protocol/sync.js';
import { makeOrderInput, openTestStream, startTestServer, type TestServer, type TestStream } from './testing.js';

const servers: TestServer[] = [];
const streams: TestStream[] = [];
afterEach(async () => {
  for (const st of streams.splice(0)) st.close();
  // The second instance of a pair shares the first's database, so close it first.
  for (const srv of servers.splice(0).reverse()) await srv.close();
});

async function start(opts: Parameters<typeof startTestServer>[0] = {}): Promise<TestServer> {
  const srv = await startTestServer(opts);
  servers.push(srv);
  return srv;
}

async function stream(url: string, token: string): Promise<TestStream> {
  const st = await openTestStream(url, token);
  streams.push(st);
  return st;
}

describe('live stream', () => {
  it('says hello with the store position, then announces each new position of that store only', async () => {
    const s = await start({ heartbeatMs: 50 });
    await s.admin.createStore({ id: 'S001' });
    await s.admin.createStore({ id: 'S002' });
    const d1 = await s.admin.enroll('S001', 'T1');
    const d2 = await s.admin.enroll('S002', 'T2');
    await s.admin.postOrder(makeOrderInput());
    const st1 = await stream(s.url, d1.token);
    const st2 = await stream(s.url, d2.token);
    expect(st1.status).toBe(200);
    // Position 1 of each store is its stores document.
    await st1.waitFor((m) => m.type === 'hello' && m.storeId === 'S001' && m.position === 2);
    await st2.waitFor((m) => m.type === 'hello' && m.storeId === 'S002' && m.position === 1);
    await s.admin.postOrder(makeOrderInput());
    // Each change names what its transaction wrote, so a terminal pulls only that collection.
    await st1.waitFor((m) => m.type === 'change' && m.position === 3 && JSON.stringify(m.collections) === '["orders"]');
    await s.admin.postOrder(makeOrderInput({ storeId: 'S002' }));
    await st2.waitFor((m) => m.type === 'change' && m.position === 2);
    expect(st2.messages.filter((m) => m.storeId !== 'S002')).toEqual([]);
    expect(st1.messages.filter((m) => m.storeId !== 'S001')).toEqual([]);
    await expect.poll(() => st1.comments).toBeGreaterThan(0);
  });

  it('refuses a wrong token and ends the stream of a revoked device', async () => {
    const s = await start();
    await s.admin.createStore({ id: 'S001' });
    const d1 = await s.admin.enroll('S001', 'T1');
    const bad = await stream(s.url, 'not-a-token');
    expect(bad.status).toBe(401);
    const st = await stream(s.url, d1.token);
    await st.waitFor((m) => m.type === 'hello');
    await s.admin.revoke(d1.deviceId);
    await st.ended;
    const again = await stream(s.url, d1.token);
    expect(again.status).toBe(403);
  });

  it('closing the server ends open streams instead of waiting for them', async () => {
    const s = await startTestServer();
    await s.admin.createStore({ id: 'S001' });
    const d1 = await s.admin.enroll('S001', 'T1');
    const st = await stream(s.url, d1.token);
    await st.waitFor((m) => m.type === 'hello');
    await s.close();
    await st.ended;
  });
});

describe('heartbeat', () => {
  it('writes a comment on a quiet stream every interval (an app option), which carries no message', async () => {
    const s = await start({ heartbeatMs: 40 });
    await s.admin.createStore({ id: 'S001' });
    const d1 = await s.admin.enroll('S001', 'T1');
    const st = await stream(s.url, d1.token);
    await st.waitFor((m) => m.type === 'hello');
    // Nothing is written to the store: every frame after hello is the heartbeat.
    await expect.poll(() => st.comments).toBeGreaterThanOrEqual(3);
    expect(st.messages.map((m) => m.type)).toEqual(['hello']);
  });

  it('by default beats often enough that a terminal never takes a quiet stream for a lost one', async () => {
    expect(2 * STREAM_HEARTBEAT_MS).toBeLessThanOrEqual(STREAM_SILENCE_MS);
    const s = await start();
    await s.admin.createStore({ id: 'S001' });
    const d1 = await s.admin.enroll('S001', 'T1');
    const st = await stream(s.url, d1.token);
    await st.waitFor((m) => m.type === 'hello');
    // The protocol's promise to a terminal (protocol/sync.ts), not a measurement: a beat within its silence timeout.
    await expect.poll(() => st.comments, { timeout: STREAM_SILENCE_MS, interval: 100 }).toBeGreaterThan(0);
  });

  it('refuses a heartbeat slower than terminals allow, before it starts anything', async () => {
    await expect(startTestServer({ heartbeatMs: MAX_STREAM_HEARTBEAT_MS + 1 })).rejects.toThrow(`heartbeat must be a whole number of milliseconds from 1 to ${MAX_STREAM_HEARTBEAT_MS}`);
    await expect(startTestServer({ heartbeatMs: 0 })).rejects.toThrow(/heartbeat/);
  });
});

// Needs two server instances on one shared database. PGlite is one embedded connection owned by one process, so
// there is nothing to fan out between; this runs in the PostgreSQL pass (DATABASE_URL set).
describe.skipIf(!process.env.DATABASE_URL)('two instances on one PostgreSQL', () => {
  it('a stream on instance A receives the change for an order posted through instance B', async () => {
    const a = await start();
    const b = await start({ databaseUrl: a.databaseUrl, adminToken: a.adminToken, platformApiKey: a.platformApiKey });
    await a.admin.createStore({ id: 'S001' });
    const d1 = await a.admin.enroll('S001', 'T1');
    const st = await stream(a.url, d1.token);
    await st.waitFor((m) => m.type === 'hello' && m.position === 1);
    const order = await b.admin.postOrder(makeOrderInput());
    await st.waitFor((m) => m.type === 'change' && m.storeId === 'S001' && m.position === 2);
    const pulled = await a.sync.pull(d1.token, 'orders');
    expect(pulled.body.documents.map((d) => d.id)).toEqual([order.id]);
    // And revocation through B ends the stream held by A.
    await b.admin.revoke(d1.deviceId);
    await st.ended;
  });

  // Only PostgreSQL has a LISTEN connection to lose; embedded PGlite notifies inside the process.
  it.skipIf(!process.env.DATABASE_URL)('announces the current position after its LISTEN connection comes back, so no change is lost', async () => {
    const s = await start();
    await s.admin.createStore({ id: 'S001' });
    const d1 = await s.admin.enroll('S001', 'T1');
    const st1 = await stream(s.url, d1.token);
    await st1.waitFor((m) => m.type === 'hello');
    const killed = await s.db.query<{ ok: boolean }>(
      "SELECT pg_terminate_backend(pid) AS ok FROM pg_stat_activity WHERE datname = current_database() AND query ILIKE 'LISTEN%'",
    );
    expect(killed.map((r) => r.ok)).toEqual([true]);
    // Committed while nobody listens: its notification is lost.
    await s.admin.postOrder(makeOrderInput());
    const [store] = await s.db.query<{ seq: number }>("SELECT seq FROM stores WHERE id = 'S001'");
    await st1.waitFor((m) => m.type === 'change' && m.position === store?.seq, 15_000);
  });
});
