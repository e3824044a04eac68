import { useEffect, useLayoutEffect, useRef } from 'react';
import { EMPTY_SCAN_STATE, feedKey } from './scanner.js';
import { useScannerSettings } from './scanner-settings.js';

/** Returns false to pass the scan on to the next handler; anything else means it was taken. */
export type ScanHandler = (code: string) => boolean | void;
/** Told of a scan the page did not read in full, with the keys it did read (to take them back out of a field). */
export type IncompleteScanHandler = (text: string) => void;

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
  private readonly incomplete: { current: IncompleteScanHandler }[] = [];

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

  /** Screens that hold typed keys register here; the newest hears of an incomplete scan. */
  addIncomplete(entry: { current: IncompleteScanHandler }): () => void {
    this.incomplete.push(entry);
    return () => {
      const index = this.incomplete.indexOf(entry);
      if (index >= 0) this.incomplete.splice(index, 1);
    };
  }

  routeIncomplete(text: string): void {
    this.incomplete.at(-1)?.current(text);
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

/** A code that arrived by keyboard rather than from the scanner (the keyed entry field): routed as a scan. */
export function routeKeyedCode(code: string): boolean {
  return routes.route(code);
}

/**
 * Listens to the whole window for scans, with this terminal's scanner settings. Mount once, near the root. Runs in
 * the capture phase so the completing suffix (and, with a prefix, every key of the scan) never reaches a focused
 * button or a screen's shortcuts. `onIncomplete` tells the operator a scan was not read in full.
 */
export function useScannerWedge(onIncomplete: () => void = () => undefined): void {
  const options = useScannerSettings((s) => s.options);
  const notify = useRef(onIncomplete);
  useLayoutEffect(() => {
    notify.current = onIncomplete;
  });
  useEffect(() => {
    let state = EMPTY_SCAN_STATE;
    const onKeyDown = (event: KeyboardEvent) => {
      const step = feedKey(state, {
        key: event.key,
        at: event.timeStamp,
        withModifier: event.ctrlKey || event.altKey || event.metaKey,
      }, options);
      state = step.state;
      const passthrough = isPassthrough(event.target);
      const stop = () => {
        event.preventDefault();
        event.stopImmediatePropagation();
      };
      const result = step.result;
      if (result?.kind === 'scan') {
        performance.clearMarks(SCAN_MARK);
        performance.mark(SCAN_MARK, { detail: result.code });
        const taken = routes.route(result.code, passthrough ? ['global'] : undefined);
        // Nobody took it: by timing, the keys stay ordinary typing (a form's Enter); a prefixed scan's keys are gone.
        if (taken || (options.prefix !== '' && !passthrough)) stop();
        return;
      }
      // A free-text field keeps every key; anywhere else the keys of a prefixed scan and an incomplete one's suffix
      // are the scanner's, not the screen's.
      if (passthrough) return;
      if (result?.kind === 'incomplete') {
        routes.routeIncomplete(result.text);
        notify.current();
      }
      if (step.consumed) stop();
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

/** Hears of scans the page did not read in full while this component is mounted (the newest such component). */
export function useIncompleteScanHandler(handler: IncompleteScanHandler, active = true): void {
  const ref = useRef(handler);
  useLayoutEffect(() => {
    ref.current = handler;
  });
  useEffect(() => {
    if (!active) return;
    return routes.addIncomplete({ current: (text: string) => ref.current(text) });
  }, [active]);
}
