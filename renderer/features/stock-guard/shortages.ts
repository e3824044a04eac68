import { firstValueFrom } from 'rxjs';
import type { TerminalDb } from '../../db/index.js';
import { reservedByOrders, shortagesAfter, type OrderLine, type Product, type Shortage } from '../../../sync/model/index.js';
import { queueRows$ } from '../orders/live.js';
import { onHandFrom$ } from '../inventory/stock-live.js';

/** An order about to be accepted or picked: its id and what it takes. */
export interface GuardedOrder {
  id: string;
  lines: readonly Pick<OrderLine, 'sku' | 'qty' | 'name'>[];
}

export type ShortLine = Shortage & { name: string; orderIds: string[] };

/**
 * What accepting or picking these orders would leave below zero available, by what this terminal holds now: on hand
 * from the ledger (the centre's snapshot and the moves after it), less every other open order's reservation, less
 * these orders' lines. The same figures Inventory shows.
 */
export async function findShortages(db: TerminalDb, orders: readonly GuardedOrder[]): Promise<ShortLine[]> {
  const ids = new Set(orders.map((o) => o.id));
  const lines = orders.flatMap((o) => o.lines);
  const skus = [...new Set(lines.map((l) => l.sku))];
  const [rows, onHand] = await Promise.all([firstValueFrom(queueRows$(db)), firstValueFrom(onHandFrom$(db, skus))]);
  const others = reservedByOrders(rows.filter((r) => !ids.has(r.order.id)).map((r) => ({ status: r.derived.status, lines: r.order.lines })));
  const short = shortagesAfter(lines, onHand, others);
  if (short.length === 0) return [];
  const products = await db.products.findByIds(short.map((s) => s.sku)).exec();
  return short.map((s) => ({
    ...s,
    name: (products.get(s.sku)?.toJSON() as Product | undefined)?.name ?? lines.find((l) => l.sku === s.sku)?.name ?? s.sku,
    orderIds: orders.filter((o) => o.lines.some((l) => l.sku === s.sku)).map((o) => o.id),
  }));
}

/**
 * The note an order's fact carries when it went ahead short of stock: what was short, and the manager who approved
 * it where the operator needed one. The activity trail shows it beside the fact.
 */
export function overrideNote(short: readonly Shortage[], approvedBy: string | null): string {
  const what = short.map((s) => `${s.sku} available ${s.availableAfter}`).join('; ');
  const note = `went ahead short of stock${approvedBy ? `, approved by ${approvedBy}` : ''}: ${what}`;
  return note.length <= 500 ? note : `${note.slice(0, 497)}...`;
}

/** The notes of a batch: each order that takes a short product gets one, naming the products it is short of. */
export function overrideNotes(short: readonly ShortLine[], approvedBy: string | null): Record<string, string> {
  const notes: Record<string, string> = {};
  const orderIds = new Set(short.flatMap((s) => s.orderIds));
  for (const id of orderIds) notes[id] = overrideNote(short.filter((s) => s.orderIds.includes(id)), approvedBy);
  return notes;
}
