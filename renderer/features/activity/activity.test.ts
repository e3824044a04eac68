import { afterEach, describe, expect, it } from 'vitest';
import { firstValueFrom, filter } from 'rxjs';
import { v7 as uuidv7 } from 'uuid';
import type { OrderEvent, StockMove } from '../../../sync/model/index.js';
import { closeTestDbs, openTestDb } from '../../testing/db.js';
import { activity$, filterActivity, mergeActivity, NO_ACTIVITY_FILTER } from './activity.js';

afterEach(closeTestDbs);

const event = (id: string, at: string, orderId: string, operatorId: string, type: OrderEvent['type'] = 'accepted'): OrderEvent => ({
  id, storeId: 'S001', orderId, type, at, operatorId, deviceId: 'dev-1',
});
const move = (id: string, at: string, operatorId: string, approvedBy?: string, orderId?: string): StockMove => ({
  id, storeId: 'S001', sku: 'SKU-1', kind: 'adjust', qty: -2, at, operatorId, deviceId: 'dev-2', reason: 'broken',
  ...(approvedBy ? { approvedBy } : {}), ...(orderId ? { orderId } : {}),
});

describe('activity', () => {
  const events = [event('e1', '2026-11-27T09:00:00.000Z', 'EO-1', 'pick'), event('e2', '2026-11-27T09:05:00.000Z', 'EO-2', 'pack', 'packed')];
  const moves = [move('m1', '2026-11-27T09:03:00.000Z', 'pick', 'boss'), move('m2', '2026-11-27T09:05:00.000Z', 'boss', undefined, 'EO-1')];

  it('merges order events and stock moves, newest first, ties by id', () => {
    const merged = mergeActivity(events, moves);
    expect(merged.map((e) => [e.id, e.source, e.type])).toEqual([
      ['m2', 'stock_move', 'adjust'], ['e2', 'order_event', 'packed'], ['m1', 'stock_move', 'adjust'], ['e1', 'order_event', 'accepted'],
    ]);
    expect(merged.find((e) => e.id === 'm1')).toMatchObject({ operatorId: 'pick', approvedBy: 'boss', sku: 'SKU-1', qty: -2, detail: 'broken', deviceId: 'dev-2' });
  });

  it('filters by operator (who did it or approved it) and by any part of the order id', () => {
    const merged = mergeActivity(events, moves);
    const ids = (f: Partial<typeof NO_ACTIVITY_FILTER>) => filterActivity(merged, { ...NO_ACTIVITY_FILTER, ...f }).map((e) => e.id);
    expect(ids({})).toEqual(['m2', 'e2', 'm1', 'e1']);
    expect(ids({ operatorId: 'pick' })).toEqual(['m1', 'e1']);
    expect(ids({ operatorId: 'boss' })).toEqual(['m2', 'm1']);
    expect(ids({ orderId: 'eo-1' })).toEqual(['m2', 'e1']);
    expect(ids({ orderId: 'EO-1', operatorId: 'pick' })).toEqual(['e1']);
    expect(ids({ operatorId: 'nobody' })).toEqual([]);
  });

  it('follows the database live', async () => {
    const db = await openTestDb();
    const live = activity$(db);
    expect(await firstValueFrom(live)).toEqual([]);
    const e = { ...events[0]!, id: uuidv7() };
    const m = { ...moves[0]!, id: uuidv7() };
    await db.order_events.insert(e);
    await db.stock_moves.insert(m);
    const both = await firstValueFrom(live.pipe(filter((list) => list.length === 2)));
    expect(both.map((x) => [x.id, x.operatorId, x.approvedBy])).toEqual([[m.id, 'pick', 'boss'], [e.id, 'pick', undefined]]);
  });
});
