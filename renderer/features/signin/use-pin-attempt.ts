import { useEffect, useMemo, useState } from 'react';
import { of } from 'rxjs';
import type { Operator } from '../../../sync/model/index.js';
import { useSession } from '../../ui/session.js';
import { useObservable } from '../../ui/use-observable.js';
import { useNow } from '../../ui/now.js';
import { checkPin, localFailureLog, lockedUntilMs, NO_FAILURES, secondsLeft, type PinCheckCode } from './pin-attempts.js';

export interface PinProblem {
  code: PinCheckCode | 'CHECK_FAILED';
  /** While LOCKED: whole seconds until the next attempt is allowed. */
  seconds?: number;
}

export interface PinAttempt {
  pin: string;
  setPin: (pin: string) => void;
  busy: boolean;
  /** Why the operator cannot sign in now, or why the last attempt failed. */
  problem: PinProblem | null;
  /** Wrong PINs counted for this operator on this terminal (shown to tests as data-failures). */
  failures: number;
  submit: () => Promise<void>;
}

/**
 * PIN entry for one operator, with this terminal's lock-out read live: choosing an operator who is locked shows
 * the countdown at once, and a reload does not lift it.
 */
export function usePinAttempt(operator: Operator | null, onVerified: (operator: Operator) => void): PinAttempt {
  const { db } = useSession();
  const log = useMemo(() => localFailureLog(db), [db]);
  const now = useNow();
  const operatorId = operator?.id ?? null;
  const failures = useObservable(() => (operatorId ? log.watch(operatorId) : of(NO_FAILURES)), [log, operatorId]);
  const [pin, setPin] = useState('');
  const [busy, setBusy] = useState(false);
  const [lastCode, setLastCode] = useState<PinCheckCode | null>(null);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    setPin('');
    setLastCode(null);
    setFailed(false);
  }, [operatorId]);

  const until = failures.status === 'ready' ? lockedUntilMs(failures.value) : 0;
  // useNow re-renders once a second; reading the clock here keeps the countdown from lagging that second.
  const clock = Math.max(now, Date.now());
  let problem: PinProblem | null = null;
  if (operator && !operator.active) problem = { code: 'INACTIVE' };
  else if (operator && !operator.pinHash) problem = { code: 'NO_PIN' };
  else if (until > clock) problem = { code: 'LOCKED', seconds: secondsLeft(until, clock) };
  else if (lastCode === 'WRONG_PIN') problem = { code: 'WRONG_PIN' };
  else if (failed) problem = { code: 'CHECK_FAILED' };

  const submit = async () => {
    if (!operator || busy || pin.length < 4) return;
    setBusy(true);
    setFailed(false);
    try {
      const result = await checkPin(log, operator, pin);
      setPin('');
      if (result.ok) {
        setLastCode(null);
        onVerified(operator);
      } else {
        setLastCode(result.code);
      }
    } catch (err) {
      // The local database refused to read or write the failure count: say so rather than let anyone in.
      console.error('checking the PIN failed', err);
      setPin('');
      setFailed(true);
    } finally {
      setBusy(false);
    }
  };

  return { pin, setPin, busy, problem, failures: failures.status === 'ready' ? failures.value.failures : 0, submit };
}
