import { map, type Observable } from 'rxjs';
import type { TerminalDb } from '../../db/index.js';
import { lockedUntil, verifyPin, type Operator, type PinHash } from '../../../sync/model/index.js';

/** Wrong PINs of one operator on this terminal. Counts and a time only: never the PIN, never a hash of it. */
export interface PinFailures {
  failures: number;
  lastFailureAtMs: number;
}

export const NO_FAILURES: PinFailures = { failures: 0, lastFailureAtMs: 0 };

/** Where the failures live. Persisted, so a reload does not reset a lock-out. */
export interface FailureLog {
  read(operatorId: string): Promise<PinFailures>;
  write(operatorId: string, failures: PinFailures): Promise<void>;
  watch(operatorId: string): Observable<PinFailures>;
}

const localId = (operatorId: string) => `pin-failures:${operatorId}`;

function toFailures(value: { failures?: unknown; lastFailureAtMs?: unknown } | null | undefined): PinFailures {
  const failures = value?.failures;
  const last = value?.lastFailureAtMs;
  if (typeof failures !== 'number' || typeof last !== 'number' || !Number.isFinite(failures) || !Number.isFinite(last)) return NO_FAILURES;
  return { failures, lastFailureAtMs: last };
}

/**
 * RxDB local documents: stored in the terminal's database like everything else, but never replicated — a
 * lock-out is about this terminal only.
 */
export function localFailureLog(db: TerminalDb): FailureLog {
  return {
    async read(operatorId) {
      const doc = await db.getLocal<PinFailures>(localId(operatorId));
      return toFailures(doc ? { failures: doc.get('failures'), lastFailureAtMs: doc.get('lastFailureAtMs') } : null);
    },
    async write(operatorId, failures) {
      await db.upsertLocal<PinFailures>(localId(operatorId), { failures: failures.failures, lastFailureAtMs: failures.lastFailureAtMs });
    },
    watch(operatorId) {
      return db.getLocal$<PinFailures>(localId(operatorId)).pipe(
        map((doc) => toFailures(doc ? { failures: doc.get('failures'), lastFailureAtMs: doc.get('lastFailureAtMs') } : null)),
      );
    },
  };
}

/** Until when the operator is locked on this terminal; 0 or a past time means they may try. */
export function lockedUntilMs(f: PinFailures): number {
  return lockedUntil(f.failures, f.lastFailureAtMs);
}

export function secondsLeft(untilMs: number, nowMs: number): number {
  return Math.max(0, Math.ceil((untilMs - nowMs) / 1000));
}

export type PinCheckCode = 'WRONG_PIN' | 'LOCKED' | 'INACTIVE' | 'NO_PIN';
export type PinCheck =
  | { ok: true }
  | { ok: false; code: PinCheckCode; failures: number; lockedUntilMs: number };

export interface PinCheckOptions {
  now?: () => number;
  verify?: (pin: string, hash: PinHash) => Promise<boolean>;
}

/** One attempt at a time per operator, so two quick submits cannot both slip under the failure limit. */
const inFlight = new Map<string, Promise<unknown>>();

function serialized<T>(key: string, task: () => Promise<T>): Promise<T> {
  const previous = inFlight.get(key) ?? Promise.resolve();
  const next = previous.then(task, task);
  inFlight.set(key, next);
  const cleanup = () => {
    if (inFlight.get(key) === next) inFlight.delete(key);
  };
  next.then(cleanup, cleanup);
  return next;
}

/**
 * Checks an operator's PIN offline against the synced slow hash, with the terminal's lock-out. A wrong PIN
 * counts; a right one clears the count. While locked, the PIN is not even hashed.
 */
export function checkPin(log: FailureLog, operator: Operator, pin: string, opts: PinCheckOptions = {}): Promise<PinCheck> {
  const now = opts.now ?? Date.now;
  const verify = opts.verify ?? verifyPin;
  return serialized(operator.id, async (): Promise<PinCheck> => {
    const before = await log.read(operator.id);
    const refuse = (code: PinCheckCode, f: PinFailures): PinCheck => ({ ok: false, code, failures: f.failures, lockedUntilMs: lockedUntilMs(f) });
    if (!operator.active) return refuse('INACTIVE', before);
    if (!operator.pinHash) return refuse('NO_PIN', before);
    if (lockedUntilMs(before) > now()) return refuse('LOCKED', before);
    if (await verify(pin, operator.pinHash)) {
      if (before.failures > 0) await log.write(operator.id, NO_FAILURES);
      return { ok: true };
    }
    const after = { failures: before.failures + 1, lastFailureAtMs: now() };
    await log.write(operator.id, after);
    // The attempt that reaches the limit is reported as the lock it starts, so the screen shows the wait.
    return refuse(lockedUntilMs(after) > now() ? 'LOCKED' : 'WRONG_PIN', after);
  });
}
