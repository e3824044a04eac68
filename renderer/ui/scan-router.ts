import { useEffect, useLayoutEffect, useRef } from 'react';
import { EMPTY_SCAN_STATE, feedKey, type ScanOptions, DEFAULT_SCAN_OPTIONS } from './scanner.js';

/** Returns false to pass the scan on to the next handler; anything else means it was taken. */
export type ScanHandler = (code: string) => boolean | void;

/**
 * Who gets a scan first. `modal`: an open dialog (manager approval) takes every scan. `global`: app-wide codes
 * such as an operator badge, which work on any screen but pass on everything else. `screen`: the screen that is
 * open, innermost (most recently mounted) first.
 */
export type ScanLayer = 'modal' | 'global' | 'screen';
const LAYER_ORDER: readonly ScanLayer[] = ['modal', 'global', 'screen'];

/** The registered handlers by layer. A class, so the routing rule is tested without a DOM. */
export class ScanRoutes {
  private readonly layers: Record<ScanLayer, { current: ScanHandler }[]> = { modal: [], global: [], screen: [] };

  add(layer: ScanLayer, entry: { current: ScanHandler }): () => void {
    this.layers[layer].push(entry);
    return () => {
      const list = this.layers[layer];
      const index = list.indexOf(entry);
      if (index >= 0) list.splice(index, 1);
    };
  }

  /** Whether some handler took the scan. When none does, the keys stay ordinary typing (e.g. into a form field). */
  route(code: string, layers: readonly ScanLayer[] = LAYER_ORDER): boolean {
    for (const layer of LAYER_ORDER.filter((l) => layers.includes(l))) {
      const list = this.layers[layer];
      for (let i = list.length - 1; i >= 0; i--) {
        if (list[i]?.current(code) !== false) return true;
      }
    }
    return false;
  }
}

const routes = new ScanRoutes();

/** User Timing mark at each detected scan, read by bench/queue.ts; the previous one is cleared, so it never piles up. */
export const SCAN_MARK = 'storeops:scan';

/**
 * Fields marked with this attribute keep every key, the Enter too: free text (a reason, a filter) typed fast by
 * a test or pasted by a wedge is still just text for that field. Only app-wide codes (a badge) still act there.
 */
export const SCAN_PASSTHROUGH = { 'data-scan-passthrough': 'true' } as const;

function isPassthrough(target: EventTarget | null): boolean {
  return target instanceof Element && target.closest('[data-scan-passthrough="true"]') !== null;
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
      if (step.scan !== null) {
        performance.clearMarks(SCAN_MARK);
        performance.mark(SCAN_MARK, { detail: step.scan });
      }
      if (step.consumed && step.scan !== null && routes.route(step.scan, isPassthrough(event.target) ? ['global'] : undefined)) {
        event.preventDefault();
        event.stopImmediatePropagation();
      }
    };
    window.addEventListener('keydown', onKeyDown, { capture: true });
    return () => window.removeEventListener('keydown', onKeyDown, { capture: true });
  }, [options]);
}

/** Receives the scans while this component is mounted (and nothing mounted later in its layer takes them). */
export function useScanHandler(handler: ScanHandler, active = true, layer: ScanLayer = 'screen'): void {
  const ref = useRef(handler);
  useLayoutEffect(() => {
    ref.current = handler;
  });
  useEffect(() => {
    if (!active) return;
    return routes.add(layer, { current: (code: string) => ref.current(code) });
  }, [active, layer]);
}
