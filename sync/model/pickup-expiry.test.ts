import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { deriveStatus } from './status.js';
import type { OrderEvent, OrderFactType } from './order-event.js';
import type { FulfilmentType } from './order.js';
import { holdExpired, pickupClock, pickupExpiresAt, reminderDue, withinReminderHours, compartmentOf } from './pickup-expiry.js';
import { DEFAULT_STORE_SETTINGS, type StoreSettings } from './store.js';

const order = (type: FulfilmentType) => ({
  id: 'EO-1',
  fulfilment: { type, slot: { kind: 'scheduled' as const, dueAt: '2026-11-27T10:00:00.000Z' } },
  receivedAt: '2026-11-27T01:00:00.000Z',
});

let seq = 0;
function event(type: OrderFactType, at: string, extra: Partial<OrderEvent> = {}): OrderEvent {
  seq += 1;
  return { id: `0190a000-0000-7000-8000-${seq.toString(16).padStart(12, '0')}`, storeId: 'S001', orderId: 'EO-1', type, at, operatorId: 'op-1', deviceId: 'D1', ...extra };
}
// 10:00 in Shanghai (UTC+8) on 27 November.
const READY_AT = '2026-11-27T02:00:00.000Z';
const packed = () => [event('accepted', '2026-11-27T01:10:00.000Z'), event('picking_started', '2026-11-27T01:20:00.000Z'), event('picked', '2026-11-27T01:30:00.000Z'), event('packed', '2026-11-27T01:40:00.000Z')];
const shanghai = (settings: Partial<StoreSettings> = {}) => ({ timezone: 'Asia/Shanghai', settings: { ...DEFAULT_STORE_SETTINGS, ...settings } });
const H = 3_600_000;

function clockOf(events: OrderEvent[], store = shanghai(), type: FulfilmentType = 'pickup') {
  return pickupClock(order(type), deriveStatus(order(type), events), store);
}

describe('the pickup clock', () => {
  it('reminds 48 h after ready and expires 7 days after, by default, counting from the ready fact', () => {
    const ready = event('ready', READY_AT, { compartment: { bankId: 'A', number: 3 } });
    const clock = clockOf([...packed(), ready])!;
    expect(clock).toMatchObject({ readyEventId: ready.id, readyAt: READY_AT, remindAt: '2026-11-29T02:00:00.000Z', expiresAt: '2026-12-04T02:00:00.000Z' });
    expect(compartmentOf(clock)).toEqual({ bankId: 'A', number: 3 });
    const at = (iso: string) => Date.parse(iso);
    expect(reminderDue(clock, at('2026-11-29T01:59:59.999Z'))).toBe(false);
    expect(reminderDue(clock, at('2026-11-29T02:00:00.000Z'))).toBe(true);
    expect(holdExpired(clock, at('2026-12-04T01:59:59.000Z'))).toBe(false);
    expect(holdExpired(clock, at('2026-12-04T02:00:00.000Z'))).toBe(true);
    // Once expired, it is no longer a reminder: the order goes back to stock.
    expect(reminderDue(clock, at('2026-12-04T02:00:00.000Z'))).toBe(false);
  });

  it("follows the store's settings, and gives no reminder when the hold ends first", () => {
    const events = [...packed(), event('ready', READY_AT)];
    const clock = clockOf(events, shanghai({ pickupReminderHours: 24, pickupHoldHours: 72 }))!;
    expect(clock).toMatchObject({ remindAt: '2026-11-28T02:00:00.000Z', expiresAt: '2026-11-30T02:00:00.000Z', place: { at: 'counter' } });
    expect(compartmentOf(clock)).toBeNull();
    expect(clockOf(events, shanghai({ pickupReminderHours: 48, pickupHoldHours: 48 }))!.remindAt).toBeNull();
  });

  it("moves a reminder due at night to 09:00 in the store's zone", () => {
    // Ready at 23:30 Shanghai time: 48 h later is 23:30 again, so 09:00 the morning after.
    const clock = clockOf([...packed(), event('ready', '2026-11-27T15:30:00.000Z')])!;
    expect(clock.remindAt).toBe('2026-11-30T01:00:00.000Z');
    // The same instant is 16:30 in London: within the day, unchanged.
    const london = clockOf([...packed(), event('ready', '2026-11-27T15:30:00.000Z')], { ...shanghai(), timezone: 'Europe/London' })!;
    expect(london.remindAt).toBe('2026-11-29T15:30:00.000Z');
  });

  it('lands on 09:00 across a daylight-saving change in the night', () => {
    // New York springs forward at 02:00 on 8 March 2026: 01:00 local that night is 06:00Z, 09:00 is 13:00Z.
    expect(new Date(withinReminderHours(Date.parse('2026-03-08T06:00:00.000Z'), 'America/New_York')).toISOString()).toBe('2026-03-08T13:00:00.000Z');
  });

  it('uses the expiry on the pass the customer holds, for the same ready fact only', () => {
    const ready = event('ready', READY_AT);
    const d = deriveStatus(order('pickup'), [...packed(), ready]);
    expect(pickupClock(order('pickup'), d, shanghai(), { readyEventId: ready.id, expiresAt: '2026-12-01T00:00:00.000Z' })!.expiresAt).toBe('2026-12-01T00:00:00.000Z');
    expect(pickupClock(order('pickup'), d, shanghai(), { readyEventId: 'an-older-ready', expiresAt: '2026-12-01T00:00:00.000Z' })!.expiresAt).toBe('2026-12-04T02:00:00.000Z');
  });

  it('restarts with a ready again (moved to another compartment), and not with a door that failed', () => {
    const first = event('ready', READY_AT, { compartment: { bankId: 'A', number: 3 } });
    const failed = event('locker_failed', '2026-11-28T02:00:00.000Z');
    const afterFail = clockOf([...packed(), first, failed])!;
    expect(afterFail).toMatchObject({ readyEventId: first.id, place: { at: 'counter' }, expiresAt: '2026-12-04T02:00:00.000Z' });
    const again = event('ready', '2026-11-28T03:00:00.000Z', { compartment: { bankId: 'A', number: 5 } });
    expect(clockOf([...packed(), first, failed, again])).toMatchObject({ readyEventId: again.id, expiresAt: '2026-12-05T03:00:00.000Z', place: { at: 'locker' } });
  });

  it('has no clock for an order not waiting: delivery, collected, returned, not ready', () => {
    const ready = event('ready', READY_AT);
    expect(clockOf([...packed(), ready], shanghai(), 'delivery')).toBeNull();
    expect(clockOf(packed())).toBeNull();
    expect(clockOf([...packed(), ready, event('picked_up', '2026-11-28T00:00:00.000Z', { via: 'counter', proof: 'code' })])).toBeNull();
    expect(clockOf([...packed(), ready, event('returned_to_stock', '2026-12-05T00:00:00.000Z', { restockReason: 'uncollected' })])).toBeNull();
  });

  it('expires exactly at the pass expiry the centre writes, and a reminder always falls within the day', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.parse('2026-01-01T00:00:00Z'), max: Date.parse('2027-12-31T00:00:00Z') }), fc.integer({ min: 1, max: 24 * 60 }), fc.integer({ min: 1, max: 24 * 60 }), fc.constantFrom('Asia/Shanghai', 'Europe/London', 'America/New_York', 'UTC'), (readyMs, hold, remind, tz) => {
        const readyAt = new Date(readyMs).toISOString();
        const store = { timezone: tz, settings: { ...DEFAULT_STORE_SETTINGS, pickupHoldHours: hold, pickupReminderHours: remind } };
        const clock = clockOf([...packed().map((e) => ({ ...e, at: new Date(readyMs - 60_000).toISOString() })), event('ready', readyAt)], store)!;
        expect(clock.expiresAt).toBe(pickupExpiresAt(readyAt, hold));
        if (clock.remindAt !== null) {
          expect(Date.parse(clock.remindAt)).toBeGreaterThanOrEqual(readyMs + remind * H);
          expect(Date.parse(clock.remindAt)).toBeLessThan(Date.parse(clock.expiresAt));
        }
        const t = withinReminderHours(readyMs, 'Asia/Shanghai');
        const hour = Number(new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Shanghai', hour: '2-digit', hourCycle: 'h23' }).format(new Date(t)));
        expect(hour >= 9 && hour < 21).toBe(true);
        expect(t - readyMs).toBeLessThanOrEqual(12 * H);
        expect(t).toBeGreaterThanOrEqual(readyMs);
      }),
    );
  });
});
