import { useSyncExternalStore } from 'react';

/**
 * One clock for every countdown on screen. A timer per row would mean hundreds of intervals drifting apart;
 * this one ticks on the second boundary and only runs while something listens.
 */
const listeners = new Set<() => void>();
let now = Date.now();
let timer: ReturnType<typeof setTimeout> | null = null;

function schedule(): void {
  timer = setTimeout(() => {
    now = Date.now();
    for (const listener of listeners) listener();
    schedule();
  }, 1000 - (Date.now() % 1000));
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  if (timer === null) {
    now = Date.now();
    schedule();
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && timer !== null) {
      clearTimeout(timer);
      timer = null;
    }
  };
}

const snapshot = () => now;

/** Wall-clock milliseconds, updated once a second for all subscribers together. */
export function useNow(): number {
  return useSyncExternalStore(subscribe, snapshot, snapshot);
}
