import { afterEach, describe, expect, it } from 'vitest';
import { isErrorBody } from '../protocol/errors.js';
import { syncRoutes } from '../protocol/sync.js';
import { DEFAULT_STREAM_LIMITS } from './stream-registry.js';
import { openTestStream, startTestServer, type TestServer, type TestStream } from './testing.js';

let s: TestServer | undefined;
const open: TestStream[] = [];
afterEach(async () => {
  for (const st of open.splice(0)) st.close();
  await s?.close();
  s = undefined;
});

async function stream(token: string): Promise<TestStream> {
  const st = await openTestStream((s as TestServer).url, token);
  open.push(st);
  if (st.status === 200) await st.waitFor((m) => m.type === 'hello');
  return st;
}

/** The refusal as a terminal would read it: status, the error body, and nothing streamed. */
async function refusal(token: string): Promise<{ status: number; body: unknown; type: string | null }> {
  const res = await fetch((s as TestServer).url + syncRoutes.stream(), { headers: { authorization: `Bearer ${token}` } });
  return { status: res.status, type: res.headers.get('content-type'), body: await res.json() };
}

describe('live streams are limited per device and per store', () => {
  it('refuses a device its next stream at the limit with 429 TOO_MANY_STREAMS, and takes it again once one closes', async () => {
    s = await startTestServer({ streamLimits: { perDevice: 2, perStore: 3 } });
    await s.admin.createStore({ id: 'S001' });
    await s.admin.createStore({ id: 'S002' });
    const a = await s.admin.enroll('S001', 'A');
    const b = await s.admin.enroll('S001', 'B');
    const c = await s.admin.enroll('S001', 'C');
    const other = await s.admin.enroll('S002', 'Other');

    const [first] = [await stream(a.token), await stream(a.token)];
    const tooMany = await refusal(a.token);
    expect(tooMany).toMatchObject({ status: 429, body: { code: 'TOO_MANY_STREAMS', details: { scope: 'device', limit: 2 } } });
    expect(tooMany.type).toMatch(/^application\/json/);
    expect(isErrorBody(tooMany.body)).toBe(true);

    // The store's third stream is B's; C would be the fourth.
    expect((await stream(b.token)).status).toBe(200);
    expect(await refusal(c.token)).toMatchObject({ status: 429, body: { code: 'TOO_MANY_STREAMS', details: { scope: 'store', limit: 3 } } });
    // Another store has its own count.
    expect((await stream(other.token)).status).toBe(200);

    // A closed stream gives its place back.
    first?.close();
    await expect.poll(async () => (await stream(c.token)).status, { timeout: 10_000 }).toBe(200);
  });

  it('holds by default at 8 streams per device, so one token cannot open thousands', async () => {
    s = await startTestServer();
    await s.admin.createStore({ id: 'S001' });
    const d = await s.admin.enroll('S001', 'T1');
    for (let i = 0; i < DEFAULT_STREAM_LIMITS.perDevice; i++) expect((await stream(d.token)).status).toBe(200);
    expect(await refusal(d.token)).toMatchObject({ status: 429, body: { code: 'TOO_MANY_STREAMS' } });
    expect(DEFAULT_STREAM_LIMITS).toEqual({ perDevice: 8, perStore: 64 });
  });
});
