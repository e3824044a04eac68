import { useEffect, useLayoutEffect, useRef } from 'react';
import { EMPTY_SCAN_STATE, feedKey, type ScanOptions, DEFAULT_SCAN_OPTIONS } from './scanner.js';

export type ScanHandler = (code: string) => void;

/**
 * The screens that want scans, innermost last. A scan goes to the screen that is open: the most recently
 * mounted handler (the order detail over the queue, later a pick list over both).
 */
const handlers: { current: ScanHandler }[] = [];

/** Whether a screen took the scan. When none does, the keys stay ordinary typing (e.g. into a form field). */
function route(code: string): boolean {
  const top = handlers.at(-1);
  if (!top) return false;
  top.current(code);
  return true;
}

/**
 * Listens to the whole window for scanner bursts. Mount once, near the root. Runs in the capture phase so the
 * completing Enter never reaches a focused button or the queue's "open" shortcut.
 */
export function useScannerWedge(options: ScanOptions = DEFAULT_SCAN_OPTIONS): void {
  useEffect(() => {
    let state = EMPTY_SCAN_STATE;
    const onKeyDown = (event: KeyboardEvent) => {
      const step = feedKey(state, {
        key: event.key,
        at: event.timeStamp,
        withModifier: event.ctrlKey || event.altKey || event.metaKey,
      }, options);
      state = step.state;
      if (step.consumed && step.scan !== null && route(step.scan)) {
        event.preventDefault();
        event.stopImmediatePropagation();
      }
    };
    window.addEventListener('keydown', onKeyDown, { capture: true });
    return () => window.removeEventListener('keydown', onKeyDown, { capture: true });
  }, [options]);
}

/** Receives the scans while this component is mounted (and nothing mounted later also takes them). */
export function useScanHandler(handler: ScanHandler, active = true): void {
  const ref = useRef(handler);
  useLayoutEffect(() => {
    ref.current = handler;
  });
  useEffect(() => {
    if (!active) return;
    const entry = { current: (code: string) => ref.current(code) };
    handlers.push(entry);
    return () => {
      const index = handlers.indexOf(entry);
      if (index >= 0) handlers.splice(index, 1);
    };
  }, [active]);
}
