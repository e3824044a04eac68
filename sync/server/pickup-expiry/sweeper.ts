import type { FastifyBaseLogger } from 'fastify';
import type { Db } from '../db/index.js';
import { remindAll } from './remind.js';

/**
 * How often the centre looks for pickup orders due a reminder: a reminder goes out within this much of its time.
 * The sweep reads only the ready pickup orders' folds and facts, a few hundred per store at most.
 */
export const DEFAULT_REMINDER_SWEEP_MS = 600_000;

/**
 * The reminder timer lives at the centre, not on a terminal: the centre is always on and sees every store's orders,
 * while a terminal may be off or offline for the very days a reminder falls due. Several instances may sweep one
 * database; pickup_reminders' key lets only one of them write each reminder.
 */
export class ReminderSweeper {
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
    // Soon after start: a server that was down when reminders fell due sends them at once.
    this.schedule(Math.min(this.everyMs, 10_000));
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
    try {
      const reminded = await remindAll(this.db);
      if (reminded.length > 0) this.log.info({ reminded: reminded.length }, 'pickup reminders put on the platform feed');
    } catch (err) {
      // The next sweep tries again: a reminder is claimed and fed in one transaction, so none is half written.
      this.log.error({ err }, 'pickup reminder sweep failed');
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }
}
