import { FrameReader, REPLY_STATUS, toHex, type Cu16Frame } from './cu16.js';
import { LockerError } from './errors.js';
import type { ByteLink } from './link.js';

export type BusEvent = 'tx' | 'rx' | 'dropped' | 'timeout';

export interface BusOptions {
  /** How long one attempt waits for its reply (default 300 ms: a CU16 answers in a few tens of ms at 19200 baud). */
  timeoutMs?: number;
  /** Further attempts after a silent or garbled one (default 2). */
  retries?: number;
  /** Every frame sent and received, every dropped byte and every timeout, for the audit log. */
  audit?: (event: BusEvent, hex: string, note?: string) => void;
  /** Called when a command's bytes have left for the bus (the OS took them). */
  onSent?: (frame: Uint8Array) => void;
}

interface Waiter {
  addr: number;
  resolve: (f: Cu16Frame) => void;
  reject: (err: Error) => void;
}

/**
 * One RS-485 bus: every board on it shares one pair of wires, and a board answers whatever it hears, so two
 * commands in flight would have their replies collide or be taken for each other. Commands therefore go through a
 * queue, one at a time: the next is written only after the previous one got its reply or gave up.
 */
export class LockerBus {
  droppedFrames = 0;
  private link: ByteLink | null = null;
  private opening: Promise<ByteLink> | null = null;
  private waiter: Waiter | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  private readonly reader = new FrameReader(
    (f) => this.onFrame(f),
    (bytes, why) => {
      if (why === 'bad-frame') this.droppedFrames++;
      this.audit('dropped', toHex(bytes), why);
    },
  );

  constructor(
    private readonly openLink: () => Promise<ByteLink>,
    private readonly opts: BusOptions = {},
  ) {}

  /** Sends a command and resolves with the board's status reply to it (same ADDR). Queued behind the others. */
  request(frame: Uint8Array): Promise<Cu16Frame> {
    const run = () => this.exchange(frame);
    const result = this.queue.then(run, run);
    this.queue = result.catch(() => undefined);
    return result;
  }

  async close(): Promise<void> {
    const link = this.link;
    this.link = null;
    await link?.close();
  }

  private async exchange(frame: Uint8Array): Promise<Cu16Frame> {
    const timeoutMs = this.opts.timeoutMs ?? 300;
    const attempts = 1 + (this.opts.retries ?? 2);
    const addr = frame[1] ?? 0;
    let lastError: LockerError | null = null;
    for (let attempt = 1; attempt <= attempts; attempt++) {
      const link = await this.connect();
      // A reply that arrived too late for the previous attempt (or half of one) must not pass for this one's.
      this.reader.reset();
      const reply = new Promise<Cu16Frame>((resolve, reject) => (this.waiter = { addr, resolve, reject }));
      let timeout: NodeJS.Timeout | undefined;
      const timer = new Promise<null>((resolve) => (timeout = setTimeout(() => resolve(null), timeoutMs)));
      try {
        this.audit('tx', toHex(frame));
        await link.write(frame);
        this.opts.onSent?.(frame);
        const got = await Promise.race([reply, timer]);
        if (got) return got;
        this.audit('timeout', toHex(frame), `no reply within ${timeoutMs} ms (attempt ${attempt} of ${attempts})`);
        lastError = new LockerError('LOCKER_TIMEOUT', `Board ${addr >> 4} did not answer ${toHex(frame)} within ${timeoutMs} ms, ${attempts} attempt(s)`);
      } catch (err) {
        // The link dropped mid-command: the next attempt reconnects.
        lastError = err instanceof LockerError ? err : new LockerError('LOCKER_UNREACHABLE', `Locker bus: ${String(err)}`, { cause: err });
      } finally {
        clearTimeout(timeout);
        this.waiter = null;
      }
    }
    throw lastError ?? new LockerError('LOCKER_TIMEOUT', 'no attempt made');
  }

  private connect(): Promise<ByteLink> {
    if (this.link) return Promise.resolve(this.link);
    this.opening ??= this.openLink().then(
      (link) => {
        this.opening = null;
        this.link = link;
        link.onData((chunk) => this.reader.push(chunk));
        link.onClose((err) => {
          if (this.link === link) this.link = null;
          this.waiter?.reject(new LockerError('LOCKER_UNREACHABLE', `Locker bus closed${err ? `: ${err.message}` : ''}`, { cause: err }));
        });
        return link;
      },
      (err: unknown) => {
        this.opening = null;
        throw err;
      },
    );
    return this.opening;
  }

  private onFrame(f: Cu16Frame): void {
    this.audit('rx', toHex(f.bytes));
    const w = this.waiter;
    if (w && f.cmd === REPLY_STATUS && f.addr === w.addr) {
      this.waiter = null;
      w.resolve(f);
    } else {
      this.audit('dropped', toHex(f.bytes), 'not the reply awaited');
    }
  }

  private audit(event: BusEvent, hex: string, note?: string): void {
    this.opts.audit?.(event, hex, note);
  }
}
