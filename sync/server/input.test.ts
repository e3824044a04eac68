import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { OrderInput } from '../protocol/platform.js';
import { MAX_BODY_BYTES, MAX_PUSH_BATCH } from '../protocol/sync.js';
import { hashEnrollmentCode } from './routes/stores.js';
import { makeOperatorInput, makeOrderEvent, makeOrderInput, makeProductInput, openTestStream, startTestServer, type TestServer } from './testing.js';

let s: TestServer;
let device: { deviceId: string; storeId: string; token: string };
beforeEach(async () => {
  s = await startTestServer();
  await s.admin.seedStore('S001');
  device = await s.admin.enroll('S001', 'T1');
});
afterEach(async () => {
  await s.close();
});

/** Everything a bad request could have touched. */
async function snapshot(): Promise<unknown> {
  return {
    stores: await s.db.query('SELECT id, name, seq FROM stores ORDER BY id'),
    docs: await s.db.query('SELECT store_id, collection, id, position, data FROM docs ORDER BY store_id, collection, id'),
    events: await s.db.query('SELECT cursor, order_id, status FROM platform_events ORDER BY cursor'),
    devices: await s.db.query('SELECT id, revoked_at FROM devices ORDER BY id'),
    codes: await s.db.query('SELECT code_hash, used_at FROM enrollment_codes ORDER BY code_hash'),
  };
}

function mutate(f: (o: OrderInput & Record<string, unknown>) => void): OrderInput {
  const o = makeOrderInput() as OrderInput & Record<string, unknown>;
  f(o);
  return o;
}

const badOrders: Array<[string, OrderInput | unknown, string]> = [
  ['a missing field', mutate((o) => delete (o as Partial<OrderInput>).customer), 'body/customer'],
  ['an unknown top-level field', mutate((o) => (o.discount = 5)), 'body/discount'],
  ['an unknown field in a line', mutate((o) => Object.assign(o.lines[0]!, { discount: 1 })), 'body/lines/0/discount'],
  ['a zero quantity', mutate((o) => (o.lines[0]!.qty = 0)), 'body/lines/0/qty'],
  ['a negative quantity', mutate((o) => (o.lines[0]!.qty = -3)), 'body/lines/0/qty'],
  ['a huge quantity', mutate((o) => (o.lines[0]!.qty = 1e12)), 'body/lines/0/qty'],
  ['a fractional quantity', mutate((o) => (o.lines[0]!.qty = 1.5)), 'body/lines/0/qty'],
  ['a quantity as text', mutate((o) => Object.assign(o.lines[0]!, { qty: '2' })), 'body/lines/0/qty'],
  ['a negative amount', mutate((o) => (o.payment.amount = -1)), 'body/payment/amount'],
  ['no lines', mutate((o) => (o.lines = [])), 'body/lines'],
  ['an unknown slot kind', mutate((o) => Object.assign(o.fulfilment.slot, { kind: 'asap' })), 'body/fulfilment/slot/kind'],
  ['a time that is not a time', mutate((o) => (o.placedAt = 'yesterday')), 'body/placedAt'],
  ['a latitude off the planet', mutate((o) => Object.assign(o.fulfilment.address!, { lat: 123 })), 'body/fulfilment/address/lat'],
  ['an array instead of an object', [makeOrderInput()], 'body'],
];

describe('bad input gets a 4xx with a stable code, and nothing is written', () => {
  it.each(badOrders)('POST /orders with %s', async (_what, body, path) => {
    const before = await snapshot();
    const res = await s.request('POST', '/api/v1/orders', { token: s.platformApiKey, body });
    expect(res).toMatchObject({ status: 400, body: { code: 'VALIDATION_FAILED', details: { path } } });
    expect(await snapshot()).toEqual(before);
  });

  it('malformed JSON, bad products, bad stores, bad queries', async () => {
    const before = await snapshot();
    const raw = await fetch(`${s.url}/api/v1/orders`, { method: 'POST', headers: { authorization: `Bearer ${s.platformApiKey}`, 'content-type': 'application/json' }, body: '{"id": "EO-1",' });
    expect(raw.status).toBe(400);
    expect(await raw.json()).toMatchObject({ code: 'VALIDATION_FAILED' });
    const products = [
      [{ ...makeProductInput(1), unitPrice: -5 }],
      [{ ...makeProductInput(1), stock: 10 }],
      [{ ...makeProductInput(1), location: { aisle: 'A1', shelf: 'S1' } }],
      [],
    ];
    for (const body of products) {
      const res = await s.request('PUT', '/api/v1/stores/S001/products', { token: s.platformApiKey, body });
      expect(res).toMatchObject({ status: 400, body: { code: 'VALIDATION_FAILED' } });
    }
    expect(await s.request('PUT', '/api/v1/stores/S404/products', { token: s.platformApiKey, body: [makeProductInput(1)] })).toMatchObject({ status: 404, body: { code: 'UNKNOWN_STORE' } });
    expect(await s.request('POST', '/api/v1/stores', { token: s.adminToken, body: { id: 'S002', name: 'x' } })).toMatchObject({ status: 400, body: { details: { path: 'body/timezone' } } });
    expect(await s.request('POST', '/api/v1/stores', { token: s.adminToken, body: { id: 'S 2; --', name: 'x', timezone: 'UTC' } })).toMatchObject({ status: 400, body: { details: { path: 'body/id' } } });
    for (const q of ['limit=0', 'limit=5000', 'position=-1', 'schemaVersion=x', 'extra=1']) {
      const res = await s.request('GET', `/sync/v1/orders/pull?schemaVersion=0&${q}`, { token: device.token });
      expect(res, q).toMatchObject({ status: 400, body: { code: 'VALIDATION_FAILED' } });
    }
    const tooMany = Array.from({ length: MAX_PUSH_BATCH + 1 }, () => ({ newDocumentState: { id: 'x' } }));
    expect(await s.request('POST', '/sync/v1/order_events/push', { token: device.token, body: { rows: tooMany } })).toMatchObject({ status: 400, body: { code: 'VALIDATION_FAILED', details: { path: 'body/rows' } } });
    expect(await snapshot()).toEqual(before);
  });

  it('a body over the size limit gets 413 PAYLOAD_TOO_LARGE', async () => {
    const before = await snapshot();
    const big = makeOrderInput({ customer: { name: 'x'.repeat(MAX_BODY_BYTES), phone: '123456' } });
    expect(await s.request('POST', '/api/v1/orders', { token: s.platformApiKey, body: big })).toMatchObject({ status: 413, body: { code: 'PAYLOAD_TOO_LARGE' } });
    const rows = [{ newDocumentState: { ...makeOrderEvent(device, 'EO-1', 'accepted'), note: 'n'.repeat(MAX_BODY_BYTES) } }];
    expect(await s.request('POST', '/sync/v1/order_events/push', { token: device.token, body: { rows } })).toMatchObject({ status: 413, body: { code: 'PAYLOAD_TOO_LARGE' } });
    expect(await snapshot()).toEqual(before);
  });

  it('a wrong token is 401 UNAUTHORIZED on every kind of route; each secret opens only its own routes', async () => {
    const before = await snapshot();
    const order = makeOrderInput();
    const cases: Array<[string, string, string | undefined, unknown]> = [
      ['POST', '/api/v1/stores', undefined, { id: 'S002', name: 'x', timezone: 'UTC' }],
      ['POST', '/api/v1/stores', s.platformApiKey, { id: 'S002', name: 'x', timezone: 'UTC' }],
      ['POST', '/api/v1/stores/S001/enrollment-codes', device.token, {}],
      ['POST', `/api/v1/devices/${device.deviceId}/revoke`, s.platformApiKey, undefined],
      ['POST', '/api/v1/orders', s.adminToken, order],
      ['POST', '/api/v1/orders', 'nope', order],
      ['PUT', '/api/v1/stores/S001/products', s.adminToken, [makeProductInput(1)]],
      ['GET', '/api/v1/events', undefined, undefined],
      ['GET', '/sync/v1/whoami', 'nope', undefined],
      ['GET', '/sync/v1/orders/pull?schemaVersion=0', s.adminToken, undefined],
      ['POST', '/sync/v1/order_events/push', undefined, { rows: [] }],
    ];
    for (const [method, path, token, body] of cases) {
      const res = await s.request(method, path, { token, body });
      expect(res, `${method} ${path}`).toMatchObject({ status: 401, body: { code: 'UNAUTHORIZED' } });
    }
    expect(await snapshot()).toEqual(before);
  });

  it('a revoked device gets 403 DEVICE_REVOKED on every sync route', async () => {
    const order = await s.admin.postOrder(makeOrderInput());
    await s.admin.revoke(device.deviceId);
    const before = await snapshot();
    const push = { rows: [{ newDocumentState: { ...makeOrderEvent(device, order.id, 'accepted'), _deleted: false } }] };
    for (const [method, path, body] of [
      ['GET', '/sync/v1/whoami', undefined],
      ['GET', '/sync/v1/orders/pull?schemaVersion=0', undefined],
      ['POST', '/sync/v1/order_events/push', push],
    ] as const) {
      expect(await s.request(method, path, { token: device.token, body }), path).toMatchObject({ status: 403, body: { code: 'DEVICE_REVOKED' } });
    }
    const stream = await openTestStream(s.url, device.token);
    expect(stream.status).toBe(403);
    expect(await snapshot()).toEqual(before);
    expect(await s.request('POST', '/api/v1/devices/nope/revoke', { token: s.adminToken })).toMatchObject({ status: 404, body: { code: 'NOT_FOUND' } });
  });

  it('enrollment codes are single-use and expire; a bad code writes nothing', async () => {
    const enroll = (code: string) => s.request('POST', '/api/v1/devices/enroll', { body: { code, name: 'T9' } });
    const { code } = await s.admin.issueCode('S001');
    expect(code).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}$/);
    // Typed by a person: case and dashes do not matter.
    expect((await enroll(code.toLowerCase().replace(/-/g, ''))).status).toBe(201);
    let before = await snapshot();
    expect(await enroll(code)).toMatchObject({ status: 409, body: { code: 'ENROLLMENT_CODE_USED' } });
    expect(await enroll('ZZZZ-ZZZZ-ZZZZ')).toMatchObject({ status: 401, body: { code: 'ENROLLMENT_CODE_INVALID' } });
    expect(await snapshot()).toEqual(before);

    const expiring = await s.admin.issueCode('S001', 1);
    await s.db.query("UPDATE enrollment_codes SET expires_at = now() - interval '1 second' WHERE code_hash = $1", [hashEnrollmentCode(expiring.code)]);
    before = await snapshot();
    expect(await enroll(expiring.code)).toMatchObject({ status: 410, body: { code: 'ENROLLMENT_CODE_EXPIRED' } });
    expect(await snapshot()).toEqual(before);
    expect(await s.request('POST', '/api/v1/stores/S404/enrollment-codes', { token: s.adminToken })).toMatchObject({ status: 404, body: { code: 'UNKNOWN_STORE' } });
  });

  it('stores the token only as a hash', async () => {
    const rows = await s.db.query<{ token_hash: string }>('SELECT token_hash FROM devices');
    expect(rows.map((r) => r.token_hash)).not.toContain(device.token);
    expect(JSON.stringify(await s.db.query('SELECT * FROM devices'))).not.toContain(device.token);
  });
});

describe('SQL-looking strings are data', () => {
  it('are stored and served back verbatim, and every table is still there', async () => {
    const evil = "'); DROP TABLE docs;--";
    await s.admin.createStore({ id: 'S002', name: evil });
    const order = await s.admin.postOrder(makeOrderInput({ customer: { name: `Robert${evil}`, phone: '123456' } }));
    await s.admin.putProducts('S001', [makeProductInput(1, { name: "x' OR '1'='1", barcodes: ["1; DELETE FROM stores"] })]);
    const ev = makeOrderEvent(device, order.id, 'accepted', { note: `${evil} \\' " $1` });
    expect((await s.sync.push(device.token, 'order_events', [{ newDocumentState: { ...ev, _deleted: false } }])).body).toEqual({ conflicts: [], rejected: [] });

    expect(await s.db.query("SELECT name FROM stores WHERE id = 'S002'")).toEqual([{ name: evil }]);
    expect((await s.sync.pull(device.token, 'orders')).body.documents[0]?.customer.name).toBe(`Robert${evil}`);
    expect((await s.sync.pull(device.token, 'products')).body.documents[0]).toMatchObject({ name: "x' OR '1'='1", barcodes: ['1; DELETE FROM stores'] });
    expect((await s.sync.pull(device.token, 'order_events')).body.documents[0]?.note).toBe(ev.note);
    const injected = await s.request<{ documents: unknown[] }>('GET', `/sync/v1/orders/pull?schemaVersion=0&position=0&id=${encodeURIComponent("' OR 1=1 --")}`, { token: device.token });
    expect(injected.status).toBe(200);
    expect((await s.db.query<{ n: number }>('SELECT count(*)::int AS n FROM stores'))[0]?.n).toBe(2);
    expect((await s.db.query<{ n: number }>("SELECT count(*)::int AS n FROM docs WHERE collection IN ('orders', 'products', 'order_events')"))[0]?.n).toBe(3);
  });
});

/** Text PostgreSQL cannot store (a NUL) and text that is not text (an unpaired surrogate): once a 500, now refused. */
const UNSTORABLE: Array<[string, string]> = [
  ['a NUL', 'a\u0000b'],
  ['a lone high surrogate', 'a\ud800b'],
  ['a lone low surrogate', '\udc00'],
];

describe('what the database cannot store is refused at the edge, for every route, before anything is written', () => {
  it.each(UNSTORABLE)('%s in any stored string is 400 VALIDATION_FAILED naming the field', async (_what, bad) => {
    const order = await s.admin.postOrder(makeOrderInput());
    const { code } = await s.admin.issueCode('S001');
    const before = await snapshot();
    const admin = s.adminToken;
    const platform = s.platformApiKey;
    const withLine = makeOrderInput();
    withLine.lines[0]!.name = bad;
    const withAddress = makeOrderInput();
    withAddress.fulfilment.address!.line1 = bad;
    const cases: Array<[string, string, string | undefined, unknown, string]> = [
      ['POST', '/api/v1/stores', admin, { id: 'S002', name: bad, timezone: 'UTC' }, 'body/name'],
      ['PUT', '/api/v1/stores/S001/operators', admin, [makeOperatorInput({ name: bad })], 'body/0/name'],
      ['PUT', '/api/v1/stores/S001/products', platform, [makeProductInput(1, { name: bad })], 'body/0/name'],
      ['POST', '/api/v1/orders', platform, makeOrderInput({ customer: { name: bad, phone: '123456' } }), 'body/customer/name'],
      ['POST', '/api/v1/orders', platform, withLine, 'body/lines/0/name'],
      ['POST', '/api/v1/orders', platform, withAddress, 'body/fulfilment/address/line1'],
      ['POST', `/api/v1/orders/${order.id}/cancel`, platform, { reason: bad }, 'body/reason'],
      ['POST', '/api/v1/devices/enroll', undefined, { code, name: bad }, 'body/name'],
      ['POST', '/api/v1/stores', admin, { id: 'S002', name: 'x', timezone: 'UTC', [bad]: 1 }, 'body'],
    ];
    for (const [method, path, token, body, where] of cases) {
      const res = await s.request(method, path, { token, body });
      expect(res, `${method} ${path} ${where}`).toMatchObject({ status: 400, body: { code: 'VALIDATION_FAILED', details: { path: where } } });
    }
    expect(await snapshot()).toEqual(before);
    // The code was not spent by the refused enrollment.
    expect((await s.request('POST', '/api/v1/devices/enroll', { body: { code, name: 'T2' } })).status).toBe(201);
  });

  it('%00 as any path parameter, or in a query, is 400 VALIDATION_FAILED; numbers past 2^53 in a query too', async () => {
    const before = await snapshot();
    const cases: Array<[string, string, string, unknown, string]> = [
      ['GET', '/api/v1/orders/%00', s.platformApiKey, undefined, 'params/id'],
      ['POST', '/api/v1/orders/a%00b/cancel', s.platformApiKey, {}, 'params/id'],
      ['GET', '/api/v1/stores/%00/stock', s.platformApiKey, undefined, 'params/storeId'],
      ['PUT', '/api/v1/stores/%00/products', s.platformApiKey, [makeProductInput(1)], 'params/storeId'],
      ['PUT', '/api/v1/stores/%00/operators', s.adminToken, [makeOperatorInput()], 'params/storeId'],
      ['POST', '/api/v1/stores/%00/enrollment-codes', s.adminToken, {}, 'params/storeId'],
      ['POST', '/api/v1/devices/%00/revoke', s.adminToken, undefined, 'params/deviceId'],
      ['GET', '/sync/v1/orders/pull?schemaVersion=0&position=1&id=%00', device.token, undefined, 'query/id'],
      ['GET', '/sync/v1/orders/pull?schemaVersion=0&position=99999999999999999999', device.token, undefined, 'query/position'],
      ['GET', '/sync/v1/orders/pull?schemaVersion=0&position=1e308', device.token, undefined, 'query/position'],
      ['GET', '/sync/v1/orders/pull?schemaVersion=1e300', device.token, undefined, 'query/schemaVersion'],
    ];
    for (const [method, path, token, body, where] of cases) {
      const res = await s.request(method, path, { token, body });
      expect(res, `${method} ${path}`).toMatchObject({ status: 400, body: { code: 'VALIDATION_FAILED', details: { path: where } } });
    }
    expect(await s.request('GET', '/sync/v1/%00/pull?schemaVersion=0', { token: device.token })).toMatchObject({ status: 404, body: { code: 'UNKNOWN_COLLECTION' } });
    expect(await snapshot()).toEqual(before);
  });

  it('in a push, such a document is rejected on its own, in our words, and the rest of the batch applies', async () => {
    const order = await s.admin.postOrder(makeOrderInput());
    const nul = makeOrderEvent(device, order.id, 'accepted', { note: 'a\u0000b' });
    const lone = makeOrderEvent(device, order.id, 'accepted', { note: '\ud83d' });
    const good = makeOrderEvent(device, order.id, 'accepted', { note: 'fine 😀' });
    const res = await s.sync.push(device.token, 'order_events', [nul, lone, good].map((e) => ({ newDocumentState: { ...e, _deleted: false } })));
    expect(res).toEqual({
      status: 200,
      body: {
        conflicts: [],
        rejected: [
          { documentId: nul.id, code: 'VALIDATION_FAILED', message: '/note contains a NUL character (U+0000), which cannot be stored' },
          { documentId: lone.id, code: 'VALIDATION_FAILED', message: '/note contains an unpaired UTF-16 surrogate, which is not a character' },
        ],
      },
    });
    expect((await s.sync.pull(device.token, 'order_events')).body.documents.map((d) => [d.id, d.note])).toEqual([[good.id, 'fine 😀']]);
  });
});
