import type { ConsoleUser } from '../../../protocol/console.js';
import type { Contract, ContractsResponse, CreateContractRequest, FeeItem } from '../../../protocol/settlement-master.js';
import { audit } from '../../console-auth/audit.js';
import type { Db, Queryable } from '../../db/index.js';
import { assertPeriodStart, counterRef, DAY, exactSum, ISO, num } from './common.js';

interface ContractRow {
  seq: string | number;
  counter_id: string;
  period_from: string;
  base_rate_bp: number;
  minimum_sales: string | number | null;
  fee_items: FeeItem[];
  set_by: string;
  reason: string;
  set_at: string;
}

const view = (r: ContractRow): Contract => ({
  seq: num(r.seq),
  counterId: r.counter_id,
  periodFrom: r.period_from,
  baseRateBp: Number(r.base_rate_bp),
  minimumSales: r.minimum_sales === null ? null : num(r.minimum_sales),
  feeItems: r.fee_items,
  setBy: r.set_by,
  reason: r.reason,
  setAt: r.set_at,
});

export async function contractsOf(q: Queryable, counterId: string): Promise<ContractsResponse> {
  await counterRef(q, counterId);
  const rows = await q.query<ContractRow>(
    `SELECT seq, counter_id, ${DAY('period_from')} AS period_from, base_rate_bp, minimum_sales, fee_items, set_by, reason, ${ISO('set_at')} AS set_at
     FROM counter_contracts WHERE counter_id = $1 ORDER BY period_from, seq`,
    [counterId],
  );
  return { counterId, contracts: rows.map(view) };
}

/**
 * Appends a contract row: contracts are never changed, so what a statement was drafted under stays readable. A
 * row for a period that already has one replaces it from then on (the later seq holds); its reason says why.
 */
export async function addContract(db: Db, who: ConsoleUser, counterId: string, input: CreateContractRequest): Promise<Contract> {
  return db.tx(async (q) => {
    await counterRef(q, counterId);
    await assertPeriodStart(q, input.periodFrom, '/body/periodFrom');
    const feeItems = input.feeItems ?? [];
    exactSum(feeItems.map((i) => i.amount), '/body/feeItems');
    const [row] = await q.query<ContractRow>(
      `INSERT INTO counter_contracts (counter_id, period_from, base_rate_bp, minimum_sales, fee_items, set_by, reason)
       VALUES ($1, $2::date, $3, $4, $5::jsonb, $6, $7)
       RETURNING seq, counter_id, ${DAY('period_from')} AS period_from, base_rate_bp, minimum_sales, fee_items, set_by, reason, ${ISO('set_at')} AS set_at`,
      [counterId, input.periodFrom, input.baseRateBp, input.minimumSales ?? null, JSON.stringify(feeItems), who.name, input.reason.trim()],
    );
    const contract = view(row!);
    await audit(q, who, 'settlement.contract.add', counterId, { seq: contract.seq, periodFrom: contract.periodFrom, baseRateBp: contract.baseRateBp, minimumSales: contract.minimumSales, feeItems, reason: contract.reason });
    return contract;
  });
}
