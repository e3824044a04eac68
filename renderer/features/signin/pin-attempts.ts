import type { PinLockout, PinRefusalCode, StoreOpsContract } from '../../../main/contract.js';

/**
 * A PIN attempt as the screen sees it. The renderer holds nothing to check a PIN against and keeps no count: it
 * asks the main side (`verifyPin`), which holds the verifiers and the lock-out, and shows what it decides. So
 * neither devtools nor a reload can test PINs or lift a lock-out (docs/ARCHITECTURE.md, "Operators and
 * permissions").
 */
export type PinCheck =
  | { ok: true }
  | { ok: false; code: PinRefusalCode; failures: number; lockedUntilMs: number; attemptsLeft?: number };

/** What a lock-out looks like on screen: the count, and until when (0 when the operator may try now). */
export interface LockoutView {
  failures: number;
  lockedUntilMs: number;
}

export const NO_LOCKOUT: LockoutView = { failures: 0, lockedUntilMs: 0 };

export function lockoutView(l: PinLockout): LockoutView {
  return { failures: l.failures, lockedUntilMs: l.lockedUntil ? Date.parse(l.lockedUntil) : 0 };
}

export function secondsLeft(untilMs: number, nowMs: number): number {
  return Math.max(0, Math.ceil((untilMs - nowMs) / 1000));
}

/** One PIN attempt through the contract. Contract failures (the main side not answering) are thrown. */
export async function checkPin(platform: Pick<StoreOpsContract, 'verifyPin'>, operatorId: string, pin: string): Promise<PinCheck> {
  const r = await platform.verifyPin({ operatorId, pin });
  if (r.ok) return { ok: true };
  switch (r.code) {
    case 'WRONG_PIN':
      return { ok: false, code: r.code, failures: r.failures, lockedUntilMs: 0, attemptsLeft: r.attemptsLeft };
    case 'LOCKED_OUT':
      return { ok: false, code: r.code, failures: r.failures, lockedUntilMs: Date.parse(r.until) };
    default:
      return { ok: false, code: r.code, failures: 0, lockedUntilMs: 0 };
  }
}
