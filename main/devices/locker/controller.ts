import { locksOpen, statusFrame, unlockFrame } from './cu16.js';
import { LockerBus } from './bus.js';
import { LockerError } from './errors.js';
import type { BoardHealth } from './types.js';

/** What the rest of the terminal asks of a bank's lock boards, whatever the board protocol. */
export interface LockerController {
  /** Unlocks one lock and resolves once a status poll reads it open; DOOR_DID_NOT_OPEN otherwise. */
  open(board: number, lock: number): Promise<{ attempts: number; confirmedAt: Date }>;
  /** The 16 locks of a board, index 0 = lock 1, true = open (after the bank's polarity). */
  boardStatus(board: number): Promise<boolean[]>;
  /** Which boards answer a status request now. */
  health(boards: readonly number[]): Promise<BoardHealth[]>;
  /** Frames dropped for a bad checksum since the bus was opened. */
  droppedFrames(): number;
  close(): Promise<void>;
}

export interface Cu16Options {
  /** The bit value that means open (the bank's wiring). */
  openBit: 0 | 1;
  /** Pause between status polls while waiting for the door (default 50 ms). */
  pollMs?: number;
  /** How long one unlock may take to read open before it is sent again (default 1500 ms). */
  confirmMs?: number;
  /** Unlock commands before giving up with DOOR_DID_NOT_OPEN (default 2: one retry). */
  unlockAttempts?: number;
  now?: () => Date;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The Kerong CU16 driver: commands through the bus's queue, opens confirmed by polling the board's status. */
export class Cu16Controller implements LockerController {
  constructor(
    private readonly bus: LockerBus,
    private readonly opts: Cu16Options,
  ) {}

  async open(board: number, lock: number): Promise<{ attempts: number; confirmedAt: Date }> {
    const tries = this.opts.unlockAttempts ?? 2;
    const confirmMs = this.opts.confirmMs ?? 1500;
    const now = this.opts.now ?? (() => new Date());
    for (let attempt = 1; attempt <= tries; attempt++) {
      // The unlock's own reply is taken as the board pulses the lock; only a later status read is proof.
      await this.bus.request(unlockFrame(board, lock));
      const deadline = performance.now() + confirmMs;
      do {
        if ((await this.boardStatus(board))[lock - 1]) return { attempts: attempt, confirmedAt: now() };
        await sleep(this.opts.pollMs ?? 50);
      } while (performance.now() < deadline);
    }
    throw new LockerError('DOOR_DID_NOT_OPEN', `Board ${board} lock ${lock} still read closed after ${tries} unlock(s), ${confirmMs} ms each`);
  }

  async boardStatus(board: number): Promise<boolean[]> {
    return locksOpen(await this.bus.request(statusFrame(board)), this.opts.openBit);
  }

  async health(boards: readonly number[]): Promise<BoardHealth[]> {
    const out: BoardHealth[] = [];
    for (const board of boards) {
      try {
        await this.boardStatus(board);
        out.push({ board, answering: true });
      } catch (err) {
        if (!(err instanceof LockerError)) throw err;
        out.push({ board, answering: false, errorCode: err.code });
      }
    }
    return out;
  }

  droppedFrames(): number {
    return this.bus.droppedFrames;
  }

  close(): Promise<void> {
    return this.bus.close();
  }
}
