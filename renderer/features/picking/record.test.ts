import { afterEach, describe, expect, it } from 'vitest';
import { filter, firstValueFrom } from 'rxjs';
import { v7 as uuidv7 } from 'uuid';
import type { TerminalDb } from '../../db/index.js';
import {
  checkPickedLines,
  claimsFromEvents,
  confirm,
  currentStop,
  deriveStatus,
  locationCode,
  resolveClaims,
  scan,
  setQuantity,
  shortPick,
  startPicking,
  toteCode,
  withdrawOrder,
  type Order,
  type OrderEvent,
  type PickState,
  type ProductIndex,
  type ShortReason,
  type StockMove,
} from '../../../sync/model/index.js';
import { closeTestDbs, openTestDb, operator, product } from '../../testing/db.js';
import type { Actor } from '../approval/authorize.js';
import { pickSource$ } from './live.js';
import { newBatchId, planFinish, startBatch, writeFinish } from './record.js';
import { nextBatch, withdrawals, type PickSource } from './source.js';

afterEach(closeTestDbs);

const NOW = Date.parse('2026-11-27T10:00:00.000Z');
const clock = (offsetMs = 0) => () => new Date(NOW + offsetMs);
const actor: Actor = { operatorId: 'pk-1', roles: ['picker'], deviceId: 'dev-1', storeId: 'S001' };

function order(id: string, lines: { sku: string; qty: number; substitutable?: boolean }[], dueMin = 60): Order {
  const dueAt = new Date(NOW + dueMin * 60_000).toISOString();
  return {
    id, storeId: 'S001', placedAt: '2026-11-27T09:00:00.000Z', dueAt,
    fulfilment: { type: 'delivery', slot: { kind: '2h', dueAt } },
    customer: { name: 'Li', phone: '13911112222' }, payment: { method: 'online', amount: 500, currency: 'CNY', paid: true },
    lines: lines.map((l) => ({ name: `Item ${l.sku}`, unitPrice: 100, ...l })),
    receivedAt: '2026-11-27T09:00:01.000Z', updatedAt: '2026-11-27T09:00:01.000Z',
  };
}

const accepted = (orderId: string): OrderEvent => ({
  id: uuidv7(), storeId: 'S001', orderId, type: 'accepted', at: '2026-11-27T09:30:00.000Z', operatorId: 'pk-1', deviceId: 'dev-0',
});

const ORDERS = [
  order('O1', [{ sku: 'P1', qty: 2 }, { sku: 'P2', qty: 1 }], 30),
  order('O2', [{ sku: 'P1', qty: 1, substitutable: true }, { sku: 'P3', qty: 2 }], 45),
  order('O3', [{ sku: 'P3', qty: 1 }], 90),
];

/** A terminal's database with the catalogue, the picker and the accepted orders (the same facts on every terminal). */
async function terminal(acceptedEvents: OrderEvent[], name?: string): Promise<TerminalDb> {
  const db = await openTestDb(name);
  await db.operators.insert(await operator('pk-1', ['picker'], null));
  await db.products.bulkInsert([product('P1', 'Tea', ['6900000000011'], 'A1'), product('P2', 'Rice', ['6900000000028'], 'A2'), product('P3', 'Soap', ['6900000000035'], 'A3'), product('P9', 'Green tea', ['6900000000097'], 'A1')]);
  await db.orders.bulkInsert(ORDERS);
  await db.order_events.bulkInsert(acceptedEvents);
  return db;
}

const sourceOf = (db: TerminalDb, ok: (s: PickSource) => boolean = () => true) => firstValueFrom(pickSource$(db, 'S001').pipe(filter(ok)));

async function eventsOf(db: TerminalDb): Promise<OrderEvent[]> {
  return (await db.order_events.find().exec()).map((d) => d.toJSON() as OrderEvent);
}

async function movesOf(db: TerminalDb): Promise<StockMove[]> {
  return (await db.stock_moves.find().exec()).map((d) => d.toJSON() as StockMove);
}

/** Walks every stop: all units unless `shorts` says how many were found and why; then sorts everything into totes. */
function walkAndPut(start: PickState, index: ProductIndex, shorts: Record<string, { found: number; reason: ShortReason }> = {}): PickState {
  let state = start;
  for (let guard = 0; state.phase === 'walk' && guard < 50; guard++) {
    const stop = currentStop(state);
    if (!stop) break;
    if (stop.location) state = scan(state, locationCode(stop.location), index);
    const found = shorts[stop.sku]?.found ?? stop.qty;
    if (found > 0) state = scan(state, stop.barcodes[0] ?? stop.sku, index);
    if (found > 1) state = setQuantity(state, found);
    const at = state.stop;
    state = confirm(state);
    const short = shorts[stop.sku];
    if (short && found < stop.qty) {
      expect(state.feedback.code).toBe('REASON_NEEDED');
      state = shortPick(state, short.reason);
      if (state.stop === at && state.current.mode === 'substitute') state = confirm(state);
    }
  }
  for (let guard = 0; state.phase === 'put' && guard < 100; guard++) {
    const task = state.putTasks.find((t) => t.put < t.qty);
    if (!task) break;
    state = scan(state, task.sku, index);
    expect(state.feedback).toMatchObject({ ok: true, code: 'PUT_TO_TOTE', params: { tote: task.tote } });
    state = scan(state, toteCode(task.tote), index);
  }
  return state;
}

async function accept(): Promise<OrderEvent[]> {
  return ORDERS.map((o) => accepted(o.id));
}

describe('starting a batch', () => {
  it('claims each order for the batch and starts picking it, in one write; a second batch cannot take them', async () => {
    const db = await terminal(await accept());
    const source = await sourceOf(db, (s) => s.rows.length === 3);
    const { batch } = nextBatch(source, NOW);
    expect(batch?.orderIds).toEqual(['O1', 'O2', 'O3']);
    const batchId = newBatchId(uuidv7);
    expect(batchId).toMatch(/^B-[0-9a-f-]{36}$/);
    const started = await startBatch(db, actor, batchId, batch!.orderIds, uuidv7, clock());
    expect(started.ok).toBe(true);

    const events = await eventsOf(db);
    for (const id of ['O1', 'O2', 'O3']) {
      const mine = events.filter((e) => e.orderId === id && e.type !== 'accepted');
      expect(mine.map((e) => [e.type, e.batchId])).toEqual(expect.arrayContaining([['batch_claimed', batchId], ['picking_started', batchId]]));
      expect(deriveStatus(ORDERS.find((o) => o.id === id)!, events).status).toBe('picking');
    }
    expect(resolveClaims(claimsFromEvents(events)).owners.get('O2')).toBe(batchId);

    const after = await sourceOf(db, (s) => s.claims.owners.size === 3);
    expect(nextBatch(after, NOW).batch).toBeNull();
    expect(await startBatch(db, actor, newBatchId(uuidv7), ['O2'], uuidv7, clock())).toMatchObject({ ok: false, code: 'BATCH_STALE', orderIds: ['O2'] });
    // Starting the same batch again (a restart after a crash) writes nothing new.
    expect(await startBatch(db, actor, batchId, batch!.orderIds, uuidv7, clock())).toMatchObject({ ok: true, events: [] });
    expect(await db.order_events.count().exec()).toBe(events.length);
  });

  it('refuses an operator whose roles do not allow picking, writing nothing', async () => {
    const db = await terminal(await accept());
    await db.operators.insert(await operator('pack-1', ['packer'], null));
    const result = await startBatch(db, { ...actor, operatorId: 'pack-1', roles: ['packer'] }, newBatchId(uuidv7), ['O1'], uuidv7, clock());
    expect(result).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(await db.order_events.count().exec()).toBe(3);
  });
});

describe('finishing a batch', () => {
  it('records picked events whose lines pass the rules, with reasons on short lines, and pick moves that add up', async () => {
    const db = await terminal(await accept());
    const source = await sourceOf(db, (s) => s.rows.length === 3);
    const { batch } = nextBatch(source, NOW);
    const batchId = newBatchId(uuidv7);
    expect((await startBatch(db, actor, batchId, batch!.orderIds, uuidv7, clock())).ok).toBe(true);
    // P3: 3 wanted (O2 × 2, O3 × 1), 1 found. The most urgent order (O2) gets it.
    const done = walkAndPut(startPicking(batchId, batch!), source.index, { P3: { found: 1, reason: 'damaged' } });
    expect(done.phase).toBe('done');

    const planned = await planFinish(db, actor, done, uuidv7, clock(60_000));
    if (!planned.ok) throw new Error(planned.message);
    expect(await writeFinish(db, planned.plan)).toEqual({ ok: true });
    // Writing the same plan again (a retry after a crash) changes nothing.
    expect(await writeFinish(db, planned.plan)).toEqual({ ok: true });

    const events = await eventsOf(db);
    const picked = events.filter((e) => e.type === 'picked');
    expect(picked.map((e) => e.orderId).sort()).toEqual(['O1', 'O2', 'O3']);
    for (const e of picked) {
      const o = ORDERS.find((x) => x.id === e.orderId)!;
      expect(e.batchId).toBe(batchId);
      expect(checkPickedLines(o, e.lines ?? [])).toEqual({ ok: true });
      expect(deriveStatus(o, events).status).toBe('picked');
    }
    const o3 = picked.find((e) => e.orderId === 'O3');
    expect(o3?.lines).toEqual([{ lineIndex: 0, sku: 'P3', ordered: 1, picked: 0, substitute: null, shortReason: 'damaged' }]);
    expect(planned.plan.summary.orders.find((o) => o.orderId === 'O3')).toMatchObject({ short: true, shortLines: [{ sku: 'P3', missing: 1, reason: 'damaged' }] });
    expect(planned.plan.summary.orders.find((o) => o.orderId === 'O1')).toMatchObject({ short: false });

    const moves = await movesOf(db);
    expect(moves.every((m) => m.kind === 'pick' && m.qty < 0 && m.orderId !== undefined)).toBe(true);
    const units = picked.flatMap((e) => e.lines ?? []).reduce((n, l) => n + l.picked + (l.substitute?.qty ?? 0), 0);
    expect(-moves.reduce((n, m) => n + m.qty, 0)).toBe(units);
    expect(units).toBe(2 + 1 + 1 + 1);
    const bySku = (sku: string) => -moves.filter((m) => m.sku === sku).reduce((n, m) => n + m.qty, 0);
    expect([bySku('P1'), bySku('P2'), bySku('P3')]).toEqual([3, 1, 1]);
  });

  it('gives a cancelled order no picked event and no move, and puts its items back', async () => {
    const db = await terminal(await accept());
    const source = await sourceOf(db, (s) => s.rows.length === 3);
    const { batch } = nextBatch(source, NOW);
    const batchId = newBatchId(uuidv7);
    await startBatch(db, actor, batchId, batch!.orderIds, uuidv7, clock());
    let state = startPicking(batchId, batch!);
    // P1 first (aisle A1): its 3 units are taken, then the platform cancels O2.
    state = scan(state, '6900000000011', source.index);
    state = setQuantity(state, 3);
    state = confirm(state);
    const doc = await db.orders.findOne('O2').exec();
    await doc!.incrementalPatch({ cancel: { requestedAt: new Date(NOW + 30_000).toISOString(), reason: 'customer' } });
    const live = await sourceOf(db, (s) => s.rows.find((r) => r.order.id === 'O2')?.derived.status === 'cancelled');
    const leaving = withdrawals(state, live);
    expect(leaving).toEqual([{ orderId: 'O2', reason: 'cancelled' }]);
    for (const w of leaving) state = withdrawOrder(state, w.orderId);
    expect(state.putBack).toEqual([{ sku: 'P1', qty: 1 }]);
    state = walkAndPut(state, source.index);

    const planned = await planFinish(db, actor, state, uuidv7, clock(60_000));
    if (!planned.ok) throw new Error(planned.message);
    await writeFinish(db, planned.plan);
    const picked = (await eventsOf(db)).filter((e) => e.type === 'picked');
    expect(picked.map((e) => e.orderId).sort()).toEqual(['O1', 'O3']);
    const moves = await movesOf(db);
    expect(moves.some((m) => m.orderId === 'O2')).toBe(false);
    expect(planned.plan.summary.withdrawn).toEqual(['O2']);
  });

  it('skips an order cancelled after the walk, even when the walk never heard of it', async () => {
    const db = await terminal(await accept());
    const source = await sourceOf(db, (s) => s.rows.length === 3);
    const { batch } = nextBatch(source, NOW);
    const batchId = newBatchId(uuidv7);
    await startBatch(db, actor, batchId, batch!.orderIds, uuidv7, clock());
    const done = walkAndPut(startPicking(batchId, batch!), source.index);
    await (await db.orders.findOne('O3').exec())!.incrementalPatch({ cancel: { requestedAt: new Date(NOW + 30_000).toISOString() } });
    const planned = await planFinish(db, actor, done, uuidv7, clock(60_000));
    if (!planned.ok) throw new Error(planned.message);
    expect(planned.plan.skipped).toEqual([{ orderId: 'O3', reason: 'cancelled' }]);
    expect(planned.plan.moves.some((m) => m.orderId === 'O3')).toBe(false);
  });

  it('refuses to finish a walk that is not done', async () => {
    const db = await terminal(await accept());
    const source = await sourceOf(db, (s) => s.rows.length === 3);
    const { batch } = nextBatch(source, NOW);
    expect(await planFinish(db, actor, startPicking('B-x', batch!), uuidv7)).toMatchObject({ ok: false, code: 'NOT_FINISHED' });
  });
});

describe('two terminals claiming overlapping orders offline', () => {
  // Free RxDB opens 13 collections at most per process, so the two terminals take turns; their data stays on disk.
  const names = () => [`pickA${uuidv7()}`, `pickB${uuidv7()}`] as const;
  const reopen = (name: string) => openTestDb(name);
  const receive = async (db: TerminalDb, events: readonly OrderEvent[]) => {
    const have = new Set((await eventsOf(db)).map((e) => e.id));
    await db.order_events.bulkInsert(events.filter((e) => !have.has(e.id)));
  };
  const linesFor = (batch: NonNullable<ReturnType<typeof nextBatch>['batch']>, orderIds: readonly string[]) => ({
    orderIds: [...orderIds],
    lines: batch.lines
      .map((l) => {
        const allocations = l.allocations.filter((x) => orderIds.includes(x.orderId));
        return { ...l, allocations, qty: allocations.reduce((n, x) => n + x.qty, 0) };
      })
      .filter((l) => l.qty > 0),
  });

  it('end with each order in exactly one batch once their events meet', async () => {
    const shared = await accept();
    const [nameA, nameB] = names();
    const idA = newBatchId(uuidv7);
    const idB = newBatchId(uuidv7);

    // Terminal A claims O1 and O2 while offline.
    let a = await terminal(shared, nameA);
    const batchA = linesFor(nextBatch(await sourceOf(a, (s) => s.rows.length === 3), NOW).batch!, ['O1', 'O2']);
    expect((await startBatch(a, actor, idA, batchA.orderIds, uuidv7, clock(0))).ok).toBe(true);
    const eventsA = await eventsOf(a);
    await a.close();

    // Terminal B, also offline, claims O2 and O3 a little later; then A's events reach it.
    const b = await terminal(shared, nameB);
    const batchB = linesFor(nextBatch(await sourceOf(b, (s) => s.rows.length === 3), NOW).batch!, ['O2', 'O3']);
    expect((await startBatch(b, { ...actor, deviceId: 'dev-2' }, idB, batchB.orderIds, uuidv7, clock(5_000))).ok).toBe(true);
    await receive(b, eventsA);
    const liveB = await sourceOf(b, (s) => s.claims.owners.size === 3);
    expect(liveB.claims.owners.get('O2')).toBe(idA);
    let stateB = startPicking(idB, batchB);
    expect(withdrawals(stateB, liveB)).toEqual([{ orderId: 'O2', reason: 'claim_lost' }]);
    stateB = withdrawOrder(stateB, 'O2');
    stateB = walkAndPut(stateB, liveB.index);
    const plannedB = await planFinish(b, { ...actor, deviceId: 'dev-2' }, stateB, uuidv7, clock(60_000));
    if (!plannedB.ok) throw new Error(plannedB.message);
    expect((await writeFinish(b, plannedB.plan)).ok).toBe(true);
    const eventsB = await eventsOf(b);
    const movesB = await movesOf(b);
    const ownersB = [...liveB.claims.owners].sort();
    await b.close();

    // A comes back online and receives B's events: its walk keeps both orders.
    a = await reopen(nameA);
    await receive(a, eventsB);
    const liveA = await sourceOf(a, (s) => s.claims.owners.size === 3);
    expect([...liveA.claims.owners].sort()).toEqual(ownersB);
    let stateA = startPicking(idA, batchA);
    expect(withdrawals(stateA, liveA)).toEqual([]);
    stateA = walkAndPut(stateA, liveA.index);
    const plannedA = await planFinish(a, actor, stateA, uuidv7, clock(60_000));
    if (!plannedA.ok) throw new Error(plannedA.message);
    expect((await writeFinish(a, plannedA.plan)).ok).toBe(true);

    await receive(a, eventsB);
    const all = await eventsOf(a);
    const picked = all.filter((e) => e.type === 'picked');
    expect(picked.map((e) => `${e.orderId}:${e.batchId === idA ? 'A' : 'B'}`).sort()).toEqual(['O1:A', 'O2:A', 'O3:B']);
    for (const o of ORDERS) expect(deriveStatus(o, all).status).toBe('picked');
    const moves = [...(await movesOf(a)), ...movesB];
    expect(new Set(moves.filter((m) => m.orderId === 'O2').map((m) => m.deviceId))).toEqual(new Set(['dev-1']));
    expect(new Set(moves.filter((m) => m.orderId === 'O3').map((m) => m.deviceId))).toEqual(new Set(['dev-2']));
  });

  it('a terminal that did not notice its lost claim still records no pick for it', async () => {
    const shared = await accept();
    const [nameA, nameB] = names();
    const a = await terminal(shared, nameA);
    await startBatch(a, actor, 'B-a', ['O2'], uuidv7, clock(0));
    const eventsA = await eventsOf(a);
    await a.close();
    const b = await terminal(shared, nameB);
    await startBatch(b, actor, 'B-b', ['O2'], uuidv7, clock(5_000));
    const src = await sourceOf(b, (s) => s.rows.length === 3);
    const walked = walkAndPut(startPicking('B-b', linesFor(nextBatch({ ...src, claims: resolveClaims([]) }, NOW).batch!, ['O2'])), src.index);
    await receive(b, eventsA);
    const planned = await planFinish(b, actor, walked, uuidv7, clock(60_000));
    if (!planned.ok) throw new Error(planned.message);
    expect(planned.plan.events).toEqual([]);
    expect(planned.plan.moves).toEqual([]);
    expect(planned.plan.skipped).toEqual([{ orderId: 'O2', reason: 'claim_lost' }]);
  });
});
