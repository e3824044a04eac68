import { PAINTED } from '../orders/perf-marks.js';

/**
 * User Timing marks that `npm run bench inventory` (bench/inventory.ts) reads back from the page, as the queue's
 * (orders/perf-marks.ts): a timestamp and one timeline entry each, the previous one of a name cleared first.
 */
export const INVENTORY_MARKS = {
  /** The stock list committed the results of a search; its detail is that search text. */
  results: 'storeops:inventory-results',
} as const;

function mark(name: string, detail: string): void {
  performance.clearMarks(name);
  performance.mark(name, { detail });
}

/** Marks the commit of a search's results now and, as `results:painted`, the end of the frame that paints them. */
export function markResults(search: string): void {
  mark(INVENTORY_MARKS.results, search);
  requestAnimationFrame(() => setTimeout(() => mark(INVENTORY_MARKS.results + PAINTED, search), 0));
}
