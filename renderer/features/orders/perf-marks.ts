/**
 * User Timing marks that `npm run bench` (bench/queue.ts) reads back from the page. Each costs a timestamp and one
 * timeline entry, and changes nothing on screen. A name's previous mark is cleared first, so a terminal that runs
 * all day keeps one entry per name, not one per scan.
 */
export const QUEUE_MARKS = {
  /** The live queue's first query results (orders and events) arrived from RxDB. */
  firstQuery: 'storeops:queue-first-query',
  /** ...and their rows were derived (status folds), ready to render. */
  firstData: 'storeops:queue-first-data',
  /** The first commit of the order queue with rows in the DOM. */
  firstRows: 'storeops:queue-first-rows',
  /** The commit that opened the order a scan found (the drawer with its id). */
  scanFeedback: 'storeops:queue-scan-feedback',
  /** The order detail's first commit with the order's data (lines, actions). */
  detailShown: 'storeops:order-detail-shown',
} as const;

/** Suffix of the mark set once the browser has painted the frame that carries a commit. */
export const PAINTED = ':painted';

export function mark(name: string): void {
  performance.clearMarks(name);
  performance.mark(name);
}

/** Marks a commit now and, as `name:painted`, the end of the frame that paints it. */
export function markFrame(name: string): void {
  mark(name);
  // A rAF callback runs just before the frame is painted; a task posted from it runs once that paint is done.
  requestAnimationFrame(() => setTimeout(() => mark(name + PAINTED), 0));
}
