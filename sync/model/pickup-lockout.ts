/**
 * The kiosk's lock-out for typed codes (design §5): wrong codes lock the order they were aimed at and the kiosk
 * they were typed on, with a back-off that grows after 5 tries. A pure function over the attempts a kiosk keeps
 * locally (in its own storage, so a reload gives nothing back) and the time now, so any screen can show when the
 * lock lifts and the tests can walk through time.
 */
export interface CodeAttempt {
  /** Epoch milliseconds. */
  at: number;
  ok: boolean;
  /** The orders whose passes the code was checked against (by its lookup number); empty when none matched it. */
  orderIds: readonly string[];
}

export type LockScope = { kind: 'kiosk' } | { kind: 'order'; orderId: string };

/** Wrong codes allowed before the first lock. */
export const CODE_FAILURES_BEFORE_LOCK = 5;
/** The first lock lasts a minute; each further failure doubles it, up to an hour. */
export const CODE_LOCK_BASE_MS = 60_000;
export const CODE_LOCK_MAX_MS = 3_600_000;
/** Failures older than a day are forgotten, and so are attempts: what a kiosk needs to keep. */
export const CODE_ATTEMPT_MEMORY_MS = 86_400_000;

function inScope(a: CodeAttempt, scope: LockScope): boolean {
  return scope.kind === 'kiosk' || a.orderIds.includes(scope.orderId);
}

/** The failures that count for a scope: those within memory after its last success, oldest first. */
function countingFailures(attempts: readonly CodeAttempt[], scope: LockScope, now: number): CodeAttempt[] {
  const relevant = attempts.filter((a) => inScope(a, scope) && a.at > now - CODE_ATTEMPT_MEMORY_MS && a.at <= now).sort((a, b) => a.at - b.at);
  const lastOk = relevant.findLastIndex((a) => a.ok);
  return relevant.slice(lastOk + 1);
}

/** How long the lock lasts after this many failures in a row (0 below the threshold). */
export function lockDurationMs(failures: number): number {
  if (failures < CODE_FAILURES_BEFORE_LOCK) return 0;
  return Math.min(CODE_LOCK_BASE_MS * 2 ** (failures - CODE_FAILURES_BEFORE_LOCK), CODE_LOCK_MAX_MS);
}

/** When the scope may try again (epoch ms), or null when it is not locked now. */
export function lockedUntil(attempts: readonly CodeAttempt[], scope: LockScope, now: number): number | null {
  const failures = countingFailures(attempts, scope, now);
  const last = failures.at(-1);
  if (!last) return null;
  const until = last.at + lockDurationMs(failures.length);
  return until > now ? until : null;
}

/** The latest lock among the kiosk and the given orders, or null: a code aimed at a locked order is not checked. */
export function lockFor(attempts: readonly CodeAttempt[], orderIds: readonly string[], now: number): number | null {
  const untils = [{ kind: 'kiosk' } as const, ...orderIds.map((orderId) => ({ kind: 'order', orderId }) as const)]
    .map((scope) => lockedUntil(attempts, scope, now))
    .filter((u): u is number => u !== null);
  return untils.length === 0 ? null : Math.max(...untils);
}

/** The attempts still worth keeping: what the kiosk writes back to its storage after each try. */
export function keepAttempts(attempts: readonly CodeAttempt[], now: number): CodeAttempt[] {
  return attempts.filter((a) => a.at > now - CODE_ATTEMPT_MEMORY_MS);
}
