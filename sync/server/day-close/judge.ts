import { checkTillFact, foldDay, type DayState } from '../../model/money/day-close.js';
import { checkTillShape, tillAction, type TillEvent } from '../../model/money/till.js';
import type { Queryable } from '../db/index.js';
import { checkActor, type OperatorBook, type Refusal } from '../store/actors.js';

const invalid = (message: string): Refusal => ({ code: 'VALIDATION_FAILED', message });
const drawerOf = (e: Pick<TillEvent, 'deviceId' | 'businessDay'>) => `${e.deviceId}\u0000${e.businessDay}`;

/** The store's time zone, in which its business days run. */
export async function storeTimeZone(q: Queryable, storeId: string): Promise<string> {
  const [row] = await q.query<{ timezone: string }>('SELECT timezone FROM stores WHERE id = $1', [storeId]);
  return row?.timezone ?? 'Asia/Shanghai';
}

/** Stored till facts of some drawers of one store (device × business day). */
export async function storedTillFacts(q: Queryable, storeId: string, drawers: readonly { deviceId: string; businessDay: string }[]): Promise<TillEvent[]> {
  if (drawers.length === 0) return [];
  const rows = await q.query<{ data: TillEvent }>(
    `SELECT d.data FROM docs d JOIN unnest($2::text[], $3::text[]) AS k(device_id, business_day)
       ON d.data->>'deviceId' = k.device_id AND d.data->>'businessDay' = k.business_day
     WHERE d.store_id = $1 AND d.collection = 'till_events' AND NOT d.deleted`,
    [storeId, drawers.map((k) => k.deviceId), drawers.map((k) => k.businessDay)],
  );
  return rows.map((r) => r.data);
}

/**
 * The drawers a push of till facts touches, folded from what is stored, and the facts this push accepted so far:
 * each new fact is judged against the drawer as the terminal saw it when writing it (its pushes keep their order).
 * Payments do not decide whether a till fact may follow, so they are not loaded here.
 */
export class TillJudge {
  private constructor(
    private readonly storeId: string,
    private readonly timeZone: string,
    private readonly facts: Map<string, TillEvent[]>,
  ) {}

  static async load(q: Queryable, storeId: string, docs: readonly Record<string, unknown>[]): Promise<TillJudge> {
    const keys = new Map<string, { deviceId: string; businessDay: string }>();
    for (const d of docs) {
      if (typeof d.deviceId === 'string' && typeof d.businessDay === 'string') keys.set(drawerOf(d as unknown as TillEvent), { deviceId: d.deviceId, businessDay: d.businessDay });
    }
    const facts = new Map<string, TillEvent[]>();
    for (const f of await storedTillFacts(q, storeId, [...keys.values()])) {
      const k = drawerOf(f);
      facts.set(k, [...(facts.get(k) ?? []), f]);
    }
    return new TillJudge(storeId, await storeTimeZone(q, storeId), facts);
  }

  private state(e: TillEvent): DayState {
    return foldDay({ storeId: this.storeId, deviceId: e.deviceId, businessDay: e.businessDay, timeZone: this.timeZone }, this.facts.get(drawerOf(e)) ?? [], []);
  }

  /** The fact's own fields, where the drawer stands, and who did it (with a manager's approval beyond the tolerance). */
  async refusal(book: OperatorBook, e: TillEvent): Promise<Refusal | undefined> {
    const shape = checkTillShape(e, this.timeZone);
    if (!shape.ok) return invalid(`${shape.code}: ${shape.message}`);
    const state = this.state(e);
    const step = checkTillFact(state, e, this.timeZone);
    if (!step.ok) return invalid(`${step.code}: ${step.message}`);
    return checkActor(book, e, tillAction(e));
  }

  accept(e: TillEvent): void {
    const k = drawerOf(e);
    this.facts.set(k, [...(this.facts.get(k) ?? []), e]);
  }
}
