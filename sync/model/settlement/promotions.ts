/**
 * Which rate a sale is settled at (docs/ARCHITECTURE.md, "Concessions and settlement"): a sale is under a promotion
 * when its business day (the day its order was handed over, in the store's time zone) lies in the promotion's days
 * and the promotion names the counter or the counter's area code. If several apply, the lowest rate wins (the
 * supplier's best terms); on a tie, the smallest id (bytewise), so the choice never depends on load order. Otherwise
 * the contract's base rate.
 */

export interface PromotionTerms {
  /** The activity serial number. */
  id: string;
  name: string;
  fromDay: string;
  toDay: string;
  rateBp: number;
  counterIds: readonly string[];
  areaCodes: readonly string[];
}

export interface CounterRef {
  id: string;
  areaCode: string;
}

/** Bytewise order of strings (ids are ASCII; COLLATE "C" in the database), never the locale's. */
export const compareIds = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

export function promotionCovers(p: PromotionTerms, counter: CounterRef, day: string): boolean {
  return day >= p.fromDay && day <= p.toDay && (p.counterIds.includes(counter.id) || p.areaCodes.includes(counter.areaCode));
}

/** The promotion a sale of `counter` on `day` is under, or null for the base rate. */
export function promotionFor(day: string, counter: CounterRef, promotions: readonly PromotionTerms[]): PromotionTerms | null {
  let best: PromotionTerms | null = null;
  for (const p of promotions) {
    if (!promotionCovers(p, counter, day)) continue;
    if (!best || p.rateBp < best.rateBp || (p.rateBp === best.rateBp && compareIds(p.id, best.id) < 0)) best = p;
  }
  return best;
}

/** The contract terms that hold on a day: the latest period_from on or before it, the latest row of that start. */
export interface ContractTerms {
  seq: number;
  periodFrom: string;
  baseRateBp: number;
  minimumSales: number | null;
  feeItems: readonly { code: string; name: string; amount: number }[];
}

export function contractOn(day: string, contracts: readonly ContractTerms[]): ContractTerms | null {
  let best: ContractTerms | null = null;
  for (const c of contracts) {
    if (c.periodFrom > day) continue;
    if (!best || c.periodFrom > best.periodFrom || (c.periodFrom === best.periodFrom && c.seq > best.seq)) best = c;
  }
  return best;
}
