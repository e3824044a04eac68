import type { ConsoleUser } from '../../../protocol/console.js';
import { ProtocolError } from '../../../protocol/errors.js';
import type { Counter, CreateCounterRequest, UpdateCounterRequest } from '../../../protocol/settlement-master.js';
import { audit } from '../../console-auth/audit.js';
import type { Db, Queryable } from '../../db/index.js';
import { ISO, num } from './common.js';
import { areaChangeSpans, assertNoIssuedStatements } from './issued.js';

interface CounterRow {
  id: string;
  store_id: string;
  supplier_id: string;
  supplier_name: string;
  name: string;
  area_code: string;
  category: string;
  sku_count: string | number;
  created_at: string;
  updated_at: string;
}

const SELECT = `SELECT c.id, c.store_id, c.supplier_id, s.name AS supplier_name, c.name, c.area_code, c.category,
  (SELECT count(*) FROM counter_skus k WHERE k.counter_id = c.id) AS sku_count,
  ${ISO('c.created_at')} AS created_at, ${ISO('c.updated_at')} AS updated_at
  FROM concession_counters c JOIN suppliers s ON s.id = c.supplier_id`;

const view = (r: CounterRow): Counter => ({
  id: r.id,
  storeId: r.store_id,
  supplierId: r.supplier_id,
  supplierName: r.supplier_name,
  name: r.name,
  areaCode: r.area_code,
  category: r.category,
  skuCount: num(r.sku_count),
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

export interface CounterFilter {
  storeId?: string;
  supplierId?: string;
  /** A manager's stores: the list is cut to them in SQL. */
  storeIds?: readonly string[];
}

export async function listCounters(q: Queryable, f: CounterFilter): Promise<Counter[]> {
  const rows = await q.query<CounterRow>(
    `${SELECT}
     WHERE ($1::text IS NULL OR c.store_id = $1) AND ($2::text IS NULL OR c.supplier_id = $2)
       AND ($3::jsonb IS NULL OR c.store_id IN (SELECT jsonb_array_elements_text($3::jsonb)))
     ORDER BY c.id`,
    [f.storeId ?? null, f.supplierId ?? null, f.storeIds ? JSON.stringify(f.storeIds) : null],
  );
  return rows.map(view);
}

export async function counterById(q: Queryable, id: string): Promise<Counter | undefined> {
  const [row] = await q.query<CounterRow>(`${SELECT} WHERE c.id = $1`, [id]);
  return row ? view(row) : undefined;
}

export async function createCounter(db: Db, who: ConsoleUser, input: CreateCounterRequest): Promise<Counter> {
  return db.tx(async (q) => {
    const [store] = await q.query('SELECT 1 FROM stores WHERE id = $1', [input.storeId]);
    if (!store) throw new ProtocolError('UNKNOWN_STORE', `store "${input.storeId}" does not exist`, 422, { path: '/body/storeId' });
    const [supplier] = await q.query('SELECT 1 FROM suppliers WHERE id = $1', [input.supplierId]);
    if (!supplier) throw new ProtocolError('UNKNOWN_SUPPLIER', `supplier "${input.supplierId}" does not exist`, 422, { path: '/body/supplierId' });
    const inserted = await q.query(
      `INSERT INTO concession_counters (id, store_id, supplier_id, name, area_code, category) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (id) DO NOTHING RETURNING id`,
      [input.id, input.storeId, input.supplierId, input.name.trim(), input.areaCode, input.category.trim()],
    );
    if (inserted.length === 0) throw new ProtocolError('CONFLICT', `counter "${input.id}" exists already`, 409, { counterId: input.id });
    await audit(q, who, 'settlement.counter.create', input.id, { ...input });
    return (await counterById(q, input.id))!;
  });
}

/** Name, area code and category only: a counter's store and supplier are what its statements are about. */
export async function updateCounter(db: Db, who: ConsoleUser, id: string, input: UpdateCounterRequest): Promise<Counter> {
  return db.tx(async (q) => {
    const before = await counterById(q, id);
    if (!before) throw new ProtocolError('UNKNOWN_COUNTER', `counter "${id}" does not exist`, 404, { counterId: id });
    await assertNoIssuedStatements(q, await areaChangeSpans(q, id, before.areaCode, input.areaCode), `moving counter "${id}" to area "${input.areaCode}"`);
    await q.query('UPDATE concession_counters SET name = $2, area_code = $3, category = $4, updated_at = now() WHERE id = $1', [
      id, input.name.trim(), input.areaCode, input.category.trim(),
    ]);
    await audit(q, who, 'settlement.counter.update', id, {
      before: { name: before.name, areaCode: before.areaCode, category: before.category },
      after: input,
    });
    return (await counterById(q, id))!;
  });
}
