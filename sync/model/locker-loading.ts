import type { Compartment } from './handover-fields.js';
import { pickupPlace } from './handover.js';
import type { DerivedStatus } from './status.js';
import type { Order } from './order.js';
import type { PackedPackage } from './order-event.js';

/**
 * Which compartment a packed pickup order goes into (issue 10, "Loading a locker"). Pure: the staff's loading screen
 * and its tests share it; the compartments come from the terminal's bank settings, the occupation from the facts.
 */

/** Compartment sizes, smallest first. The same letters as the bank settings (main/devices/locker/types.ts). */
export const LOCKER_SIZES = ['S', 'M', 'L'] as const;
export type LockerSize = (typeof LOCKER_SIZES)[number];

/**
 * The most items an order may have to go into a compartment of each size. The platform's rule is "five small items
 * or fewer" for a small door; the larger ones are the store's to set. An order above L's limit goes to the counter.
 */
export type LockerFitRule = Readonly<Record<LockerSize, number>>;
export const DEFAULT_LOCKER_FIT: LockerFitRule = { S: 5, M: 12, L: 30 };

export interface BankCompartment {
  number: number;
  size: LockerSize;
}

export interface LockerBank {
  id: string;
  compartments: readonly BankCompartment[];
}

export const compartmentKey = (c: Compartment): string => `${c.bankId}#${c.number}`;

/** Items in an order as it was packed (every package's units), or as ordered when no packing detail exists. */
export function packedItemCount(order: { readonly lines: readonly Pick<Order['lines'][number], 'qty'>[] }, packages: readonly PackedPackage[] | undefined): number {
  if (packages && packages.length > 0) return packedUnits(packages);
  return order.lines.reduce((n, l) => n + l.qty, 0);
}

/** Units in these packages. */
export function packedUnits(packages: readonly PackedPackage[]): number {
  return packages.reduce((n, p) => n + p.items.reduce((m, i) => m + i.qty, 0), 0);
}

/** The smallest size whose rule takes this many items, or null: too much for any door. */
export function smallestFit(items: number, rule: LockerFitRule = DEFAULT_LOCKER_FIT): LockerSize | null {
  return LOCKER_SIZES.find((size) => items <= rule[size]) ?? null;
}

/** Compartments holding an order now: every ready order whose last place is a compartment. */
export function occupiedCompartments(rows: Iterable<{ order: Pick<Order, 'id'>; derived: Pick<DerivedStatus, 'status' | 'history'> }>): Map<string, string> {
  const taken = new Map<string, string>();
  for (const row of rows) {
    const place = pickupPlace(row.derived);
    if (place?.at === 'locker') taken.set(compartmentKey(place.compartment), row.order.id);
  }
  return taken;
}

export type CompartmentChoice =
  | { ok: true; compartment: Compartment; size: LockerSize }
  | { ok: false; code: 'TOO_BIG' | 'NO_FREE_COMPARTMENT' | 'NO_LOCKER_BANK'; message: string };

/**
 * A free compartment for `items` items: the smallest size that fits first (a small bag never takes a large door
 * while a small one is free), then the lowest number, across the banks in the order given.
 */
export function chooseCompartment(
  banks: readonly LockerBank[],
  occupied: ReadonlyMap<string, string>,
  items: number,
  rule: LockerFitRule = DEFAULT_LOCKER_FIT,
): CompartmentChoice {
  if (banks.length === 0) return { ok: false, code: 'NO_LOCKER_BANK', message: 'no locker bank is set up on this terminal' };
  const fit = smallestFit(items, rule);
  if (!fit) return { ok: false, code: 'TOO_BIG', message: `${items} items are more than a large compartment takes (${rule.L})` };
  for (const size of LOCKER_SIZES.slice(LOCKER_SIZES.indexOf(fit))) {
    for (const bank of banks) {
      const free = bank.compartments
        .filter((c) => c.size === size && !occupied.has(compartmentKey({ bankId: bank.id, number: c.number })))
        .sort((a, b) => a.number - b.number)[0];
      if (free) return { ok: true, compartment: { bankId: bank.id, number: free.number }, size };
    }
  }
  return { ok: false, code: 'NO_FREE_COMPARTMENT', message: `no free compartment of size ${fit} or larger` };
}
