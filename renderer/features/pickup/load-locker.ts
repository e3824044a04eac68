import type { LockerBankConfig } from '../../../main/contract.js';
import {
  chooseCompartment,
  occupiedCompartments,
  packedItemCount,
  pickupPlace,
  type CompartmentChoice,
  type LockerBank,
  type PackedPackage,
} from '../../../sync/model/index.js';
import type { QueueRow } from '../orders/queue.js';

/**
 * The staff side of "Loading a locker" (issue 10): a scanned package label names a packed pickup order, which gets
 * the smallest free compartment that fits it. Pure over the queue's rows and the terminal's banks, so it is tested
 * without a screen; LoadLocker.tsx opens the door and records the `ready` fact.
 */

export type LoadPlan =
  | { ok: true; row: QueueRow; items: number; choice: Extract<CompartmentChoice, { ok: true }> }
  | { ok: false; code: 'unknown' | 'notPickup' | 'notPacked' | 'cashDue'; orderId?: string; status?: string }
  | { ok: false; code: Extract<CompartmentChoice, { ok: false }>['code']; orderId: string };

/** The packages of the order's last applied `packed` fact. */
export function packagesOf(row: QueueRow): readonly PackedPackage[] | undefined {
  return row.derived.history.filter((h) => h.applied && h.event.type === 'packed').at(-1)?.event.packages;
}

/** The order a scanned code names: one of its package labels, or its id. */
export function orderForCode(rows: readonly QueueRow[], code: string): QueueRow | undefined {
  const wanted = code.trim();
  return rows.find((r) => r.order.id === wanted) ?? rows.find((r) => packagesOf(r)?.some((p) => p.id === wanted));
}

export function toLockerBanks(banks: readonly LockerBankConfig[]): LockerBank[] {
  return banks.map((b) => ({ id: b.id, compartments: b.compartments.map((c) => ({ number: c.number, size: c.size })) }));
}

/** What loading the scanned order would do, or why it cannot go into the locker. */
export function planLoad(rows: readonly QueueRow[], banks: readonly LockerBankConfig[], code: string): LoadPlan {
  const row = orderForCode(rows, code);
  if (!row) return { ok: false, code: 'unknown' };
  const orderId = row.order.id;
  if (row.order.fulfilment.type !== 'pickup') return { ok: false, code: 'notPickup', orderId };
  // Nobody takes cash at a locker door: a cash-on-delivery order is handed over at the counter.
  if (row.order.payment.method === 'cod' && !row.order.payment.paid) return { ok: false, code: 'cashDue', orderId };
  const { status } = row.derived;
  // A packed order, or one waiting on the counter shelf (a failed door, or loaded later), may go in.
  const onCounter = status === 'ready' && pickupPlace(row.derived)?.at === 'counter';
  if (status !== 'packed' && !onCounter) return { ok: false, code: 'notPacked', orderId, status };
  const items = packedItemCount(row.order, packagesOf(row));
  const choice = chooseCompartment(toLockerBanks(banks), occupiedCompartments(rows), items);
  if (!choice.ok) return { ok: false, code: choice.code, orderId };
  return { ok: true, row, items, choice };
}
