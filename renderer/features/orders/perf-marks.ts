/**
 * User Timing marks that `npm run bench` (bench/queue.ts) reads back from the page. Each costs a timestamp and one
 * timeline entry, and changes nothing on screen. A name's previous mark is cleared first, so a terminal that runs
 * all day keeps one entry per name, not one per scan.
 */
export const QUEUE_MARKS = {
  /** The queue started reading its first page (a few dozen orders by deadline, with their events). */
  firstPageStart: 'storeops:queue-first-page-start',
  /** ...and the page's rows were read and derived (status folds), ready to render. */
  firstData: 'storeops:queue-first-data',
  /** The first commit of the order queue with rows in the DOM (usually the first page's). */
  firstRows: 'storeops:queue-first-rows',
  /** The full live query's first results (all orders and all events) arrived from RxDB. */
  fullQuery: 'storeops:queue-full-query',
  /** ...and all their rows were derived. */
  fullData: 'storeops:queue-full-data',
  /** The first commit of the order queue with every order in its rows. */
  fullRows: 'storeops:queue-full-rows',
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
