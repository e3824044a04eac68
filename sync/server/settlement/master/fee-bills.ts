import type { ConsoleUser } from '../../../protocol/console.js';
import { ProtocolError } from '../../../protocol/errors.js';
import type { CreateFeeBillRequest, FeeBill, FeeItem, UpdateFeeBillRequest } from '../../../protocol/settlement-master.js';
import { audit } from '../../console-auth/audit.js';
import type { Db, Queryable } from '../../db/index.js';
import { assertDay, assertNotSettled, assertPeriodStart, counterRef, DAY, exactSum, ISO, num } from './common.js';

interface FeeBillRow {
  id: string;
  counter_id: string;
  store_id: string;
  supplier_id: string;
  period_from: string;
  items: FeeItem[];
  total: string | number;
  created_by: string;
  created_at: string;
}

const SELECT = `SELECT b.id, b.counter_id, c.store_id, c.supplier_id, ${DAY('b.period_from')} AS period_from, b.items, b.total, b.created_by,
  ${ISO('b.created_at')} AS created_at FROM fee_bills b JOIN concession_counters c ON c.id = b.counter_id`;

const view = (r: FeeBillRow): FeeBill => ({
  id: r.id,
  counterId: r.counter_id,
  storeId: r.store_id,
  supplierId: r.supplier_id,
  periodFrom: r.period_from,
  items: r.items,
  total: num(r.total),
  createdBy: r.created_by,
  createdAt: r.created_at,
});

export interface FeeBillFilter {
  periodFrom?: string;
  counterId?: string;
}

export async function listFeeBills(q: Queryable, f: FeeBillFilter): Promise<FeeBill[]> {
  if (f.periodFrom !== undefined) assertDay(f.periodFrom, '/querystring/periodFrom');
  const rows = await q.query<FeeBillRow>(
    `${SELECT} WHERE ($1::date IS NULL OR b.period_from = $1::date) AND ($2::text IS NULL OR b.counter_id = $2) ORDER BY b.period_from DESC, b.id`,
    [f.periodFrom ?? null, f.counterId ?? null],
  );
  return rows.map(view);
}

async function feeBillById(q: Queryable, id: string): Promise<FeeBill | undefined> {
  const [row] = await q.query<FeeBillRow>(`${SELECT} WHERE b.id = $1`, [id]);
  return row ? view(row) : undefined;
}

/** The bill's total is the server's sum of its items (价税合计), never a figure sent with them. */
const totalOf = (items: readonly FeeItem[]): number => exactSum(items.map((i) => i.amount), '/body/items');

/**
 * A new fee bill, numbered FB + the period's first day (YYYYMMDD) + '-' + counter + '-' + n, n counting the
 * counter's bills of the period: readable on the supplier's papers, and unique without a sequence of its own.
 */
export async function createFeeBill(db: Db, who: ConsoleUser, input: CreateFeeBillRequest): Promise<FeeBill> {
  return db.tx(async (q) => {
    await counterRef(q, input.counterId, 422);
    await assertPeriodStart(q, input.periodFrom, '/body/periodFrom');
    await assertNotSettled(q, input.counterId, input.periodFrom);
    const total = totalOf(input.items);
    await q.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`fee-bill:${input.counterId}:${input.periodFrom}`]);
    const [count] = await q.query<{ n: string | number }>('SELECT count(*) AS n FROM fee_bills WHERE counter_id = $1 AND period_from = $2::date', [input.counterId, input.periodFrom]);
    const id = `FB${input.periodFrom.replace(/-/g, '')}-${input.counterId}-${num(count!.n) + 1}`;
    await q.query(
      'INSERT INTO fee_bills (id, counter_id, period_from, items, total, created_by) VALUES ($1, $2, $3::date, $4::jsonb, $5, $6)',
      [id, input.counterId, input.periodFrom, JSON.stringify(input.items), total, who.name],
    );
    await audit(q, who, 'settlement.fee-bill.create', id, { counterId: input.counterId, periodFrom: input.periodFrom, items: input.items, total });
    return (await feeBillById(q, id))!;
  });
}

/** Replaces the items of a bill whose period is not settled yet; the audit keeps what they were. */
export async function updateFeeBill(db: Db, who: ConsoleUser, id: string, input: UpdateFeeBillRequest): Promise<FeeBill> {
  return db.tx(async (q) => {
    const before = await feeBillById(q, id);
    if (!before) throw new ProtocolError('NOT_FOUND', `fee bill "${id}" does not exist`, 404, { feeBillId: id });
    await assertNotSettled(q, before.counterId, before.periodFrom);
    const total = totalOf(input.items);
    await q.query('UPDATE fee_bills SET items = $2::jsonb, total = $3 WHERE id = $1', [id, JSON.stringify(input.items), total]);
    await audit(q, who, 'settlement.fee-bill.update', id, { before: { items: before.items, total: before.total }, after: { items: input.items, total } });
    return (await feeBillById(q, id))!;
  });
}
