import type { TerminalDb } from '../../db/index.js';
import { checkTillFact, tillAction, type DayState, type TillEvent } from '../../../sync/model/index.js';
import type { Actor, AuthorityCode } from '../approval/authorize.js';
import { checkAuthority } from '../approval/check.js';

export type TillDraft = Omit<TillEvent, 'id' | 'storeId' | 'deviceId' | 'businessDay' | 'operatorId' | 'at'>;
export type TillResult = { ok: true; fact: TillEvent } | { ok: false; code: AuthorityCode | string; message: string };

/**
 * Records one till fact after every check the centre makes: the operator may do it (a manager's approval where a
 * variance is beyond the tolerance), its fields agree, and the drawer's state allows it (checkTillFact). The same id
 * is used on a retry, so a write that failed half-way records the fact once.
 */
export async function recordTill(db: TerminalDb, actor: Actor, state: DayState, timeZone: string, draft: TillDraft, ids: { id: string; now?: () => Date }): Promise<TillResult> {
  const fact: TillEvent = {
    id: ids.id, storeId: actor.storeId, deviceId: actor.deviceId, businessDay: state.businessDay, operatorId: actor.operatorId,
    at: (ids.now ?? (() => new Date()))().toISOString(), ...draft,
  };
  const authority = await checkAuthority(db, actor, tillAction(fact), fact.approvedBy);
  if (!authority.ok) return authority;
  const check = checkTillFact(state, fact, timeZone);
  if (!check.ok) return check;
  if (!(await db.till_events.findOne(fact.id).exec())) await db.till_events.insert(fact);
  return { ok: true, fact };
}
