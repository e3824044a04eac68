import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeOrderEvent, makeOrderInput, startTestServer, testOperators, type TestServer } from '../testing.js';
import { serializeError } from './log.js';

let s: TestServer;
let lines: string[];
beforeEach(async () => {
  lines = [];
  s = await startTestServer({ logStream: { write: (line) => lines.push(line) } });
  await s.admin.seedStore('S001');
});
afterEach(async () => {
  await s.close();
});

/** A CHECK the schema does not have, to make the database itself fail a write; dropped again after the test. */
async function withBrokenDocs(check: string, run: () => Promise<void>): Promise<void> {
  await s.db.query(`ALTER TABLE docs ADD CONSTRAINT edge_test_breaks_writes CHECK (${check}) NOT VALID`);
  try {
    await run();
  } finally {
    await s.db.query('ALTER TABLE docs DROP CONSTRAINT edge_test_breaks_writes');
  }
}

describe('database errors reach neither the log with their parameters nor the client with their words', () => {
  it('a 500 logs the error without the statement, its parameters or the failing row (an operator PIN hash among them)', async () => {
    await s.admin.createStore({ id: 'S002' });
    const staff = testOperators('S002').map((o, i) => ({ ...o, pin: '90817263', badge: `BADGE-9081726${i}` }));
    await withBrokenDocs("NOT (store_id = 'S002' AND collection = 'operators')", async () => {
      const res = await s.request('PUT', '/api/v1/stores/S002/operators', { token: s.adminToken, body: staff });
      expect(res).toEqual({ status: 500, body: { code: 'INTERNAL', message: 'internal server error' } });
    });
    const errors = lines.filter((l) => (JSON.parse(l) as { level: number }).level >= 50);
    expect(errors).toHaveLength(1);
    const logged = JSON.parse(errors[0] ?? '{}') as { err: Record<string, unknown> };
    // What is needed to find the fault is there...
    expect(logged.err).toMatchObject({ code: '23514', constraint: 'edge_test_breaks_writes', table: 'docs' });
    expect(logged.err.stack).toEqual(expect.any(String));
    // ...and nothing of the statement or the row.
    expect(Object.keys(logged.err).filter((k) => ['query', 'params', 'detail', 'where', 'hint', 'internalQuery'].includes(k))).toEqual([]);
    const all = lines.join('\n');
    for (const secret of ['pinHash', 'BADGE-9081726', '90817263', 'INSERT INTO', 'Failing row', 'Test Lead']) expect(all, secret).not.toContain(secret);
  });

  it('a pushed row the database refuses is rejected in our words, and the rest of the batch applies', async () => {
    const device = await s.admin.enroll('S001', 'T1');
    const order = await s.admin.postOrder(makeOrderInput());
    const noted = makeOrderEvent(device, order.id, 'accepted', { note: 'refused by the database' });
    const plain = makeOrderEvent(device, order.id, 'picking_started');
    await withBrokenDocs("NOT (collection = 'order_events' AND data ? 'note')", async () => {
      const res = await s.sync.push(device.token, 'order_events', [noted, plain].map((e) => ({ newDocumentState: { ...e, _deleted: false } })));
      expect(res.body).toEqual({
        conflicts: [],
        rejected: [{ documentId: noted.id, code: 'INTERNAL', message: 'the server could not store this document (SQLSTATE 23514); the rest of the batch was applied' }],
      });
    });
    const stored = await s.db.query<{ id: string }>("SELECT id FROM docs WHERE collection = 'order_events'");
    expect(stored.map((r) => r.id)).toEqual([plain.id]);
  });
});

describe('serializeError', () => {
  it('keeps type, message, stack, SQLSTATE and names; drops every other field; hides values quoted by a data exception', () => {
    const db = Object.assign(new Error('invalid input syntax for type bigint: "4111-1111"'), {
      code: '22P02',
      severity: 'ERROR',
      query: 'SELECT $1::bigint',
      params: ['4111-1111'],
      detail: 'Token "4111-1111" is invalid.',
      where: 'unnamed portal parameter $1 = \'4111-1111\'',
    });
    const wrapped = new Error('pull failed', { cause: db });
    const out = serializeError(wrapped);
    expect(out).toMatchObject({ type: 'Error', message: 'pull failed', cause: { type: 'Error', code: '22P02', severity: 'ERROR', message: 'invalid input syntax for type bigint: "…"' } });
    expect(JSON.stringify(out)).not.toContain('4111-1111');
    // Outside class 22 a quote names a thing of the schema, which helps and is no one's data.
    expect(serializeError(Object.assign(new Error('relation "docs" does not exist'), { code: '42P01' })).message).toBe('relation "docs" does not exist');
    expect(serializeError('a string')).toEqual({ type: 'string', message: 'a non-Error value was thrown', stack: '' });
  });
});
