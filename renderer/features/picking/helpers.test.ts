import { afterEach, describe, expect, it } from 'vitest';
import { buildBatch, startPicking, withdrawOrder, type PickState } from '../../../sync/model/index.js';
import { makeOrder, makeProduct, NOW } from '../../../sync/model/fulfilment.testkit.js';
import { closeTestDbs, openTestDb } from '../../testing/db.js';
import { DEFAULT_SCAN_OPTIONS } from '../../ui/scanner.js';
import { holdFor, KeyBuffer, keyCommand, type Scheduler } from './key-buffer.js';
import { pickListInput } from './pick-list.js';
import { withdrawals } from './source.js';
import { loadWalk, walkWriter, type SavedWalk } from './walk-store.js';

afterEach(closeTestDbs);

const p0 = makeProduct(0);
const p1 = makeProduct(1);
const products = new Map([p0, p1].map((p) => [p.sku, p]));

function twoOrderWalk(): PickState {
  const orders = [makeOrder('E1', '1h', 30, [{ sku: 'SKU0', qty: 2 }, { sku: 'SKU1', qty: 1 }]), makeOrder('E2', '2h', 90, [{ sku: 'SKU0', qty: 1 }])];
  const { batch } = buildBatch({ orders, statuses: new Map([['E1', 'accepted'], ['E2', 'accepted']]), products, openBatches: new Set(), limits: { maxOrdersPerBatch: 8, maxLinesPerBatch: 40 }, nowMs: NOW });
  return startPicking('B-1', batch!);
}

describe('the pick list input', () => {
  it('lists the stops in walking order with location codes, barcodes, and each order\'s share and tote', () => {
    const header = { operatorId: 'pk-1', operatorName: '李拣货', storeName: 'Store 1', createdAt: '2026-11-27T10:00:00.000Z', timeZone: 'Asia/Shanghai' };
    const input = pickListInput(twoOrderWalk(), header);
    expect(input).toEqual({
      operatorId: 'pk-1', operatorName: '李拣货', batchId: 'B-1', storeName: 'Store 1', createdAt: '2026-11-27T10:00:00.000Z', timeZone: 'Asia/Shanghai',
      stops: [
        { location: 'A1-S1-B1', locationCode: 'LOC:A1-S1-B1', sku: 'SKU0', name: 'Product 0', barcode: p0.barcodes[0], qty: 3, orders: [{ orderId: 'E1', tote: 1, qty: 2 }, { orderId: 'E2', tote: 2, qty: 1 }] },
        { location: 'A2-S1-B1', locationCode: 'LOC:A2-S1-B1', sku: 'SKU1', name: 'Product 1', barcode: p1.barcodes[0], qty: 1, orders: [{ orderId: 'E1', tote: 1, qty: 1 }] },
      ],
      totes: [{ tote: 1, orderId: 'E1' }, { tote: 2, orderId: 'E2' }],
    });
  });

  it('leaves out a withdrawn order and the stops only it needed', () => {
    const input = pickListInput(withdrawOrder(twoOrderWalk(), 'E1'), { operatorId: 'pk-1', operatorName: 'Li', storeName: 'S', createdAt: '2026-11-27T10:00:00.000Z', timeZone: 'UTC' });
    expect(input.stops.map((s) => [s.sku, s.qty])).toEqual([['SKU0', 1]]);
    expect(input.totes).toEqual([{ tote: 2, orderId: 'E2' }]);
  });
});

describe('withdrawals', () => {
  const state = twoOrderWalk();
  const row = (id: string, status: 'picking' | 'cancelled') => ({ order: { id } as never, derived: { status } as never });
  it('names cancelled orders and orders another batch owns, once', () => {
    const claims = { owners: new Map([['E1', 'B-1'], ['E2', 'B-other']]), voided: [], lastAt: new Map() };
    expect(withdrawals(state, { rows: [row('E1', 'picking'), row('E2', 'picking')], claims })).toEqual([{ orderId: 'E2', reason: 'claim_lost' }]);
    expect(withdrawals(state, { rows: [row('E1', 'cancelled'), row('E2', 'picking')], claims: { ...claims, owners: new Map([['E1', 'B-1'], ['E2', 'B-1']]) } })).toEqual([{ orderId: 'E1', reason: 'cancelled' }]);
    expect(withdrawals(withdrawOrder(state, 'E2'), { rows: [row('E1', 'picking'), row('E2', 'picking')], claims })).toEqual([]);
  });
});

describe('the key buffer', () => {
  function manual() {
    let pending: (() => void) | null = null;
    const scheduler: Scheduler = { set: (fn) => ((pending = fn), 1), clear: () => (pending = null) };
    return { scheduler, fire: () => pending?.() };
  }

  it('delivers human keys after the pause, and drops a scan\'s characters', () => {
    const got: string[][] = [];
    const clock = manual();
    const buffer = new KeyBuffer((k) => got.push(k), clock.scheduler, () => DEFAULT_SCAN_OPTIONS);
    buffer.push('s', 0);
    buffer.push('1', 400);
    clock.fire();
    [...'LOC:A1-S2-B3'].forEach((c, i) => buffer.push(c, 1000 + i * 3));
    buffer.drop();
    clock.fire();
    buffer.push('2', 2000);
    buffer.flush();
    expect(got).toEqual([['s', '1'], ['2']]);
  });

  it('holds a digit for the scanner\'s gap, a letter (a command) for its settle time, a burst until its suffix', () => {
    const o = DEFAULT_SCAN_OPTIONS;
    expect(holdFor('3', false, o)).toBe(o.maxGapMs + 25);
    expect(holdFor('S', false, o)).toBe(o.settleMs + 15);
    expect(holdFor('k', false, o)).toBe(o.settleMs + 15);
    expect(holdFor('3', true, o)).toBe(o.suffixGapMs + 20);
    // A scan read late (60 ms a key) must still be held when its Enter comes: its S and P are no commands.
    const waits: number[] = [];
    const buffer = new KeyBuffer(() => undefined, { set: (_fn, ms) => waits.push(ms), clear: () => undefined }, () => o);
    [...'CMD:SHORT:EXPIRED'].forEach((c, i) => buffer.push(c, i * 60));
    expect(Math.min(...waits)).toBeGreaterThanOrEqual(o.settleMs);
  });

  it('maps keys to commands; digits choose a reason only while the prompt is open', () => {
    expect(keyCommand('3', false)).toEqual({ type: 'digit', digit: '3' });
    expect(keyCommand('3', true)).toEqual({ type: 'reason', reason: 'expired' });
    expect(keyCommand('1', true)).toEqual({ type: 'reason', reason: 'out_of_stock' });
    expect(keyCommand('9', true)).toEqual({ type: 'none' });
    expect(keyCommand('S', false)).toEqual({ type: 'short' });
    expect(keyCommand('p', false)).toEqual({ type: 'print' });
    expect(keyCommand('B', false)).toEqual({ type: 'build' });
    expect(keyCommand('K', false)).toEqual({ type: 'keyed' });
  });
});

describe('the saved walk', () => {
  it('comes back as it was saved, per operator, and is gone once cleared', async () => {
    const db = await openTestDb();
    const writer = walkWriter(db);
    let state = twoOrderWalk();
    const walk: SavedWalk = { v: 1, operatorId: 'pk-1', createdAt: '2026-11-27T10:00:00.000Z', state, claimed: true, finishing: null };
    void writer.save(walk);
    state = { ...state, stop: 1 };
    await writer.save({ ...walk, state });
    expect((await loadWalk(db, 'pk-1'))?.state).toEqual(state);
    expect(await loadWalk(db, 'pk-2')).toBeNull();
    await writer.clear('pk-1');
    expect(await loadWalk(db, 'pk-1')).toBeNull();
  });
});
