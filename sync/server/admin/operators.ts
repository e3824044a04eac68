/**
 * The staff (operators) of a store, one implementation for the Platform API's PUT /stores/{storeId}/operators
 * (routes/operators.ts) and the console's staff pages (console-auth/admin-routes.ts).
 */
import type { Operator } from '../../model/operator.js';
import { hashPin, minPinDigits, PIN_ITERATIONS, verifyPin } from '../../model/pin.js';
import { ProtocolError } from '../../protocol/errors.js';
import type { OperatorInput } from '../../protocol/platform.js';
import type { ConsoleOperator } from '../../protocol/console.js';
import type { Db, Queryable } from '../db/index.js';
import { jsonEqual } from '../equal.js';
import { storedPins, usablePin, writePins, type StoredPin } from '../pins/store.js';
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
 * The slow hash of each PIN sent, with its length. A PIN that matches the operator's current hash keeps that hash,
 * so sending the same list twice changes nothing; a hash made with fewer iterations than today's is made again.
 */
async function hashPins(q: Queryable, storeId: string, inputs: readonly OperatorInput[]): Promise<Map<string, StoredPin>> {
  const withPin = inputs.filter((o): o is OperatorInput & { pin: string } => o.pin !== undefined);
  const current = await storedPins(q, storeId, withPin.map((o) => o.id));
  const pins = new Map<string, StoredPin>();
  let next = 0;
  const worker = async () => {
    for (let o = withPin[next++]; o; o = withPin[next++]) {
      const old = current.get(o.id)?.pinHash;
      const keep = old && old.iterations >= PIN_ITERATIONS && (await verifyPin(o.pin, old));
      pins.set(o.id, { pinHash: keep ? old : await hashPin(o.pin), digits: o.pin.length });
    }
  };
  await Promise.all(Array.from({ length: HASH_CONCURRENCY }, worker));
  return pins;
}

function toDoc(storeId: string, o: OperatorInput, hasPin: boolean, now: string): Operator {
  return {
    id: o.id,
    storeId,
    name: o.name,
    roles: normaliseRoles(o.roles),
    hasPin,
    ...(o.badge !== undefined ? { badge: o.badge } : {}),
    active: o.active,
    updatedAt: now,
  };
}

/** Where an operator of the request is in its body: the last occurrence, the one that wins. */
function pinPath(body: readonly OperatorInput[], id: string): string {
  return `body/${body.findLastIndex((o) => o.id === id)}/pin`;
}

/** A manager's PIN sent shorter than MANAGER_PIN_MIN_DIGITS: refused before any slow hashing. */
function assertPinLengths(body: readonly OperatorInput[]): void {
  body.forEach((o, i) => {
    const min = minPinDigits(o.roles);
    if (o.pin !== undefined && o.pin.length < min) {
      throw new ProtocolError('VALIDATION_FAILED', `body/${i}/pin must have at least ${min} digits for a manager`, 400, { path: `body/${i}/pin` });
    }
  });
}

/**
 * A manager sent without a PIN keeps their PIN on record, which must then be one known to be long enough: a PIN
 * from before lengths were recorded, or a short one of someone being made a manager, needs a new PIN.
 */
function assertManagerPinOnRecord(body: readonly OperatorInput[], o: OperatorInput, pin: StoredPin | undefined): void {
  if (o.pin !== undefined || !pin || usablePin(o.roles, pin)) return;
  const path = pinPath(body, o.id);
  const min = minPinDigits(o.roles);
  throw new ProtocolError('VALIDATION_FAILED', `${path} is required: operator "${o.id}" is a manager and their PIN on record is not known to have ${min} digits; send a new one`, 400, {
    path,
  });
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

/**
 * Bulk upsert of a store's staff: PINs hashed here (never stored or returned in clear), a missing PIN keeps the
 * current one, a manager's PIN at least MANAGER_PIN_MIN_DIGITS. `onWritten` runs in the same transaction (the
 * console's audit entry).
 */
export async function upsertOperators(
  db: Db,
  storeId: string,
  inputs: readonly OperatorInput[],
  onWritten?: (q: Queryable) => Promise<void>,
): Promise<OperatorsUpsertResponse> {
  // Last one wins when an id appears twice in one request.
  const byId = new Map(inputs.map((o) => [o.id, o]));
  const ids = [...byId.keys()];
  // Cheap refusals first, before any slow hashing; all are checked again inside the transaction.
  if ((await currentPosition(db, storeId)) === undefined) throw new ProtocolError('UNKNOWN_STORE', `store "${storeId}" does not exist`, 404, { storeId });
  assertPinLengths(inputs);
  await assertOwnOperators(db, storeId, ids);
  const sent = await hashPins(db, storeId, [...byId.values()]);

  const { value: changed, position } = await writeStore(db, storeId, async (st) => {
    await claimOperatorIds(st.q, storeId, ids);
    const now = new Date().toISOString();
    const all = await storeOperators(st.q, storeId);
    const onRecord = await storedPins(st.q, storeId, ids);
    const toWrite: Operator[] = [];
    const changes: Array<{ id: string; active: boolean; roles: Operator['roles'] }> = [];
    for (const o of byId.values()) {
      const old = all.get(o.id);
      const before = onRecord.get(o.id);
      assertManagerPinOnRecord(inputs, o, before);
      const pin = sent.get(o.id) ?? before;
      const doc = toDoc(storeId, o, usablePin(o.roles, pin), now);
      all.set(doc.id, doc);
      // A new PIN rewrites the document too (a new updatedAt and position): that is how terminals hear of it.
      const newPin = pin !== undefined && !jsonEqual(pin.pinHash, before?.pinHash);
      if (old && !newPin && jsonEqual({ ...old, updatedAt: now }, doc)) continue;
      toWrite.push(doc);
      if (!old || old.active !== doc.active || !jsonEqual(old.roles, doc.roles)) changes.push({ id: doc.id, active: doc.active, roles: doc.roles });
    }
    assertUniqueBadges(all);
    // Every PIN sent is written, a kept hash too: its length becomes known.
    await writePins(st.q, storeId, [...sent].map(([id, pin]) => ({ id, pin })));
    // A document's updatedAt is the moment its state took effect, the same instant the history records.
    const effective = await recordOperatorChanges(st.q, storeId, changes, now);
    await st.putMany('operators', toWrite.map((doc) => ({ id: doc.id, data: { ...doc, updatedAt: effective.get(doc.id) ?? now } })));
    await onWritten?.(st.q);
    return toWrite.length;
  });
  return { storeId, upserted: changed, unchanged: byId.size - changed, position: position ?? null };
}


export async function storeOperators(q: Queryable, storeId: string): Promise<Map<string, Operator>> {
  const rows = await q.query<{ data: Operator }>("SELECT data FROM docs WHERE store_id = $1 AND collection = 'operators' AND NOT deleted", [storeId]);
  return new Map(rows.map((r) => [r.data.id, r.data]));
}

/** A store's staff as the console lists them, by name. */
export async function listOperators(q: Queryable, storeId: string): Promise<ConsoleOperator[]> {
  const all = await storeOperators(q, storeId);
  return [...all.values()]
    .map((o) => ({ id: o.id, storeId, name: o.name, roles: o.roles, ...(o.badge !== undefined ? { badge: o.badge } : {}), active: o.active, hasPin: o.hasPin, updatedAt: o.updatedAt }))
    .sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
}
