import type { FastifyInstance } from 'fastify';
import type { Operator } from '../../model/operator.js';
import { hashPin, PIN_ITERATIONS, verifyPin, type PinHash } from '../../model/pin.js';
import { ProtocolError } from '../../protocol/errors.js';
import { operatorsInputSchema, type OperatorInput } from '../../protocol/platform.js';
import { requireSecret } from '../auth.js';
import type { ServerContext } from '../context.js';
import type { Queryable } from '../db/index.js';
import { jsonEqual } from '../equal.js';
import { assertOwnOperators, claimOperatorIds, normaliseRoles, recordOperatorChanges } from '../store/operators.js';
import { currentPosition, writeStore } from '../store/store-tx.js';

export interface OperatorsUpsertResponse {
  storeId: string;
  /** Operators written (new or changed). */
  upserted: number;
  /** Operators sent that were already exactly so, PIN included; they keep their position. */
  unchanged: number;
  position: number | null;
}

/** Slow hashes run on libuv's thread pool; a few at a time leave it free for the server's other work. */
const HASH_CONCURRENCY = 2;

/**
 * The slow hash of each PIN sent. A PIN that matches the operator's current hash keeps that hash, so sending the
 * same list twice changes nothing; a hash made with fewer iterations than today's is made again.
 */
async function hashPins(q: Queryable, storeId: string, inputs: readonly OperatorInput[]): Promise<Map<string, PinHash>> {
  const withPin = inputs.filter((o): o is OperatorInput & { pin: string } => o.pin !== undefined);
  const rows = await q.query<{ id: string; pin_hash: PinHash | null }>(
    `SELECT id, data->'pinHash' AS pin_hash FROM docs
     WHERE store_id = $1 AND collection = 'operators' AND NOT deleted AND id IN (SELECT jsonb_array_elements_text($2::jsonb))`,
    [storeId, JSON.stringify(withPin.map((o) => o.id))],
  );
  const current = new Map(rows.map((r) => [r.id, r.pin_hash]));
  const hashes = new Map<string, PinHash>();
  let next = 0;
  const worker = async () => {
    for (let o = withPin[next++]; o; o = withPin[next++]) {
      const old = current.get(o.id);
      const keep = old && old.iterations >= PIN_ITERATIONS && (await verifyPin(o.pin, old));
      hashes.set(o.id, keep ? old : await hashPin(o.pin));
    }
  };
  await Promise.all(Array.from({ length: HASH_CONCURRENCY }, worker));
  return hashes;
}

function toDoc(storeId: string, o: OperatorInput, pinHash: PinHash | undefined, now: string): Operator {
  return {
    id: o.id,
    storeId,
    name: o.name,
    roles: normaliseRoles(o.roles),
    ...(pinHash ? { pinHash } : {}),
    ...(o.badge !== undefined ? { badge: o.badge } : {}),
    active: o.active,
    updatedAt: now,
  };
}

/** A badge scan must name one person: no two active operators of a store share a badge. */
function assertUniqueBadges(all: ReadonlyMap<string, Operator>): void {
  const owner = new Map<string, string>();
  for (const op of all.values()) {
    if (!op.active || op.badge === undefined) continue;
    const other = owner.get(op.badge);
    if (other !== undefined) {
      throw new ProtocolError('CONFLICT', `operators "${other}" and "${op.id}" would share a badge`, 409, { operatorIds: [other, op.id] });
    }
    owner.set(op.badge, op.id);
  }
}

export async function operatorsRoutes(app: FastifyInstance, ctx: ServerContext): Promise<void> {
  app.put<{ Params: { storeId: string }; Body: OperatorInput[] }>('/stores/:storeId/operators', {
    onRequest: async (req) => requireSecret(req, ctx.adminToken, 'admin token'),
    schema: {
      tags: ['operators'],
      summary: "Bulk upsert the store's staff (admin). PINs are hashed here and never stored or returned in clear; a missing pin keeps the current one",
      params: { type: 'object', properties: { storeId: { type: 'string', maxLength: 32 } }, required: ['storeId'] },
      body: operatorsInputSchema,
    },
  }, async (req) => {
    const { storeId } = req.params;
    // Last one wins when an id appears twice in one request.
    const byId = new Map(req.body.map((o) => [o.id, o]));
    const ids = [...byId.keys()];
    // Cheap refusals first, before any slow hashing; both are checked again inside the transaction.
    if ((await currentPosition(ctx.db, storeId)) === undefined) throw new ProtocolError('UNKNOWN_STORE', `store "${storeId}" does not exist`, 404, { storeId });
    await assertOwnOperators(ctx.db, storeId, ids);
    const hashes = await hashPins(ctx.db, storeId, [...byId.values()]);

    const { value: changed, position } = await writeStore(ctx.db, storeId, async (st) => {
      await claimOperatorIds(st.q, storeId, ids);
      const now = new Date().toISOString();
      const all = await storeOperators(st.q, storeId);
      const toWrite: Operator[] = [];
      const changes: Array<{ id: string; active: boolean; roles: Operator['roles'] }> = [];
      for (const o of byId.values()) {
        const old = all.get(o.id);
        const doc = toDoc(storeId, o, hashes.get(o.id) ?? old?.pinHash, now);
        all.set(doc.id, doc);
        if (old && jsonEqual({ ...old, updatedAt: now }, doc)) continue;
        toWrite.push(doc);
        if (!old || old.active !== doc.active || !jsonEqual(old.roles, doc.roles)) changes.push({ id: doc.id, active: doc.active, roles: doc.roles });
      }
      assertUniqueBadges(all);
      // A document's updatedAt is the moment its state took effect, the same instant the history records.
      const effective = await recordOperatorChanges(st.q, storeId, changes, now);
      await st.putMany('operators', toWrite.map((doc) => ({ id: doc.id, data: { ...doc, updatedAt: effective.get(doc.id) ?? now } })));
      return toWrite.length;
    });
    const body: OperatorsUpsertResponse = { storeId, upserted: changed, unchanged: byId.size - changed, position: position ?? null };
    return body;
  });
}

async function storeOperators(q: Queryable, storeId: string): Promise<Map<string, Operator>> {
  const rows = await q.query<{ data: Operator }>("SELECT data FROM docs WHERE store_id = $1 AND collection = 'operators' AND NOT deleted", [storeId]);
  return new Map(rows.map((r) => [r.data.id, r.data]));
}
