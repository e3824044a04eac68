import { afterEach, describe, expect, it } from 'vitest';
import { firstValueFrom, filter, type Observable } from 'rxjs';
import { v7 as uuidv7 } from 'uuid';
import type { TerminalDb } from '../../db/index.js';
import type { Order, OrderEvent, OrderEventType } from '../../../sync/model/index.js';
import { closeTestDbs, openTestDb, operator } from '../../testing/db.js';
import { firstPageStart, firstQueuePage, loadedQueueRow, queueRow$, queueRows$, queueView$, type QueueView } from './live.js';
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

const NOW = Date.parse('2026-11-27T12:00:00.000Z');
const HOUR = 3_600_000;
/** An order due `hours` from NOW (negative: overdue). */
const dueIn = (id: string, hours: number) => order(id, new Date(NOW + hours * HOUR).toISOString());
const fact = (orderId: string, type: OrderEventType, minutesAgo = 30): OrderEvent => ({
  id: uuidv7(), storeId: 'S001', orderId, type, at: new Date(NOW - minutesAgo * 60_000).toISOString(), operatorId: 'till-1', deviceId: 'dev-1',
});
const ids = (rows: QueueRow[]) => rows.map((r) => r.order.id);

describe('the queue\'s first page', () => {
  it('reads the orders due from the window on, by deadline, up to a page, each derived from its own events', async () => {
    const db = await open();
    await db.orders.bulkInsert([dueIn('OLD', -7), dueIn('LATE', -2), dueIn('D', 3), dueIn('C', 1), dueIn('B', 0.5), dueIn('A', 0.5), dueIn('FAR', 20)]);
    await db.order_events.bulkInsert([fact('LATE', 'accepted'), fact('LATE', 'picking_started', 20), fact('OLD', 'accepted')]);
    const page = await firstQueuePage(db, { nowMs: NOW, windowMs: 6 * HOUR, pageSize: 5 });
    // OLD is overdue by more than the window; FAR is beyond the page. Ties on dueAt go by id.
    expect(statuses(page)).toEqual(['LATE:picking', 'A:new', 'B:new', 'C:new', 'D:new']);
  });

  it('reads further pages past finished orders until it has a page of open ones, within its rounds', async () => {
    const db = await open();
    const done = Array.from({ length: 6 }, (_, i) => dueIn(`DONE-${i}`, -1 + i * 0.01));
    await db.orders.bulkInsert([...done, dueIn('OPEN-1', 1), dueIn('OPEN-2', 2), dueIn('OPEN-3', 3), dueIn('OPEN-4', 4)]);
    await db.order_events.bulkInsert(done.map((o) => fact(o.id, 'rejected')));
    await db.orders.upsert({ ...dueIn('DONE-0', -1), cancel: { requestedAt: new Date(NOW - HOUR).toISOString() } });

    const page = await firstQueuePage(db, { nowMs: NOW, windowMs: 6 * HOUR, pageSize: 3, maxRounds: 4 });
    // Rounds of 3: six finished orders, then OPEN-1..3 make a page of three open ones; OPEN-4 is not read.
    expect(ids(page)).toEqual([...done.map((o) => o.id), 'OPEN-1', 'OPEN-2', 'OPEN-3']);
    expect(page.filter((r) => r.derived.status === 'rejected' || r.derived.status === 'cancelled')).toHaveLength(6);

    const bounded = await firstQueuePage(db, { nowMs: NOW, windowMs: 6 * HOUR, pageSize: 3, maxRounds: 2 });
    expect(ids(bounded)).toEqual(done.map((o) => o.id));
  });

  it('starts where the last full queue found its oldest open order, so finished orders do not take its rounds', async () => {
    // The renderer's localStorage; Node has none without a flag.
    const store = new Map<string, string>();
    const storage = { getItem: (k: string) => store.get(k) ?? null, setItem: (k: string, v: string) => void store.set(k, v), removeItem: (k: string) => void store.delete(k) };
    Object.defineProperty(globalThis, 'localStorage', { value: storage, configurable: true });
    try {
      const db = await open();
      const done = Array.from({ length: 6 }, (_, i) => dueIn(`DONE-${i}`, -1 + i * 0.01));
      await db.orders.bulkInsert([...done, dueIn('OPEN-1', 1), dueIn('OPEN-2', 2), dueIn('OPEN-3', 3), dueIn('OPEN-4', 4)]);
      await db.order_events.bulkInsert(done.map((o) => fact(o.id, 'rejected')));
      const firstRound = { nowMs: NOW + 0.5 * HOUR, windowMs: 6 * HOUR, pageSize: 3, maxRounds: 1 };
      expect(ids(await firstQueuePage(db, firstRound))).toEqual(['DONE-0', 'DONE-1', 'DONE-2']);

      // The full live queue sees every order, and keeps where the open ones start (OPEN-1, due in an hour).
      await until(queueRows$(db), (rows) => rows.length === 10);
      expect([...store.values()]).toEqual([dueIn('OPEN-1', 1).dueAt]);
      // One round now reads open orders only. Not past now, though: an order due before OPEN-1 that came since
      // would otherwise miss the page.
      expect(ids(await firstQueuePage(db, firstRound))).toEqual(['OPEN-1', 'OPEN-2', 'OPEN-3']);
      expect(ids(await firstQueuePage(db, { ...firstRound, nowMs: NOW }))).toEqual(['OPEN-1', 'OPEN-2', 'OPEN-3']);
    } finally {
      Reflect.deleteProperty(globalThis, 'localStorage');
    }
  });

  it('keeps the remembered start within the window and never after now', () => {
    const at = (h: number) => new Date(NOW + h * HOUR).toISOString();
    expect(firstPageStart(undefined, NOW, 6 * HOUR)).toBe(at(-6));
    expect(firstPageStart(at(-2), NOW, 6 * HOUR)).toBe(at(-2));
    expect(firstPageStart(at(-30), NOW, 6 * HOUR)).toBe(at(-6));
    expect(firstPageStart(at(3), NOW, 6 * HOUR)).toBe(at(0));
    expect(firstPageStart('not a time', NOW, 6 * HOUR)).toBe(at(-6));
  });

  it('is empty when nothing is due in the window', async () => {
    const db = await open();
    await db.orders.insert(dueIn('OLD', -30));
    expect(await firstQueuePage(db, { nowMs: NOW })).toEqual([]);
  });
});

describe('the queue view', () => {
  it('shows the first page, then every order by deadline (overdue beyond the window too), then follows changes', async () => {
    const db = await open();
    await db.orders.bulkInsert([dueIn('OLD', -9), dueIn('B', 2), dueIn('A', 1), dueIn('C', 3)]);
    await db.order_events.insert(fact('OLD', 'accepted'));
    const view$ = queueView$(db, { nowMs: NOW, windowMs: 6 * HOUR, pageSize: 2 });
    const seen: QueueView[] = [];
    const sub = view$.subscribe((v) => seen.push(v));
    await until(view$, (v) => v.complete);
    const [page, full] = seen;
    expect(page).toMatchObject({ complete: false });
    expect(statuses(page!.rows)).toEqual(['A:new', 'B:new']);
    expect(full).toMatchObject({ complete: true });
    expect(statuses(full!.rows)).toEqual(['OLD:accepted', 'A:new', 'B:new', 'C:new']);

    await db.order_events.insert(fact('A', 'rejected', 1));
    const changed = await until(view$, (v) => v.rows[1]?.derived.status === 'rejected');
    expect(statuses(changed.rows)).toEqual(['OLD:accepted', 'A:rejected', 'B:new', 'C:new']);
    // While the full rows are loaded, another view starts from them: no partial page again.
    expect(await firstValueFrom(view$)).toMatchObject({ complete: true });
    sub.unsubscribe();
    expect(seen.slice(1).every((v) => v.complete)).toBe(true);
  });

  it('never hands a partial list to queueRows$ readers (stock reservations, packing)', async () => {
    const db = await open();
    await db.orders.bulkInsert([dueIn('OLD', -9), dueIn('A', 1), dueIn('B', 2)]);
    const view = queueView$(db, { nowMs: NOW, pageSize: 1 }).subscribe();
    const first = await firstValueFrom(queueRows$(db));
    view.unsubscribe();
    expect(ids(first)).toEqual(['OLD', 'A', 'B']);
  });

  it('serves an opened order from the loaded queue, live, and falls back to its own query otherwise', async () => {
    const db = await open();
    await db.orders.bulkInsert([dueIn('A', 1), dueIn('B', 2)]);
    expect(loadedQueueRow(db, 'A')).toBeUndefined();
    const view$ = queueView$(db, { nowMs: NOW });
    const sub = view$.subscribe();
    const full = await until(view$, (v) => v.complete);
    const fromQueue = loadedQueueRow(db, 'A');
    expect(fromQueue).toBe(full.rows[0]);
    expect(await firstValueFrom(queueRow$(db, 'A'))).toBe(fromQueue);
    expect(await firstValueFrom(queueRow$(db, 'NOPE'))).toBeNull();

    await db.order_events.insert(fact('A', 'accepted', 1));
    expect((await until(queueRow$(db, 'A'), (r) => r?.derived.status === 'accepted'))?.order.id).toBe('A');
    sub.unsubscribe();

    // The queue is gone: the detail queries the database itself, and sees orders the queue never loaded.
    expect(loadedQueueRow(db, 'A')).toBeUndefined();
    await db.orders.insert(dueIn('C', 3));
    expect((await until(queueRow$(db, 'C'), (r) => r !== null))?.derived.status).toBe('new');
  });
});
