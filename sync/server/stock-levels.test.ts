import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StockLevel } from '../model/stock-level.js';
import { onHandFrom } from '../model/stock-level.js';
import { onHand, type StockMove } from '../model/stock.js';
import type { ErrorBody } from '../protocol/errors.js';
import { apiRoutes } from '../protocol/platform.js';
import type { PushResponse } from '../protocol/sync.js';
import { makeProductInput, makeStockMove, startTestServer, type TestServer } from './testing.js';

type Device = { deviceId: string; storeId: string; token: string };

let s: TestServer;
let a: Device;
let b: Device;
let other: Device;
let t0: number;
beforeEach(async () => {
  s = await startTestServer();
  await s.admin.seedStore('S001');
  await s.admin.seedStore('S002', { location: { lat: 23.13, lon: 113.26 } });
  a = await s.admin.enroll('S001', 'T1');
  b = await s.admin.enroll('S001', 'T2');
  other = await s.admin.enroll('S002', 'T3');
  t0 = Date.now();
});
afterEach(async () => {
  await s.close();
});

/** Times after the operators were created, a second apart and never far ahead of the server's clock. */
const at = (seconds: number) => new Date(t0 + seconds * 1000).toISOString();

async function push(device: Device, moves: StockMove[]): Promise<PushResponse<'stock_moves'>> {
  const res = await s.sync.push(device.token, 'stock_moves', moves.map((m) => ({ newDocumentState: { ...m, _deleted: false } })));
  expect(res.status).toBe(200);
  return res.body;
}

async function levels(storeId = 'S001'): Promise<Array<{ position: number; data: StockLevel }>> {
  return s.db.query("SELECT position, data FROM docs WHERE store_id = $1 AND collection = 'stock_levels' ORDER BY id", [storeId]);
}

async function level(sku: string): Promise<StockLevel | undefined> {
  return (await levels()).find((l) => l.data.sku === sku)?.data;
}

const count = (d: Device, sku: string, qty: number, seconds: number) => makeStockMove(d, { sku, kind: 'count', qty, at: at(seconds) });
const pick = (d: Device, sku: string, qty: number, seconds: number) => makeStockMove(d, { sku, kind: 'pick', qty: -qty, at: at(seconds) });
const adjust = (d: Device, sku: string, qty: number, seconds: number) => makeStockMove(d, { sku, kind: 'adjust', qty, reason: 'broken', at: at(seconds) });
const receive = (d: Device, sku: string, qty: number, seconds: number) => makeStockMove(d, { sku, qty, at: at(seconds) });

describe('stock levels kept by the centre from pushed moves', () => {
  it('folds a late move in at its place: count 10 at t2, a late pick at t1 keeps 10, a pick at t3 makes 9', async () => {
    const counted = count(a, 'SKU1', 10, 20);
    expect(await push(a, [counted])).toEqual({ conflicts: [], rejected: [] });
    expect(await level('SKU1')).toMatchObject({ storeId: 'S001', sku: 'SKU1', qty: 10, asOfAt: counted.at, asOfId: counted.id, moves: 1 });

    const late = pick(b, 'SKU1', 1, 10);
    expect(await push(b, [late])).toEqual({ conflicts: [], rejected: [] });
    expect(await level('SKU1')).toMatchObject({ qty: 10, asOfAt: counted.at, asOfId: counted.id, moves: 2 });

    const later = pick(a, 'SKU1', 1, 30);
    await push(a, [later]);
    expect(await level('SKU1')).toMatchObject({ qty: 9, asOfAt: later.at, asOfId: later.id, moves: 3 });
  });

  it('writes the level in the push transaction, at the push position, and terminals of that store pull it', async () => {
    const moves = [receive(a, 'SKU1', 5, 1), receive(a, 'SKU2', 3, 2), pick(a, 'SKU1', 2, 3)];
    await push(a, moves);
    const stored = await levels();
    const [movePosition] = await s.db.query<{ position: number }>("SELECT DISTINCT position FROM docs WHERE collection = 'stock_moves'");
    expect(stored.map((l) => [l.data.sku, l.data.qty, Number(l.position)])).toEqual([
      ['SKU1', 3, Number(movePosition?.position)],
      ['SKU2', 3, Number(movePosition?.position)],
    ]);
    const pulled = await s.sync.pull(a.token, 'stock_levels');
    expect(pulled.body.documents).toEqual(stored.map((l) => ({ ...l.data, _deleted: false })));
    expect((await s.sync.pull(other.token, 'stock_levels')).body.documents).toEqual([]);
  });

  it('two terminals offline, pushing counts and adjustments interleaved and out of order: the level is the union, each move once; a retry changes nothing', async () => {
    // Both terminals count and correct the same shelves while the link is down; their clocks interleave.
    const fromA = [
      count(a, 'SKU1', 20, 1), adjust(a, 'SKU1', -2, 4), pick(a, 'SKU1', 3, 7), count(a, 'SKU2', 8, 2), adjust(a, 'SKU2', 5, 9), pick(a, 'SKU3', 1, 3),
      count(a, 'SKU1', 15, 10), adjust(a, 'SKU1', -1, 12),
    ];
    const fromB = [
      adjust(b, 'SKU1', 4, 2), count(b, 'SKU1', 17, 5), pick(b, 'SKU1', 1, 11), adjust(b, 'SKU2', -3, 1), count(b, 'SKU2', 6, 8), receive(b, 'SKU3', 10, 6),
      adjust(b, 'SKU3', -2, 13),
    ];
    // Each terminal sends its queue newest first in small batches, and the two send at the same time.
    const batches = (d: Device, moves: StockMove[]) => async () => {
      const queue = [...moves].reverse();
      while (queue.length > 0) expect(await push(d, queue.splice(0, 3))).toEqual({ conflicts: [], rejected: [] });
    };
    await Promise.all([batches(a, fromA)(), batches(b, fromB)()]);

    const union = [...fromA, ...fromB];
    const expected = onHand(union);
    const stored = await levels();
    expect(stored.map((l) => [l.data.sku, l.data.qty, l.data.moves])).toEqual(
      ['SKU1', 'SKU2', 'SKU3'].map((sku) => [sku, expected.get(sku), union.filter((m) => m.sku === sku).length]),
    );
    // SKU1: counted 15 at t10, then -1 at t11 and -1 at t12; SKU2: 6 at t8, +5 at t9; SKU3: -1 +10 -2.
    expect([...expected]).toEqual(expect.arrayContaining([['SKU1', 13], ['SKU2', 11], ['SKU3', 7]]));

    // A terminal's view: the pulled snapshot plus its moves after it agrees with the centre, each move once.
    const pulledLevels = (await s.sync.pull(b.token, 'stock_levels')).body.documents;
    const pulledMoves = (await s.sync.pull(b.token, 'stock_moves', null, 1000)).body.documents;
    expect(pulledMoves).toHaveLength(union.length);
    expect(onHandFrom(pulledLevels, pulledMoves)).toEqual(expected);

    const seq = await s.db.query("SELECT seq FROM stores WHERE id = 'S001'");
    await Promise.all([push(a, fromA), push(b, fromB)]);
    expect(await levels()).toEqual(stored);
    expect(await s.db.query("SELECT seq FROM stores WHERE id = 'S001'")).toEqual(seq);
  });

  it("keeps each store's levels apart, and folds only the moves that were accepted", async () => {
    await push(a, [receive(a, 'SKU1', 5, 1)]);
    const res = await push(other, [receive(other, 'SKU1', 7, 2), makeStockMove(other, { sku: 'SKU1', kind: 'pick', qty: 3, at: at(3) })]);
    expect(res.rejected.map((r) => r.code)).toEqual(['VALIDATION_FAILED']);
    expect((await levels('S001')).map((l) => l.data.qty)).toEqual([5]);
    expect((await levels('S002')).map((l) => [l.data.qty, l.data.moves])).toEqual([[7, 1]]);
  });

  it('refuses a terminal that pushes stock_levels (WRONG_WRITER) and stores nothing', async () => {
    const forged: StockLevel = { storeId: 'S001', sku: 'SKU1', qty: 999, asOfAt: at(1), asOfId: 'x', moves: 1, updatedAt: at(1) };
    const res = await s.sync.push(a.token, 'stock_levels', [{ newDocumentState: { ...forged, _deleted: false } }]);
    expect(res.body).toEqual({ conflicts: [], rejected: [{ documentId: 'SKU1', code: 'WRONG_WRITER', message: expect.stringMatching(/centre/) }] });
    expect(await levels()).toEqual([]);
  });
});

describe('centre stock view (Platform API v1)', () => {
  it('GET /stores/{storeId}/stock lists each SKU with its catalogue name (null if none), with the platform key or the admin token', async () => {
    await s.admin.putProducts('S001', [makeProductInput(1)]);
    const moves = [receive(a, 'SKU000001', 12, 1), pick(b, 'SKU000001', 2, 2), receive(a, 'LOOSE-1', 4, 3)];
    await push(a, [moves[0] as StockMove, moves[2] as StockMove]);
    await push(b, [moves[1] as StockMove]);
    const expected = {
      storeId: 'S001',
      levels: [
        { sku: 'LOOSE-1', name: null, onHand: 4, asOfAt: moves[2]?.at, moves: 1 },
        { sku: 'SKU000001', name: 'Product 1', onHand: 10, asOfAt: moves[1]?.at, moves: 2 },
      ],
    };
    expect(await s.admin.stock('S001')).toEqual(expected);
    expect(await s.admin.stock('S001', s.adminToken)).toEqual(expected);
    expect(await s.admin.stock('S002')).toEqual({ storeId: 'S002', levels: [] });
  });

  it('GET /stock lists every store, with its levels', async () => {
    await push(a, [receive(a, 'SKU1', 3, 1)]);
    await push(other, [receive(other, 'SKU9', 6, 1)]);
    const all = await s.admin.allStock(s.adminToken);
    expect(all.stores.map((st) => [st.storeId, st.levels.map((l) => [l.sku, l.onHand])])).toEqual([
      ['S001', [['SKU1', 3]]],
      ['S002', [['SKU9', 6]]],
    ]);
    expect(await s.admin.allStock()).toEqual(all);
  });

  it('answers an unknown store with 404 UNKNOWN_STORE, and a missing or wrong secret with 401', async () => {
    const unknown = await s.request<ErrorBody>('GET', apiRoutes.storeStock('S404'), { token: s.platformApiKey });
    expect(unknown).toMatchObject({ status: 404, body: { code: 'UNKNOWN_STORE', details: { storeId: 'S404' } } });
    for (const path of [apiRoutes.storeStock('S001'), apiRoutes.stock]) {
      expect(await s.request<ErrorBody>('GET', path)).toMatchObject({ status: 401, body: { code: 'UNAUTHORIZED' } });
      expect(await s.request<ErrorBody>('GET', path, { token: a.token })).toMatchObject({ status: 401, body: { code: 'UNAUTHORIZED' } });
    }
  });

  it('is described in the OpenAPI document', async () => {
    const doc = await s.request<{ paths: Record<string, { get?: { summary?: string } }> }>('GET', apiRoutes.openapi);
    expect(doc.body.paths['/api/v1/stores/{storeId}/stock']?.get?.summary).toMatch(/stock on hand/);
    expect(doc.body.paths['/api/v1/stock']?.get?.summary).toMatch(/stock on hand/);
  });
});
