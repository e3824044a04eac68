import { describe, expect, it } from 'vitest';
import { deriveStatus, type OrderEvent } from '../../../sync/model/index.js';
import { sampleBank } from '../../../main/devices/locker/demo-bank.js';
import { event, packOrder } from '../packing/packing.testkit.js';
import type { QueueRow } from '../orders/queue.js';
import { planLoad } from './load-locker.js';

const bank = sampleBank('127.0.0.1', 4001);
const pickup = { fulfilment: { type: 'pickup' as const, slot: { kind: '2h' as const, dueAt: '2026-11-27T13:00:00.000Z' } } };

function row(id: string, facts: OrderEvent[], patch = {}): QueueRow {
  const order = packOrder(id, { ...pickup, ...patch });
  return { order, derived: deriveStatus(order, facts.map((f) => ({ ...f, orderId: id }))) };
}
const packed = (id: string, items = 3) => [
  event('accepted', 1, {}, id), event('picking_started', 2, {}, id), event('picked', 3, {}, id),
  event('packed', 4, { packages: [{ id: `${id}/1`, n: 1, of: 1, items: [{ sku: 'TEA', qty: items }] }] }, id),
];

describe('planning a locker load from a scanned label', () => {
  it('finds the order by its package label and gives it the smallest free door that fits', () => {
    const rows = [row('EO-A', packed('EO-A', 3)), row('EO-B', [...packed('EO-B'), event('ready', 5, { compartment: { bankId: 'front', number: 1 } }, 'EO-B')])];
    expect(planLoad(rows, [bank], 'EO-A/1')).toMatchObject({ ok: true, items: 3, choice: { compartment: { bankId: 'front', number: 2 }, size: 'S' } });
    expect(planLoad(rows, [bank], 'EO-A')).toMatchObject({ ok: true, choice: { compartment: { number: 2 } } });
    expect(planLoad([row('EO-C', packed('EO-C', 7))], [bank], 'EO-C/1')).toMatchObject({ ok: true, choice: { compartment: { number: 9 }, size: 'M' } });
  });

  it('says why an order does not go in: unknown, a delivery, not packed, cash due, too big, already in a door', () => {
    expect(planLoad([], [bank], 'nope')).toEqual({ ok: false, code: 'unknown' });
    expect(planLoad([row('EO-D', packed('EO-D'), { fulfilment: { type: 'delivery', slot: pickup.fulfilment.slot, address: { line1: 'x', city: 'y' } } })], [bank], 'EO-D')).toMatchObject({ ok: false, code: 'notPickup' });
    expect(planLoad([row('EO-E', packed('EO-E').slice(0, 2))], [bank], 'EO-E')).toMatchObject({ ok: false, code: 'notPacked', status: 'picking' });
    expect(planLoad([row('EO-F', packed('EO-F'), { payment: { method: 'cod', amount: 3000, currency: 'CNY', paid: false } })], [bank], 'EO-F')).toMatchObject({ ok: false, code: 'cashDue' });
    expect(planLoad([row('EO-G', packed('EO-G', 31))], [bank], 'EO-G')).toMatchObject({ ok: false, code: 'TOO_BIG' });
    const inDoor = row('EO-H', [...packed('EO-H'), event('ready', 5, { compartment: { bankId: 'front', number: 1 } }, 'EO-H')]);
    expect(planLoad([inDoor], [bank], 'EO-H')).toMatchObject({ ok: false, code: 'notPacked', status: 'ready' });
    const atCounter = row('EO-I', [...packed('EO-I'), event('ready', 5, {}, 'EO-I')]);
    expect(planLoad([atCounter], [bank], 'EO-I')).toMatchObject({ ok: true });
  });
});
