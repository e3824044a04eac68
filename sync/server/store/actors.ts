import { checkApproval, GRANT_GRACE_MS, permission, type Action, type Approver } from '../../model/permissions.js';
import type { PushRejection } from '../../protocol/sync.js';
import type { Queryable } from '../db/index.js';
import { loadOperatorTimelines, operatorAtFrom, type OperatorAt, type OperatorTimeline } from './operators.js';

/** Who a terminal's fact says did it, and when. */
export interface Actor {
  operatorId: string;
  at: string;
  approvedBy?: string;
}

export interface Refusal {
  code: PushRejection['code'];
  message: string;
}

/**
 * The operators of one store as of any moment. A push loads the timelines of every operator its facts name in one
 * query (load), then answers each (operator, time) in memory; an operator it was not loaded with is looked up.
 */
export class OperatorBook {
  private constructor(
    private readonly q: Queryable,
    readonly storeId: string,
    /** null: looked up and not an operator anywhere. */
    private readonly timelines: Map<string, OperatorTimeline | null>,
  ) {}

  static async load(q: Queryable, storeId: string, operatorIds: Iterable<string>): Promise<OperatorBook> {
    const book = new OperatorBook(q, storeId, new Map());
    await book.fetch([...operatorIds]);
    return book;
  }

  private async fetch(ids: readonly string[]): Promise<void> {
    const found = await loadOperatorTimelines(this.q, ids);
    for (const id of ids) this.timelines.set(id, found.get(id) ?? null);
  }

  async at(operatorId: string, at: string): Promise<OperatorAt> {
    if (!this.timelines.has(operatorId)) await this.fetch([operatorId]);
    return operatorAtFrom(this.timelines.get(operatorId) ?? undefined, this.storeId, at);
  }
}

/**
 * The server's copy of the terminal's rule: the operator belonged to this store and was active when the fact
 * happened, their roles then allowed the action, and where the table asks for it a different operator who was an
 * active manager at that moment approved it. A terminal cannot talk its way past any of this by being offline.
 * A grant made at the centre up to GRANT_GRACE_MS after `at` still counts, since the two clocks never agree exactly;
 * a revocation never gets that grace, because the state at `at` is judged first and a pass there stands.
 */
export async function checkActor(book: OperatorBook, actor: Actor, action: Action): Promise<Refusal | undefined> {
  const refusal = await checkActorAt(book, actor, action, actor.at);
  if (!refusal || !GRACED.has(refusal.code)) return refusal;
  const graced = new Date(Date.parse(actor.at) + GRANT_GRACE_MS).toISOString();
  return (await checkActorAt(book, actor, action, graced)) ? refusal : undefined;
}

const GRACED: ReadonlySet<Refusal['code']> = new Set<Refusal['code']>(['OPERATOR_INACTIVE', 'FORBIDDEN', 'APPROVAL_REQUIRED']);

async function checkActorAt(book: OperatorBook, actor: Actor, action: Action, at: string): Promise<Refusal | undefined> {
  const who = `operator "${actor.operatorId}"`;
  const op = await book.at(actor.operatorId, at);
  if (op.kind === 'unknown' || op.kind === 'other_store') {
    return { code: 'UNKNOWN_OPERATOR', message: `${who} is not an operator of store "${book.storeId}"` };
  }
  if (op.kind === 'not_yet') return { code: 'OPERATOR_INACTIVE', message: `${who} was not yet an operator of store "${book.storeId}" at ${actor.at}` };
  if (!op.active) return { code: 'OPERATOR_INACTIVE', message: `${who} was inactive at ${actor.at}` };
  const allowed = permission(op.roles, action);
  if (!allowed.allowed) return { code: 'FORBIDDEN', message: `${who} (${op.roles.join(', ')}) may not do this: ${allowed.message}` };
  // An approval that is recorded must be true even where none was needed: the activity view shows both people.
  let approver: Approver | null = null;
  if (actor.approvedBy !== undefined) {
    const found = await book.at(actor.approvedBy, at);
    if (found.kind !== 'known') {
      if (!allowed.needsApproval) return { code: 'VALIDATION_FAILED', message: `${action} by ${who} takes no approval; approvedBy "${actor.approvedBy}" must be absent` };
      return { code: 'APPROVAL_REQUIRED', message: `approvedBy "${actor.approvedBy}" was not an operator of store "${book.storeId}" at ${actor.at}` };
    }
    approver = { id: actor.approvedBy, roles: found.roles, active: found.active };
  }
  const approval = checkApproval(op.roles, action, approver, actor.operatorId);
  return approval.ok ? undefined : { code: approval.code, message: approval.message };
}
