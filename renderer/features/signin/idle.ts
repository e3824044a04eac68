import { useEffect, useRef } from 'react';

/** How long until the terminal locks, given the last input. Zero or less: lock now. */
export function idleRemainingMs(lastInputAtMs: number, nowMs: number, idleLockSeconds: number): number {
  return lastInputAtMs + idleLockSeconds * 1000 - nowMs;
}

/** Input that shows someone is at the terminal. A scanner types, so a scan counts too. */
const ACTIVITY_EVENTS = ['keydown', 'pointerdown', 'pointermove', 'wheel', 'touchstart'] as const;

/**
 * Calls onIdle once after `idleLockSeconds` without keyboard or pointer input. One timer, re-armed lazily: input
 * only records a time, so a moving mouse costs nothing.
 */
export function useIdleLock(idleLockSeconds: number, onIdle: () => void, active = true): void {
  const onIdleRef = useRef(onIdle);
  useEffect(() => {
    onIdleRef.current = onIdle;
  });
  useEffect(() => {
    if (!active) return;
    let lastInput = Date.now();
    let timer: ReturnType<typeof setTimeout> | null = null;
    const touch = () => {
      lastInput = Date.now();
    };
    const check = () => {
      const remaining = idleRemainingMs(lastInput, Date.now(), idleLockSeconds);
      if (remaining <= 0) {
        timer = null;
        onIdleRef.current();
        return;
      }
      timer = setTimeout(check, remaining);
    };
    for (const type of ACTIVITY_EVENTS) window.addEventListener(type, touch, { capture: true, passive: true });
    timer = setTimeout(check, idleLockSeconds * 1000);
    return () => {
      for (const type of ACTIVITY_EVENTS) window.removeEventListener(type, touch, { capture: true });
      if (timer !== null) clearTimeout(timer);
    };
  }, [idleLockSeconds, active]);
}
