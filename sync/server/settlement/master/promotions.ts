import type { ConsoleUser } from '../../../protocol/console.js';
import { ProtocolError } from '../../../protocol/errors.js';
import type { CreatePromotionRequest, Promotion, UpdatePromotionRequest } from '../../../protocol/settlement-master.js';
import { audit } from '../../console-auth/audit.js';
import type { Db, Queryable } from '../../db/index.js';
import { assertDay, DAY, ISO } from './common.js';
import { assertNoIssuedStatements, promotionChangeSpans } from './issued.js';

interface PromotionRow {
  id: string;
  name: string;
  from_day: string;
  to_day: string;
  rate_bp: number;
  counter_ids: string[];
  area_codes: string[];
  created_by: string;
  created_at: string;
}

const SELECT = `SELECT id, name, ${DAY('from_day')} AS from_day, ${DAY('to_day')} AS to_day, rate_bp, counter_ids, area_codes, created_by,
  ${ISO('created_at')} AS created_at FROM promotions`;

const view = (r: PromotionRow): Promotion => ({
  id: r.id,
  name: r.name,
  fromDay: r.from_day,
  toDay: r.to_day,
  rateBp: Number(r.rate_bp),
  counterIds: r.counter_ids,
  areaCodes: r.area_codes,
  createdBy: r.created_by,
  createdAt: r.created_at,
});

/** Promotions by start day, newest first; with `day`, only those running that day. */
export async function listPromotions(q: Queryable, day?: string): Promise<Promotion[]> {
  if (day !== undefined) assertDay(day, '/querystring/day');
  const rows = await q.query<PromotionRow>(`${SELECT} WHERE $1::date IS NULL OR $1::date BETWEEN from_day AND to_day ORDER BY from_day DESC, id`, [day ?? null]);
  return rows.map(view);
}

async function promotionById(q: Queryable, id: string): Promise<Promotion | undefined> {
  const [row] = await q.query<PromotionRow>(`${SELECT} WHERE id = $1`, [id]);
  return row ? view(row) : undefined;
}

/** Days real and in order, something covered, and every counter named one that exists. */
async function check(q: Queryable, input: UpdatePromotionRequest): Promise<void> {
  assertDay(input.fromDay, '/body/fromDay');
  assertDay(input.toDay, '/body/toDay');
  if (input.toDay < input.fromDay) throw new ProtocolError('VALIDATION_FAILED', 'the promotion ends before it starts', 400, { path: '/body/toDay' });
  if (input.counterIds.length === 0 && input.areaCodes.length === 0) {
    throw new ProtocolError('VALIDATION_FAILED', 'a promotion names at least one counter or area code', 400, { path: '/body/counterIds' });
  }
  const known = await q.query<{ id: string }>('SELECT id FROM concession_counters WHERE id IN (SELECT jsonb_array_elements_text($1::jsonb))', [JSON.stringify(input.counterIds)]);
  const missing = input.counterIds.filter((id) => !known.some((k) => k.id === id));
  if (missing.length > 0) throw new ProtocolError('UNKNOWN_COUNTER', `no such counter: ${missing.slice(0, 20).join(', ')}`, 422, { path: '/body/counterIds', counterIds: missing });
}

const params = (input: UpdatePromotionRequest) => [input.name.trim(), input.fromDay, input.toDay, input.rateBp, input.counterIds, input.areaCodes];

export async function createPromotion(db: Db, who: ConsoleUser, input: CreatePromotionRequest): Promise<Promotion> {
  return db.tx(async (q) => {
    await check(q, input);
    await assertNoIssuedStatements(q, await promotionChangeSpans(q, null, input), `promotion "${input.id}"`);
    const inserted = await q.query(
      `INSERT INTO promotions (id, name, from_day, to_day, rate_bp, counter_ids, area_codes, created_by)
       VALUES ($1, $2, $3::date, $4::date, $5, ARRAY(SELECT jsonb_array_elements_text($6::jsonb)), ARRAY(SELECT jsonb_array_elements_text($7::jsonb)), $8)
       ON CONFLICT (id) DO NOTHING RETURNING id`,
      [input.id, ...params(input).map((p) => (Array.isArray(p) ? JSON.stringify(p) : p)), who.name],
    );
    if (inserted.length === 0) throw new ProtocolError('CONFLICT', `promotion "${input.id}" exists already`, 409, { promotionId: input.id });
    await audit(q, who, 'settlement.promotion.create', input.id, { ...input });
    return (await promotionById(q, input.id))!;
  });
}

export async function updatePromotion(db: Db, who: ConsoleUser, id: string, input: UpdatePromotionRequest): Promise<Promotion> {
  return db.tx(async (q) => {
    const before = await promotionById(q, id);
    if (!before) throw new ProtocolError('NOT_FOUND', `promotion "${id}" does not exist`, 404, { promotionId: id });
    await check(q, input);
    await assertNoIssuedStatements(q, await promotionChangeSpans(q, before, input), `this change of promotion "${id}"`);
    await q.query(
      `UPDATE promotions SET name = $2, from_day = $3::date, to_day = $4::date, rate_bp = $5,
         counter_ids = ARRAY(SELECT jsonb_array_elements_text($6::jsonb)), area_codes = ARRAY(SELECT jsonb_array_elements_text($7::jsonb))
       WHERE id = $1`,
      [id, ...params(input).map((p) => (Array.isArray(p) ? JSON.stringify(p) : p))],
    );
    const { createdAt: _a, createdBy: _b, ...was } = before;
    await audit(q, who, 'settlement.promotion.update', id, { before: was, after: input });
    return (await promotionById(q, id))!;
  });
}
