import type { Checkpoint } from '../protocol/sync.js';

/**
 * The next pull page, asked for while RxDB still writes the one before. A full page means more is waiting (a new
 * terminal's first sync), and the server's answer from a checkpoint is the same whenever it is read (later commits
 * land behind that checkpoint), so fetching it early loses nothing. It is taken only by a pull from exactly that
 * checkpoint and size; any other pull (a resync, a restart) drops it and fetches its own.
 */
export class PageAhead<P> {
  private ahead: { key: string; page: Promise<P> } | undefined;

  constructor(private readonly fetchPage: (checkpoint: Checkpoint | undefined, limit: number) => Promise<P>) {}

  /** The page from the checkpoint: the one fetched ahead when it matches, else a fresh fetch. */
  get(checkpoint: Checkpoint | undefined, limit: number): Promise<P> {
    const early = this.ahead;
    this.ahead = undefined;
    return early?.key === keyOf(checkpoint, limit) ? early.page : this.fetchPage(checkpoint, limit);
  }

  /** Starts fetching the page after a full one. */
  prefetch(checkpoint: Checkpoint, limit: number): void {
    const page = this.fetchPage(checkpoint, limit);
    // Not an unhandled rejection while nobody waits for it: a failure reaches the pull that takes the page, which
    // reports it as its own, and RxDB retries that pull after its retry time.
    page.catch(() => undefined);
    this.ahead = { key: keyOf(checkpoint, limit), page };
  }
}

const keyOf = (checkpoint: Checkpoint | undefined, limit: number) => `${JSON.stringify(checkpoint ?? null)}|${limit}`;
