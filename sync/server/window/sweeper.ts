import type { FastifyBaseLogger } from 'fastify';
import type { Db } from '../db/index.js';
import { sweepWindow } from './sweep.js';

/** How often the window is swept by default: finished orders leave within this much of their day's end. */
export const DEFAULT_WINDOW_SWEEP_MS = 3_600_000;

/**
 * Sweeps every store's window on a timer, one sweep at a time. Several instances may sweep one database: each slice
 * runs under the store's lock and is judged again there, so a second sweeper finds nothing left to move.
 */
export class WindowSweeper {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = false;

  constructor(
    private readonly db: Db,
    private readonly everyMs: number,
    private readonly log: FastifyBaseLogger,
  ) {}

  start(): void {
    if (this.everyMs <= 0) return;
    // The first sweep soon after start: a server that was down overnight catches up at once.
    this.schedule(Math.min(this.everyMs, 5_000));
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.sweepOnce().finally(() => {
        this.running = undefined;
        this.schedule(this.everyMs);
      });
    }, ms);
    this.timer.unref();
  }

  async sweepOnce(): Promise<void> {
    const started = Date.now();
    try {
      const results = await sweepWindow(this.db);
      let orders = 0;
      let moves = 0;
      for (const r of results.values()) {
        orders += r.orders;
        moves += r.moves;
      }
      if (orders + moves > 0) this.log.info({ orders, moves, ms: Date.now() - started }, 'window sweep moved finished work out of the terminals');
    } catch (err) {
      // The next sweep tries again; nothing is lost by a sweep that failed half-way (each slice is its own commit).
      this.log.error({ err }, 'window sweep failed');
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }
}
