import type { ConsoleUser } from '../../../protocol/console.js';
import { ProtocolError } from '../../../protocol/errors.js';
import type { CreateSuppliesRequest, SuppliesLine, UpdateSuppliesRequest } from '../../../protocol/settlement-master.js';
import { audit } from '../../console-auth/audit.js';
import type { Db, Queryable } from '../../db/index.js';
import { assertDay, assertNotSettled, counterRef, DAY, ISO, num, periodFromOf } from './common.js';

interface SuppliesRow {
  id: string | number;
  counter_id: string;
  store_id: string;
  period_from: string;
  day: string;
  item: string;
  qty: number;
  unit_price: string | number;
  amount: string | number;
  created_by: string;
  created_at: string;
}

const SELECT = `SELECT id, counter_id, store_id, ${DAY('period_from')} AS period_from, ${DAY('day')} AS day, item, qty, unit_price, amount, created_by,
  ${ISO('created_at')} AS created_at FROM supplies_usage`;

const view = (r: SuppliesRow): SuppliesLine => ({
  id: num(r.id),
  counterId: r.counter_id,
  storeId: r.store_id,
  periodFrom: r.period_from,
  day: r.day,
  item: r.item,
  qty: Number(r.qty),
  unitPrice: num(r.unit_price),
  amount: num(r.amount),
  createdBy: r.created_by,
  createdAt: r.created_at,
});

export interface SuppliesFilter {
  periodFrom?: string;
  storeId?: string;
  counterId?: string;
}

export async function listSupplies(q: Queryable, f: SuppliesFilter): Promise<SuppliesLine[]> {
  if (f.periodFrom !== undefined) assertDay(f.periodFrom, '/querystring/periodFrom');
  const rows = await q.query<SuppliesRow>(
    `${SELECT} WHERE ($1::date IS NULL OR period_from = $1::date) AND ($2::text IS NULL OR store_id = $2) AND ($3::text IS NULL OR counter_id = $3)
     ORDER BY period_from DESC, store_id, counter_id, day, id`,
    [f.periodFrom ?? null, f.storeId ?? null, f.counterId ?? null],
  );
  return rows.map(view);
}

async function suppliesById(q: Queryable, id: number): Promise<SuppliesLine | undefined> {
  const [row] = await q.query<SuppliesRow>(`${SELECT} WHERE id = $1`, [id]);
  return row ? view(row) : undefined;
}

/** The line's period is the one its day lies in, and its amount is qty × unit price: both the server's, never sent. */
async function priced(q: Queryable, input: UpdateSuppliesRequest): Promise<{ periodFrom: string; amount: number }> {
  assertDay(input.day, '/body/day');
  const amount = input.qty * input.unitPrice;
  if (!Number.isSafeInteger(amount)) throw new ProtocolError('VALIDATION_FAILED', 'qty × unit price is more than can be kept exactly', 400, { path: '/body/unitPrice' });
  return { periodFrom: await periodFromOf(q, input.day), amount };
}

export async function createSupplies(db: Db, who: ConsoleUser, input: CreateSuppliesRequest): Promise<SuppliesLine> {
  return db.tx(async (q) => {
    const counter = await counterRef(q, input.counterId, 422);
    const { periodFrom, amount } = await priced(q, input);
    await assertNotSettled(q, counter.id, periodFrom);
    const [row] = await q.query<{ id: string | number }>(
      `INSERT INTO supplies_usage (counter_id, store_id, period_from, day, item, qty, unit_price, amount, created_by)
       VALUES ($1, $2, $3::date, $4::date, $5, $6, $7, $8, $9) RETURNING id`,
      [counter.id, counter.storeId, periodFrom, input.day, input.item.trim(), input.qty, input.unitPrice, amount, who.name],
    );
    const id = num(row!.id);
    await audit(q, who, 'settlement.supplies.create', String(id), { ...input, periodFrom, amount });
    return (await suppliesById(q, id))!;
  });
}

/** A line may move to another day (and so period) only where neither period is settled. */
export async function updateSupplies(db: Db, who: ConsoleUser, id: number, input: UpdateSuppliesRequest): Promise<SuppliesLine> {
  return db.tx(async (q) => {
    const before = await suppliesById(q, id);
    if (!before) throw new ProtocolError('NOT_FOUND', `supplies line ${id} does not exist`, 404, { suppliesId: id });
    await assertNotSettled(q, before.counterId, before.periodFrom);
    const { periodFrom, amount } = await priced(q, input);
    if (periodFrom !== before.periodFrom) await assertNotSettled(q, before.counterId, periodFrom);
    await q.query('UPDATE supplies_usage SET period_from = $2::date, day = $3::date, item = $4, qty = $5, unit_price = $6, amount = $7 WHERE id = $1', [
      id, periodFrom, input.day, input.item.trim(), input.qty, input.unitPrice, amount,
    ]);
    const { createdAt: _a, createdBy: _b, ...was } = before;
    await audit(q, who, 'settlement.supplies.update', String(id), { before: was, after: { ...input, periodFrom, amount } });
    return (await suppliesById(q, id))!;
  });
}
