import { afterEach, describe, expect, it } from 'vitest';
import { firstValueFrom, filter, type Observable } from 'rxjs';
import { v7 as uuidv7 } from 'uuid';
import type { TerminalDb } from '../../db/index.js';
import type { Order } from '../../../sync/model/index.js';
import { closeTestDbs, openTestDb, operator } from '../../testing/db.js';
import { queueRow$, queueRows$ } from './live.js';
import { recordOrderEvent, type Actor } from './record-event.js';
import type { QueueRow } from './queue.js';

/** A picker: may accept, pick and mark ready, but not pack. */
async function open(): Promise<TerminalDb> {
  const db = await openTestDb();
  await db.operators.bulkInsert([await operator('till-1', ['picker'], null), await operator('pack-1', ['packer'], null), await operator('gone-1', ['picker'], null, { active: false })]);
  return db;
}
afterEach(closeTestDbs);

function order(id: string, dueAt: string): Order {
  return {
    id, storeId: 'S001', placedAt: '2026-11-27T09:00:00.000Z', dueAt,
    fulfilment: { type: 'pickup', slot: { kind: '2h', dueAt } },
    customer: { name: 'Wang', phone: '13911112222' }, payment: { method: 'cod', amount: 500, currency: 'CNY', paid: false },
    lines: [{ sku: 'A', name: 'Tea', qty: 1, unitPrice: 500 }],
    receivedAt: '2026-11-27T09:00:01.000Z', updatedAt: '2026-11-27T09:00:01.000Z',
  };
}

const actor: Actor = { operatorId: 'till-1', roles: ['picker'], deviceId: 'dev-1', storeId: 'S001' };
const until = <T>(source: Observable<T>, ok: (value: T) => boolean) => firstValueFrom(source.pipe(filter(ok)));
const statuses = (rows: QueueRow[]) => rows.map((r) => `${r.order.id}:${r.derived.status}`);

describe('the live queue over a real RxDB', () => {
  it('sorts by deadline and follows inserted orders and recorded events', async () => {
    const db = await open();
    await db.orders.bulkInsert([order('B', '2026-11-27T11:00:00.000Z'), order('A', '2026-11-27T10:30:00.000Z')]);
    const rows$ = queueRows$(db);
    expect(statuses(await until(rows$, (r) => r.length === 2))).toEqual(['A:new', 'B:new']);

    const [first] = await until(rows$, (r) => r.length === 2);
    const accepted = await recordOrderEvent(db, first!, 'accepted', actor, uuidv7);
    expect(accepted.ok).toBe(true);
    expect(statuses(await until(rows$, (r) => r[0]?.derived.status === 'accepted'))).toEqual(['A:accepted', 'B:new']);

    await db.orders.insert(order('C', '2026-11-27T10:00:00.000Z'));
    expect(statuses(await until(rows$, (r) => r.length === 3))).toEqual(['C:new', 'A:accepted', 'B:new']);
  });

  it('refuses an illegal event without writing anything, and records the legal chain', async () => {
    const db = await open();
    await db.orders.insert(order('A', '2026-11-27T10:30:00.000Z'));
    const row$ = queueRow$(db, 'A');
    const fresh = await until(row$, (r) => r !== null);
    const refused = await recordOrderEvent(db, fresh!, 'ready', actor, uuidv7);
    expect(refused).toMatchObject({ ok: false, code: 'ILLEGAL_TRANSITION' });
    expect(await db.order_events.count().exec()).toBe(0);

    for (const type of ['accepted', 'picking_started', 'ready'] as const) {
      const row = await until(row$, (r) => r !== null);
      expect(await recordOrderEvent(db, row!, type, actor, uuidv7)).toMatchObject({ ok: true });
      await until(row$, (r) => r?.derived.history.length === ['accepted', 'picking_started', 'ready'].indexOf(type) + 1);
    }
    const done = await until(row$, (r) => r?.derived.status === 'ready');
    expect(done?.derived.history.map((h) => [h.event.type, h.event.operatorId, h.applied])).toEqual([
      ['accepted', 'till-1', true], ['picking_started', 'till-1', true], ['ready', 'till-1', true],
    ]);
  });

  it('refuses what the operator\'s roles do not allow, or an inactive operator, and writes nothing', async () => {
    const db = await open();
    await db.orders.insert(order('A', '2026-11-27T10:30:00.000Z'));
    const row$ = queueRow$(db, 'A');
    const fresh = await until(row$, (r) => r !== null);
    const packer: Actor = { ...actor, operatorId: 'pack-1', roles: ['packer'] };
    expect(await recordOrderEvent(db, fresh!, 'accepted', packer, uuidv7)).toMatchObject({ ok: true });
    const accepted = await until(row$, (r) => r?.derived.status === 'accepted');
    // The roles the database knows win over what the caller claims.
    expect(await recordOrderEvent(db, accepted!, 'picking_started', { ...packer, roles: ['picker'] }, uuidv7)).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(await recordOrderEvent(db, accepted!, 'picking_started', { ...actor, operatorId: 'gone-1' }, uuidv7)).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(await recordOrderEvent(db, accepted!, 'picking_started', { ...actor, operatorId: 'stranger' }, uuidv7)).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(await recordOrderEvent(db, accepted!, 'picking_started', { ...actor, storeId: 'S002' }, uuidv7)).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    const events = await db.order_events.find().exec();
    expect(events.map((e) => [e.type, e.operatorId])).toEqual([['accepted', 'pack-1']]);
  });
});
