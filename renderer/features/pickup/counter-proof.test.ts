import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { hashPassCode } from '../../../sync/model/pickup-code.js';
import { deriveStatus, type OrderEvent } from '../../../sync/model/index.js';
import type { TerminalDb } from '../../db/index.js';
import { closeTestDbs, openTestDb } from '../../testing/db.js';
import { event, packOrder } from '../packing/packing.testkit.js';
import { passVerifier } from './counter-proof.js';

const ORDER = 'EO-20261127-0077';
const CODE = '77123456';
const NOW = Date.parse('2026-11-27T12:00:00.000Z');
let db: TerminalDb;

beforeEach(async () => {
  db = await openTestDb();
  await db.orders.insert(packOrder(ORDER, { fulfilment: { type: 'pickup', slot: { kind: '2h', dueAt: '2026-11-27T13:00:00.000Z' } }, payment: { method: 'cod', amount: 3000, currency: 'CNY', paid: false } }));
  await db.order_events.bulkInsert([event('accepted', 1, {}, ORDER), event('picking_started', 2, {}, ORDER), event('ready', 3, {}, ORDER)]);
  await db.pickup_passes.insert({
    orderId: ORDER, storeId: 'S001', passId: 'pass-0077-aaaaaaaaaa', lookup: '77', expiresAt: '2026-12-04T12:00:00.000Z', keyId: 'k1',
    code: await hashPassCode(CODE, new Uint8Array(16).fill(3)), issuedAt: '2026-11-27T11:00:00.000Z', readyEventId: 'e-ready', updatedAt: '2026-11-27T11:00:00.000Z',
  });
});
afterEach(() => closeTestDbs());

async function row(orderId = ORDER) {
  const order = (await db.orders.findOne(orderId).exec())!.toJSON();
  const events: OrderEvent[] = (await db.order_events.find({ selector: { orderId } }).exec()).map((d) => d.toJSON());
  return { order, derived: deriveStatus(order, events) };
}

describe('the counter checks a pickup code with the kiosk\'s rules', () => {
  it('takes the right code for a cash-on-delivery order (the counter takes the money), and refuses a wrong one', async () => {
    const verifier = passVerifier(db, 'S001', () => NOW);
    expect(await verifier.check(await row(), { kind: 'code', text: CODE })).toEqual({ ok: true, proof: 'code' });
    expect(await verifier.check(await row(), { kind: 'code', text: '77000000' })).toMatchObject({ ok: false, code: 'PROOF_REFUSED', message: expect.stringContaining('WRONG_CODE') });
  });

  it('refuses a code that belongs to another order than the one scanned', async () => {
    const other = packOrder('EO-20261127-0078', { fulfilment: { type: 'pickup', slot: { kind: '2h', dueAt: '2026-11-27T13:00:00.000Z' } } });
    await db.orders.insert(other);
    const verifier = passVerifier(db, 'S001', () => NOW);
    const otherRow = { order: other, derived: deriveStatus(other, []) };
    expect(await verifier.check(otherRow, { kind: 'code', text: CODE })).toMatchObject({ ok: false, message: expect.stringContaining(ORDER) });
  });
});
