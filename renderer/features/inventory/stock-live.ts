import { combineLatest, distinctUntilChanged, map, type Observable } from 'rxjs';
import type { TerminalDb } from '../../db/index.js';
import {
  availability,
  onHandFrom,
  reservedByOrders,
  type Availability,
  type StockLevel,
  type StockMove,
} from '../../../sync/model/index.js';
import { queueRows$ } from '../orders/live.js';
import { DEFAULT_LOW_STOCK_THRESHOLD } from './low-stock.js';

/** `null`: every SKU of the store (the low-stock list); otherwise just these (the search's visible rows). */
export type SkuScope = readonly string[] | null;

const scoped = (skus: SkuScope) => (skus === null ? {} : { selector: { sku: { $in: [...skus] } } });

/**
 * On hand per SKU, live: the centre's `stock_levels` snapshot plus the `stock_moves` after it (design §3 rule 3),
 * recomputed whenever either changes locally or through sync.
 */
export function onHandFrom$(db: TerminalDb, skus: SkuScope): Observable<Map<string, number>> {
  // Moves never change once written, so each is copied out of RxDB once.
  const moveData = new Map<string, StockMove>();
  return combineLatest([db.stock_levels.find(scoped(skus)).$, db.stock_moves.find(scoped(skus)).$]).pipe(
    map(([levelDocs, moveDocs]) => {
      const moves = moveDocs.map((doc) => {
        let move = moveData.get(doc.primary);
        if (!move) {
          move = doc.toJSON() as StockMove;
          moveData.set(doc.primary, move);
        }
        return move;
      });
      return onHandFrom(levelDocs.map((d) => d.toJSON() as StockLevel), moves);
    }),
  );
}

/** Units held by orders that are still to be picked (new, accepted, picking), per SKU, by their derived status. */
export function reserved$(db: TerminalDb): Observable<Map<string, number>> {
  return queueRows$(db).pipe(map((rows) => reservedByOrders(rows.map((r) => ({ status: r.derived.status, lines: r.order.lines })))));
}

/** On hand, reserved and available per SKU, live. With a list of SKUs, every one of them has an entry. */
export function availabilityFor$(db: TerminalDb, skus: SkuScope): Observable<Map<string, Availability>> {
  return combineLatest([onHandFrom$(db, skus), reserved$(db)]).pipe(map(([have, held]) => availabilityOf(have, held, skus)));
}

/** Availability per SKU of the scope (null: every SKU with stock or a reservation). */
export function availabilityOf(have: ReadonlyMap<string, number>, held: ReadonlyMap<string, number>, skus: SkuScope): Map<string, Availability> {
  const keys = skus ?? [...new Set([...have.keys(), ...held.keys()])];
  return new Map(keys.map((sku) => [sku, availability(have, held, sku)]));
}

/** Local document (never replicated): the low-stock threshold is a choice of this terminal, not of the store. */
const THRESHOLD_DOC = 'inventory-low-stock-threshold';

interface ThresholdDoc {
  value: number;
}

function readThreshold(value: unknown): number {
  return typeof value === 'number' && Number.isInteger(value) ? value : DEFAULT_LOW_STOCK_THRESHOLD;
}

export function lowStockThreshold$(db: TerminalDb): Observable<number> {
  return db.getLocal$<ThresholdDoc>(THRESHOLD_DOC).pipe(
    map((doc) => readThreshold(doc?.get('value'))),
    distinctUntilChanged(),
  );
}

export async function saveLowStockThreshold(db: TerminalDb, value: number): Promise<void> {
  if (!Number.isInteger(value)) throw Object.assign(new Error(`the threshold must be a whole number, not ${value}`), { code: 'BAD_QUANTITY' });
  await db.upsertLocal<ThresholdDoc>(THRESHOLD_DOC, { value });
}
