/**
 * The Kerong CU16 lock-board protocol (design §7): 19200 8N1 on RS-485, frames `02 ADDR CMD 03 SUM`, SUM = the low
 * byte of the sum of every byte before it, ADDR = board << 4 | lock index (lock 1 is index 0).
 *
 * Commands: 0x31 unlock one lock, 0x30 ask a board for its status (lock index 0).
 * Reply (our reading of the board, which the simulator speaks too): every command is answered with a status frame
 *   02 ADDR 35 B0 B1 03 SUM        (7 bytes)
 * where ADDR echoes the command's ADDR, B0 holds locks 1-8 and B1 locks 9-16, lock 1 in the lowest bit of B0 (low
 * byte first). A bit says "open" or "closed" depending on the cabinet's wiring: the bank's `openBit` decides.
 * An unlock's reply is taken when the board pulses the lock, so it may still read the door closed; the driver
 * confirms an open only with a later status poll.
 */

export const STX = 0x02;
export const ETX = 0x03;
export const CMD_STATUS = 0x30;
export const CMD_UNLOCK = 0x31;
export const REPLY_STATUS = 0x35;
export const LOCKS_PER_BOARD = 16;
export const MAX_BOARD = 15;
export const BAUD_RATE = 19200;

export function checksum(bytes: ArrayLike<number>, end = bytes.length): number {
  let sum = 0;
  for (let i = 0; i < end; i++) sum += bytes[i] ?? 0;
  return sum & 0xff;
}

export function address(board: number, lock: number): number {
  if (!Number.isInteger(board) || board < 0 || board > MAX_BOARD) throw new RangeError(`board must be 0-${MAX_BOARD}, got ${board}`);
  if (!Number.isInteger(lock) || lock < 1 || lock > LOCKS_PER_BOARD) throw new RangeError(`lock must be 1-${LOCKS_PER_BOARD}, got ${lock}`);
  return (board << 4) | (lock - 1);
}

function frame(body: number[]): Uint8Array {
  const bytes = [STX, ...body, ETX];
  return Uint8Array.from([...bytes, checksum(bytes)]);
}

/** Unlock lock 1-16 of a board: board 0 lock 1 = 02 00 31 03 36. */
export const unlockFrame = (board: number, lock: number) => frame([address(board, lock), CMD_UNLOCK]);

/** Ask a board for the state of its 16 locks: board 1 = 02 10 30 03 45. */
export const statusFrame = (board: number) => frame([address(board, 1), CMD_STATUS]);

/** A board's status reply; `bits` has bit 0 = lock 1 as the board reads its inputs (before polarity). */
export const statusReplyFrame = (addr: number, bits: number) => frame([addr & 0xff, REPLY_STATUS, bits & 0xff, (bits >> 8) & 0xff]);

export interface Cu16Frame {
  addr: number;
  board: number;
  /** 1-16, from the low nibble of ADDR. */
  lock: number;
  cmd: number;
  /** The bytes between CMD and ETX. */
  data: Uint8Array;
  bytes: Uint8Array;
}

/** Frame length by command byte; any other command byte is not a frame start. */
const LENGTH: Record<number, number> = { [CMD_STATUS]: 5, [CMD_UNLOCK]: 5, [REPLY_STATUS]: 7 };

/** The 16 locks of a status reply as open/closed, index 0 = lock 1. */
export function locksOpen(reply: Cu16Frame, openBit: 0 | 1): boolean[] {
  if (reply.cmd !== REPLY_STATUS || reply.data.length !== 2) throw new Error(`not a status reply: ${toHex(reply.bytes)}`);
  const bits = (reply.data[0] ?? 0) | ((reply.data[1] ?? 0) << 8);
  return Array.from({ length: LOCKS_PER_BOARD }, (_, i) => ((bits >> i) & 1) === openBit);
}

/** bad-frame: a whole frame with a wrong ETX or SUM (counted); noise: bytes that start no frame; partial: cut off. */
export type DropReason = 'bad-frame' | 'noise' | 'partial';

export const toHex = (bytes: ArrayLike<number>) => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join(' ');

/**
 * Turns a byte stream into frames, whatever the read boundaries: bytes are kept until a whole frame is there. A
 * frame whose ETX or SUM is wrong is dropped (reported to `onDropped`) and the search for STX resumes one byte
 * later, so one damaged byte costs one frame, not the stream.
 */
export class FrameReader {
  private buf: number[] = [];

  constructor(
    private readonly onFrame: (f: Cu16Frame) => void,
    private readonly onDropped: (bytes: Uint8Array, why: DropReason) => void = () => undefined,
  ) {}

  push(chunk: ArrayLike<number>): void {
    for (let i = 0; i < chunk.length; i++) this.buf.push(chunk[i] ?? 0);
    this.drain();
  }

  /** Forget a partial frame (after a timeout, so a late half reply cannot glue onto the next one). */
  reset(): void {
    if (this.buf.length) this.onDropped(Uint8Array.from(this.buf), 'partial');
    this.buf = [];
  }

  private drain(): void {
    for (;;) {
      const start = this.buf.indexOf(STX);
      if (start < 0) {
        if (this.buf.length) this.onDropped(Uint8Array.from(this.buf), 'noise');
        this.buf = [];
        return;
      }
      if (start > 0) this.onDropped(Uint8Array.from(this.buf.splice(0, start)), 'noise');
      if (this.buf.length < 3) return;
      const len = LENGTH[this.buf[2] ?? -1];
      if (len === undefined) {
        this.onDropped(Uint8Array.from(this.buf.splice(0, 1)), 'noise');
        continue;
      }
      if (this.buf.length < len) return;
      const bytes = Uint8Array.from(this.buf.slice(0, len));
      if (bytes[len - 2] !== ETX || bytes[len - 1] !== checksum(bytes, len - 1)) {
        // Only the STX goes: the frame may be a fragment, and the next frame may start inside it.
        this.buf.splice(0, 1);
        this.onDropped(bytes, 'bad-frame');
        continue;
      }
      this.buf.splice(0, len);
      const addr = bytes[1] ?? 0;
      this.onFrame({ addr, board: addr >> 4, lock: (addr & 0x0f) + 1, cmd: bytes[2] ?? 0, data: bytes.slice(3, len - 2), bytes });
    }
  }
}
