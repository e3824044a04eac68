import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isErrorBody } from '../../protocol/errors.js';
import { startTestServer, type TestServer } from '../testing.js';

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer();
});
afterAll(async () => {
  await s.close();
});

/** Bytes straight onto the socket, for what no HTTP client will send; the whole answer, as status and body. */
function rawHttp(request: string): Promise<{ status: number; body: unknown }> {
  const { hostname, port } = new URL(s.url);
  return new Promise((resolve, reject) => {
    const socket = connect({ host: hostname, port: Number(port) }, () => socket.write(request));
    let text = '';
    socket.on('data', (b: Buffer) => (text += b.toString('latin1')));
    socket.on('error', (err: NodeJS.ErrnoException) => (err.code === 'ECONNRESET' && text ? undefined : reject(err)));
    socket.on('close', () => {
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(text)?.[1] ?? 0);
      const body = text.slice(text.indexOf('\r\n\r\n') + 4);
      resolve({ status, body: body ? JSON.parse(body) : undefined });
    });
  });
}

async function get(path: string, init: RequestInit = {}): Promise<{ status: number; body: unknown }> {
  const res = await fetch(s.url + path, init);
  return { status: res.status, body: await res.json() };
}

describe("Fastify's and Node's own refusals answer with our stable codes", () => {
  it('a URL that is not validly percent-encoded is 400 BAD_REQUEST', async () => {
    expect(await get('/api/v1/orders/%ZZ', { headers: { authorization: `Bearer ${s.platformApiKey}` } })).toEqual({
      status: 400,
      body: { code: 'BAD_REQUEST', message: 'the URL is not validly percent-encoded' },
    });
  });

  it('a path parameter past the router limit is 414 VALIDATION_FAILED', async () => {
    expect(await get(`/api/v1/orders/${'x'.repeat(101)}`, { headers: { authorization: `Bearer ${s.platformApiKey}` } })).toMatchObject({ status: 414, body: { code: 'VALIDATION_FAILED' } });
  });

  it('headers past the parser limit (a 20 KB token) are 431 HEADER_TOO_LARGE, and bytes that are not HTTP are 400 BAD_REQUEST', async () => {
    expect(await rawHttp(`GET /api/v1/stock HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${'t'.repeat(20_000)}\r\n\r\n`)).toEqual({
      status: 431,
      body: { code: 'HEADER_TOO_LARGE', message: 'the request headers are larger than the server reads' },
    });
    expect(await rawHttp('HELLO THERE\r\n\r\n')).toMatchObject({ status: 400, body: { code: 'BAD_REQUEST' } });
    expect(await rawHttp('GET / HTTP/1.1\r\nHost: x\r\nBad\u0001Header: 1\r\n\r\n')).toMatchObject({ status: 400, body: { code: 'BAD_REQUEST' } });
  });

  it('bodies the parser refuses: 415 for another content type, 400 VALIDATION_FAILED for empty or forbidden JSON', async () => {
    const post = (type: string, body: string) =>
      get('/api/v1/orders', { method: 'POST', headers: { authorization: `Bearer ${s.platformApiKey}`, 'content-type': type }, body });
    expect(await post('application/xml', '<order/>')).toEqual({ status: 415, body: { code: 'UNSUPPORTED_MEDIA_TYPE', message: 'the body must be application/json' } });
    expect(await post('application/json', '')).toMatchObject({ status: 400, body: { code: 'VALIDATION_FAILED' } });
    expect(await post('application/json', '{"__proto__":{"admin":true}}')).toMatchObject({ status: 400, body: { code: 'VALIDATION_FAILED' } });
    const nested = await post('application/json', `${'['.repeat(100_000)}${']'.repeat(100_000)}`);
    expect(nested).toMatchObject({ status: 400, body: { code: 'VALIDATION_FAILED', message: expect.stringContaining('nested more than 64 levels') } });
  });

  it('every answer above is an ErrorBody a client can switch on', async () => {
    for (const answer of [await get('/api/v1/orders/%ZZ'), await rawHttp('HELLO\r\n\r\n'), await get('/nowhere')]) expect(isErrorBody(answer.body)).toBe(true);
  });
});
