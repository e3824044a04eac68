import type { Compartment } from './handover-fields.js';
import { pickupPlace, type PickupPlace } from './handover.js';
import type { Order } from './order.js';
import type { DerivedStatus } from './status.js';
import { pickupHoldHoursOf, pickupReminderHoursOf, type StoreSettings } from './store.js';
import { zonedParts } from './zoned-time.js';

/**
 * Expiry and returns (issue 10): when an uncollected pickup order is due a reminder, and when its hold is over and
 * it goes back to stock. One pure clock, read by the centre's reminder sweep (sync/server/pickup-expiry) and by the
 * terminal's return list (renderer/features/pickup/ReturnUncollected.tsx), so both call the same orders due.
 *
 * Both times count from the `ready` fact the order's pass was issued for (the last one applied): that is when the
 * customer was told where to collect it, and an order moved to another compartment gets a new pass, a new expiry
 * and so a new reminder.
 */

/** Reminders reach customers by day: one that falls due at night in the store's zone waits for the morning. */
export const REMINDER_HOURS_OF_DAY = { from: 9, until: 21 } as const;

export interface PickupClock {
  orderId: string;
  /** The `ready` fact the clock counts from; a reminder is sent once per ready fact. */
  readyEventId: string;
  readyAt: string;
  /** null when the hold ends before a reminder would be due (a store holding orders for less than its reminder time). */
  remindAt: string | null;
  /** The pass's expiry: the end of the hold, when staff take the order back to stock. */
  expiresAt: string;
  place: PickupPlace;
}

/** What the clock needs of the order's pass, when the terminal or the centre holds it. */
export interface PassExpiry {
  readyEventId: string;
  expiresAt: string;
}

/** The ready time plus the hold, to the second below: the pass's expiry as the centre writes it (pickup/issue.ts). */
export function pickupExpiresAt(readyAt: string, holdHours: number): string {
  return new Date(Math.floor((Date.parse(readyAt) + holdHours * 3_600_000) / 1000) * 1000).toISOString();
}

const localParts = (ms: number, timeZone: string): { hour: number; minute: number; second: number } => {
  const p = zonedParts(new Date(ms), timeZone);
  return { hour: Number(p.hour), minute: Number(p.minute), second: Number(p.second) };
};

/**
 * The first moment at or after `ms` inside the day's reminder hours in the store's zone (09:00-21:00): a time at
 * night moves to 09:00 the next morning (or this morning, after midnight). Wall-clock hours, so a daylight-saving
 * change in the night still lands on 09:00.
 */
export function withinReminderHours(ms: number, timeZone: string): number {
  const { from, until } = REMINDER_HOURS_OF_DAY;
  const { hour, minute, second } = localParts(ms, timeZone);
  if (hour >= from && hour < until) return ms;
  const hoursAhead = hour >= until ? 24 - hour + from : from - hour;
  const moved = ms + hoursAhead * 3_600_000 - minute * 60_000 - second * 1000 - (ms % 1000);
  // A clock change in between shifts the wall time by its size: correct once so that it reads 09:00.
  const after = localParts(moved, timeZone).hour;
  return moved + (from - after) * 3_600_000;
}

/**
 * The clock of a pickup order waiting for its customer, or null when it is not waiting (not a pickup order, or not
 * ready). `pass`, where known, gives the expiry the customer was told; it counts only for the same ready fact.
 */
export function pickupClock(
  order: Pick<Order, 'id' | 'fulfilment'>,
  derived: Pick<DerivedStatus, 'status' | 'history'>,
  store: { settings: StoreSettings; timezone: string },
  pass?: PassExpiry,
): PickupClock | null {
  if (order.fulfilment.type !== 'pickup') return null;
  const place = pickupPlace(derived);
  if (!place) return null;
  const ready = derived.history.filter((h) => h.applied && h.event.type === 'ready').at(-1)?.event;
  if (!ready) return null;
  const expiresAt = pass && pass.readyEventId === ready.id ? pass.expiresAt : pickupExpiresAt(ready.at, pickupHoldHoursOf(store.settings));
  const due = withinReminderHours(Date.parse(ready.at) + pickupReminderHoursOf(store.settings) * 3_600_000, store.timezone);
  const remindAt = due < Date.parse(expiresAt) ? new Date(due).toISOString() : null;
  return { orderId: order.id, readyEventId: ready.id, readyAt: ready.at, remindAt, expiresAt, place };
}

/** Whether the customer should be reminded now: past the reminder time and the pass still valid. */
export function reminderDue(clock: PickupClock, now: number): boolean {
  return clock.remindAt !== null && now >= Date.parse(clock.remindAt) && now < Date.parse(clock.expiresAt);
}

/** Whether the hold is over: the pass has expired and the order goes back to stock. */
export function holdExpired(clock: PickupClock, now: number): boolean {
  return now >= Date.parse(clock.expiresAt);
}

/** The compartment an expired order is taken out of, or null for the counter shelf. */
export function compartmentOf(clock: PickupClock): Compartment | null {
  return clock.place.at === 'locker' ? clock.place.compartment : null;
}
