import http from 'node:http';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeOrderInput, startTestServer, type TestServer } from '../testing.js';
import { DEFAULT_AUTH_FAILURE_LIMIT } from './auth-limit.js';

const MAX = 3;
let s: TestServer;
let device: { deviceId: string; storeId: string; token: string };
beforeEach(async () => {
  s = await startTestServer({ authFailureLimit: { max: MAX, windowMs: 60_000 } });
  await s.admin.createStore({ id: 'S001' });
  device = await s.admin.enroll('S001', 'T1');
});
afterEach(async () => {
  await s.close();
});

interface Answer {
  status: number;
  body: { code?: string; details?: { retryAfterSeconds?: number } };
  retryAfter: string | undefined;
}

/**
 * A request from a chosen loopback address (the whole of 127.0.0.0/8 reaches a server on 127.0.0.1), so a test can
 * be two clients at once.
 */
function from(localAddress: string, method: string, path: string, token: string | undefined, body?: unknown): Promise<Answer> {
  const url = new URL(s.url + path);
  const payload = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: url.hostname,
        port: url.port,
        path: url.pathname + url.search,
        method,
        localAddress,
        headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(payload ? { 'content-type': 'application/json' } : {}) },
      },
      (res) => {
        let text = '';
        res.on('data', (c: Buffer) => (text += c.toString()));
        res.on('end', () => {
          const retry = res.headers['retry-after'];
          resolve({ status: res.statusCode ?? 0, body: text ? (JSON.parse(text) as Answer['body']) : {}, retryAfter: Array.isArray(retry) ? retry[0] : retry });
        });
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

const A = '127.0.0.1';
const B = '127.0.0.2';

function expectLimited(a: Answer): void {
  expect(a).toMatchObject({ status: 429, body: { code: 'RATE_LIMITED' } });
  const seconds = Number(a.retryAfter);
  expect(Number.isInteger(seconds) && seconds >= 1 && seconds <= 60, `Retry-After ${a.retryAfter}`).toBe(true);
  expect(a.body.details?.retryAfterSeconds).toBe(seconds);
}

describe('failed authentication is limited per client address', () => {
  it('admin token: after MAX wrong guesses the address gets 429 with Retry-After, even for the right token; another address is not affected', async () => {
    for (let i = 0; i < MAX; i++) expect((await from(A, 'POST', '/api/v1/stores/S001/enrollment-codes', `wrong-${i}`, {})).status).toBe(401);
    expectLimited(await from(A, 'POST', '/api/v1/stores', 'wrong-again', { id: 'S009', name: 'x', timezone: 'UTC' }));
    // The right token too: otherwise 429 would mean "wrong" and 201 "right", and guessing would go on.
    expectLimited(await from(A, 'POST', '/api/v1/stores', s.adminToken, { id: 'S009', name: 'x', timezone: 'UTC' }));
    expect((await from(B, 'POST', '/api/v1/stores', s.adminToken, { id: 'S009', name: 'x', timezone: 'UTC' })).status).toBe(201);
    // The platform key is counted on its own.
    expect((await from(A, 'GET', '/api/v1/events', s.platformApiKey)).status).toBe(200);
  });

  it('a wrong token at a view that takes either secret counts against both', async () => {
    for (let i = 0; i < MAX; i++) expect((await from(A, 'GET', '/api/v1/stock', `wrong-${i}`)).status).toBe(401);
    expectLimited(await from(A, 'GET', '/api/v1/events', s.platformApiKey));
    expectLimited(await from(A, 'POST', '/api/v1/stores/S001/enrollment-codes', s.adminToken, {}));
    expect((await from(B, 'GET', '/api/v1/stock', s.adminToken)).status).toBe(200);
  });

  it('platform key: limited the same way, and a request without any token is not a guess', async () => {
    for (let i = 0; i < 2 * MAX; i++) expect((await from(A, 'GET', '/api/v1/events', undefined)).status).toBe(401);
    expect((await from(A, 'GET', '/api/v1/events', s.platformApiKey)).status).toBe(200);
    for (let i = 0; i < MAX; i++) expect((await from(A, 'POST', '/api/v1/orders', `nope-${i}`, makeOrderInput())).status).toBe(401);
    expectLimited(await from(A, 'POST', '/api/v1/orders', s.platformApiKey, makeOrderInput()));
    expectLimited(await from(A, 'GET', '/api/v1/events', s.platformApiKey));
    expect((await from(B, 'POST', '/api/v1/orders', s.platformApiKey, makeOrderInput())).status).toBe(201);
  });

  it('enrollment code: after MAX unknown codes the address gets 429, even with a good code', async () => {
    const { code } = await s.admin.issueCode('S001');
    for (let i = 0; i < MAX; i++) {
      expect(await from(A, 'POST', '/api/v1/devices/enroll', undefined, { code: `ZZZZ-ZZZZ-ZZZ${i}`, name: 'T9' })).toMatchObject({ status: 401, body: { code: 'ENROLLMENT_CODE_INVALID' } });
    }
    expectLimited(await from(A, 'POST', '/api/v1/devices/enroll', undefined, { code, name: 'T9' }));
    expect((await from(B, 'POST', '/api/v1/devices/enroll', undefined, { code, name: 'T9' })).status).toBe(201);
  });

  it('device token: unknown tokens are limited, while a known token from the same address still syncs', async () => {
    for (let i = 0; i < MAX; i++) expect((await from(A, 'GET', '/sync/v1/whoami', `stale-${i}`)).status).toBe(401);
    expectLimited(await from(A, 'GET', '/sync/v1/whoami', 'stale-again'));
    expectLimited(await from(A, 'GET', '/sync/v1/orders/pull?schemaVersion=0', 'stale-again'));
    // A store's terminals share one address: a neighbour's stale token must not stop this one.
    expect((await from(A, 'GET', '/sync/v1/whoami', device.token)).status).toBe(200);
    expect((await from(A, 'GET', '/sync/v1/orders/pull?schemaVersion=0', device.token)).status).toBe(200);
  });

  it('is on by default: a guess beyond DEFAULT_AUTH_FAILURE_LIMIT in a minute is refused', async () => {
    const plain = await startTestServer();
    try {
      expect(DEFAULT_AUTH_FAILURE_LIMIT).toEqual({ max: 10, windowMs: 60_000 });
      const guess = (i: number) => fetch(`${plain.url}/api/v1/stock`, { headers: { authorization: `Bearer guess-${i}` } });
      const statuses = await Promise.all(Array.from({ length: 30 }, async (_, i) => (await guess(i)).status));
      expect(statuses.filter((st) => st === 401)).toHaveLength(DEFAULT_AUTH_FAILURE_LIMIT.max);
      expect(statuses.filter((st) => st === 429)).toHaveLength(30 - DEFAULT_AUTH_FAILURE_LIMIT.max);
    } finally {
      await plain.close();
    }
  });

  it('success is never limited: many times MAX authenticated calls of every kind go through', async () => {
    const calls: Array<Promise<Answer>> = [];
    for (let i = 0; i < 10 * MAX; i++) {
      calls.push(from(A, 'GET', '/api/v1/stock', s.adminToken));
      calls.push(from(A, 'GET', '/api/v1/events', s.platformApiKey));
      calls.push(from(A, 'GET', '/sync/v1/whoami', device.token));
    }
    const answers = await Promise.all(calls);
    expect(answers.filter((a) => a.status !== 200)).toEqual([]);
    for (let i = 0; i < 3; i++) {
      const { code } = await s.admin.issueCode('S001');
      expect((await from(A, 'POST', '/api/v1/devices/enroll', undefined, { code, name: `T${i}` })).status).toBe(201);
    }
  });
});
