import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { buildPayment, parseYuan, type PaymentDraft } from './handover-payment.js';
import { checkPayment } from './payment.js';

const order: PaymentDraft['order'] = {
  id: 'EO-1', storeId: 'S001', payment: { method: 'cod', amount: 12850, currency: 'CNY', paid: false },
  lines: [{ sku: 'TEA', name: 'Tea', qty: 2, unitPrice: 3990 }, { sku: 'MILK', name: 'Milk', qty: 1, unitPrice: 4870 }],
};
const ids = { id: '0190a000-0000-7000-8000-000000000001', eventId: '0190a000-0000-7000-8000-000000000002' };
const who = { operatorId: 'c1', deviceId: 'D1', at: '2026-11-27T09:00:00.000Z' };

describe('parseYuan', () => {
  it('reads yuan as staff type them, exactly, into fen', () => {
    expect(parseYuan('200')).toBe(20000);
    expect(parseYuan('128.5')).toBe(12850);
    expect(parseYuan('¥128.50')).toBe(12850);
    expect(parseYuan('0.07')).toBe(7);
    for (const bad of ['', '-1', '1.234', 'abc', '1e3', '12 34']) expect(parseYuan(bad), bad).toBeNull();
  });
  it('round-trips every amount in fen written as yuan', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 99_999_999_999 }), (fen) => {
      expect(parseYuan(`${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, '0')}`)).toBe(fen);
    }));
  });
});

describe('buildPayment', () => {
  it('takes cash for what is due, with the change', () => {
    const r = buildPayment({ order, picked: undefined, tender: { method: 'cash', tendered: 20000 } }, ids, who);
    expect(r).toMatchObject({ ok: true, payment: { method: 'cash', amount: 12850, due: 12850, difference: 0, tendered: 20000, change: 7150, eventId: ids.eventId } });
  });
  it('refuses too little cash, a card without its slip, and a different amount without a manager', () => {
    expect(buildPayment({ order, picked: undefined, tender: { method: 'cash', tendered: 10000 } }, ids, who)).toMatchObject({ ok: false, code: 'TENDERED_SHORT' });
    expect(buildPayment({ order, picked: undefined, tender: { method: 'card', batch: '', reference: 'R1' } }, ids, who)).toMatchObject({ ok: false, code: 'FIELD_MISSING' });
    expect(buildPayment({ order, picked: undefined, tender: { method: 'card', batch: 'B 1', reference: 'R1' } }, ids, who)).toMatchObject({ ok: false, code: 'FIELD_MISSING' });
    expect(buildPayment({ order, picked: undefined, tender: { method: 'cash', tendered: 20000 }, amount: 12800 }, ids, who)).toMatchObject({ ok: false, code: 'APPROVAL_MISSING' });
    expect(buildPayment({ order, picked: undefined, tender: { method: 'cash', tendered: 20000 }, amount: 12800, approvedBy: 'boss' }, ids, who)).toMatchObject({ ok: false, code: 'REASON_MISSING' });
    const approved = buildPayment({ order, picked: undefined, tender: { method: 'cash', tendered: 20000 }, amount: 12800, approvedBy: 'boss', reason: 'no coins' }, ids, who);
    expect(approved).toMatchObject({ ok: true, payment: { difference: -50, change: 7200, approvedBy: 'boss' } });
  });
  it('refuses an order with nothing to collect', () => {
    const paid = { ...order, payment: { ...order.payment, paid: true } };
    expect(buildPayment({ order: paid, picked: undefined, tender: { method: 'cash', tendered: 100 } }, ids, who)).toMatchObject({ ok: false, code: 'NOTHING_DUE' });
  });
  it('only ever builds payments that checkPayment accepts', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 50_000 }), fc.option(fc.integer({ min: 1, max: 50_000 })), (tendered, amount) => {
      const r = buildPayment({ order, picked: undefined, tender: { method: 'cash', tendered }, ...(amount === null ? {} : { amount, approvedBy: 'boss', reason: 'r' }) }, ids, who);
      if (r.ok) expect(checkPayment(r.payment)).toEqual({ ok: true });
    }));
  });
});
