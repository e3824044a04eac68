import { afterEach, describe, expect, it } from 'vitest';
import { firstValueFrom, filter, type Observable } from 'rxjs';
import { v7 as uuidv7 } from 'uuid';
import type { TerminalDb } from '../../db/index.js';
import { levelFromMoves, type Order, type OrderEventType, type StockMove } from '../../../sync/model/index.js';
import { closeTestDbs, openTestDb, operator, product } from '../../testing/db.js';
import type { Actor } from '../approval/authorize.js';
import { recordStockAdjustment } from './adjust.js';
import { recordCount, recordReceipt } from './record-stock.js';
import { availabilityFor$, lowStockThreshold$, onHandFrom$, saveLowStockThreshold } from './stock-live.js';

afterEach(closeTestDbs);

const until = <T>(source: Observable<T>, ok: (value: T) => boolean) => firstValueFrom(source.pipe(filter(ok)));
const at = (time: string) => () => new Date(`2026-11-27T${time}.000Z`);
const picker = (deviceId: string): Actor => ({ operatorId: 'pick-1', roles: ['picker'], deviceId, storeId: 'S001' });
const manager = (deviceId: string): Actor => ({ operatorId: 'boss-1', roles: ['manager'], deviceId, storeId: 'S001' });

async function terminal(name?: string): Promise<TerminalDb> {
  const db = await openTestDb(name);
  if ((await db.operators.count().exec()) > 0) return db;
  await db.operators.bulkInsert([await operator('pick-1', ['picker'], null), await operator('boss-1', ['manager'], null)]);
  await db.products.bulkInsert([product('SKU-1', 'Milk 1L', ['6901234567890']), product('SKU-2', 'Tea')]);
  return db;
}

/**
 * Free RxDB allows 13 open collections per process, fewer than two terminal databases hold, so each terminal is
 * opened for its turn and closed after; its IndexedDB database (and so its ledger) stays, as on a real terminal.
 */
async function turn<T>(name: string, work: (db: TerminalDb) => Promise<T>): Promise<T> {
  const db = await terminal(name);
  try {
    return await work(db);
  } finally {
    await db.close();
  }
}

const movesOf = async (db: TerminalDb): Promise<StockMove[]> => (await db.stock_moves.find().exec()).map((d) => d.toJSON() as StockMove);

/** What replication does for stock moves: the terminal ends up holding the other's facts too (ids are unique). */
async function receive(db: TerminalDb, others: readonly StockMove[]): Promise<void> {
  const have = new Set((await movesOf(db)).map((m) => m.id));
  await db.stock_moves.bulkInsert(others.filter((m) => !have.has(m.id)));
}

const sku1 = (db: TerminalDb, ok: (n: number | undefined) => boolean) => until(onHandFrom$(db, ['SKU-1']), (m) => ok(m.get('SKU-1'))).then((m) => m.get('SKU-1'));

describe('two terminals counting and adjusting the same SKU offline', () => {
  let n = 0;
  /**
   * Both had synced a receipt of 10; then, offline, each records its own facts: B counts 12 at 09:55, A counts 7
   * at 10:00, B's manager takes 2 broken off at 10:05, A receives 3 at 10:10. Each sees 10, for different reasons.
   */
  async function offlineWork(): Promise<{ a: string; b: string; base: StockMove; fromA: StockMove[]; fromB: StockMove[] }> {
    const [a, b] = [`term-a-${++n}-${Date.now()}`, `term-b-${n}-${Date.now()}`];
    const { base, fromA } = await turn(a, async (db) => {
      const received = await recordReceipt(db, [{ sku: 'SKU-1', qty: 10 }], picker('dev-a'), uuidv7, at('08:00:00'));
      if (!received.ok) throw new Error(received.message);
      expect(await recordCount(db, { sku: 'SKU-1', qty: 7 }, picker('dev-a'), uuidv7, at('10:00:00'))).toMatchObject({ ok: true });
      expect(await recordReceipt(db, [{ sku: 'SKU-1', qty: 3 }], picker('dev-a'), uuidv7, at('10:10:00'))).toMatchObject({ ok: true });
      expect(await sku1(db, (q) => q === 10)).toBe(10); // 10 → count 7 → +3
      return { base: received.moves[0]!, fromA: await movesOf(db) };
    });
    const fromB = await turn(b, async (db) => {
      await db.stock_moves.insert(base);
      expect(await recordCount(db, { sku: 'SKU-1', qty: 12 }, picker('dev-b'), uuidv7, at('09:55:00'))).toMatchObject({ ok: true });
      expect(await recordStockAdjustment(db, { sku: 'SKU-1', qty: -2, reason: 'broken' }, manager('dev-b'), null, uuidv7, at('10:05:00'))).toMatchObject({ ok: true });
      expect(await sku1(db, (q) => q === 10)).toBe(10); // 10 → count 12 → −2
      return movesOf(db);
    });
    return { a, b, base, fromA, fromB };
  }

  it('agree on the same on hand once each holds the union of moves', async () => {
    const { a, b, fromA, fromB } = await offlineWork();
    // In (time, id) order: count 12, count 7, −2, +3; neither count is corrected twice.
    for (const [name, others] of [[a, fromB], [b, fromA]] as const) {
      await turn(name, async (db) => {
        await receive(db, others);
        expect(await sku1(db, (q) => q === 8)).toBe(8);
        // Receiving the same facts again changes nothing: a move is counted once.
        await receive(db, [...fromA, ...fromB]);
        expect(await movesOf(db)).toHaveLength(5);
        expect(await sku1(db, (q) => q !== undefined)).toBe(8);
      });
    }
  });

  it('agree with a stock_levels snapshot too: on one side only, on both, or covering every move', async () => {
    const { a, b, base, fromA, fromB } = await offlineWork();
    // The centre has seen the receipt and B's count only (B pushed first) and wrote its snapshot.
    const level = levelFromMoves('S001', 'SKU-1', [base, ...fromB.filter((m) => m.kind === 'count')], '2026-11-27T10:30:00.000Z')!;
    expect(level).toMatchObject({ qty: 12, asOfAt: '2026-11-27T09:55:00.000Z', moves: 2 });
    const full = levelFromMoves('S001', 'SKU-1', [...fromA, ...fromB.filter((m) => m.id !== base.id)], '2026-11-27T11:00:00.000Z')!;
    expect(full).toMatchObject({ qty: 8, moves: 5 });

    await turn(a, async (db) => {
      await db.stock_levels.insert(level);
      await receive(db, fromB);
      expect(await sku1(db, (q) => q === 8)).toBe(8);
    });
    await turn(b, async (db) => {
      // B has not received the snapshot yet: the moves alone.
      await receive(db, fromA);
      expect(await sku1(db, (q) => q === 8)).toBe(8);
      await db.stock_levels.insert(level);
      expect(await sku1(db, (q) => q === 8)).toBe(8);
      // Later the centre has folded in everything: the snapshot alone says 8 and no move is added on top of it.
      await db.stock_levels.upsert(full);
      expect(await sku1(db, (q) => q === 8)).toBe(8);
      // A move made after the snapshot's point adds to it.
      await recordReceipt(db, [{ sku: 'SKU-1', qty: 1 }], picker('dev-b'), uuidv7, at('11:30:00'));
      expect(await sku1(db, (q) => q === 9)).toBe(9);
    });
    await turn(a, async (db) => {
      await db.stock_levels.upsert(full);
      expect(await sku1(db, (q) => q === 8)).toBe(8);
    });
  });
});

function order(id: string, lines: { sku: string; qty: number }[]): Order {
  const dueAt = '2026-11-27T12:00:00.000Z';
  return {
    id, storeId: 'S001', placedAt: '2026-11-27T09:00:00.000Z', dueAt,
    fulfilment: { type: 'pickup', slot: { kind: '2h', dueAt } },
    customer: { name: 'Wang', phone: '13911112222' }, payment: { method: 'cod', amount: 500, currency: 'CNY', paid: false },
    lines: lines.map((l) => ({ ...l, name: l.sku, unitPrice: 100 })),
    receivedAt: '2026-11-27T09:00:01.000Z', updatedAt: '2026-11-27T09:00:01.000Z',
  };
}

async function events(db: TerminalDb, orderId: string, types: OrderEventType[]): Promise<void> {
  let minute = 10;
  for (const type of types) {
    await db.order_events.insert({ id: uuidv7(), storeId: 'S001', orderId, type, at: `2026-11-27T09:${minute++}:00.000Z`, operatorId: 'pick-1', deviceId: 'dev-1' });
  }
}

describe('available stock', () => {
  it('subtracts what open orders reserve (new, accepted, picking) and not what picked or rejected orders held', async () => {
    const db = await terminal();
    await recordReceipt(db, [{ sku: 'SKU-1', qty: 20 }, { sku: 'SKU-2', qty: 5 }], picker('dev-1'), uuidv7, at('08:00:00'));
    await db.orders.bulkInsert([
      order('O-NEW', [{ sku: 'SKU-1', qty: 2 }]),
      order('O-ACC', [{ sku: 'SKU-1', qty: 1 }, { sku: 'SKU-2', qty: 1 }]),
      order('O-PICKING', [{ sku: 'SKU-2', qty: 3 }]),
      order('O-PICKED', [{ sku: 'SKU-1', qty: 4 }]),
      order('O-REJ', [{ sku: 'SKU-1', qty: 7 }]),
    ]);
    await events(db, 'O-ACC', ['accepted']);
    await events(db, 'O-PICKING', ['accepted', 'picking_started']);
    await events(db, 'O-PICKED', ['accepted', 'picking_started', 'picked']);
    await events(db, 'O-REJ', ['rejected']);
    // The walk took the picked order's units off the shelf: the pick move, not the reservation, holds them now.
    await db.stock_moves.insert({ id: uuidv7(), storeId: 'S001', sku: 'SKU-1', kind: 'pick', qty: -4, at: '2026-11-27T09:20:00.000Z', operatorId: 'pick-1', deviceId: 'dev-1', orderId: 'O-PICKED' });

    const stock$ = availabilityFor$(db, ['SKU-1', 'SKU-2']);
    const first = await until(stock$, (m) => m.get('SKU-1')?.onHand === 16 && m.get('SKU-2')?.reserved === 4);
    expect(Object.fromEntries(first)).toEqual({
      'SKU-1': { onHand: 16, reserved: 3, available: 13 },
      'SKU-2': { onHand: 5, reserved: 4, available: 1 },
    });

    // The accepted order is picked: its reservation goes, the pick move takes the units instead.
    await events(db, 'O-ACC', ['picking_started', 'picked']);
    const after = await until(stock$, (m) => m.get('SKU-1')?.reserved === 2);
    expect(after.get('SKU-1')).toEqual({ onHand: 16, reserved: 2, available: 14 });
    expect(after.get('SKU-2')).toEqual({ onHand: 5, reserved: 3, available: 2 });

    // Over the whole store (the low-stock list), every SKU with stock or a reservation has an entry.
    const all = await until(availabilityFor$(db, null), (m) => m.get('SKU-1')?.reserved === 2);
    expect([...all.keys()].sort()).toEqual(['SKU-1', 'SKU-2']);
  });
});

describe('the low-stock threshold', () => {
  it('is 5 until this terminal sets it, and the setting stays on this terminal', async () => {
    const name = `term-t-${Date.now()}`;
    await turn(name, async (db) => {
      expect(await firstValueFrom(lowStockThreshold$(db))).toBe(5);
      await saveLowStockThreshold(db, 12);
      expect(await until(lowStockThreshold$(db), (n) => n === 12)).toBe(12);
      await expect(saveLowStockThreshold(db, 1.5)).rejects.toMatchObject({ code: 'BAD_QUANTITY' });
    });
    // Kept across a restart of the terminal, and not a setting of another terminal.
    expect(await turn(name, (db) => firstValueFrom(lowStockThreshold$(db)))).toBe(12);
    expect(await turn(`term-u-${Date.now()}`, (db) => firstValueFrom(lowStockThreshold$(db)))).toBe(5);
  });
});
