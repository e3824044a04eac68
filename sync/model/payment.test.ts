import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { amountDue, changeFor, checkPayment, paymentAction, type Payment } from './payment.js';
import type { Order } from './order.js';
import type { PickedLine } from './order-event.js';

const order = (method: 'cod' | 'online', paid = method === 'online'): Pick<Order, 'payment' | 'lines'> => ({
  payment: { method, amount: 12850, currency: 'CNY', paid },
  lines: [
    { sku: 'TEA', name: 'Tea', qty: 2, unitPrice: 3990 },
    { sku: 'MILK', name: 'Milk', qty: 1, unitPrice: 4870 },
  ],
});
const line = (lineIndex: number, ordered: number, picked: number, substitute: PickedLine['substitute'] = null): PickedLine => ({
  lineIndex, sku: lineIndex === 0 ? 'TEA' : 'MILK', ordered, picked, substitute, shortReason: ordered > picked + (substitute?.qty ?? 0) ? 'out_of_stock' : null,
});

describe('amountDue', () => {
  it('is nothing for an order paid online, the platform amount for cash on delivery', () => {
    expect(amountDue(order('online'), undefined)).toBe(0);
    expect(amountDue(order('cod', true), undefined)).toBe(0);
    expect(amountDue(order('cod'), undefined)).toBe(12850);
    expect(amountDue(order('cod'), [line(0, 2, 2), line(1, 1, 1)])).toBe(12850);
  });
  it('takes off each missing unit at its line price, and charges a substitute at the line price', () => {
    expect(amountDue(order('cod'), [line(0, 2, 1), line(1, 1, 1)])).toBe(12850 - 3990);
    expect(amountDue(order('cod'), [line(0, 2, 1, { sku: 'TEA2', qty: 1 }), line(1, 1, 0)])).toBe(12850 - 4870);
  });
  it('is never negative and never more than the platform asked', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 }), fc.integer({ min: 0, max: 1 }), fc.integer({ min: 0, max: 100_000 }), (tea, milk, amount) => {
        const o = { ...order('cod'), payment: { ...order('cod').payment, amount } };
        const due = amountDue(o, [line(0, 2, tea), line(1, 1, milk)]);
        expect(due).toBeGreaterThanOrEqual(0);
        expect(due).toBeLessThanOrEqual(amount);
        expect(Number.isInteger(due)).toBe(true);
      }),
    );
  });
});

const base = { method: 'cash' as const, amount: 12850, due: 12850, difference: 0, tendered: 20000, change: 7150 };

describe('checkPayment', () => {
  it('takes cash with tendered and change = tendered − amount', () => {
    expect(checkPayment(base)).toEqual({ ok: true });
    expect(checkPayment({ ...base, change: 7000 })).toMatchObject({ ok: false, code: 'CHANGE_WRONG' });
    expect(checkPayment({ ...base, tendered: 10000, change: 0 })).toMatchObject({ ok: false, code: 'TENDERED_SHORT' });
    const { tendered: _t, ...noTendered } = base;
    expect(checkPayment(noTendered)).toMatchObject({ ok: false, code: 'FIELD_MISSING' });
    expect(checkPayment({ ...base, reference: 'X1' })).toMatchObject({ ok: false, code: 'FIELD_FORBIDDEN' });
  });
  it("takes a card with the terminal's batch and reference, and nothing of cash", () => {
    const card = { method: 'card' as const, amount: 12850, due: 12850, difference: 0, batch: '000123', reference: '884512' };
    expect(checkPayment(card)).toEqual({ ok: true });
    expect(checkPayment({ ...card, batch: undefined })).toMatchObject({ ok: false, code: 'FIELD_MISSING' });
    expect(checkPayment({ ...card, tendered: 13000 })).toMatchObject({ ok: false, code: 'FIELD_FORBIDDEN' });
  });
  it('records a difference as amount − due, with a reason, judged as payment.difference', () => {
    const short = { ...base, amount: 12800, change: 7200, difference: -50 };
    expect(checkPayment(short)).toMatchObject({ ok: false, code: 'REASON_MISSING' });
    expect(checkPayment({ ...short, reason: 'no small change', approvedBy: 'boss' })).toEqual({ ok: true });
    expect(checkPayment({ ...short, difference: 50, reason: 'x' })).toMatchObject({ ok: false, code: 'DIFFERENCE_WRONG' });
    expect(paymentAction(short)).toBe('payment.difference');
    expect(paymentAction(base)).toBe('payment.collect');
    expect(checkPayment({ ...base, approvedBy: 'boss' })).toMatchObject({ ok: false, code: 'FIELD_FORBIDDEN' });
  });
  it('accepts exactly the cash payments whose change the model computes', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000 }), fc.integer({ min: 0, max: 10_000_000 }), (amount, tendered) => {
        const change = changeFor(tendered, amount);
        const p: Omit<Payment, 'id' | 'storeId' | 'orderId' | 'eventId' | 'operatorId' | 'deviceId' | 'at' | 'currency'> = { method: 'cash', amount, due: amount, difference: 0, tendered, change: change ?? 0 };
        expect(checkPayment(p).ok).toBe(change !== null);
        if (change !== null) expect(change + amount).toBe(tendered);
      }),
    );
  });
});
