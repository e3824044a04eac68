import { useEffect, useState } from 'react';
import type { Operator } from '../../../sync/model/index.js';
import type { PinRefusalCode } from '../../../main/contract.js';
import { useSession } from '../../ui/session.js';
import { useNow } from '../../ui/now.js';
import { checkPin, lockoutView, NO_LOCKOUT, secondsLeft, type LockoutView } from './pin-attempts.js';

export interface PinProblem {
  code: PinRefusalCode | 'CHECK_FAILED';
  /** While LOCKED_OUT: whole seconds until the next attempt is allowed. */
  seconds?: number;
  /** After WRONG_PIN: wrong PINs left before the lock-out. */
  attemptsLeft?: number;
}

export interface PinAttempt {
  pin: string;
  setPin: (pin: string) => void;
  busy: boolean;
  /** Why the operator cannot sign in now, or why the last attempt failed. */
  problem: PinProblem | null;
  /** Wrong PINs the main side counts for this operator on this terminal (shown to tests as data-failures). */
  failures: number;
  submit: () => Promise<void>;
}

/**
 * PIN entry for one operator. The main side checks the PIN and keeps the lock-out; choosing an operator asks it
 * for their lock-out at once, so a locked operator shows the countdown before anyone types, after a reload too.
 */
export function usePinAttempt(operator: Operator | null, onVerified: (operator: Operator) => void): PinAttempt {
  const { platform } = useSession();
  const now = useNow();
  const operatorId = operator?.id ?? null;
  const [lockout, setLockout] = useState<LockoutView>(NO_LOCKOUT);
  const [pin, setPin] = useState('');
  const [busy, setBusy] = useState(false);
  const [last, setLast] = useState<{ code: PinRefusalCode; attemptsLeft?: number } | null>(null);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    setPin('');
    setLast(null);
    setFailed(false);
    setLockout(NO_LOCKOUT);
    if (!operatorId) return;
    let current = true;
    platform.pinLockout(operatorId).then(
      (l) => current && setLockout(lockoutView(l)),
      (err: unknown) => {
        console.error('reading the lock-out failed', err);
        if (current) setFailed(true);
      },
    );
    return () => {
      current = false;
    };
  }, [platform, operatorId]);

  // useNow re-renders once a second; reading the clock here keeps the countdown from lagging that second.
  const clock = Math.max(now, Date.now());
  let problem: PinProblem | null = null;
  if (operator && !operator.active) problem = { code: 'INACTIVE' };
  else if (operator && !operator.hasPin) problem = { code: 'NO_PIN' };
  else if (lockout.lockedUntilMs > clock) problem = { code: 'LOCKED_OUT', seconds: secondsLeft(lockout.lockedUntilMs, clock) };
  else if (last && last.code !== 'LOCKED_OUT') problem = last;
  else if (failed) problem = { code: 'CHECK_FAILED' };

  const submit = async () => {
    if (!operator || busy || pin.length < 4) return;
    setBusy(true);
    setFailed(false);
    try {
      const result = await checkPin(platform, operator.id, pin);
      setPin('');
      if (result.ok) {
        setLast(null);
        setLockout(NO_LOCKOUT);
        onVerified(operator);
      } else {
        setLast({ code: result.code, ...(result.attemptsLeft !== undefined ? { attemptsLeft: result.attemptsLeft } : {}) });
        if (result.code === 'WRONG_PIN' || result.code === 'LOCKED_OUT') setLockout({ failures: result.failures, lockedUntilMs: result.lockedUntilMs });
      }
    } catch (err) {
      // The main side did not answer: say so rather than let anyone in.
      console.error('checking the PIN failed', err);
      setPin('');
      setFailed(true);
    } finally {
      setBusy(false);
    }
  };

  return { pin, setPin, busy, problem, failures: lockout.failures, submit };
}
