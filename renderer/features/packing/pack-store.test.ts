import { afterEach, describe, expect, it } from 'vitest';
import { filter, firstValueFrom } from 'rxjs';
import { v7 as uuidv7 } from 'uuid';
import type { TerminalDb } from '../../db/index.js';
import {
  checkPackages,
  deriveStatus,
  indexProducts,
  newPackage,
  scanItem,
  startPacking,
  type Order,
  type OrderEvent,
  type PackState,
  type StockMove,
} from '../../../sync/model/index.js';
import { closeTestDbs, openTestDb, operator, product } from '../../testing/db.js';
import type { Actor } from '../approval/authorize.js';
import { queueRow$ } from '../orders/live.js';
import { decideFor, packSource } from './pack-order.js';
import { finishAndRecord, loadCurrentOrder, loadPackState, PackSaver, recordPutBack } from './pack-store.js';
import { event, move, ORDER_ID, packOrder, PICKED_LINES, pickedEvents } from './packing.testkit.js';

afterEach(closeTestDbs);

const packer: Actor = { operatorId: 'pack-1', roles: ['packer'], deviceId: 'dev-1', storeId: 'S001' };
const picker: Actor = { operatorId: 'pick-1', roles: ['picker'], deviceId: 'dev-1', storeId: 'S001' };
/** After the fixtures' events (09:0x), so the recorded facts fold after them. */
const now = () => new Date('2026-11-27T09:40:00.000Z');

const catalogue = [product('TEA', 'Green tea', ['690001']), product('MILK', 'Milk 1L', ['690002']), product('OATMILK', 'Oat milk', ['690003']), product('EGGS', 'Eggs', ['690004'])];
const products = indexProducts(catalogue);

async function open(order: Order = packOrder(), events: OrderEvent[] = pickedEvents()): Promise<TerminalDb> {
  const db = await openTestDb();
  await db.operators.bulkInsert([await operator('pack-1', ['packer'], null), await operator('pick-1', ['picker'], null)]);
  await db.products.bulkInsert(catalogue);
  await db.orders.insert(order);
  await db.order_events.bulkInsert(events);
  return db;
}

const rowOf = (db: TerminalDb, id = ORDER_ID) => firstValueFrom(queueRow$(db, id).pipe(filter((r) => r !== null)));
const scans = (s: PackState, ...codes: string[]) => codes.reduce((st, c) => scanItem(st, c, products), s);
const events = async (db: TerminalDb) => (await db.order_events.find({ selector: { orderId: ORDER_ID } }).exec()).map((d) => d.toJSON() as OrderEvent);

describe('finishing a packing over a real RxDB', () => {
  it('expects what the picked event says (a substitute in, a short line out) and records packages that pass checkPackages', async () => {
    const db = await open();
    const row = await rowOf(db);
    const source = packSource(row);
    expect(source.lines).toEqual(PICKED_LINES);
    expect(source.expected).toEqual([{ sku: 'TEA', qty: 2 }, { sku: 'MILK', qty: 1 }, { sku: 'OATMILK', qty: 1 }]);

    let s = startPacking(ORDER_ID, source.expected);
    expect(scanItem(s, '690004', products).feedback).toMatchObject({ ok: false, code: 'WRONG_ITEM' }); // the short line's eggs
    s = scans(newPackage(scans(s, '690001', '690001')), 'MILK', '690003');
    const outcome = await finishAndRecord(db, row, s, packer, uuidv7, now);
    expect(outcome).toMatchObject({ ok: true });
    if (!outcome.ok) return;
    expect(outcome.packages.map((p) => [p.id, p.n, p.of])).toEqual([[`${ORDER_ID}-P1`, 1, 2], [`${ORDER_ID}-P2`, 2, 2]]);

    const stored = (await events(db)).find((e) => e.type === 'packed');
    expect(stored?.packages).toEqual(outcome.packages);
    expect(stored).toMatchObject({ operatorId: 'pack-1', deviceId: 'dev-1', at: '2026-11-27T09:40:00.000Z' });
    expect(checkPackages(ORDER_ID, PICKED_LINES, stored?.packages ?? [])).toEqual({ ok: true });
    expect(deriveStatus(packOrder(), await events(db)).status).toBe('packed');
  });

  it('refuses to finish while picked items remain, and writes nothing', async () => {
    const db = await open();
    const row = await rowOf(db);
    const s = scans(startPacking(ORDER_ID, packSource(row).expected), '690001', '690002');
    const outcome = await finishAndRecord(db, row, s, packer, uuidv7, now);
    expect(outcome).toEqual({ ok: false, code: 'NOT_ALL_PACKED', message: 'NOT_ALL_PACKED', remaining: [{ sku: 'TEA', qty: 1 }, { sku: 'OATMILK', qty: 1 }] });
    expect((await events(db)).some((e) => e.type === 'packed')).toBe(false);
  });

  it("refuses an operator whose roles cannot pack, and packs an order marked picked by hand against its lines", async () => {
    const db = await open(packOrder(), pickedEvents(null));
    const row = await rowOf(db);
    expect(packSource(row).lines).toBeUndefined();
    const s = scans(startPacking(ORDER_ID, packSource(row).expected), '690001', '690001', '690002', '690002', '690004');
    expect(await finishAndRecord(db, row, s, picker, uuidv7, now)).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    const outcome = await finishAndRecord(db, row, s, packer, uuidv7, now);
    expect(outcome.ok && outcome.packages).toEqual([{ id: `${ORDER_ID}-P1`, n: 1, of: 1, items: [{ sku: 'TEA', qty: 2 }, { sku: 'MILK', qty: 2 }, { sku: 'EGGS', qty: 1 }] }]);
  });
});

describe('the packing in progress survives a restart', () => {
  it('is saved after every change and restored for the same order and pick only', async () => {
    const db = await open();
    const row = await rowOf(db);
    const expected = packSource(row).expected;
    const errors: unknown[] = [];
    const saver = new PackSaver(db, (err) => errors.push(err));
    let s = startPacking(ORDER_ID, expected);
    void saver.saveCurrent(ORDER_ID);
    // Scans faster than IndexedDB commits: each one saved without waiting, only the last must stick.
    for (const code of ['690001', '690001', 'MILK']) {
      s = scanItem(s, code, products);
      void saver.saveState(s);
    }
    s = newPackage(s);
    void saver.saveState(s);
    await saver.flush();
    expect(errors).toEqual([]);

    expect(await loadCurrentOrder(db)).toBe(ORDER_ID);
    const restored = await loadPackState(db, ORDER_ID, expected);
    expect(restored).toEqual(s);
    expect(restored?.current).toBe(1);
    // A different pick (or another order) does not resume this packing.
    expect(await loadPackState(db, ORDER_ID, [{ sku: 'TEA', qty: 2 }])).toBeNull();
    expect(await loadPackState(db, 'EO-OTHER', expected)).toBeNull();

    await saver.clearState(ORDER_ID);
    await saver.saveCurrent(null);
    expect(await loadPackState(db, ORDER_ID, expected)).toBeNull();
    expect(await loadCurrentOrder(db)).toBeNull();
  });
});

describe('putting back the goods of an order cancelled after its pick', () => {
  const cancelled = packOrder(ORDER_ID, { cancel: { requestedAt: '2026-11-27T09:30:00.000Z', reason: 'customer' } });

  it('records unpick moves equal to the net picked quantity, and nothing the second time', async () => {
    const db = await open(cancelled);
    expect((await rowOf(db)).derived.status).toBe('cancelled');
    // The walk took 2 TEA, 1 MILK and 1 OATMILK; one TEA already went back during the put-wall.
    await db.stock_moves.bulkInsert([
      move('TEA', 'pick', -2, 4), move('MILK', 'pick', -1, 4), move('OATMILK', 'pick', -1, 4), move('TEA', 'unpick', 1, 5),
      move('TEA', 'pick', -3, 4, 'EO-OTHER'),
    ]);
    const first = await recordPutBack(db, ORDER_ID, picker, uuidv7, now);
    expect(first.ok && first.moves.map((m) => [m.sku, m.kind, m.qty, m.orderId, m.operatorId])).toEqual([
      ['TEA', 'unpick', 1, ORDER_ID, 'pick-1'],
      ['MILK', 'unpick', 1, ORDER_ID, 'pick-1'],
      ['OATMILK', 'unpick', 1, ORDER_ID, 'pick-1'],
    ]);
    const second = await recordPutBack(db, ORDER_ID, picker, uuidv7, now);
    expect(second).toEqual({ ok: true, moves: [] });

    const all = (await db.stock_moves.find().exec()).map((d) => d.toJSON() as StockMove);
    const net = (sku: string) => all.filter((m) => m.sku === sku && m.orderId === ORDER_ID).reduce((n, m) => n + m.qty, 0);
    expect(['TEA', 'MILK', 'OATMILK'].map(net)).toEqual([0, 0, 0]);
    expect(all.filter((m) => m.kind === 'unpick')).toHaveLength(4);
  });

  it('is refused to an operator whose roles cannot undo a pick, and writes nothing', async () => {
    const db = await open(cancelled);
    await db.stock_moves.insert(move('TEA', 'pick', -2, 4));
    expect(await recordPutBack(db, ORDER_ID, packer, uuidv7, now)).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(await db.stock_moves.count().exec()).toBe(1);
  });
});

describe('booking back the goods of an order the customer returned', () => {
  // Delivered at 09:08, cancelled by the platform at 09:30: the merge rule keeps it delivered and flags a return.
  const returned = packOrder(ORDER_ID, { cancel: { requestedAt: '2026-11-27T09:30:00.000Z', reason: 'customer returned it' } });
  const delivered = [...pickedEvents(), event('packed', 5), event('dispatched', 7), event('delivered', 8)];

  it('offers the return, records return moves for what the pick took, and nothing the second time', async () => {
    const db = await open(returned, delivered);
    const row = await rowOf(db);
    expect([row.derived.status, row.derived.returnRequested]).toEqual(['delivered', true]);
    expect(decideFor(row)).toEqual({ ok: true, orderId: ORDER_ID, mode: 'return' });
    await db.stock_moves.bulkInsert([move('TEA', 'pick', -2, 4), move('MILK', 'pick', -1, 4)]);
    const first = await recordPutBack(db, ORDER_ID, picker, uuidv7, now, 'return');
    expect(first.ok && first.moves.map((m) => [m.sku, m.kind, m.qty])).toEqual([
      ['TEA', 'return', 2],
      ['MILK', 'return', 1],
    ]);
    expect(await recordPutBack(db, ORDER_ID, picker, uuidv7, now, 'return')).toEqual({ ok: true, moves: [] });
  });
});
