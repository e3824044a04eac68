import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_STORE_SETTINGS, onHand, type OrderEvent, type StockMove } from '../../../sync/model/index.js';
import type { TerminalDb } from '../../db/index.js';
import { closeTestDbs, openTestDb, operator } from '../../testing/db.js';
import { event, move, packOrder, pickedEvents, rowOf, testId } from '../packing/packing.testkit.js';
import { expiredForCode, expiredPickups, recordUncollectedReturn } from './return-uncollected.js';

const pickup = { fulfilment: { type: 'pickup' as const, slot: { kind: '2h' as const, dueAt: '2026-11-27T13:00:00.000Z' } } };
const store = { settings: DEFAULT_STORE_SETTINGS, timezone: 'Asia/Shanghai' };
// The orders below are ready at 09:05 on 27 November: the hold of 7 days ends at 09:05 on 4 December.
const EXPIRED = Date.parse('2026-12-04T09:05:00.000Z');

function readyFacts(id: string, compartment?: { bankId: string; number: number }): OrderEvent[] {
  return [
    ...pickedEvents(undefined, id),
    event('packed', 4, { packages: [{ id: `${id}/1`, n: 1, of: 1, items: [{ sku: 'TEA', qty: 2 }, { sku: 'MILK', qty: 1 }, { sku: 'OATMILK', qty: 1 }] }] }, id),
    event('ready', 5, compartment ? { compartment } : {}, id),
  ];
}
const rowFor = (id: string, facts: OrderEvent[], patch = {}) => rowOf(packOrder(id, { ...pickup, ...patch }), facts);

describe('the list of uncollected pickup orders', () => {
  it('lists the orders past their hold, in a compartment or on the counter shelf, and finds one by its label', () => {
    const inLocker = rowFor('EO-L', readyFacts('EO-L', { bankId: 'front', number: 3 }));
    const onShelf = rowFor('EO-C', readyFacts('EO-C'));
    const collected = rowFor('EO-P', [...readyFacts('EO-P'), event('picked_up', 6, { via: 'counter', proof: 'code' }, 'EO-P')]);
    const delivery = rowOf(packOrder('EO-D'), [...pickedEvents(undefined, 'EO-D'), event('packed', 4, {}, 'EO-D')]);
    const rows = [onShelf, inLocker, collected, delivery];
    expect(expiredPickups(rows, store, new Map(), EXPIRED - 1)).toEqual([]);
    const list = expiredPickups(rows, store, new Map(), EXPIRED);
    expect(list.map((e) => [e.row.order.id, e.clock.place])).toEqual([
      ['EO-C', { at: 'counter' }],
      ['EO-L', { at: 'locker', compartment: { bankId: 'front', number: 3 } }],
    ]);
    expect(expiredForCode(list, 'EO-L/1')?.row.order.id).toBe('EO-L');
    expect(expiredForCode(list, 'EO-P/1')).toBeUndefined();
    // The pass the customer holds says when it ends: a later expiry keeps the order off the list.
    const pass = new Map([['EO-L', { readyEventId: inLocker.derived.history.at(-1)!.event.id, expiresAt: '2026-12-10T00:00:00.000Z' }]]);
    expect(expiredPickups(rows, store, pass, EXPIRED).map((e) => e.row.order.id)).toEqual(['EO-C']);
  });
});

describe('taking an uncollected order back to stock', () => {
  let db: TerminalDb;
  const actor = { operatorId: 'pick-9', storeId: 'S001', deviceId: 'dev-1', roles: ['picker' as const] };
  beforeEach(async () => {
    db = await openTestDb();
    await db.operators.insert(await operator('pick-9', ['picker'], null));
    await db.operators.insert(await operator('count-1', ['counter'], null));
    await db.operators.insert(await operator('driver-1', ['courier'], null));
  });
  afterEach(async () => {
    await closeTestDbs();
  });

  it('records returned_to_stock (uncollected) and unpick moves for what the pick took, once', async () => {
    const facts = readyFacts('EO-L', { bankId: 'front', number: 3 });
    const row = rowFor('EO-L', facts);
    const picks: StockMove[] = [move('TEA', 'pick', -2, 3, 'EO-L'), move('MILK', 'pick', -1, 3, 'EO-L'), move('OATMILK', 'pick', -1, 3, 'EO-L'), move('TEA', 'receive', 10, 0, undefined)];
    await db.stock_moves.bulkInsert(picks);
    const result = await recordUncollectedReturn(db, row, actor, testId, () => new Date(EXPIRED + 60_000));
    expect(result).toMatchObject({ ok: true, event: { type: 'returned_to_stock', restockReason: 'uncollected', orderId: 'EO-L', operatorId: 'pick-9' } });
    if (!result.ok) return;
    expect(result.moves.map((m) => [m.sku, m.kind, m.qty, m.orderId]).sort()).toEqual([['MILK', 'unpick', 1, 'EO-L'], ['OATMILK', 'unpick', 1, 'EO-L'], ['TEA', 'unpick', 2, 'EO-L']]);
    const ledger = (await db.stock_moves.find().exec()).map((d) => d.toJSON() as StockMove);
    expect(Object.fromEntries(onHand(ledger))).toEqual({ TEA: 10, MILK: 0, OATMILK: 0 });
    // The order is returned now: a second try is refused and puts nothing back twice.
    const again = await recordUncollectedReturn(db, rowFor('EO-L', [...facts, result.event]), actor, testId);
    expect(again).toMatchObject({ ok: false, code: 'ILLEGAL_TRANSITION' });
    expect(await db.stock_moves.count().exec()).toBe(picks.length + 3);
  });

  it('is refused to a role without order.restock', async () => {
    const row = rowFor('EO-C', readyFacts('EO-C'));
    for (const who of [{ ...actor, operatorId: 'driver-1', roles: ['courier' as const] }, { ...actor, operatorId: 'count-1', roles: ['counter' as const] }]) {
      expect(await recordUncollectedReturn(db, row, who, testId)).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    }
    expect(await db.order_events.count().exec()).toBe(0);
  });
});
