/**
 * A bus of Kerong CU16 lock boards behind a raw TCP serial server, speaking the same bytes as the real thing
 * (cu16.ts), for the tests, the bench and `npm start`. Doors open on an unlock and stay open until someone closes
 * them (`closeDoor`, as a customer or staff member would); faults can be switched on to test the driver.
 *
 *   npx tsx main/devices/locker/simulator-cli.ts --port 4001  (stdin: close N, stuck N, silence K, …)
 */
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { CMD_STATUS, CMD_UNLOCK, FrameReader, LOCKS_PER_BOARD, statusReplyFrame, toHex, type Cu16Frame } from './cu16.js';

export interface LockerSimulatorOptions {
  host?: string;
  /** 0 picks a free port. */
  port?: number;
  /** Boards at addresses 0..boards-1 (default 1). */
  boards?: number;
  /** How long a board takes to answer a command: its own time, the floor of any driver (default 5 ms). */
  boardDelayMs?: number;
  /** How the simulated cabinet is wired: the bit value a status reply uses for an open door (default 1). */
  openBit?: 0 | 1;
  /** Close a door this long after it opened (the demo's customers); never by default. */
  autoCloseMs?: number;
}

/** Faults to inject, changed at will while the simulator runs. */
export interface LockerFaults {
  /** Send each reply one byte per write, with a pause between, so the driver must reassemble it. */
  split: boolean;
  /** The next n replies go out with a wrong checksum. */
  badChecksum: number;
  /** The next n commands get no reply at all. */
  silence: number;
  /** Doors whose lock does not release ("board:lock"). */
  stuck: Set<string>;
}

export interface ReceivedCommand {
  hex: string;
  board: number;
  lock: number;
  cmd: number;
}

export interface LockerSimulator {
  host: string;
  port: number;
  boardDelayMs: number;
  faults: LockerFaults;
  commands(): readonly ReceivedCommand[];
  /** Commands that arrived while the board was still busy with the previous one (a driver must keep this 0). */
  overlaps(): number;
  isOpen(board: number, lock: number): boolean;
  closeDoor(board: number, lock: number): void;
  /** Called after a door opens or closes. */
  onChange(listener: (board: number, lock: number, open: boolean) => void): void;
  close(): Promise<void>;
}

export async function startLockerSimulator(opts: LockerSimulatorOptions = {}): Promise<LockerSimulator> {
  const host = opts.host ?? '127.0.0.1';
  const boardCount = opts.boards ?? 1;
  const delay = opts.boardDelayMs ?? 5;
  const openBit = opts.openBit ?? 1;
  const open: boolean[][] = Array.from({ length: boardCount }, () => Array<boolean>(LOCKS_PER_BOARD).fill(false));
  const faults: LockerFaults = { split: false, badChecksum: 0, silence: 0, stuck: new Set() };
  const received: ReceivedCommand[] = [];
  const listeners: Array<(board: number, lock: number, open: boolean) => void> = [];
  const sockets = new Set<Socket>();
  let busy = 0;
  let overlaps = 0;

  const setDoor = (board: number, lock: number, value: boolean) => {
    const row = open[board];
    if (!row || row[lock - 1] === value) return;
    row[lock - 1] = value;
    for (const l of listeners) l(board, lock, value);
    if (value && opts.autoCloseMs !== undefined) setTimeout(() => setDoor(board, lock, false), opts.autoCloseMs).unref();
  };

  const bitsOf = (board: number) => (open[board] ?? []).reduce((bits, isOpen, i) => bits | ((isOpen ? openBit : 1 - openBit) << i), 0);

  async function send(socket: Socket, bytes: Uint8Array): Promise<void> {
    if (!faults.split) return void socket.write(bytes);
    for (let i = 0; i < bytes.length; i++) {
      if (socket.destroyed) return;
      if (i > 0) await new Promise((r) => setTimeout(r, 2));
      socket.write(bytes.subarray(i, i + 1));
    }
  }

  function handle(socket: Socket, f: Cu16Frame): void {
    received.push({ hex: toHex(f.bytes), board: f.board, lock: f.lock, cmd: f.cmd });
    if (busy > 0) overlaps++;
    // A board that is not on the bus, or a silenced reply: nobody answers, as on a real RS-485 line.
    if (f.board >= boardCount || (f.cmd !== CMD_STATUS && f.cmd !== CMD_UNLOCK)) return;
    if (faults.silence > 0) {
      faults.silence--;
      return;
    }
    busy++;
    setTimeout(() => {
      // The reply is the state as the lock is pulsed; the door springs open just after (cu16.ts).
      const reply = statusReplyFrame(f.addr, bitsOf(f.board));
      if (f.cmd === CMD_UNLOCK && !faults.stuck.has(`${f.board}:${f.lock}`)) setDoor(f.board, f.lock, true);
      if (faults.badChecksum > 0) {
        faults.badChecksum--;
        reply[reply.length - 1] = ((reply[reply.length - 1] ?? 0) + 1) & 0xff;
      }
      void send(socket, reply).finally(() => busy--);
    }, delay);
  }

  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.setNoDelay(true);
    const reader = new FrameReader((f) => handle(socket, f));
    socket.on('data', (c: Buffer) => reader.push(c));
    socket.on('error', () => undefined); // a driver that hangs up mid-reply is not the simulator's problem
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((res, rej) => {
    server.once('error', rej);
    server.listen(opts.port ?? 0, host, () => res());
  });

  return {
    host,
    port: (server.address() as AddressInfo).port,
    boardDelayMs: delay,
    faults,
    commands: () => received,
    overlaps: () => overlaps,
    isOpen: (board, lock) => open[board]?.[lock - 1] ?? false,
    closeDoor: (board, lock) => setDoor(board, lock, false),
    onChange: (l) => void listeners.push(l),
    close: () =>
      new Promise<void>((res, rej) => {
        for (const s of sockets) s.destroy();
        server.close((err) => (err ? rej(err) : res()));
      }),
  };
}
