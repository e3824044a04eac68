import { compareIds } from './promotions.js';
import type { StatementDeductionLine, StatementGroupLine, StatementTotals } from './types.js';

/**
 * A statement's arithmetic (docs/ARCHITECTURE.md, "Concessions and settlement"). Pure: figures in, figures out.
 *
 * - Per rate group: net = sales − returns; commission = round_half_up(net × bp / 10000). That is the ONE rounding
 *   of a group; totals are sums of already rounded group figures, never rounded again.
 * - Guaranteed minimum (保底): when net sales fall short of it, the commission is charged on the minimum at the base
 *   rate, round_half_up(minimum × base bp / 10000) — one rounding — where that is more than the groups' commission;
 *   the difference is its own line (保底补差).
 * - invoice amount (供应商开票金额) = net − commission; payable = invoice − other deductions (其他扣款, 价外).
 */

export const BP_SCALE = 10_000;

/**
 * round_half_up(amount × bp / 10000) in exact integer arithmetic (BigInt: a large net times 10,000 leaves the safe
 * integers). Half away from zero, so a negative net (a month of more returns than sales) mirrors a positive one.
 */
export function commissionOf(amount: number, bp: number): number {
  if (!Number.isSafeInteger(amount) || !Number.isInteger(bp) || bp < 0 || bp > BP_SCALE) throw new RangeError(`commission of ${amount} at ${bp} bp`);
  const product = BigInt(amount) * BigInt(bp);
  const scale = BigInt(BP_SCALE);
  const abs = product < 0n ? -product : product;
  const q = (abs + scale / 2n) / scale;
  return Number(product < 0n ? -q : q);
}

export interface GroupInput {
  promotionId: string | null;
  promotionName: string | null;
  rateBp: number;
  sales: number;
  returns: number;
}

export interface StatementInput {
  baseRateBp: number;
  minimumSales: number | null;
  groups: readonly GroupInput[];
  deductions: readonly StatementDeductionLine[];
}

export interface StatementFigures {
  groups: StatementGroupLine[];
  totals: StatementTotals;
}

/**
 * The groups in a stable order (regular groups first, then promotions by id), merged where two inputs name the same
 * group, and the regular group always present so every statement shows a regular line, even at zero.
 */
function normalisedGroups(input: StatementInput): GroupInput[] {
  const byKey = new Map<string, GroupInput>();
  byKey.set(`\u0000${input.baseRateBp}`, { promotionId: null, promotionName: null, rateBp: input.baseRateBp, sales: 0, returns: 0 });
  for (const g of input.groups) {
    const key = `${g.promotionId ?? '\u0000'}${g.promotionId === null ? g.rateBp : ''}`;
    const had = byKey.get(key);
    if (had) byKey.set(key, { ...had, sales: had.sales + g.sales, returns: had.returns + g.returns });
    else byKey.set(key, { ...g });
  }
  return [...byKey.values()].sort((a, b) => {
    if ((a.promotionId === null) !== (b.promotionId === null)) return a.promotionId === null ? -1 : 1;
    return a.promotionId !== null && b.promotionId !== null ? compareIds(a.promotionId, b.promotionId) : b.rateBp - a.rateBp;
  });
}

export function computeStatement(input: StatementInput): StatementFigures {
  const groups: StatementGroupLine[] = normalisedGroups(input).map((g) => {
    const net = g.sales - g.returns;
    return {
      kind: g.promotionId === null ? 'regular' : 'promotion',
      promotionId: g.promotionId,
      promotionName: g.promotionName,
      rateBp: g.rateBp,
      sales: g.sales,
      returns: g.returns,
      net,
      commission: commissionOf(net, g.rateBp),
    };
  });
  const sum = (f: (g: StatementGroupLine) => number) => groups.reduce((s, g) => s + f(g), 0);
  const grossSales = sum((g) => g.sales);
  const returns = sum((g) => g.returns);
  const netSales = grossSales - returns;
  const groupCommission = sum((g) => g.commission);
  let minimumShortfall = 0;
  if (input.minimumSales !== null && netSales < input.minimumSales) {
    minimumShortfall = Math.max(0, commissionOf(input.minimumSales, input.baseRateBp) - groupCommission);
  }
  const commission = groupCommission + minimumShortfall;
  const invoiceAmount = netSales - commission;
  const deductions = input.deductions.reduce((s, d) => s + d.amount, 0);
  return {
    groups,
    totals: {
      grossSales, returns, netSales, groupCommission, minimumSales: input.minimumSales, minimumShortfall, commission,
      invoiceAmount, deductions, payable: invoiceAmount - deductions,
    },
  };
}
